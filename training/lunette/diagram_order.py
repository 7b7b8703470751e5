"""A diagram's first, last, next and previous box read from the pixels (pack manifest `generation.diagram_order:
"pixels"`).

The PyTorch reference of `src/engine/diagramOrder.ts`, step for step; `test/fixtures/diagram-order.json` holds cases
both sides must pass. Asked "What is the last step?" of a pipeline or "What comes after Start?" of a flowchart, the
model gave a box from the wrong end ("Build", "Brows") or read a garbled line, on 8 of 8 such questions of the real
set. Yet a diagram's boxes are plain regions of the pixels (lunette/counts.py `things(snap, "node")`), their labels
are the OCR lines that start in them, and a flow runs along the axis its boxes spread along: top to bottom, or left
to right.

So when a question asks for the first or last step (state, box, node, stage) or what comes after or before a named
box (`asked_order`), and the image has two or more boxes holding an OCR line (`ordered_labels`), the answer is the
label at that place in the flow (`order_answers`): the pixels answer, as the model's only candidate
(`Generator.best_answer` with `only_candidates`). After and before need the boxes in one row or column (a branch
makes "next" a guess). Terminals count as steps: the first step of a flowchart that begins with "Start" is "Start".
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .buttons import CORNER_NUDGE
from .counts import things

_ORDINAL = re.compile(r"\b(first|last|final)\b")
_NOUN = re.compile(r"\b(steps?|states?|boxe?s?|nodes?|stages?)\b")
_NEIGHBOUR = re.compile(r"\b(?:what|which)\b.*?\b(after|before)\s+(.+?)[\s?.!]*$")
# a flow runs left to right only where its boxes spread this many times as far across as down: top to bottom is
# the rule, and a branch widens a flowchart's rows
ACROSS = 2.0
# boxes are in one row (column) when their middles are within this many percent of the image across the flow
ALIGNED = 5.0
Line = Tuple[int, int, str]


def asked_order(question: str) -> Optional[Tuple[str, Optional[str]]]:
    """("first" | "last", None) when `question` asks for the first or last step (state, box, node, stage);
    ("after" | "before", label) when it asks what comes after or before a named box; else None."""
    text = question.lower()
    ordinal = _ORDINAL.search(text)
    if ordinal and _NOUN.search(text) and re.search(r"\b(what|which)\b", text):
        return ("first" if ordinal.group(1) == "first" else "last"), None
    neighbour = _NEIGHBOUR.search(question.strip().lower())
    if neighbour:
        label = neighbour.group(2).strip().strip("\"'\u201c\u201d")
        return (neighbour.group(1), label) if label else None
    return None


def ordered_labels(snap: np.ndarray, lines: Sequence[Line]) -> Tuple[List[str], bool]:
    """The labels of the diagram's boxes in flow order, and whether the boxes lie in one row or column. A box's label
    is the first OCR line (x, y in whole percent, text) starting in it; boxes without one are left out. The flow runs
    top to bottom, or left to right where the boxes' middles spread ACROSS times as far across as down (a row); the
    other axis breaks a tie."""
    H, W, _ = snap.shape
    labelled = []   # (middle x, middle y, label) in percent
    for x0, y0, x1, y1 in things(snap, "node"):
        box = (100 * x0 / W, 100 * y0 / H, 100 * x1 / W, 100 * y1 / H)
        inside = [text for x, y, text in lines
                  if box[0] <= x + CORNER_NUDGE <= box[2] and box[1] <= y + CORNER_NUDGE <= box[3]]
        if inside:
            labelled.append(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2, inside[0]))
    if len(labelled) < 2:
        return [], False
    xs, ys = [m[0] for m in labelled], [m[1] for m in labelled]
    down = ACROSS * (max(ys) - min(ys)) >= max(xs) - min(xs)
    ordered = sorted(labelled, key=(lambda m: (m[1], m[0])) if down else (lambda m: (m[0], m[1])))
    across = xs if down else ys
    return [m[2] for m in ordered], max(across) - min(across) <= ALIGNED


def order_answers(snap: np.ndarray, lines: Sequence[Line], place: str, label: Optional[str] = None) -> List[str]:
    """The label at `place` in the flow ("first", "last"; "after" or "before" the box labelled `label`, compared
    without case), as the only answer; none when the boxes do not tell."""
    labels, aligned = ordered_labels(snap, lines)
    if not labels:
        return []
    if place == "first":
        return [labels[0]]
    if place == "last":
        return [labels[-1]]
    named = [i for i, text in enumerate(labels) if text.lower() == (label or "").lower()]
    if not aligned or len(named) != 1:
        return []
    i = named[0] + (1 if place == "after" else -1)
    return [labels[i]] if 0 <= i < len(labels) else []
