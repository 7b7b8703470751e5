"""A bar chart's highest and lowest bar, and a pie's largest and smallest slice, read from the pixels (pack manifest
`generation.chart_extremes: "pixels"`).

The PyTorch reference of `src/engine/chartExtremes.ts`, step for step; `test/fixtures/charts.json` holds cases both
sides must pass. Asked "Which month is the highest?", the model answered with the first label of the axis ("Jan",
"Q1", "W1") on three of four bar charts of the real set: it cannot compare bars it sees at 128 px. Yet the bars are
plain regions of the pixels (lunette/counts.py: filled rectangles), the tallest is the one whose top is highest,
and its label is the OCR line under it.

So when a question asks which is highest or lowest (`asks_extreme`) and the image holds two or more bars standing
on one base line, or growing from one axis (`chart_bars`), the answer is the label of the extreme bar
(`extreme_label`): of the OCR lines under a vertical bar's base (or left of a horizontal bar's start), the one
starting furthest on (the later one on a tie) but no further than the bar's middle, and further on than the
middle of the bar before it, less a tick mark read into it ("cli-"). The pixels answer here, not the model: it
is given that line as its only candidate (`Generator.best_answer` with `only_candidates`).

A pie's slices are regions too (lunette/counts.py `things(snap, "slice")`), the largest is the one with most
pixels, and its label is the OCR line in its direction from the pie's middle (`slice_label`): of the lines that are
not numbers (a share printed on a slice), less the top one when there are more of them than slices (the title),
the one whose corner is at the angle nearest the slice's centroid, within SLICE_ANGLE. Free, the model named the
largest slice of neither pie of the real set.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

import math

import numpy as np

from .counts import things
from .proposals import image_regions
from .held_back import plural
from .shapes import SHAPES

# "most recent" is a time, not an extreme (a terminal's last command)
_MOST = re.compile(r"\b(highest|largest|most(?! recent)|biggest|tallest|longest|greatest|maximum)\b")
_LEAST = re.compile(r"\b(lowest|smallest|least|fewest|shortest|minimum)\b")
_ASKS_WHICH = re.compile(r"\b(which|what)\b")
# bars stand on one base (or start at one axis) when their bottoms (lefts) are within this many percent
SAME_BASE = 2.0
# of the bars, one at least this many times as long as thick (in percent of the image's sides): not a legend's
# swatches nor a row of squares
ELONGATED = 1.5
# a vertical bar's label starts at most this many percent below its base
LABEL_BELOW = 12.0
# an OCR line's corner is in whole percent
CORNER_NUDGE = 0.5
# an axis's tick mark beside a label, read into its line ("cli-")
_TICK = re.compile(r"[\s\-\u2013\u2014|]+$")
# a slice's label is an OCR line whose corner is within this many degrees of the slice's direction from the pie's
# middle (a label left of the pie ends, not starts, at that direction)
SLICE_ANGLE = 45.0
# a share printed on a slice ("45%", "12.5"), not a label
_NUMBER = re.compile(r"^[\d\s.,%]+$")

Box = Tuple[float, float, float, float]


def asks_extreme(question: str) -> Optional[str]:
    """"most" or "least" when `question` asks which thing is highest or lowest (not a drawn shape's size, nor a
    colour)."""
    text = question.lower()
    words = set(re.findall(r"[a-z]+", text))
    if not _ASKS_WHICH.search(text) or "colour" in words or "color" in words:
        return None
    if any(s in words or plural(s) in words for s in SHAPES + ("shape",)):
        return None
    if _MOST.search(text):
        return "most"
    if _LEAST.search(text):
        return "least"
    return None


def chart_bars(snap: np.ndarray) -> List[Box]:
    """The bars of `snap` (lunette/counts.py `things(snap, "bar")`) as boxes in percent of the image."""
    H, W, _ = snap.shape
    return [(100 * x0 / W, 100 * y0 / H, 100 * x1 / W, 100 * y1 / H) for x0, y0, x1, y1 in things(snap, "bar")]


def bar_direction(bars: Sequence[Box]) -> Optional[str]:
    """"vertical" when two or more bars stand on one base line (their bottoms within SAME_BASE) and one is ELONGATED
    times as high as wide, else "horizontal" when they grow from one axis (their left edges within SAME_BASE) and
    one is ELONGATED times as wide as high, else None (a legend's swatches, a row of squares)."""
    if len(bars) < 2:
        return None
    if max(b[3] for b in bars) - min(b[3] for b in bars) <= SAME_BASE and \
            any(b[3] - b[1] >= ELONGATED * (b[2] - b[0]) for b in bars):
        return "vertical"
    if max(b[0] for b in bars) - min(b[0] for b in bars) <= SAME_BASE and \
            any(b[2] - b[0] >= ELONGATED * (b[3] - b[1]) for b in bars):
        return "horizontal"
    return None


def extreme_label(bars: Sequence[Box], lines: Sequence[Tuple[int, int, str]], extreme: str) -> Optional[str]:
    """The text of the OCR line (x, y in whole percent, text) that labels the tallest bar ("most") or the shortest
    ("least"); None unless two or more bars share a base line or an axis and such a line is found."""
    direction = bar_direction(bars)
    most = extreme == "most"
    if direction == "vertical":
        ordered = sorted(bars, key=lambda b: b[0])
        tops = [b[1] for b in ordered]
        pick = tops.index(min(tops) if most else max(tops))
        bar = ordered[pick]
        middle = (bar[0] + bar[2]) / 2
        before = (ordered[pick - 1][0] + ordered[pick - 1][2]) / 2 if pick else -1.0
        under = [(x, i, text) for i, (x, y, text) in enumerate(lines)
                 if bar[3] - CORNER_NUDGE <= y <= bar[3] + LABEL_BELOW and before < x <= middle + CORNER_NUDGE]
        return _without_tick(max(under)[2]) if under else None
    if direction == "horizontal":
        ordered = sorted(bars, key=lambda b: b[1])
        ends = [b[2] for b in ordered]
        pick = ends.index(max(ends) if most else min(ends))
        bar = ordered[pick]
        middle = (bar[1] + bar[3]) / 2
        before = (ordered[pick - 1][1] + ordered[pick - 1][3]) / 2 if pick else -1.0
        left = [(y, i, text) for i, (x, y, text) in enumerate(lines) if x < bar[0] and before < y <= middle + CORNER_NUDGE]
        return _without_tick(max(left)[2]) if left else None
    return None


def _without_tick(label: str) -> Optional[str]:
    return _TICK.sub("", label) or None


def slice_label(snap: np.ndarray, lines: Sequence[Tuple[int, int, str]], extreme: str) -> Optional[str]:
    """The text of the OCR line (x, y in whole percent, text) that labels a pie's largest slice ("most") or its
    smallest ("least"); None unless the image holds two or more slices and such a line is found."""
    boxes = things(snap, "slice")
    if len(boxes) < 2:
        return None
    H, W, _ = snap.shape
    regions = {tuple(region[1:5]): region for region in image_regions(snap, distinct=True)}
    slices = [regions[tuple(box)] for box in boxes]
    sizes = [region[0] for region in slices]
    pixels, _, _, _, _, sum_x, sum_y = slices[sizes.index(max(sizes) if extreme == "most" else min(sizes))]
    cx = (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2
    cy = (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2
    toward = math.atan2(sum_y / pixels + 0.5 - cy, sum_x / pixels + 0.5 - cx)
    labels = [line for line in lines if not _NUMBER.match(line[2])]
    if len(labels) > len(boxes):
        top = min(range(len(labels)), key=lambda i: labels[i][1])
        labels = labels[:top] + labels[top + 1:]
    best, nearest = None, SLICE_ANGLE
    for x, y, text in labels:
        off = abs(math.degrees(math.atan2(y * H / 100 - cy, x * W / 100 - cx) - toward)) % 360
        off = min(off, 360 - off)
        if off <= nearest:
            best, nearest = text, off
    return _without_tick(best) if best else None
