"""Stage: diverse user phrasings of a question (the answer never changes).

Picks a canonical phrasing or a paraphrase, sometimes a terse form, then applies user-like surface changes:
lower case, missing question mark, British/American spelling, chatty openers and closers, and typos in words
that are not protected (the object or text the question is about is never misspelt).
"""
from __future__ import annotations

import re

OPENERS = ["Hey, ", "Quick question: ", "Can you tell me: ", "I need to know: ", "Please tell me, ", "Hi! ",
           "So, ", "Help me out here: ", "Looking at this, ", "Question: "]
CLOSERS = [" Thanks!", " thanks", " Thank you.", " please", " Please answer briefly.", " :)", " ty"]
SPELLING = [("colour", "color"), ("Colour", "Color"), ("grey", "gray")]
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _typo(word: str, rng) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:    # swap
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.55:   # drop
        return word[:i] + word[i + 1:]
    if op < 0.8:    # double
        return word[:i] + word[i] + word[i:]
    # neighbour key
    ch = word[i].lower()
    if ch in KEYBOARD:
        k = KEYBOARD.index(ch)
        nb = KEYBOARD[max(0, k - 1)] if rng.random() < 0.5 else KEYBOARD[min(len(KEYBOARD) - 1, k + 1)]
        return word[:i] + nb + word[i + 1:]
    return word


def _protected_spans(q: str, protect):
    spans = []
    for p in protect:
        if not p:
            continue
        for m in re.finditer(re.escape(p), q, flags=re.I):
            spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"]*"|`[^`]*`', q):   # quoted text is what the user asks about
        spans.append((m.start(), m.end()))
    return spans


def add_typos(q: str, rng, protect=(), n: int = 1) -> str:
    spans = _protected_spans(q, protect)
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]{4,}", q)
             if not any(a < m.end() and m.start() < b for a, b in spans)]
    rng.shuffle(words)
    for a, b in sorted(words[:n], reverse=True):
        q = q[:a] + _typo(q[a:b], rng) + q[b:]
    return q


def phrase(qa, rng, style: str | None = None) -> str:
    """One user phrasing of qa.question. style: None (random), 'plain', 'terse', 'chatty', 'sloppy'."""
    if style is None:
        style = rng.choices(["plain", "terse", "chatty", "sloppy"], weights=[0.55, 0.15, 0.15, 0.15])[0]
    if style == "terse" and qa.terse:
        q = rng.choice(qa.terse)
    else:
        q = rng.choice([qa.question] * 2 + list(qa.paraphrases))
    if style == "chatty":
        if rng.random() < 0.6:
            body = q[0].lower() + q[1:] if not q[:2].isupper() and not q.startswith(('"', "I ")) else q
            q = rng.choice(OPENERS) + body
        if rng.random() < 0.5:
            q = q + rng.choice(CLOSERS)
    if rng.random() < 0.3:
        for a, b in SPELLING:
            q = q.replace(a, b) if rng.random() < 0.5 else q.replace(b, a)
    if style == "sloppy":
        q = add_typos(q, rng, qa.protect, n=rng.choice([1, 1, 2]))
        if rng.random() < 0.6:
            q = _lower_unquoted(q)
        if rng.random() < 0.5:
            q = q.rstrip("?").rstrip()
    elif rng.random() < 0.08:
        q = q.rstrip("?").rstrip()
    if rng.random() < 0.03:
        q = q.upper() if not re.search(r'"[^"]*"', q) else q
    return re.sub(r"\s+", " ", q).strip()


def _lower_unquoted(q: str) -> str:
    parts = re.split(r'("[^"]*"|`[^`]*`)', q)
    return "".join(p if p.startswith(('"', "`")) else p.lower() for p in parts)


def object_phrase(name: str, rng) -> str:
    """User phrasing of a detect/point object name."""
    r = rng.random()
    if r < 0.08:
        return "the " + name
    if r < 0.12:
        return name.capitalize()
    return name
