"""A button's label read from the pixels (pack manifest `generation.button_labels: "pixels"`).

The PyTorch reference of `src/engine/buttonLabels.ts`, step for step; `test/fixtures/buttons.json` holds cases both
sides must pass. Asked "What does the button say?", the model often answered with another line of the page: a
field's label ("Password", "Full name") or a plan's feature ("Email support"), five of six times on the real set,
though the button's own line was in its OCR block. Which lines sit on a button is plain in the pixels: a button is a
filled, coloured, wide region of moderate size, and its label's line starts inside it.

So when a question asks what a button says (`asks_button_label`) and some OCR lines start inside a button
(`button_boxes`, `lines_on_buttons`), the answer is the one of those lines the model rates most probable as a
whole answer (`Generator.best_answer` with `only_candidates`): the model still chooses among the buttons.
"""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

import numpy as np

from .counts import BOXY, MIN_SHARE, OWN_SHARE, counted_names, pixel_colours
from .proposals import image_regions
from .shapes import centroid_offset

# a button's box as a share of the image: at most this (a panel or a banner is larger)
MAX_SHARE = 0.1
# a button is at least this many times as wide as high
MIN_ASPECT = 1.5
# an OCR line's top-left corner is given in whole percent: its line starts inside a box holding this point
CORNER_NUDGE = 0.5
_ASKS_LABEL = re.compile(r"\b(say|says|said|read|reads|label|labelled|labeled|text|written|caption)\b")


def asks_button_label(question: str) -> bool:
    """Does `question` ask what a button says ("What does the button say?", "What is the button's label?")?"""
    text = question.lower()
    return bool(re.search(r"\bbuttons?\b", text)) and bool(_ASKS_LABEL.search(text)) and "how many" not in text


def button_boxes(snap: np.ndarray) -> List[Tuple[float, float, float, float]]:
    """The boxes (in percent of the image: x0, y0, x1, y1) of the regions of `snap` that look like buttons: a box of
    MIN_SHARE to MAX_SHARE of the image, MIN_ASPECT times as wide as high, a BOXY shape (a label cut out of it
    lowers its fill), and a colour of its own (OWN_SHARE of its box: a filled button, not a white one)."""
    H, W, _ = snap.shape
    out = []
    for region in image_regions(snap, distinct=True):
        pixels, x0, y0, x1, y1, _, _ = region
        w, h = x1 - x0, y1 - y0
        if not MIN_SHARE * W * H <= w * h <= MAX_SHARE * W * H or w < MIN_ASPECT * h:
            continue
        if not any(name in BOXY for name in counted_names(pixels, w, h, centroid_offset(*region))):
            continue
        if pixel_colours(snap[y0:y1, x0:x1].reshape(-1, 3), OWN_SHARE):
            out.append((100 * x0 / W, 100 * y0 / H, 100 * x1 / W, 100 * y1 / H))
    return out


def lines_on_buttons(lines: Sequence[Tuple[int, int, str]], boxes) -> List[str]:
    """The texts of the OCR lines (x, y in whole percent, text) that start inside one of `boxes`, in their order."""
    return [text for x, y, text in lines
            if any(b[0] <= x + CORNER_NUDGE <= b[2] and b[1] <= y + CORNER_NUDGE <= b[3] for b in boxes)]


def block_lines(block: str) -> List[Tuple[int, int, str]]:
    """The OCR block's lines ("x,y text", docs/model-pack.md "OCR lines in the prompt") as (x, y, text)."""
    out = []
    for line in block.split("\n"):
        corner, _, text = line.partition(" ")
        xy = corner.split(",")
        if text and len(xy) == 2 and all(v.isdigit() for v in xy):
            out.append((int(xy[0]), int(xy[1]), text))
    return out
