"""Drawn things located from the pixels (pack manifest `generation.thing_regions: "pixels"`).

The PyTorch reference of `src/engine/locatedThings.ts`, step for step; `test/fixtures/located-things.json` holds
cases both sides must pass. Asked to detect or point at "star" over four stars, the model gave one and stopped; asked
for the circle beside a square, it gave the square. Yet the counts rule (lunette/counts.py `things`) already finds
every drawn shape, bar, slice and diagram box as a region of the pixels: on the real set it found all the shapes,
bars and slices asked for.

So when the object to locate is one of those things (`located_thing`: "circle", "red squares", "the nodes"), the
regions that are it (`thing_boxes`) are given, every one of them; the model only orders them
(`Generator.locate_ranked` with `every_region`). No such region: the model locates alone, as before.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

import numpy as np

from .counts import COLOURS, THINGS, things
from .held_back import plural

# words that may stand before the thing (besides a colour): "the circle", "all stars", "a red square"
LEAD_WORDS = ("a", "an", "the", "all", "every", "each", "any")


def located_thing(obj: str) -> Optional[Tuple[str, Optional[str]]]:
    """(thing, colour or None) when the object to detect or point at is one of THINGS, singular or plural, with at
    most a colour and one of LEAD_WORDS before it and nothing after ("red circle", "the bars"; not "text box")."""
    words = re.findall(r"[a-z]+", obj.lower())
    if words and words[0] in LEAD_WORDS:
        words = words[1:]
    colour = words[0] if len(words) == 2 and words[0] in COLOURS else None
    if len(words) != (2 if colour else 1):
        return None
    named = {form: thing for thing in THINGS for form in (thing, plural(thing))}
    thing = named.get(words[-1])
    if thing is None:
        return None
    return thing, ("gray" if colour == "grey" else colour)


def thing_boxes(snap: np.ndarray, thing: str, colour: Optional[str] = None) -> List[List[float]]:
    """The boxes ([x_min, y_min, x_max, y_max] in 0..1) of the `thing`s (of `colour`) `snap` shows, each once, in
    the regions' order (lunette/counts.py `things`)."""
    H, W, _ = snap.shape
    return [[x0 / W, y0 / H, x1 / W, y1 / H] for x0, y0, x1, y1 in things(snap, thing, colour)]
