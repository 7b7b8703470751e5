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
