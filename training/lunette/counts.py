"""How many of a drawn thing an image shows (pack manifest `generation.counts: "pixels"`; lunette/held_back.py).

The PyTorch reference of `src/engine/imageCounts.ts`, step for step; `test/fixtures/counts.json` holds cases both
sides must pass. The model counts poorly from its 64 image tokens: on the real set it answered "How many shapes are
there?" with 4 whatever the picture held, got none of nine shape counts right, and none of four diagrams' boxes.
Yet drawn shapes, a chart's bars and slices and a diagram's boxes are plain regions of the pixels, and
lunette/shapes.py already says which shapes a region could be.

A question counts a thing (`counted_thing`) when it asks how many (or the number, or a count) of one plural of
THINGS, with nothing before it but a colour: "How many circles are there?", "Count the red squares.", "What is
the number of shapes?", "How many bars does the chart have?"; not "How many text boxes …" nor "How many of the
shapes are red?". The count is over the image's distinct regions (`proposals.image_regions`) large enough to be
drawn things rather than glyphs (MIN_SHARE of the image) that are the thing (`is_thing`) and, with a colour named
before it, that colour (`region_colours`); a region mostly filling another's box is that one's inside, a region
holding a much smaller one is a panel holding things (`distinct_things`). While answering, the decoder writes no
number but that count (0 to 20, as digits or words); a count of 0 holds nothing back, since a thing the regions
miss is not proof of its absence.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

import numpy as np

from .colours import CHROMATIC, SLACKS, colour_names
from .held_back import plural
from .proposals import image_regions
from .shapes import SHAPES, centroid_offset, region_shapes

# "shape": any of SHAPES; "bar": a chart's bar; "slice": a pie's; "box" and "node": a diagram's
THINGS = SHAPES + ("shape", "bar", "slice", "box", "node")
# the shapes a diagram's box may look like: its text cut out of it lowers a rectangle's fill to 0.7 or so
BOXY = ("rectangle", "square", "oval", "circle", "hexagon", "pentagon", "heart")
# words that may stand before the thing counted (besides a colour): "how many", "count the", "number of", "# of"
LEAD_WORDS = ("many", "the", "of", "all", "count", "#")
# a diagram's steps, states and stages are its boxes, when counted
STEPS = {"steps": "node", "states": "node", "stages": "node"}
COLOURS = CHROMATIC + ("gray", "grey")
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
# a region's box as a share of the image: smaller ones are glyphs, icons' details, anti-aliasing
MIN_SHARE = 0.002
# a region within another's box and covering at least this share of it is its inside (a shape's area within its
# anti-aliased edge, an outlined shape's hole); a region holding one covering less than this is a panel
INSIDE_SHARE = 0.5
# a pie's slice: a region with a colour of its own (OWN_SHARE of its box) within the box of a circle region, and
# covering less than PIE_SHARE of it
OWN_SHARE = 0.5
PIE_SHARE = 0.9
# counting a circle: its box this near square (a regular hexagon's is 1.155 or 0.866 wide per high, and its fill,
# about 0.76, is within the circle's band)
COUNT_ROUND_ASPECT = (0.93, 1.075)
# counting any other shape but the oval and rectangle: its box no longer than this either way (an arrow's shaft
# and head, a strip of a border, are star-like in fill)
COUNT_MAX_ELONGATION = 2.5
# a colour a region is: this share of its box's pixels has that name; or, for a region with no colour of its own
# (the inside of an outlined shape), this share of the coloured ones among the OUTLINE pixels around its box
COLOUR_SHARE = 0.25
OUTLINE = 2
OUTLINE_SHARE = 0.5
# grey: no chromatic name and a lightness within this (synth/colors.py `classify`, a little widened)
GREY_LIGHTNESS = (0.3, 0.7)
_ASKS_COUNT = re.compile(r"\b(how many|number of|count)\b|#\s*of\b")


def counted_thing(question: str) -> Optional[Tuple[str, Optional[str]]]:
    """(thing, colour or None) when `question` asks how many of one of THINGS there are."""
    text = question.lower()
    if not _ASKS_COUNT.search(text) or "many of" in text:
        return None
    words = re.findall(r"[a-z]+|#", text)
    plurals = {**{plural(t): t for t in THINGS}, **STEPS}
    named = [i for i, word in enumerate(words) if word in plurals]
    if len(named) != 1:
        return None
    i = named[0]
    colour = words[i - 1] if i > 0 and words[i - 1] in COLOURS else None
    before = i - (2 if colour else 1)
    if before >= 0 and words[before] not in LEAD_WORDS:
        return None
    return plurals[words[i]], ("gray" if colour == "grey" else colour)


def region_colours(snap: np.ndarray, x0: int, y0: int, x1: int, y1: int, slack: bool = True) -> List[str]:
    """The colours of a region with this box: those of its box's pixels, or if it has none, of the coloured pixels
    among the OUTLINE pixels around the box (an outlined shape's inside is the background's colour, its outline the
    shape's; around a round outline's box, white corners too)."""
    own = pixel_colours(snap[y0:y1, x0:x1].reshape(-1, 3), COLOUR_SHARE, slack=slack)
    if own:
        return own
    H, W, _ = snap.shape
    a0, b0, a1, b1 = max(0, x0 - OUTLINE), max(0, y0 - OUTLINE), min(W, x1 + OUTLINE), min(H, y1 + OUTLINE)
    ring = np.ones((b1 - b0, a1 - a0), bool)
    ring[y0 - b0:y1 - b0, x0 - a0:x1 - a0] = False
    return pixel_colours(snap[b0:b1, a0:a1][ring], OUTLINE_SHARE, coloured_only=True, slack=slack)


def pixel_colours(pixels: np.ndarray, share: float, coloured_only: bool = False, slack: bool = True) -> List[str]:
    """The colour names (grey as "gray") covering `share` of these pixels (N x 3 uint8), or with `coloured_only`, of
    those of them that have a colour name; none of no pixels. Without `slack`, each pixel is named once, as it is."""
    a = pixels.astype(np.float64) / 255.0
    lightness = (a.max(-1) + a.min(-1)) / 2.0
    plain = colour_names(pixels)
    grey = (plain < 0) & (lightness >= GREY_LIGHTNESS[0]) & (lightness <= GREY_LIGHTNESS[1])
    total = int(((plain >= 0) | grey).sum()) if coloured_only else len(pixels)
    if total == 0:
        return []
    need = share * total
    out = set()
    for k, (hue, level, brightness) in enumerate(SLACKS if slack else SLACKS[:1]):
        names = plain if k == 0 else colour_names(pixels, hue, level, brightness)   # SLACKS[0] is unshifted
        for index, count in zip(*np.unique(names[names >= 0], return_counts=True)):
            if count >= need:
                out.add(CHROMATIC[int(index)])
    if grey.sum() >= need:
        out.add("gray")
    return [c for c in COLOURS if c in out]


def thing_count(snap: np.ndarray, thing: str, colour: Optional[str] = None) -> int:
    """How many `thing`s (of `colour`) `snap` shows (H x W x 3 uint8, as snap.snap_image gives)."""
    return len(things(snap, thing, colour))


def things(snap: np.ndarray, thing: str, colour: Optional[str] = None) -> list:
    """The boxes (x0, y0, x1, y1 in `snap`'s pixels, end exclusive) of the `thing`s (of `colour`) `snap` shows,
    each once, in the regions' order."""
    regions = counted_regions(snap)
    pies = [box for box, names in regions if "circle" in names] if thing == "slice" else []
    if thing == "slice":   # a pie has two slices or more; a lone one is a disc's inside within its edge
        every = distinct_things([box for box, names in regions if is_thing(snap, thing, box, names, pies)])
        return [box for box in every if any(_within(box, pie) and sum(_within(o, pie) for o in every) >= 2
                                            for pie in pies) and (not colour or colour in region_colours(snap, *box))]
    found = [box for box, names in regions if is_thing(snap, thing, box, names, pies)
             and (not colour or colour in region_colours(snap, *box))]
    return distinct_things(found)


def counted_regions(snap: np.ndarray) -> list:
    """(box, the shapes it counts as) for each distinct region of `snap` large enough to be a drawn thing (MIN_SHARE
    of the image), in the regions' order; boxes as `things` gives them."""
    H, W, _ = snap.shape
    regions = []
    for region in image_regions(snap, distinct=True):
        pixels, x0, y0, x1, y1, _, _ = region
        if (x1 - x0) * (y1 - y0) >= MIN_SHARE * W * H:
            regions.append(((x0, y0, x1, y1), counted_names(pixels, x1 - x0, y1 - y0, centroid_offset(*region))))
    return regions


def is_thing(snap: np.ndarray, thing: str, box, names: List[str], pies) -> bool:
    """Is a region with this box, counting as these shapes, a `thing`? A shape: it counts as that shape (any, for
    "shape"). A bar: a rectangle or square with a colour of its own. A slice: a region with a colour of its own
    within one of `pies` (the circle regions' boxes). A box or node: it counts as a BOXY shape."""
    if thing == "shape":
        return bool(names)
    if thing == "bar":
        return bool({"rectangle", "square"} & set(names)) and bool(_own_colours(snap, box))
    if thing == "slice":
        return any(_within(box, pie) and _area(box) < PIE_SHARE * _area(pie) for pie in pies) and bool(_own_colours(snap, box))
    if thing in ("box", "node"):
        return any(name in BOXY for name in names)
    return thing in names


def distinct_things(boxes):
    """The boxes that are things, each once: not the inside of another (within its box, covering INSIDE_SHARE of
    it) nor a panel (holding another that covers less than INSIDE_SHARE of it)."""
    return [a for i, a in enumerate(boxes)
            if not any(j != i and _within(a, b) and _area(a) >= INSIDE_SHARE * _area(b) for j, b in enumerate(boxes))
            and not any(j != i and _within(b, a) and _area(b) < INSIDE_SHARE * _area(a) for j, b in enumerate(boxes))]


def _own_colours(snap: np.ndarray, box) -> List[str]:
    x0, y0, x1, y1 = box
    return pixel_colours(snap[y0:y1, x0:x1].reshape(-1, 3), OWN_SHARE)


def counted_names(pixels: int, width: int, height: int, offset: float) -> List[str]:
    """The shapes a region counts as: those it could be (`shapes.region_shapes`), a circle only with a box near
    square (COUNT_ROUND_ASPECT), a hexagon only if not such a circle, the rest but the oval and rectangle only if not
    elongated (COUNT_MAX_ELONGATION)."""
    aspect = width / height
    names = region_shapes(pixels, width, height, offset)
    near_square = COUNT_ROUND_ASPECT[0] <= aspect <= COUNT_ROUND_ASPECT[1]
    elongated = max(aspect, 1 / aspect) > COUNT_MAX_ELONGATION
    out = []
    for name in names:
        if name == "circle":
            if near_square:
                out.append(name)
        elif name == "hexagon":
            if not (near_square and "circle" in names) and not elongated:
                out.append(name)
        elif name in ("oval", "rectangle") or not elongated:
            out.append(name)
    return out


def _within(a, b) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def _area(box) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])


def number_words(count: int) -> Tuple[str, str]:
    return str(count), NUMBER_WORDS[count]


def numbers_held_back(count: int) -> List[str]:
    """The numbers (digits and words, 0 to 20) an answer may not write when the pixels count `count` (none for 0 or
    a count past 20)."""
    if not 1 <= count < len(NUMBER_WORDS):
        return []
    allowed = number_words(count)
    return [w for n in range(len(NUMBER_WORDS)) for w in number_words(n) if w not in allowed]
