"""File names and a code file's language read from the OCR lines (pack manifest `generation.file_names:
"ocr_lines"`).

The PyTorch reference of `src/engine/fileNames.ts`, step for step; `test/fixtures/file-names.json` holds cases both
sides must pass. Asked "What is the name of the open file?", the model answered "main.go" over an editor whose tab
read "main.rs", and "User" for "UserService.java"; asked which file a dialog deletes or an upload sends, it wrote the
whole line ("Delete report.pdf?") or cut the name ("design"); asked the code's language, it said Go over Rust. Yet
a file name is plain in the OCR lines: a run of letters, digits, "_", "-", "." and "/" ending in a dot and one of
EXTENSIONS, not called ("res.json()"; a compiler's "index.ts(12,5)" is a file); and an editor's open file is one
of its tabs, the top row of lines holding a file name.

So when a question asks which file, or the name of a file (`asked_file`), the answers are the file names of the OCR
block in reading order, each once; where it asks the open, current or active file (or the one being edited or
shown), those of the top row: the lines holding any whose corner is within ROW of the highest such. When it asks
which (programming) language the code is in, the answers are the languages of the top row's names whose extension
names one (LANGUAGES), each once; none: the model answers. The model ranks the answers (`Generator.best_answer`
with `only_candidates`): with one, the pixels answer.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

# a code file's language, by its extension
LANGUAGES: Dict[str, str] = {
    "py": "Python", "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "jsx": "JavaScript",
    "ts": "TypeScript", "tsx": "TypeScript", "rs": "Rust", "go": "Go", "java": "Java", "kt": "Kotlin",
    "c": "C", "h": "C", "cpp": "C++", "cc": "C++", "hpp": "C++", "cs": "C#", "rb": "Ruby", "php": "PHP",
    "swift": "Swift", "scala": "Scala", "dart": "Dart", "lua": "Lua", "sh": "Shell", "bash": "Shell",
    "ps1": "PowerShell", "sql": "SQL", "html": "HTML", "css": "CSS", "scss": "SCSS", "vue": "Vue",
    "ex": "Elixir", "hs": "Haskell", "r": "R", "jl": "Julia", "zig": "Zig",
}
# the extensions a file name ends in: code, configuration, documents, media and archives
EXTENSIONS = sorted(set(LANGUAGES) | {
    "json", "yaml", "yml", "toml", "xml", "ini", "cfg", "conf", "env", "lock", "md", "txt", "csv", "log",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico",
    "fig", "psd", "sketch", "mp4", "mov", "mp3", "wav", "zip", "tar", "gz", "tgz", "db", "ipynb", "wasm",
}, key=lambda e: (-len(e), e))
_FILE = re.compile(r"(?<![\w./-])([\w./-]*[\w-]\.(?:" + "|".join(EXTENSIONS) + r"))(?![\w-]|\((?!\d))",
                   re.IGNORECASE | re.ASCII)
# a row of tabs: lines whose corner is within this many percent of the highest one's
ROW = 1
_ASKS_FILE = re.compile(r"\b(which|what)\b.*\bfiles?\b|\bfile ?names?\b|\bname of the\b.*\bfile\b")
_ASKS_OPEN = re.compile(r"\b(open|opened|current|active|edited|shown|editing|tab)\b")
_ASKS_LANGUAGE = re.compile(r"\b(which|what)\b.*\blanguage\b")
# a page's or an app's language is a human one
_HUMAN_LANGUAGE = re.compile(r"\b(page|site|website|app|ui|interface|menu|spoken|human|natural)\b")


def asked_file(question: str) -> Optional[str]:
    """"open" when `question` asks the open file's name, "file" when it asks which file (a file's name),
    "language" when it asks which language the code is in; else None."""
    text = question.lower()
    if _ASKS_LANGUAGE.search(text):
        return None if _HUMAN_LANGUAGE.search(text) else "language"
    if "how many" in text or not _ASKS_FILE.search(text):
        return None
    return "open" if _ASKS_OPEN.search(text) else "file"


def file_names(text: str) -> List[str]:
    """The file names in a line of text, in order."""
    return [found.group(1) for found in _FILE.finditer(text)]


def file_answers(lines: Sequence[Tuple[int, int, str]], asked: str) -> List[str]:
    """The answers the OCR block (x, y in whole percent, text; in reading order) leaves, as `asked_file` names the
    question."""
    if asked == "file":
        names: List[str] = []
        for _, _, text in lines:
            names += [name for name in file_names(text) if name not in names]
        return names
    holding = [line for line in lines if file_names(line[2])]
    top = min((line[1] for line in holding), default=0)
    names: List[str] = []
    for _, y, text in holding:
        if y <= top + ROW:
            names += [name for name in file_names(text) if name not in names]
    if asked == "open":
        return names
    languages: List[str] = []
    for name in names:
        language = LANGUAGES.get(name.rsplit(".", 1)[1].lower())
        if language and language not in languages:
            languages.append(language)
    return languages
