"""Stage: drop unhelpful question/answer pairs.

A pair is dropped when
  - the answer restates the question ("How many people are there?" -> "There are people in the image"):
    the answer adds no content word the question did not already contain (yes/no, choice questions and
    numbers excepted) -> 'restates';
  - a count question gets an answer without a number -> 'vague';
  - it is not answerable from the pixels: a text line it reads is neither in the OCR block (with few errors)
    nor large enough to read at the model's input size, or an object it asks about is too small -> 'unreadable'
    / 'invisible';
  - it is ambiguous: a referring expression it uses matches no object or more than one -> 'ambiguous';
  - the answer is empty or too long for the answer budget -> 'length';
  - the same question was already asked -> 'duplicate'.
"""
from __future__ import annotations

import re

from . import refer as R
from .language import content_words

MAX_ANSWER_CHARS = 300
_NUM = re.compile(r"\b(\d+(\.\d+)?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|none)\b", re.I)
_YESNO = re.compile(r"^(yes|no)\b", re.I)


def why_drop(qa, scene, ev, seen=None) -> str | None:
    """The reason a pair is dropped, or None to keep it."""
    a = qa.answer.strip()
    if not a or len(a) > MAX_ANSWER_CHARS:
        return "length"
    if seen is not None:
        k = re.sub(r"\W+", " ", qa.question.lower()).strip()
        if k in seen:
            return "duplicate"
        seen.add(k)
    if qa.refusal:
        return None
    if qa.qtype == "count" and not qa.choice and not _NUM.search(a):
        return "vague"
    if not _YESNO.match(a) and not qa.choice and qa.qtype != "count":
        new = content_words(a) - content_words(qa.question)
        if not new:
            return "restates"
    for ref in qa.refs:
        if len(R.matching(scene, ref)) != 1:
            return "ambiguous"
    if ev is not None:
        if not ev.text_ok(qa.lines):
            return "unreadable"
        if not ev.objs_visible(qa.objs):
            return "invisible"
    return None


def apply(pairs, scene, ev, stats: dict | None = None) -> list:
    seen = set()
    kept = []
    for qa in pairs:
        r = why_drop(qa, scene, ev, seen)
        if stats is not None:
            stats[r or "kept"] = stats.get(r or "kept", 0) + 1
        if r is None:
            kept.append(qa)
    return kept
