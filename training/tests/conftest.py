import os
import sys

import torch

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(TRAINING)
sys.path.insert(0, TRAINING)
torch.set_num_threads(2)


def draw_rects(picture) -> "np.ndarray":
    """H x W x 3 uint8: `rects` (x0, y0, x1, y1 in pixels, end exclusive, then the colour) drawn in order over
    `background`, as test/fixtures/snap.json, proposals.json and ranked.json describe their pictures."""
    import numpy as np
    img = np.zeros((picture["height"], picture["width"], 3), np.uint8)
    img[:] = picture["background"]
    for x0, y0, x1, y1, colour in picture["rects"]:
        img[y0:y1, x0:x1] = colour
    return img


def draw_picture(picture) -> "np.ndarray":
    """`draw_rects`, then each of `strokes` (x0, y0, x1, y1, width, colour): the pixels whose centre is nearer than
    width / 2 to the segment, then each of `discs` (cx, cy, r, colour): the pixels whose centre (x + 0.5, y + 0.5)
    is closer than r to (cx, cy), then each of `sectors` (cx, cy, r, from, to, colour): those of a disc's pixels
    whose centre is at an angle in [from, to) degrees, clockwise from +x (y down), then each of `holes` as a disc
    (a donut's middle); as test/fixtures/shapes.json, counts.json and chart-kinds.json describe their pictures."""
    import numpy as np
    img = draw_rects(picture)
    ys, xs = np.mgrid[0:picture["height"], 0:picture["width"]]
    for x0, y0, x1, y1, width, colour in picture.get("strokes", []):
        dx, dy, px, py = x1 - x0, y1 - y0, xs + 0.5 - x0, ys + 0.5 - y0
        t = np.minimum(1, np.maximum(0, (px * dx + py * dy) / (dx * dx + dy * dy)))
        img[(px - t * dx) ** 2 + (py - t * dy) ** 2 < (width / 2) ** 2] = colour
    for cx, cy, r, colour in picture.get("discs", []):
        img[(xs + 0.5 - cx) ** 2 + (ys + 0.5 - cy) ** 2 < r * r] = colour
    for cx, cy, r, start, end, colour in picture.get("sectors", []):
        dx, dy = xs + 0.5 - cx, ys + 0.5 - cy
        angle = np.degrees(np.arctan2(dy, dx)) % 360
        img[(dx ** 2 + dy ** 2 < r * r) & (angle >= start) & (angle < end)] = colour
    for cx, cy, r, colour in picture.get("holes", []):
        img[(xs + 0.5 - cx) ** 2 + (ys + 0.5 - cy) ** 2 < r * r] = colour
    return img
