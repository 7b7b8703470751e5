"""A drawn shape's absence read from the pixels (pack manifest `generation.absent_shapes: "pixels"`).

The PyTorch reference of `src/engine/absentShapes.ts`, step for step; `test/fixtures/absent-shapes.json` holds cases
both sides must pass. Asked "Are there any circles?" over triangles, stars or squares, the model said "Yes" three
times of three on the real set. Which shapes no region of the image could be is what the shape names held back
already rest on (lunette/shapes.py `image_shapes`).

So when a question asks whether there is a drawn shape (`asked_shape`: "Is there a red circle?", "Are there any
stars?", "Can you see a triangle in the image?") that no region of the image could be, the answer is "No": it is the
model's only candidate (`Generator.best_answer` with `only_candidates`). Otherwise the model answers alone. The
other way was tried and not kept: answering "Yes" where the counts rule finds the shape was wrong 4 times in 20 on
synthetic images (grid backgrounds cut into odd cells, a magenta star taken for a purple cross), against 16 of 16
right for "No".
"""
from __future__ import annotations

import re
from typing import List, Optional

import numpy as np

from .counts import COLOURS
from .held_back import plural
from .shapes import SHAPES, image_shapes

# how a yes/no question about a shape's presence starts
LEADS = (("is", "there"), ("are", "there"), ("can", "you", "see"), ("do", "you", "see"))
# then, before the shape (and its colour): at most one of these
ARTICLES = ("a", "an", "any", "some")
# and after it, nothing, or "in the" and one of these
PLACES = ("image", "picture", "screenshot")


def asked_shape(question: str) -> Optional[str]:
    """The shape (one of SHAPES) when `question` asks whether the image shows it: one of LEADS, at most one of
    ARTICLES, a colour, the shape (singular or plural), then nothing or "in the image"."""
    words = re.findall(r"[a-z]+", question.lower())
    lead = next((lead for lead in LEADS if tuple(words[:len(lead)]) == lead), None)
    if lead is None:
        return None
    words = words[len(lead):]
    if words and words[0] in ARTICLES:
        words = words[1:]
    if len(words) > 1 and words[0] in COLOURS:
        words = words[1:]
    if not words:
        return None
    tail = words[1:]
    if tail and not (len(tail) == 3 and tail[:2] == ["in", "the"] and tail[2] in PLACES):
        return None
    return next((shape for shape in SHAPES if words[0] in (shape, plural(shape))), None)


def absence_answers(snap: np.ndarray, shape: str) -> List[str]:
    """["No"] when no region of `snap` could be `shape`; else none (the model answers)."""
    return [] if shape in image_shapes(snap) else ["No"]
