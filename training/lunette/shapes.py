"""Which shapes an image shows (pack manifest `generation.shapes: "pixels"`; lunette/held_back.py).

The PyTorch reference of `src/engine/imageShapes.ts`, step for step; `test/fixtures/shapes.json` holds cases both
sides must pass. The model names shapes poorly from its 64 image tokens: it captioned a blue square "a blue circle"
and three triangles "two orange circles and a green heart". Yet a drawn shape's outline is plain in the pixels.
So the decoder may name one of the generator's shapes only if some region of the image could be it, or the prompt
names it; it still chooses among those itself.

Each region of the image (`proposals.image_regions`: areas no colour edge crosses, and things standing out from
the border's colour; repeats kept, so an outlined shape's inside counts beside its outline) is measured by its fill, the share of its box it covers, and its aspect, width over height.
A drawn shape fills its box by a known share: a rectangle 1, an ellipse π/4 ≈ 0.79, a regular hexagon 0.75, a
pentagon 0.69, a heart 0.65, the generator's cross 0.59, a triangle or diamond 0.5, a ring 0.45, a five-pointed
star 0.38. Each name is allowed over a band around its share (FILL_BANDS: what the generator's drawings measure,
filled and outlined, a little widened: anti-aliasing, rounding and small sizes move the share); circle and square also need a box near square (ROUND_ASPECT), oval and rectangle one that is not
(LONG_ASPECT), a triangle a lopsided region (its centroid off the box's centre), a diamond or cross a centred one
(LOPSIDED). The bands overlap, so a region between two shapes allows both.
"""
from __future__ import annotations

from typing import List

import numpy as np

from .proposals import image_regions

SHAPES = ("circle", "oval", "square", "rectangle", "triangle", "diamond", "pentagon", "hexagon", "star", "heart",
          "cross", "ring")
# name -> (lowest fill, highest fill), the highest exclusive
FILL_BANDS = {
    "square": (0.86, 1.01), "rectangle": (0.86, 1.01),
    "circle": (0.74, 0.86), "oval": (0.74, 0.86), "hexagon": (0.64, 0.80),
    "pentagon": (0.64, 0.74), "heart": (0.58, 0.72), "cross": (0.44, 0.66),
    "diamond": (0.44, 0.58), "triangle": (0.36, 0.56), "ring": (0.36, 0.50), "star": (0.30, 0.46),
}
ROUND_ASPECT = (0.8, 1.25)   # circle and square: width / height within this
LONG_ASPECT = (0.9, 1.1)     # oval and rectangle: width / height outside this
ROUND = ("circle", "square")
LONG = ("oval", "rectangle")
# How far a region's centroid is from its box's centre, as a share of the box's side (the larger of x and y): a
# triangle's is at least 0.074 however it is turned (0.167 point up), a diamond's or a cross's 0.
LOPSIDED = 0.07
LOPSIDED_ONLY = ("triangle",)
CENTRED_ONLY = ("diamond", "cross")


def region_shapes(pixels: int, width: int, height: int, offset: float) -> List[str]:
    """The shape names a region of `pixels` pixels in a `width` x `height` box could be, in SHAPES' order; `offset`:
    its centroid's distance from the box's centre (`centroid_offset`)."""
    fill = pixels / (width * height)
    aspect = width / height
    out = []
    for name in SHAPES:
        low, high = FILL_BANDS[name]
        if not low <= fill < high:
            continue
        if name in ROUND and not ROUND_ASPECT[0] <= aspect <= ROUND_ASPECT[1]:
            continue
        if name in LONG and LONG_ASPECT[0] <= aspect <= LONG_ASPECT[1]:
            continue
        if (name in LOPSIDED_ONLY and offset < LOPSIDED) or (name in CENTRED_ONLY and offset >= LOPSIDED):
            continue
        out.append(name)
    return out


def centroid_offset(pixels: int, x0: int, y0: int, x1: int, y1: int, sum_x: int, sum_y: int) -> float:
    """max over x and y of |centroid − box centre| / box side, pixel centres at +0.5."""
    return max(abs(sum_x / pixels + 0.5 - (x0 + x1) / 2) / (x1 - x0), abs(sum_y / pixels + 0.5 - (y0 + y1) / 2) / (y1 - y0))


def image_shapes(snap: np.ndarray) -> List[str]:
    """The shape names some region of the image could be, in SHAPES' order (`snap`: as snap.snap_image gives)."""
    shown = set()
    for region in image_regions(snap, distinct=False):
        pixels, x0, y0, x1, y1, _, _ = region
        shown.update(region_shapes(pixels, x1 - x0, y1 - y0, centroid_offset(*region)))
    return [s for s in SHAPES if s in shown]
