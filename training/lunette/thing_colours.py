"""The colour of a named drawn thing read from the pixels (pack manifest `generation.thing_colours: "pixels"`).

The PyTorch reference of `src/engine/thingColours.ts`, step for step; `test/fixtures/thing-colours.json` holds
cases both sides must pass. Colour words are held to the colours the whole image shows (lunette/colours.py), but
where two are present the model often picks the other one: "What colour is the circle?" → "Blue" beside a blue
square, over a red circle. Which colour the circle is, is plain in the pixels: the regions that are circles
(lunette/counts.py `things`) and their colour (`region_colours`, each pixel named as it is).

So when a question asks the colour of one of the counted things (`coloured_thing`: "What colour is the circle?",
"What color are the bars?"), the answer is one of the colours of that thing's regions (`colour_answers`), the one
the model rates most probable (`Generator.best_answer` with `only_candidates`): with one colour, the pixels
answer. Holding the other colour words back instead was tried: the model then refused ("There is no circle in the
image.") over a circle it had called blue. No such region, or none with a colour: the model answers alone.
"""
from __future__ import annotations

import re
from typing import List, Optional

import numpy as np

from .counts import COLOURS, THINGS, region_colours, things
from .held_back import plural


def coloured_thing(question: str) -> Optional[str]:
    """The thing (one of THINGS) whose colour `question` asks, if it asks one thing's colour."""
    text = question.lower()
    if not re.search(r"\bcolou?rs?\b", text) or "how many" in text:
        return None
    words = re.findall(r"[a-z]+", text)
    named = {t for t in THINGS for w in words if w in (t, plural(t))}
    return named.pop() if len(named) == 1 else None


def thing_colours(snap: np.ndarray, thing: str) -> List[str]:
    """The colours (COLOURS' order, grey as "gray") of the regions of `snap` that are `thing`s."""
    found = set()
    for box in things(snap, thing):
        found.update(region_colours(snap, *box, slack=False))
    return [c for c in COLOURS if c in found]


def colour_answers(snap: np.ndarray, thing: str) -> List[str]:
    """The answers to `thing`'s colour: its regions' colours, capitalised as answers are ("Red")."""
    return [c.capitalize() for c in thing_colours(snap, thing)]
