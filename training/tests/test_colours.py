"""Which colours an image shows: lunette/colours.py on the cases test/engine/imageColours.test.ts runs too
(test/fixtures/colours.json), and against the training data's own colour names."""
import json
import os

import numpy as np

from conftest import REPO, draw_rects
from lunette.colours import CHROMATIC, SLACKS, colour_names, image_colours
from synth.colors import classify

with open(os.path.join(REPO, "test", "fixtures", "colours.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def name(index):
    return CHROMATIC[index] if index >= 0 else None


def test_pixels_are_named_as_the_training_data_names_them():
    rng = np.random.default_rng(0)
    colours = rng.integers(0, 256, (5000, 3)).astype(np.uint8)
    names = colour_names(colours[None])[0]
    for rgb, index in zip(colours, names):
        expected = classify(tuple(int(v) for v in rgb))
        assert name(index) == (expected if expected in CHROMATIC else None), rgb


def test_each_slack_names_the_fixture_pixels():
    rgb = np.array([[p["rgb"] for p in FIXTURE["pixels"]]], dtype=np.uint8)
    for k, slack in enumerate(SLACKS):
        got = [name(i) for i in colour_names(rgb, *slack)[0]]
        assert got == [p["names"][k] for p in FIXTURE["pixels"]], slack


def test_a_colour_is_shown_by_solid_blocks_not_by_seams_or_specks():
    for picture in FIXTURE["pictures"]:
        assert image_colours(draw_rects(picture)) == picture["colours"], picture["name"]
