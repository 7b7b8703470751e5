"""Simulated OCR: what a real OCR model (PP-OCR det+rec) would report for the text a scene rendered.

The scene knows every text line it drew (text + ink box). A real detector/recognizer loses some of that:
it drops faint or tiny lines, confuses look-alike characters (O/0, l/1, rn/m, ...), splits lines at wide gaps,
merges neighbouring words on one row into one line, and its boxes are a few pixels off. `simulate` applies
those errors; `format_lines` writes the prompt block exactly as docs/model-pack.md ("OCR lines in the prompt")
says: reading order, one line per recognized line, `<x>,<y> <text>` with x, y the box's top-left corner in
whole percent (0-99), at most 24 lines and 600 characters, cut at a line boundary.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

MAX_LINES = 24
MAX_CHARS = 600
HEADER = "\n\nText:\n"

# look-alike confusions a recognizer makes (both directions where it is plausible)
CONFUSIONS = [
    ("O", "0"), ("0", "O"), ("o", "0"), ("l", "1"), ("1", "l"), ("I", "l"), ("l", "I"), ("i", "l"), ("rn", "m"),
    ("m", "rn"), ("S", "5"), ("5", "S"), ("B", "8"), ("8", "B"), ("Z", "2"), ("cl", "d"), ("vv", "w"), ("e", "c"),
    ("c", "e"), (",", "."), (".", ","), (":", ";"), (";", ":"), ("g", "9"), ("q", "g"), ("u", "v"), ("D", "O"),
    ("'", "`"), ("\"", "''"), ("h", "b"), ("n", "h"), ("t", "f"), ("E", "F"), ("G", "6"), ("a", "o"),
]

# characters a Latin recognizer does not output (dropped) or maps to ASCII
_MAP = {"…": "...", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "×": "x", "•": "-", "·": ".",
        "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "▸": ">", "▾": "v", "❯": ">", "➜": "->", "✓": "", "✔": "",
        "✗": "x", "✖": "x", "●": "", "○": "o", "⚠": "", "★": "", "☆": "", "▶": ">", "⏵": ">", "│": "|", "─": "-",
        "├": "|", "└": "L", "┌": "", "┐": "", "┘": "", "┬": "", "┴": "", "┼": "+", "°": "o"}


@dataclass
class OcrLine:
    text: str
    box: tuple                       # pixel box (x0, y0, x1, y1)
    segments: list = field(default_factory=list)   # [(source line id, recognized text of that source)]


@dataclass
class OcrResult:
    lines: list                      # OcrLine in reading order, after the 24-line / 600-character cut
    text: str | None                 # the {lines} text ("<x>,<y> <text>" joined by "\n"), None when no block
    quality: dict                    # source line id -> similarity (0..1) of what the block says for it
    profile: str = "clean"

    @property
    def block(self) -> str | None:
        return None if self.text is None else HEADER + self.text


PROFILES = {
    #            drop  char   space  merge  split  jitter
    "clean": (0.01, 0.0015, 0.003, 0.35, 0.02, 0.05),
    "mild": (0.04, 0.008, 0.01, 0.5, 0.05, 0.10),
    "noisy": (0.10, 0.025, 0.03, 0.6, 0.10, 0.18),
}


def normalize_chars(s: str) -> str:
    out = "".join(_MAP.get(ch, ch) if ord(ch) > 126 else ch for ch in s)
    # characters outside Latin-1 that a Latin recognizer cannot output are dropped
    out = "".join(ch for ch in out if ord(ch) < 0x250)
    return re.sub(r"\s+", " ", out).strip()


def corrupt(s: str, rng, p_char: float, p_space: float) -> str:
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == " " and rng.random() < p_space:
            i += 1          # lost space
            continue
        if rng.random() < p_char:
            opts = [(a, b) for a, b in CONFUSIONS if s.startswith(a, i)]
            if opts:
                a, b = rng.choice(opts)
                out.append(b)
                i += len(a)
                continue
            if ch.isalpha() and rng.random() < 0.15:
                out.append(ch.swapcase())
                i += 1
                continue
            if rng.random() < 0.1:
                i += 1      # dropped character
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def reading_order(items, box=lambda it: it.box):
    """Top-to-bottom rows (a line joins a row when its vertical centre lies inside the row's first line's
    vertical span), left-to-right within a row."""
    items = sorted(items, key=lambda it: (box(it)[1], box(it)[0]))
    rows = []
    for it in items:
        b = box(it)
        cy = (b[1] + b[3]) / 2
        if rows and rows[-1][0][1] <= cy <= rows[-1][0][3]:
            rows[-1][1].append(it)
        else:
            rows.append((b, [it]))
    out = []
    for _, row in rows:
        out.extend(sorted(row, key=lambda it: box(it)[0]))
    return out


def _split_at_gaps(text, box, rng, p_split):
    """Split at runs of >= 3 spaces (columns); sometimes split a long line at a single space."""
    parts = [(m.start(), m.end()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", text)]
    if len(parts) <= 1 and len(text) > 24 and rng.random() < p_split:
        sp = [m.start() for m in re.finditer(" ", text)]
        if sp:
            k = rng.choice(sp)
            parts = [(0, k), (k + 1, len(text))]
    if len(parts) <= 1:
        return [(text.strip(), box)]
    n = max(1, len(text))
    x0, y0, x1, y1 = box
    out = []
    for a, b in parts:
        out.append((text[a:b], (x0 + (x1 - x0) * a / n, y0, x0 + (x1 - x0) * b / n, y1)))
    return out


def simulate(scene, rng, profile: str | None = None, p_no_block: float = 0.04) -> OcrResult:
    """OCR result for a scene. With probability p_no_block a text image gets no block at all (as when the host
    runs without OCR); an image without recognizable text never gets one."""
    if profile is None:
        profile = rng.choices(["clean", "mild", "noisy"], weights=[0.35, 0.45, 0.2])[0]
    p_drop, p_char, p_space, p_merge, p_split, jit = PROFILES[profile]
    w, h = scene.image.size
    src = [ln for ln in scene.lines if ln.ocr and normalize_chars(ln.text)]
    if not src or rng.random() < p_no_block:
        return OcrResult(lines=[], text=None, quality={ln.id: 0.0 for ln in scene.lines}, profile=profile)

    # 1. detection: fragments (split at wide gaps), each remembering its source line
    frags = []
    for ln in src:
        small = ln.size < 11 or (ln.box[3] - ln.box[1]) < 8
        if rng.random() < p_drop * (3 if small else 1):
            continue
        for t, b in _split_at_gaps(normalize_chars(ln.text), ln.box, rng, p_split):
            if t:
                frags.append({"text": t, "box": b, "src": ln.id, "size": ln.size})

    # 2. merging: neighbours on one row with a small horizontal gap
    frags = reading_order(frags, box=lambda f: f["box"])
    merged = []
    for f in frags:
        if merged:
            g = merged[-1]
            gb, fb = g["box"], f["box"]
            hgt = max(1, min(gb[3] - gb[1], fb[3] - fb[1]))
            same_row = abs((gb[1] + gb[3]) / 2 - (fb[1] + fb[3]) / 2) < 0.3 * hgt
            gap = fb[0] - gb[2]
            if same_row and 0 <= gap < 1.6 * hgt and rng.random() < p_merge:
                g["parts"].append((f["src"], f["text"]))
                g["box"] = (gb[0], min(gb[1], fb[1]), fb[2], max(gb[3], fb[3]))
                g["size"] = min(g["size"], f["size"])
                continue
        merged.append({"parts": [(f["src"], f["text"])], "box": f["box"], "size": f["size"]})

    # 3. recognition errors and box jitter
    lines = []
    for g in merged:
        mult = 2.0 if g["size"] < 11 else 1.0
        segs = [(sid, corrupt(t, rng, p_char * mult, p_space * mult)) for sid, t in g["parts"]]
        segs = [(sid, t) for sid, t in segs if t.strip()]
        if not segs:
            continue
        x0, y0, x1, y1 = g["box"]
        hh = max(1.0, y1 - y0)
        j = jit * hh
        box = (x0 + rng.uniform(-j, j), y0 + rng.uniform(-j, j), x1 + rng.uniform(-j, j), y1 + rng.uniform(-j, j))
        box = (max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3]))
        lines.append(OcrLine(text=" ".join(t for _, t in segs).strip(), box=box, segments=segs))

    lines = reading_order(lines)
    text, kept = format_lines(lines, w, h)
    quality = availability(scene, kept)
    return OcrResult(lines=kept, text=text, quality=quality, profile=profile)


def pct(v: float, total: float) -> int:
    return max(0, min(99, int(100.0 * v / max(1.0, total))))


def format_line(ln: OcrLine, w: int, h: int) -> str:
    return f"{pct(ln.box[0], w)},{pct(ln.box[1], h)} {ln.text}"


def format_lines(lines, w: int, h: int, max_lines: int = MAX_LINES, max_chars: int = MAX_CHARS):
    """The {lines} text and the lines kept (cut at a line boundary). None when nothing is kept."""
    out, kept, n = [], [], 0
    for ln in lines:
        s = format_line(ln, w, h)
        add = len(s) + (1 if out else 0)
        if len(out) >= max_lines or n + add > max_chars:
            break
        out.append(s)
        kept.append(ln)
        n += add
    if not out:
        return None, []
    return "\n".join(out), kept


def similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def availability(scene, kept) -> dict:
    """For each source line: how well the kept OCR lines reproduce it (1.0 exact, 0 absent)."""
    got = {}
    for ln in kept:
        for sid, t in ln.segments:
            got.setdefault(sid, []).append(t)
    q = {}
    for ln in scene.lines:
        if ln.id in got:
            q[ln.id] = similarity(normalize_chars(ln.text), " ".join(got[ln.id]))
        else:
            q[ln.id] = 0.0
    return q


def block(lines_text: str | None) -> str | None:
    return None if lines_text is None else HEADER + lines_text
