"""A chart's or document's title read from the top line (pack manifest `generation.titles: "pixels"`).

The PyTorch reference of `src/engine/titles.ts`, step for step; `test/fixtures/titles.json` holds cases both sides
must pass. Asked "What is the title of the chart?", the model wrote a garbled mix of lines ("Response time time time
time,14", "Build time vs by version,17") or a part of the title ("Downloads") on five of twelve charts of the real
set, though the title was a line of its OCR block. A chart's or a document's title is its top line: the OCR line
whose corner is highest (the leftmost of those as high).

So when a question asks the title of a chart, graph, plot or document (`asks_title`), the answer is that line
(`title_answers`): the model's only candidate (`Generator.best_answer` with `only_candidates`). Pages, dialogs and
windows are left to the model: a page's top line is often its navigation, a dialog's the window behind it.
"""
from __future__ import annotations

import re
from typing import List, Sequence, Tuple

_ASKS = re.compile(r"\b(title|heading)\b.*\b(chart|graph|plot|document|readme)\b|\b(chart|graph|plot|document)('s)? (title|heading)\b")


def asks_title(question: str) -> bool:
    """Does `question` ask the title of a chart, graph, plot or document ("What is the title of the chart?")?"""
    return bool(_ASKS.search(question.lower()))


def title_answers(lines: Sequence[Tuple[int, int, str]]) -> List[str]:
    """The top line of the OCR block (x, y in whole percent, text): the highest corner, the leftmost on a tie."""
    return [min(lines, key=lambda line: (line[1], line[0]))[2]] if lines else []
