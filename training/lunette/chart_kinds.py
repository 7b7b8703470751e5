"""A chart's kind read from the pixels (pack manifest `generation.chart_kinds: "pixels"`).

The PyTorch reference of `src/engine/chartKinds.ts`, step for step; `test/fixtures/chart-kinds.json` holds cases
both sides must pass. Asked "What kind of chart is this?", the model called all three pie charts of the real set "A
class hierarchy": at 128 px a pie's slices with their labels outside look to it like a tree's boxes. Yet a pie is
plain in the pixels: two or more own-coloured slices within a round region (lunette/counts.py `things(snap,
"slice")`); and so are a bar chart's bars standing on one base or growing from one axis (lunette/charts.py).

So when a question asks what kind of chart (graph, plot) an image is (`asks_chart_kind`), and the pixels show a
pie, bars, a line or a scatter of points (`chart_kinds`), the answer is that kind, as the training data words it
("A pie chart", "A donut chart" when the pie's middle is the background's colour, "A bar chart", "A horizontal bar
chart", "A line chart", "A scatter plot"); otherwise the model answers alone. Free, it called both line charts of the
real set a bar chart and its scatter plot a horizontal bar chart. A line is a coloured stroke across the plot, thin
for its box and not its frame (`_is_line`); a scatter is many small solid marks of one colour and size
(`_is_scatter`). The answer is the model's only candidate
(`Generator.best_answer` with `only_candidates`): the pixels answer. A pie's, line chart's or scatter plot's caption
starts with its kind (`caption_kind`), and the model ends the sentence; bar charts it names itself.
"""
from __future__ import annotations

import re
from typing import List, Optional

import numpy as np

from .charts import bar_direction, chart_bars
from .counts import things
from .proposals import _components, border_colour
from .snap import TOLERANCE, _alike, dilate

# a donut: of the pixels within a tenth of the pie's side of its middle (a square a fifth of its side), this share
# is the background's colour (a pie's white slice borders meet there, but are thin)
HOLE_SHARE = 0.8
# a coloured pixel (a series' stroke or mark, not text, axes or grid): its channels this far apart (of 255)
CHROMA = 60
# a series' mark or stroke, with the coloured pixels grown by one each way (a thin diagonal stroke stays joined):
# at least this many pixels
MIN_PIXELS = 6
# a line: its box at least this share of the image's width, at most this share of it coloured, and no side of its
# box coloured over half its length (a coloured frame or panel is not a line)
LINE_WIDTH = 0.3
LINE_FILL = 0.25
LINE_SIDE = 0.5
# a scatter's mark: its box's sides at most this share of the image's longer side, at most twice as long one way
# as the other, and at least this share of it coloured (a solid dot)
MARK_SIDE = 0.04
MARK_FILL = 0.7
# a scatter: at least this many marks of one colour (within TOLERANCE) and size (within this share), and at least
# this share of all the marks (syntax-coloured code has many marks, of many sizes)
MIN_MARKS = 8
SAME_SIZE = 0.25
MARKS_SHARE = 0.6
_ASKS_KIND = re.compile(r"\b(kind|type|sort)s? of (chart|graph|plot)\b|\b(chart|graph|plot) type\b")


def asks_chart_kind(question: str) -> bool:
    """Does `question` ask what kind of chart the image is ("What kind of chart is this?", "chart type?")?"""
    return bool(_ASKS_KIND.search(question.lower()))


def chart_kinds(snap: np.ndarray) -> List[str]:
    """The kind of chart the pixels show, as an answer: a pie (or donut) when two or more slices lie within one
    round region; else bars on one base (or from one axis); else a line; else a scatter of points; else none."""
    pie = pie_kind(snap)
    if pie:
        return [pie]
    direction = bar_direction(chart_bars(snap))
    if direction:
        return ["A bar chart"] if direction == "vertical" else ["A horizontal bar chart"]
    marks = _coloured_marks(snap)
    if any(_is_line(snap.shape, mark) for mark in marks):
        return ["A line chart"]
    if _is_scatter(snap, marks):
        return ["A scatter plot"]
    return []


def _coloured_marks(snap: np.ndarray) -> list:
    """The 4-connected regions (lunette/proposals.py `_components`) of the coloured pixels (CHROMA) grown by one
    pixel each way, of MIN_PIXELS or more, each with the share of its box's sides (the largest) the grown pixels
    cover."""
    px = snap.astype(np.int32)
    coloured = (px.max(-1) - px.min(-1)) >= CHROMA
    grown = dilate(coloured, 1)
    marks = []
    for region in _components(grown):
        pixels, x0, y0, x1, y1, _, _ = region
        if pixels >= MIN_PIXELS:
            sides = max(grown[y0, x0:x1].mean(), grown[y1 - 1, x0:x1].mean(), grown[y0:y1, x0].mean(), grown[y0:y1, x1 - 1].mean())
            marks.append((region, float(sides)))
    return marks


def _is_line(shape, mark) -> bool:
    """A stroke across the plot: LINE_WIDTH of the image wide, at most LINE_FILL of its box, no side of its box
    covered over LINE_SIDE."""
    (pixels, x0, y0, x1, y1, _, _), sides = mark
    return x1 - x0 >= LINE_WIDTH * shape[1] and pixels <= LINE_FILL * (x1 - x0) * (y1 - y0) and sides <= LINE_SIDE


def _is_scatter(snap: np.ndarray, marks: list) -> bool:
    """MIN_MARKS or more solid dots alike in colour (their middle pixel's) and size, MARKS_SHARE of all the dots."""
    H, W, _ = snap.shape
    dots = []
    for (pixels, x0, y0, x1, y1, sum_x, sum_y), _ in marks:
        w, h = x1 - x0, y1 - y0
        if max(w, h) <= MARK_SIDE * max(W, H) and h <= 2 * w and w <= 2 * h and pixels >= MARK_FILL * w * h:
            dots.append((w, h, snap[sum_y // pixels, sum_x // pixels].astype(np.int32)))
    alike = max((sum(1 for w2, h2, c2 in dots if np.abs(c2 - c).max() < TOLERANCE
                     and abs(w2 - w) <= SAME_SIZE * w and abs(h2 - h) <= SAME_SIZE * h) for w, h, c in dots), default=0)
    return alike >= MIN_MARKS and alike >= MARKS_SHARE * len(dots)


def caption_kind(snap: np.ndarray) -> Optional[str]:
    """How a chart's caption starts, where the pixels show a pie, a line or a scatter (`chart_kinds`, not bars: the
    model names bar charts itself); else None. Free, it captioned every pie of the real set "A class hierarchy",
    both line charts a bar chart and the scatter plot a horizontal bar chart."""
    kinds = chart_kinds(snap)
    return kinds[0] if kinds and kinds[0] not in ("A bar chart", "A horizontal bar chart") else None


def pie_kind(snap: np.ndarray) -> Optional[str]:
    """"A pie chart" or "A donut chart" when two or more slices lie within one round region; else None."""
    slices = things(snap, "slice")
    if len(slices) >= 2:
        x0, y0 = min(s[0] for s in slices), min(s[1] for s in slices)
        x1, y1 = max(s[2] for s in slices), max(s[3] for s in slices)
        background = border_colour(snap)
        r = max(1, min(x1 - x0, y1 - y0) // 10)
        cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
        middle = snap[cy - r:cy + r + 1, cx - r:cx + r + 1].astype(np.int32)
        donut = background is not None and float(_alike(middle, background).mean()) >= HOLE_SHARE
        return "A donut chart" if donut else "A pie chart"
    return None

