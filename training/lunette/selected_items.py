"""The selected tab, menu or list item read from the pixels around the OCR lines (pack manifest
`generation.selected_items: "pixels"`).

The PyTorch reference of `src/engine/selectedItems.ts`, step for step; `test/fixtures/selected-items.json` holds
cases both sides must pass. Asked "Which tab is selected?", "Which menu is open?", "Which item is selected?" or
"Which settings section is selected?", the model named another item of the row or column four times of four
("Settings" for the underlined, blue "Overview"). Yet the selected one looks different from its siblings: its text
is in the accent colour, or it sits on a highlight.

So each OCR line is looked at in a window at its corner (WINDOW of the image's sides each way): its background is
the window's most common colour (pixels binned by 8 per channel; the bin's mean) and its ink the mean of the pixels
at least INK_SHARE as far from that background as the farthest (none when that is within INK_REACH). Lines whose
corners are within ROW percent of one another's y form a row, within ROW of x a column; of each row or column of
three lines or more, a line whose background, or ink, differs (some channel more than DIFFERENT apart) from every
other's while those are all alike is the selected one, where there is exactly one. Asked which tab, menu, item,
section, page or option is selected, active, open, highlighted or current (`asks_selected`), the answers are those
lines, each once, and the model ranks them (`Generator.best_answer` with `only_candidates`); none: the model
answers.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

import numpy as np

WINDOW = 0.03
INK_SHARE = 0.75
INK_REACH = 80
DIFFERENT = 40
ROW = 1
_ASKS = re.compile(r"\b(which|what)\b.*\b(tab|menu|item|section|page|option|entry|link)s?\b.*"
                   r"\b(selected|active|open|opened|highlighted|current|chosen)\b"
                   r"|\b(selected|active|open|highlighted|current)\s+(tab|menu|item|section|page|option|entry|link)\b")


def asks_selected(question: str) -> bool:
    """Does `question` ask which tab, menu or item is selected (active, open, highlighted, current)?"""
    return bool(_ASKS.search(question.lower()))


def selected_items(snap: np.ndarray, lines: Sequence[Tuple[int, int, str]]) -> List[str]:
    """The texts of the lines (x, y in whole percent, text) that stand out of their row or column, each once."""
    looks = [_look(snap, x, y) for x, y, _ in lines]
    found: List[str] = []
    for axis in (1, 0):   # rows (the same y), then columns (the same x)
        seen = set()
        for line in lines:
            group = tuple(j for j, other in enumerate(lines) if abs(other[axis] - line[axis]) <= ROW)
            if len(group) < 3 or group in seen:
                continue
            seen.add(group)
            odd = [j for j in group if any(_stands_out(looks, j, [k for k in group if k != j], part) for part in (0, 1))]
            if len(odd) == 1 and lines[odd[0]][2] not in found:
                found.append(lines[odd[0]][2])
    return found


def _stands_out(looks, j: int, others: List[int], part: int) -> bool:
    """Does line j's background (part 0) or ink (part 1) differ from each of `others`', which are all alike?"""
    return all(_differs(looks[j][part], looks[k][part]) for k in others) and \
        not any(_differs(looks[a][part], looks[b][part]) for a in others for b in others)


def _differs(a: Optional[np.ndarray], b: Optional[np.ndarray]) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return float(np.abs(a - b).max()) > DIFFERENT


def _look(snap: np.ndarray, x: int, y: int):
    """(background, ink) of the window at a line's corner; ink None where nothing is INK_REACH from the background,
    both None where the window is outside the image."""
    H, W, _ = snap.shape
    x0, y0 = int(x * W / 100), int(y * H / 100)
    window = snap[y0:y0 + max(2, int(WINDOW * H)), x0:x0 + max(2, int(WINDOW * W))].reshape(-1, 3).astype(np.int64)
    if len(window) == 0:
        return None, None
    binned = window // 8
    keys = binned[:, 0] * 1024 + binned[:, 1] * 32 + binned[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    background = window[keys == values[counts.argmax()]].mean(0)
    distance = np.abs(window - background).max(1)
    far = distance.max()
    ink = window[distance >= INK_SHARE * far].mean(0) if far > INK_REACH else None
    return background, ink
