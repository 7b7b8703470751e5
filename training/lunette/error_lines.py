"""An error's presence, its code and the package it misses read from the OCR lines (pack manifest
`generation.errors: "ocr_lines"`).

The PyTorch reference of `src/engine/errorLines.ts`, step for step; `test/fixtures/errors.json` holds cases both
sides must pass. Asked "Is there an error?" over a banner reading "Error: Payment failed.", the model said "No";
asked "What error code is shown?" over a 404 page, "Go home"; asked which package pip could not find, "pip install".
Yet each is plain in the OCR lines: an error line starts with "error", "fatal", "failed", "failure", "exception",
"traceback" or "uncaught" and goes on (a diagram's state "Failed" is no error), or starts with an exception's name
and ":" ("ModuleNotFoundError:"; not "except Exception:" in code), or holds "error", "err" or "fatal" before ":" or
"!", or "error" before a code ("error TS2304"), or a count of errors ("1 error", not "0 errors"), or a word before
"failed" ("Payment failed", not "0 failed"); an error code is an HTTP status (4xx, 5xx) standing alone, a compiler's
code ("TS2304", "E0308", "CS1002") or a system's (ERRNO: "ENOENT"); a missing package is named after "No matching
distribution found for", "No module named", "Cannot find module" or "Could not resolve", or before "is not in the
npm registry" (less a version range: "left-pad@*").

So when a question asks whether there is an error (not in the code: a squiggle is not in the lines), the answer is
"Yes" where a line is an error line (else the model answers); when it asks the error (or status) code, the first
code in reading order; when it asks which package (module, dependency, library) is missing or not found, the first
missing package. The answer is the model's only candidate (`Generator.best_answer` with `only_candidates`).
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

_ASKS_ERROR = re.compile(r"^(is|are) there (an? |any )?(errors?|problems?|failures?)\b")
_ASKS_CODE = re.compile(r"\b(error|status|exit) code\b")
_ASKS_PACKAGE = re.compile(r"\b(which|what)\b.*\b(package|module|dependency|library)\b.*"
                           r"\b(missing|not found|be found|not installed|not be installed|failed|unresolved|resolved?)\b")
_ERROR_LINE = re.compile(r"^\W*(error|fatal|failed|failure|exception|traceback|uncaught)\b\W*\w"
                         r"|^\W*[\w.$]*(error|exception)\s*:|\b(error|err|fatal)\s*[:!]|\berror\s*\[?[A-Z]+\d+"
                         r"|\b[1-9]\d* errors?\b"
                         r"|\b(?!0 )\w+ failed\b", re.IGNORECASE | re.ASCII)
# system error names (Node's and libc's errno, npm's)
ERRNO = ("EACCES", "EADDRINUSE", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "EEXIST", "EISDIR", "ELIFECYCLE",
         "EMFILE", "ENOENT", "ENOSPC", "ENOTDIR", "ENOTEMPTY", "ENOTFOUND", "EPERM", "EPIPE", "ERESOLVE", "ETIMEDOUT")
_CODES = (re.compile(r"(?<![\w.:/-])([45]\d\d)(?![\w.:/-])", re.ASCII),
          re.compile(r"\b((?:TS|CS|E)\d{3,5}|" + "|".join(ERRNO) + r")\b", re.ASCII))
_MISSING = re.compile(r"(?:no matching distribution found for|no module named|cannot find module|could not resolve)"
                      r"\s+['\"`]?([\w@./-]*\w)|['\"`]?([\w@./-]*\w)(?:@[^\s'\"`]*)?['\"`]? is not in the npm registry",
                      re.IGNORECASE | re.ASCII)


def asked_error(question: str) -> Optional[str]:
    """"error" when `question` asks whether there is an error (not in the code), "code" when it asks the error
    code, "package" when it asks which package is missing; else None."""
    text = question.lower().strip()
    if _ASKS_ERROR.search(text) and "code" not in text:
        return "error"
    if _ASKS_CODE.search(text):
        return "code"
    if _ASKS_PACKAGE.search(text):
        return "package"
    return None


def error_answers(lines: Sequence[Tuple[int, int, str]], asked: str) -> List[str]:
    """The answer the OCR block (x, y in whole percent, text; in reading order) leaves, as `asked_error` names the
    question; none where it has no such line."""
    if asked == "error":
        return ["Yes"] if any(_ERROR_LINE.search(text) for _, _, text in lines) else []
    if asked == "code":
        for pattern in _CODES:
            for _, _, text in lines:
                found = pattern.search(text)
                if found:
                    return [found.group(1)]
        return []
    for _, _, text in lines:
        found = _MISSING.search(text)
        if found:
            return [found.group(1) or found.group(2)]
    return []
