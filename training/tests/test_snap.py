"""Box snapping: lunette/snap.py on the cases test/engine/boxSnapping.test.ts runs too."""
import json
import os

import numpy as np
from PIL import Image

from conftest import REPO, draw_rects
from lunette.snap import SNAP_MAX_SIDE, iou, snap_box, snap_boxes, snap_image

with open(os.path.join(REPO, "test", "fixtures", "snap.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
W, H = FIXTURE["width"], FIXTURE["height"]


def draw() -> np.ndarray:
    return draw_rects(FIXTURE)


def to_unit(b):
    return [b[0] / W, b[1] / H, b[2] / W, b[3] / H]


def to_pixels(b):
    return [round(v * (W if i % 2 == 0 else H), 3) for i, v in enumerate(b)]


def test_fixture_cases():
    img = draw()
    for case in FIXTURE["cases"]:
        got = [to_pixels(b) for b in snap_boxes(img, [to_unit(b) for b in case["boxes"]])]
        assert got == case["expected"], case["name"]


def test_noise_leaves_the_box_alone():
    rng = np.random.default_rng(7)
    img = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
    assert snap_box(img, [0.25, 0.25, 0.75, 0.75]) == [0.25, 0.25, 0.75, 0.75]


def test_large_image_is_scaled_down_and_snaps_in_the_same_place():
    big = Image.fromarray(draw()).resize((W * 4, H * 4), Image.NEAREST)
    small = snap_image(big)
    assert max(small.shape[:2]) <= SNAP_MAX_SIDE
    case = FIXTURE["cases"][0]
    assert iou(snap_box(small, to_unit(case["boxes"][0])), to_unit(case["expected"][0])) > 0.9
