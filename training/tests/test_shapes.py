"""Which shapes an image shows: lunette/shapes.py on the cases test/engine/imageShapes.test.ts runs too
(test/fixtures/shapes.json), and on the generator's own drawings."""
import json
import os
import random

import numpy as np
from PIL import Image, ImageDraw

from conftest import REPO, draw_picture, draw_rects
from lunette.shapes import SHAPES, image_shapes, region_shapes
from synth.scenes.shapes import SHAPES as DRAWN, draw_shape

with open(os.path.join(REPO, "test", "fixtures", "shapes.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_a_region_allows_the_shapes_whose_fill_and_aspect_it_has():
    for case in FIXTURE["regions"]:
        assert region_shapes(case["pixels"], case["width"], case["height"], case["offset"]) == case["shapes"], case["name"]


def test_pictures_show_the_shapes_drawn_in_them():
    for picture in FIXTURE["pictures"]:
        assert image_shapes(draw_picture(picture)) == picture["shapes"], picture["name"]


def test_every_shape_the_generator_draws_is_allowed_where_it_is_drawn():
    assert set(DRAWN) == set(SHAPES)
    rng = random.Random(3)
    for shape in DRAWN:
        for outline in (False, True):
            for size in (40, 90):
                width = size * (1.7 if shape in ("oval", "rectangle") else 1)
                img = Image.new("RGB", (320, 240), (255, 255, 255))
                colour = (37, 99, 235)
                draw_shape(ImageDraw.Draw(img), shape, 60, 60, width, size, None if outline else colour,
                           outline=colour if outline else None, width=3 if outline else 0, rot=rng.uniform(0, 0.5))
                assert shape in image_shapes(np.asarray(img)), (shape, outline, size)


def test_a_lone_square_allows_no_round_or_pointed_shape():
    img = draw_rects({"width": 100, "height": 80, "background": [255, 255, 255], "rects": [[30, 20, 70, 60, [37, 99, 235]]]})
    assert image_shapes(img) == ["square"]
