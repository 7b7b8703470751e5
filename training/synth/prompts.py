"""Prompt templates, exactly as docs/model-pack.md's manifest 'templates' (the model side must use the same)."""

CAPTION = {"short": "\n\nShort caption:", "normal": "\n\nCaption:", "long": "\n\nLong caption:"}
QUERY = "\n\nQuestion: {question}\n\nAnswer:"
DETECT = "\n\nDetect: {object}\n\n"
POINT = "\n\nPoint: {object}\n\n"
OCR = "\n\nText:\n{lines}"


def ocr_block(lines: str | None) -> str:
    return "" if lines is None else OCR.format(lines=lines)


def task_prompt(task: str, length: str | None = None, question: str | None = None, obj: str | None = None) -> str:
    if task == "caption":
        return CAPTION[length]
    if task == "query":
        return QUERY.format(question=question.strip())
    if task == "detect":
        return DETECT.format(object=obj)
    if task == "point":
        return POINT.format(object=obj)
    raise ValueError(task)
