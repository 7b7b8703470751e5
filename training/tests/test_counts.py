"""Counts held to the pixels: lunette/counts.py on the cases test/engine/imageCounts.test.ts runs too
(test/fixtures/counts.json), and on the generator's own shape drawings."""
import json
import os
import random

import numpy as np
from PIL import Image, ImageDraw

from conftest import REPO, draw_picture
from lunette.counts import counted_names, counted_thing, numbers_held_back, thing_count
from synth.scenes.shapes import SHAPES as DRAWN, draw_shape

with open(os.path.join(REPO, "test", "fixtures", "counts.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def as_fixture(counted):
    return None if counted is None else {"thing": counted[0], **({"colour": counted[1]} if counted[1] else {})}


def test_questions_that_count_a_thing():
    for case in FIXTURE["questions"]:
        assert as_fixture(counted_thing(case["question"])) == case["counted"], case["question"]


def test_a_region_counts_as_the_shapes_its_fill_aspect_and_elongation_allow():
    for case in FIXTURE["regions"]:
        assert counted_names(case["pixels"], case["width"], case["height"], case["offset"]) == case["counted"], case["name"]


def test_pictures_count_their_things_once_each_by_colour_when_asked():
    for picture in FIXTURE["pictures"]:
        img = draw_picture(picture)
        assert [thing_count(img, *counted_thing(q)) for q in picture["questions"]] == picture["counts"], picture["name"]


def test_numbers_held_back():
    for case in FIXTURE["numbers"]:
        assert numbers_held_back(case["count"]) == case["held_back"], case["count"]
    assert "3" not in numbers_held_back(3) and "three" not in numbers_held_back(3) and "4" in numbers_held_back(3)


def test_the_generators_shapes_are_counted_where_they_are_drawn():
    """Three of each shape the generator draws, filled or outlined, apart on white: each is counted, by its name,
    as a shape, and by its colour."""
    rng = random.Random(5)
    for shape in DRAWN:
        for outline in (False, True):
            img = Image.new("RGB", (480, 200), (255, 255, 255))
            colour = (22, 163, 74)
            width = 80 * (1.7 if shape in ("oval", "rectangle") else 1)
            for k in range(3):
                draw_shape(ImageDraw.Draw(img), shape, 20 + 155 * k, 50, width, 80, None if outline else colour, outline=colour if outline else None, width=3 if outline else 0,
                           rot=rng.uniform(0, 0.5))
            snap = np.asarray(img)
            assert thing_count(snap, shape) == 3, (shape, outline)
            assert thing_count(snap, "shape") == 3, (shape, outline)
            assert thing_count(snap, shape, "green") == 3, (shape, outline)
            assert thing_count(snap, shape, "red") == 0, (shape, outline)
