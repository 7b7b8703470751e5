"""A chart's kind read from the pixels (pack manifest `generation.chart_kinds: "pixels"`).

The PyTorch reference of `src/engine/chartKinds.ts`, step for step; `test/fixtures/chart-kinds.json` holds cases
both sides must pass. Asked "What kind of chart is this?", the model called all three pie charts of the real set "A
class hierarchy": at 128 px a pie's slices with their labels outside look to it like a tree's boxes. Yet a pie is
plain in the pixels: two or more own-coloured slices within a round region (lunette/counts.py `things(snap,
"slice")`); and so are a bar chart's bars standing on one base or growing from one axis (lunette/charts.py).

So when a question asks what kind of chart (graph, plot) an image is (`asks_chart_kind`), and the pixels show a
pie or bars (`chart_kinds`), the answer is that kind, as the training data words it ("A pie chart", "A donut chart"
when the pie's middle is the background's colour, "A bar chart", "A horizontal bar chart"); otherwise the model
answers alone (line charts and scatter plots are not told apart here). The answer is the model's only candidate
(`Generator.best_answer` with `only_candidates`): the pixels answer. A pie's caption starts "A pie chart"
(`pie_kind`), and the model ends the sentence.
"""
from __future__ import annotations

import re
from typing import List, Optional

import numpy as np

from .charts import bar_direction, chart_bars
from .counts import things
from .proposals import border_colour
from .snap import _alike

# a donut: of the pixels within a tenth of the pie's side of its middle (a square a fifth of its side), this share
# is the background's colour (a pie's white slice borders meet there, but are thin)
HOLE_SHARE = 0.8
_ASKS_KIND = re.compile(r"\b(kind|type|sort)s? of (chart|graph|plot)\b|\b(chart|graph|plot) type\b")


def asks_chart_kind(question: str) -> bool:
    """Does `question` ask what kind of chart the image is ("What kind of chart is this?", "chart type?")?"""
    return bool(_ASKS_KIND.search(question.lower()))


def chart_kinds(snap: np.ndarray) -> List[str]:
    """The kind of chart the pixels show, as an answer: a pie (or donut) when two or more slices lie within one
    round region; else bars on one base (or from one axis); else none."""
    pie = pie_kind(snap)
    if pie:
        return [pie]
    direction = bar_direction(chart_bars(snap))
    return ["A bar chart"] if direction == "vertical" else ["A horizontal bar chart"] if direction == "horizontal" else []


def pie_kind(snap: np.ndarray) -> Optional[str]:
    """"A pie chart" or "A donut chart" when two or more slices lie within one round region; else None. Also how a
    pie's caption starts (the model ends the sentence; free, it called every pie of the real set "A class
    hierarchy"); bar charts it names itself."""
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

