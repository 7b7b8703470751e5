"""Region proposals: the things an image is made of, as boxes (pack manifest `generation.region_proposals: "pixels"`).

The PyTorch reference of `src/engine/regionProposals.ts`, step for step; `test/fixtures/proposals.json` holds cases
both sides must pass, and docs/model-pack.md ("Regions ranked by the model") specifies it. The model's coordinate
heads are right about *which* thing it means more often than about *where* its edges are: on the real set they
put a toggle's box 40 px to the right of the toggle. So detect and point choose among the regions the pixels hold
(`Generator.locate_ranked` ranks them by the model's own coordinate and size distributions). Regions come two ways,
from the image as box snapping sees it (`snap.snap_image`):

- the 4-connected regions of pixels that no edge crosses (an edge: a neighbour differs by more than EDGE in some
  channel), which finds a button's face, a bar, a node, a toggle and a text field;
- the 4-connected regions of everything unlike the flat colour of the image's border, opened once, which finds
  many-coloured things (emoji, icons) as one.

Regions too small to be asked about (text glyphs, anti-aliasing) or as large as the image are left out, and a
region that repeats one kept before (IoU >= SAME_REGION) is dropped.
"""
from __future__ import annotations

import numpy as np

from .snap import _alike, _mode_colour, _open, iou

EDGE = 12           # a step of more than this (of 255) in any channel between 4-neighbours is an edge
MIN_PIXELS = 20     # pixels in a region
MIN_SIDE = 3        # pixels, each side of its box
MIN_AREA = 0.0005   # its box's share of the image
MAX_AREA = 0.9
SAME_REGION = 0.9   # IoU of a region with one kept before that makes it a repeat


def region_proposals(img: np.ndarray) -> list:
    """[x_min, y_min, x_max, y_max] in 0..1 for each region of `img` (H x W x 3 uint8, as `snap_image` gives),
    edge regions first, then foreground regions, each in raster order of their first pixel; repeats dropped."""
    H, W, _ = img.shape
    return [[x0 / W, y0 / H, x1 / W, y1 / H] for _, x0, y0, x1, y1, _, _ in image_regions(img)]


def image_regions(img: np.ndarray, distinct: bool = True) -> list:
    """The regions `region_proposals` gives, as `_components` describes them, in `img`'s pixels; with `distinct`
    False, also those that repeat one before (an outlined shape's inside after its outline)."""
    H, W, _ = img.shape
    px = img.astype(np.int32)
    edge = np.zeros((H, W), bool)
    across = (np.abs(px[:, 1:] - px[:, :-1]) > EDGE).any(-1)
    down = (np.abs(px[1:] - px[:-1]) > EDGE).any(-1)
    edge[:, 1:] |= across
    edge[:, :-1] |= across
    edge[1:] |= down
    edge[:-1] |= down
    found = _components(~edge)
    background = border_colour(img)
    if background is not None:
        found += _components(_open(~_alike(px, background)))
    kept, boxes = [], []
    for count, x0, y0, x1, y1, sum_x, sum_y in found:
        w, h = x1 - x0, y1 - y0
        if count < MIN_PIXELS or w < MIN_SIDE or h < MIN_SIDE or not MIN_AREA <= w * h / (W * H) <= MAX_AREA:
            continue
        box = [x0 / W, y0 / H, x1 / W, y1 / H]
        if not distinct or all(iou(box, k) < SAME_REGION for k in boxes):
            boxes.append(box)
            kept.append((count, x0, y0, x1, y1, sum_x, sum_y))
    return kept


def border_colour(img: np.ndarray):
    """The flat colour of the image's border pixels (rows 0 and H−1, columns 0 and W−1), as `_mode_colour` finds it:
    the background a thing stands out from; None when the border is not flat."""
    H, W, _ = img.shape
    border = np.ones((H, W), bool)
    border[1:-1, 1:-1] = False
    return _mode_colour(img.astype(np.int32)[border])


def _components(mask: np.ndarray) -> list:
    """The 4-connected regions of `mask` as (pixels, x_min, y_min, x_max + 1, y_max + 1, sum of x, sum of y), in
    raster order of their first pixel. Runs of each row are joined to the runs they touch in the row above
    (union-find over runs)."""
    H, W = mask.shape
    runs = []       # (row, start, end) with end exclusive
    row_runs = []   # per row, the indices of its runs
    for y in range(H):
        m = np.concatenate([[False], mask[y], [False]]).astype(np.int8)
        d = np.diff(m)
        starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
        first = len(runs)
        runs += [(y, int(s), int(e)) for s, e in zip(starts, ends)]
        row_runs.append(range(first, len(runs)))
    parent = list(range(len(runs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for y in range(1, H):
        above, here = row_runs[y - 1], row_runs[y]
        j = above.start
        for i in here:
            _, s, e = runs[i]
            while j < above.stop and runs[j][2] <= s:
                j += 1
            k = j
            while k < above.stop and runs[k][1] < e:  # overlapping columns touch 4-wise
                a, b = find(i), find(k)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # the earlier run (raster order) is the root
                k += 1
    regions = {}
    for i, (y, s, e) in enumerate(runs):
        r = find(i)
        if r not in regions:
            regions[r] = [0, s, y, e, y + 1, 0, 0]
        g = regions[r]
        g[0] += e - s
        g[1], g[2], g[3], g[4] = min(g[1], s), min(g[2], y), max(g[3], e), max(g[4], y + 1)
        g[5] += (s + e - 1) * (e - s) // 2
        g[6] += y * (e - s)
    return [tuple(regions[r]) for r in sorted(regions)]
