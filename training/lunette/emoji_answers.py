"""Answers about emoji read from the pixels (pack manifest `generation.emoji: "pixels"`; lunette/emoji.py names them).

The PyTorch reference of `src/engine/emojiAnswers.ts`, step for step; `test/fixtures/emoji-answers.json` holds cases
both sides must pass. Asked "What animal is this?" of a dog, the model said "A mouse icon"; "How many cars are
there?" of two cars, "1". Where every object of a picture is an emoji the glyph index names (`recognise`: a plain
background, nothing else drawn), the pixels answer these:

- what (animal, fruit, object, vehicle…) this is, or is on the left or right (`asked_kind`): the names of the
  objects of that kind, or the leftmost or rightmost, with their article ("A dog"); the model picks among several
  (`Generator.best_answer` with `only_candidates`);
- how many of a named emoji there are (`asked_count`): how many objects have that name, when there is one or more;
- whether there is a named emoji (`asked_presence`): "Yes" or "No".

Elsewhere (a screenshot with an emoji in it, an emoji the index misses), the model answers alone.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from .counts import NUMBER_WORDS
from .held_back import plural

# what the question asks for -> the glyphs' category it means (none: any)
KIND_WORDS = {"animal": "animal", "fruit": "food", "food": "food", "vehicle": "vehicle", "plant": "plant",
              "drink": "drink", "object": None, "thing": None}
_KIND = re.compile(r"^\s*what(?:\s+(animal|fruit|food|object|vehicle|plant|drink|thing))?\s+(?:is|are)\s+"
                   r"(?:this(?:\s+(?:a\s+)?picture\s+of)?|that|it|these|shown|in\s+the\s+(?:image|picture)|"
                   r"on\s+the\s+(left|right))\s*[?.!]*\s*$")
_COUNT = re.compile(r"^\s*how\s+many\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:are|is)\s+(?:there|shown|in\s+the\s+(?:image|picture))"
                    r"\s*[?.!]*\s*$")
_PRESENCE = re.compile(r"^\s*(?:is|are)\s+there\s+(?:an?\s+|any\s+)?([a-z]+(?:\s+[a-z]+)?)(?:\s+in\s+the\s+(?:image|"
                       r"picture))?\s*[?.!]*\s*$")
Recognised = Sequence[Tuple[Tuple[float, float, float, float], str, str]]


def asked_kind(question: str) -> Optional[Tuple[Optional[str], Optional[str]]]:
    """(category or None, "left" | "right" | None) when `question` asks what this is ("What animal is this?",
    "What fruit is on the left?", "What is this?")."""
    m = _KIND.match(question.lower())
    return (KIND_WORDS[m.group(1)] if m.group(1) else None, m.group(2)) if m else None


def _named(words: str, names: Sequence[str]) -> Optional[str]:
    """The name of `names` that `words` is, singular or plural."""
    return next((name for name in names if words in (name, plural(name))), None)


def asked_emoji(question: str, names: Sequence[str]) -> Optional[tuple]:
    """What `question` asks of the emoji: ("kind", category or None, "left" | "right" | None) what this is;
    ("count", name) how many of a named emoji there are; ("presence", name) whether there is one; else None.
    `names`: every name of the index."""
    text = question.lower()
    kind = asked_kind(text)
    if kind:
        return ("kind", *kind)
    count = _COUNT.match(text)
    name = _named(count.group(1), names) if count else None
    if name:
        return "count", name
    presence = _PRESENCE.match(text)
    name = _named(presence.group(1), names) if presence else None
    return ("presence", name) if name else None


def emoji_answers(asked: tuple, recognised: Recognised, objects: int) -> List[str]:
    """The answers the named objects leave to what `asked_emoji` found asked: none unless every one of the
    `objects` is named."""
    if not recognised or len(recognised) != objects:
        return []
    if asked[0] == "kind":
        _, category, side = asked
        found = [r for r in recognised if category is None or r[2] == category]
        if side and found:
            middle = [(r[0][0] + r[0][2]) / 2 for r in found]
            found = [found[middle.index(min(middle) if side == "left" else max(middle))]]
        out = []
        for _, name, _ in found:
            answer = ("An " if name[0] in "aeiou" else "A ") + name
            if answer not in out:
                out.append(answer)
        return out
    n = sum(1 for r in recognised if r[1] == asked[1])
    if asked[0] == "count":
        return [str(n)] if n else []
    return ["Yes" if n else "No"]


def located_emoji(obj: str, recognised: Recognised) -> List[Tuple[float, float, float, float]]:
    """The boxes of the named objects `obj` names ("dog", "the cars"), in the objects' order."""
    words = " ".join(re.findall(r"[a-z]+", obj.lower()))
    words = re.sub(r"^(a|an|the|all|every|each|any) ", "", words)
    return [box for box, name, _ in recognised if words in (name, plural(name))]


def caption_start(recognised: Recognised, objects: int) -> Optional[str]:
    """How a caption of a picture of emoji starts, as the training data words it, when every one of the `objects` is
    named: "A dog emoji", "There are three apples" (the model ends the sentence), "Two emoji in a row: apple and
    banana." (in a grid when their middles are not within half the smallest one's height of each other; the whole
    caption: the model cannot tell which is where)."""
    if not recognised or len(recognised) != objects:
        return None
    ordered = sorted(recognised, key=lambda r: ((r[0][0] + r[0][2]) / 2, (r[0][1] + r[0][3]) / 2))
    names = [r[1] for r in ordered]
    n = len(names)
    if n == 1:
        return f"A {names[0]} emoji"
    if n >= len(NUMBER_WORDS):
        return None
    if len(set(names)) == 1:
        many = names[0] if names[0].endswith("s") and not names[0].endswith(("ss", "us")) else plural(names[0])
        return f"There are {NUMBER_WORDS[n]} {many}"
    middles = [(r[0][1] + r[0][3]) / 2 for r in ordered]
    row = max(middles) - min(middles) <= min(r[0][3] - r[0][1] for r in ordered) / 2
    listed = f"{names[0]} and {names[1]}" if n == 2 else ", ".join(names[:-1]) + f", and {names[-1]}"
    return f"{NUMBER_WORDS[n].capitalize()} emoji in a {'row' if row else 'grid'}: {listed}."
