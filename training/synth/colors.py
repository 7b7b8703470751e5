"""Named colours whose names are unambiguous to people (facts say "red", the pixels must look red)."""
from __future__ import annotations

import colorsys

# name -> list of representative RGB values (all clearly that colour name)
NAMED = {
    "red": [(220, 38, 38), (230, 30, 50), (200, 20, 20), (239, 68, 68), (255, 0, 0)],
    "orange": [(249, 115, 22), (245, 140, 20), (255, 128, 0)],
    "yellow": [(250, 204, 21), (255, 220, 0), (240, 200, 30)],
    "green": [(22, 163, 74), (40, 180, 60), (34, 139, 34), (76, 175, 80), (0, 128, 0)],
    "blue": [(37, 99, 235), (30, 90, 220), (25, 118, 210), (59, 130, 246), (0, 0, 255)],
    "purple": [(147, 51, 234), (128, 60, 200), (126, 34, 206)],
    "pink": [(236, 72, 153), (244, 114, 182), (255, 105, 180)],
    "brown": [(133, 77, 14), (139, 90, 43), (120, 72, 30)],
    "black": [(15, 15, 15), (30, 30, 30)],
    "white": [(250, 250, 250), (255, 255, 255)],
    "gray": [(128, 128, 128), (140, 140, 140), (115, 115, 120)],
    "teal": [(13, 148, 136), (0, 128, 128)],
}

# colours used for filled objects on a light or dark background
OBJECT_COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "gray", "black", "teal"]
# colours a person names without hesitation (used for colour questions)
QUESTION_COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "gray", "black", "white"]


# Where in hue (degrees), lightness and saturation (HLS) each chromatic name's broad samples come from; every
# sample is checked with classify(), so the ranges only need to cover the name, not to define it.
BANDS = {
    "red": ((-12, 12), (0.35, 0.62), (0.6, 1.0)),
    "orange": ((20, 38), (0.45, 0.62), (0.8, 1.0)),
    "yellow": ((46, 62), (0.45, 0.62), (0.8, 1.0)),
    "green": ((85, 150), (0.22, 0.55), (0.45, 1.0)),
    "teal": ((165, 186), (0.22, 0.45), (0.6, 1.0)),
    "blue": ((200, 248), (0.33, 0.62), (0.6, 1.0)),
    "purple": ((258, 286), (0.32, 0.6), (0.5, 1.0)),
    "pink": ((300, 336), (0.55, 0.78), (0.6, 1.0)),
    "brown": ((18, 36), (0.18, 0.33), (0.4, 0.8)),
}


def rgb(rng, name: str, jitter: int = 8, broad: float = 0.5) -> tuple:
    """An RGB value that looks like `name`: a representative value (+- jitter) or, with probability `broad`, any
    value of that name (pure CSS red, a dark navy blue, a pastel pink), so the model learns the name's whole range
    and not a handful of palette points."""
    if name in BANDS and rng.random() < broad:
        (h0, h1), (l0, l1), (s0, s1) = BANDS[name]
        for _ in range(20):
            c = colorsys.hls_to_rgb((rng.uniform(h0, h1) % 360) / 360, rng.uniform(l0, l1), rng.uniform(s0, s1))
            c = tuple(int(round(255 * v)) for v in c)
            if classify(c) == name:
                return c
    base = rng.choice(NAMED[name])
    return tuple(max(0, min(255, c + rng.randint(-jitter, jitter))) for c in base)


def hexrgb(c) -> str:
    return "#%02x%02x%02x" % tuple(c[:3])


def mix(a, b, t: float) -> tuple:
    return tuple(int(round(a[i] * (1 - t) + b[i] * t)) for i in range(3))


def luminance(c) -> float:
    def ch(v):
        v = v / 255.0
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(x) for x in c[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def on_colour(bg) -> tuple:
    """Readable text colour on bg."""
    return (255, 255, 255) if contrast(bg, (255, 255, 255)) >= contrast(bg, (20, 20, 20)) else (20, 20, 20)


def classify(c) -> str | None:
    """Best colour name for an RGB value, or None when it is not clearly one colour (used as a sanity check)."""
    r, g, b = (x / 255.0 for x in c[:3])
    h, l, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.15 or (max(r, g, b) - min(r, g, b)) < 0.12:
        if l < 0.2:
            return "black"
        if l > 0.88:
            return "white"
        if 0.35 < l < 0.65:
            return "gray"
        return None
    deg = h * 360
    if l < 0.12:
        return "black"
    if deg < 15 or deg >= 340:
        return "red" if l < 0.7 else "pink"
    if deg < 42:
        return "brown" if max(r, g, b) < 0.66 else "orange"
    if deg < 68:
        return "yellow" if l > 0.35 else None
    if deg < 160:
        return "green"
    if deg < 190:
        return "teal"
    if deg < 255:
        return "blue"
    if deg < 290:
        return "purple"
    return "pink"


# UI accent colours (name used in facts "the blue Save button")
ACCENTS = {
    "blue": [(0, 120, 212), (37, 99, 235), (25, 118, 210)],
    "green": [(22, 163, 74), (46, 160, 67), (35, 134, 54)],
    "purple": [(124, 58, 237), (111, 66, 193)],
    "red": [(220, 38, 38), (207, 34, 46)],
    "orange": [(234, 88, 12), (230, 110, 0)],
    "teal": [(13, 148, 136), (0, 128, 128)],
}


def accent(rng, name: str) -> tuple:
    return rng.choice(ACCENTS[name])
