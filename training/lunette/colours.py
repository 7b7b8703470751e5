"""Which colours an image shows (pack manifest `generation.colours: "pixels"`; lunette/held_back.py).

The PyTorch reference of `src/engine/imageColours.ts`, step for step; `test/fixtures/colours.json` holds cases both
sides must pass. The model names colours poorly from its 64 image tokens (it calls a blue square "a red circle"),
yet which colours an image holds is plain in its pixels. So the decoder may name a chromatic colour (red … brown)
only if the image shows it, or the question or the image's text names it; it still chooses among those itself.

Which colours an image shows: each pixel of the snap image (lunette/snap.py: longest side 512, linear) is named as
the training data names colours (training/synth/colors.py `classify`, its chromatic names), and a name counts
where it covers at least SHOWN_SHARE of the pixels (and MIN_PIXELS) with pixels whose 2 × 2 block all have that
name: the one-pixel seams that anti-aliasing leaves between two colours (purple between red and blue) do not
count. Near the names' borders in hue (± HUE_SLACK degrees), lightness (red/pink) and brightness (orange/brown)
both names count, so a colour between two names never forbids the one the model picks.
"""
from __future__ import annotations

from typing import Dict, List

import numpy as np

CHROMATIC = ("red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "brown")
SHOWN_SHARE = 0.0003
MIN_PIXELS = 8
HUE_SLACK = 12.0
LEVEL_SLACK = 0.06
# (hue, lightness, brightness) offsets: each pixel is named as it is and as if it were this much off
SLACKS = ((0.0, 0.0, 0.0), (HUE_SLACK, 0.0, 0.0), (-HUE_SLACK, 0.0, 0.0),
          (0.0, LEVEL_SLACK, LEVEL_SLACK), (0.0, -LEVEL_SLACK, -LEVEL_SLACK))
NOT_CHROMATIC = -1


def colour_names(rgb: np.ndarray, hue_offset: float = 0.0, level_offset: float = 0.0,
                 brightness_offset: float = 0.0) -> np.ndarray:
    """Per pixel, the index in CHROMATIC of its name under synth/colors.py `classify`, or NOT_CHROMATIC (grey,
    black, white, or no clear name); the offsets shift the pixel's hue (degrees), lightness and brightness first."""
    a = rgb[..., :3].astype(np.float64) / 255.0
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    hi, lo = a.max(-1), a.min(-1)
    spread = hi - lo
    light = (hi + lo) / 2.0
    safe = np.where(spread > 0, spread, 1.0)
    sat = np.where(spread == 0, 0.0, np.where(light <= 0.5, spread / np.where(hi + lo > 0, hi + lo, 1.0),
                                              spread / np.where(2.0 - hi - lo > 0, 2.0 - hi - lo, 1.0)))
    rc, gc, bc = (hi - r) / safe, (hi - g) / safe, (hi - b) / safe
    hue = np.where(r == hi, bc - gc, np.where(g == hi, 2.0 + rc - bc, 4.0 + gc - rc))
    deg = ((hue / 6.0) % 1.0) * 360.0
    deg = (deg + hue_offset) % 360.0
    light = light + level_offset
    bright = hi + brightness_offset
    chromatic = (sat >= 0.15) & (spread >= 0.12) & (light >= 0.12)
    name = np.select(
        [deg < 15, deg < 42, deg < 68, deg < 160, deg < 190, deg < 255, deg < 290, deg < 340],
        [np.where(light < 0.7, 0, 7), np.where(bright < 0.66, 8, 1), np.where(light > 0.35, 2, NOT_CHROMATIC),
         3, 4, 5, 6, 7],
        default=np.where(light < 0.7, 0, 7))
    return np.where(chromatic, name, NOT_CHROMATIC).astype(np.int8)


def _shown(names: np.ndarray) -> Dict[int, int]:
    """Pixels per name whose 2 x 2 block (the pixel, right, below, below right) is all that name."""
    if names.shape[0] < 2 or names.shape[1] < 2:
        return {}
    top = names[:-1, :-1]
    solid = (top == names[1:, :-1]) & (top == names[:-1, 1:]) & (top == names[1:, 1:]) & (top != NOT_CHROMATIC)
    values, counts = np.unique(top[solid], return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts)}


def image_colours(snap: np.ndarray) -> List[str]:
    """The chromatic colour names the image shows, in CHROMATIC's order (`snap`: H x W x 3 uint8, snap.snap_image)."""
    need = max(MIN_PIXELS, SHOWN_SHARE * snap.shape[0] * snap.shape[1])
    shown = set()
    for hue, level, brightness in SLACKS:
        for index, count in _shown(colour_names(snap, hue, level, brightness)).items():
            if count >= need:
                shown.add(index)
    return [CHROMATIC[i] for i in sorted(shown)]
