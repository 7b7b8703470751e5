"""Small English helpers shared by the stages: articles, plurals, numbers, lists, positions."""
from __future__ import annotations

import re

_IRREGULAR = {
    "person": "people", "man": "men", "woman": "women", "child": "children", "mouse": "mice", "goose": "geese",
    "fish": "fish", "sheep": "sheep", "deer": "deer", "foot": "feet", "tooth": "teeth", "leaf": "leaves",
    "knife": "knives", "shelf": "shelves", "wolf": "wolves", "half": "halves", "box": "boxes", "bus": "buses",
    "cactus": "cacti", "axis": "axes", "index": "indexes", "status": "statuses", "series": "series",
}

NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


_PREP = {"with", "of", "in", "on", "at", "for", "from", "without", "under", "over", "and"}
_NOT_PARTICIPLE = {"king", "ring", "wing", "building", "pudding", "string", "thing", "spring", "ceiling", "swing",
                   "sling", "ping", "morning", "evening", "wedding", "stocking", "icing", "lightning",
                   "drawing", "painting", "ceiling", "building", "clothing", "frosting", "earring"}


def looks_plural(word: str) -> bool:
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "as", "os", "ys"))


def plural(noun: str) -> str:
    words = noun.split(" ")
    # pluralize the head noun: "face with tears of joy" -> "faces with tears of joy",
    # "face blowing a kiss" -> "faces blowing a kiss"
    head = len(words) - 1
    for i, w in enumerate(words[1:], 1):
        lw = w.lower()
        if lw in _PREP or (lw.endswith("ing") and lw not in _NOT_PARTICIPLE and len(lw) > 4):
            head = i - 1
            break
    w = words[head]
    lw = w.lower()
    if lw in _IRREGULAR:
        p = _IRREGULAR[lw]
        p = p[0].upper() + p[1:] if w[0].isupper() else p
    elif looks_plural(lw) and head == len(words) - 1:
        p = w                     # "drums", "grapes", "headphones" are already plural
    elif re.search(r"(s|x|z|ch|sh)$", lw):
        p = w + "es"
    elif re.search(r"[^aeiou]y$", lw):
        p = w[:-1] + "ies"
    else:
        p = w + "s"
    words[head] = p
    return " ".join(words)


def count_noun(n: int, noun: str) -> str:
    return f"{number(n)} {noun if n == 1 else plural(noun)}"


def number(n: int, words: bool = True) -> str:
    if words and 0 <= n < len(NUMBER_WORDS):
        return NUMBER_WORDS[n]
    return str(n)


def article(phrase: str) -> str:
    p = phrase.strip()
    if not p:
        return p
    if looks_plural(p.split()[-1]) and len(p.split()) <= 2 and p.split()[-1].lower() not in ("news", "series"):
        return p                  # "drums", "grapes": no article
    first = p.split()[0].lower().strip('"\'')
    if p[0] in "\"'":
        # quoted labels: article by the sound of the first letter
        first = p[1:].lower()
    if re.match(r"^(hour|honest|honou?r)", first):
        return "an " + p
    if re.match(r"^(uni|use|usu|eu|one|once|ubuntu)", first):
        return "a " + p
    if re.match(r"^[aeiou]", first) or re.match(r"^[fhlmnrsx]$", first) or re.match(r"^[aefhilmnorsx]\b", first):
        return "an " + p
    return "a " + p


def join(items, conj: str = "and") -> str:
    items = [str(x) for x in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} " + items[-1]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def quote(s: str) -> str:
    return f'"{s}"'


def sentence(s: str) -> str:
    s = s.strip()
    if not s:
        return s
    s = cap(s)
    if s[-1] in ".!?" or (len(s) > 1 and s[-1] in "\"'`)" and s[-2] in ".!?"):
        return s
    return s + "."


# ---- positions --------------------------------------------------------------------------------------------------
_ROWS = ["top", "middle", "bottom"]
_COLS = ["left", "center", "right"]


def position_name(cx: float, cy: float, margin: float = 0.06):
    """3x3 grid name for a normalized point, or None when the point sits near a cell border (ambiguous)."""
    def cell(v):
        for i, edge in enumerate((1 / 3, 2 / 3)):
            if abs(v - edge) < margin:
                return None
        return 0 if v < 1 / 3 else (1 if v < 2 / 3 else 2)
    r, c = cell(cy), cell(cx)
    if r is None or c is None:
        return None
    if r == 1 and c == 1:
        return "center"
    if r == 1:
        return _COLS[c]            # "left" / "right"
    if c == 1:
        return _ROWS[r]            # "top" / "bottom"
    return f"{_ROWS[r]} {_COLS[c]}"  # "top left"


def position_phrase(pos: str) -> str:
    """'top left' -> 'in the top left corner', 'left' -> 'on the left', 'center' -> 'in the center'."""
    if pos == "center":
        return "in the center"
    if pos in ("left", "right"):
        return f"on the {pos}"
    if pos in ("top", "bottom"):
        return f"at the {pos}"
    return f"in the {pos} corner"


def content_words(s: str) -> set:
    stop = {"the", "a", "an", "is", "are", "there", "in", "on", "of", "this", "that", "image", "picture", "photo",
            "what", "which", "how", "many", "does", "do", "it", "to", "at", "and", "or", "be", "shown", "show", "shows",
            "with", "any", "some", "its", "i", "you", "can", "see", "visible", "here", "screenshot", "for", "by"}
    return {w for w in re.findall(r"[a-z0-9']+", s.lower()) if w not in stop}


def lower_words(s: str) -> str:
    """Lower-case words that are only capitalized at their first letter ("Offline support" -> "offline support",
    "TypeScript types" stays)."""
    return " ".join(w if any(ch.isupper() for ch in w[1:]) else w.lower() for w in s.split(" "))
