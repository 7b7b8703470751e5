"""Region proposals: lunette/proposals.py on the cases test/engine/regionProposals.test.ts runs too."""
import json
import os

import numpy as np

from conftest import REPO, draw_rects
from lunette.proposals import _components, region_proposals

with open(os.path.join(REPO, "test", "fixtures", "proposals.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
W, H = FIXTURE["width"], FIXTURE["height"]


def draw() -> np.ndarray:
    return draw_rects(FIXTURE)


def test_fixture():
    got = [[round(v * (W if i % 2 == 0 else H), 3) for i, v in enumerate(b)] for b in region_proposals(draw())]
    assert got == FIXTURE["expected"]


def test_noise_blank_and_tiny_pictures_give_nothing():
    rng = np.random.default_rng(11)
    assert region_proposals(rng.integers(0, 256, (48, 64, 3), dtype=np.uint8)) == []
    assert region_proposals(np.full((30, 40, 3), 20, np.uint8)) == []
    assert region_proposals(np.full((1, 1, 3), 5, np.uint8)) == []


def test_components_join_runs_that_touch_and_keep_raster_order():
    mask = np.array([
        [1, 1, 0, 0, 1],
        [0, 1, 0, 1, 1],
        [0, 1, 1, 1, 0],
        [0, 0, 0, 0, 0],
        [1, 0, 1, 0, 1],
    ], bool)
    # a U joined in its third row; then three single pixels; diagonal neighbours are not joined; with the sums
    # of the pixels' x and y
    assert _components(mask) == [(9, 0, 0, 5, 3, 19, 9), (1, 0, 4, 1, 5, 0, 4), (1, 2, 4, 3, 5, 2, 4),
                                 (1, 4, 4, 5, 5, 4, 4)]
