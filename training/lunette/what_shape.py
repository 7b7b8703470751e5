"""What shape a picture's one drawn shape is, read from the pixels (pack manifest `generation.what_shape: "pixels"`).

The PyTorch reference of `src/engine/whatShape.ts`, step for step; `test/fixtures/what-shape.json` holds cases both
sides must pass. Asked "What shape is this?" of a picture holding one square, the model answered "The large
square": its training asked shapes' colours, counts and places, never this. Yet which shapes a drawn region could be
is what the shape names held back already rest on (lunette/counts.py `counted_regions`).

So when a question asks what shape "this" (it, that, the shape) is (`asks_what_shape`) and the image holds exactly
one drawn shape (`distinct_things` of the regions counting as any shape), the answers are the names it could be, as
the training data words a shape ("A square", "An oval"; `shape_answers`), and the model picks among them
(`Generator.best_answer` with `only_candidates`). Otherwise the model answers alone.
"""
from __future__ import annotations

import re
from typing import List

import numpy as np

from .counts import counted_regions, distinct_things

_ASKS = re.compile(r"^\s*(what|which) shape is (this|it|that|shown|the shape|in the (image|picture))\s*[?.!]*\s*$"
                   r"|^\s*what is (this|that) shape\s*[?.!]*\s*$")


def asks_what_shape(question: str) -> bool:
    """Does `question` ask what shape the picture's one shape is ("What shape is this?", "What is this shape?")?"""
    return bool(_ASKS.match(question.lower()))


def shape_answers(snap: np.ndarray) -> List[str]:
    """The names the image's one drawn shape could be, with their article ("A square"); none unless exactly one
    region counts as a shape (each thing once)."""
    regions = counted_regions(snap)
    shapes = distinct_things([box for box, names in regions if names])
    if len(shapes) != 1:
        return []
    names = next(names for box, names in regions if box == shapes[0])
    return [("An " if name[0] in "aeiou" else "A ") + name for name in names]
