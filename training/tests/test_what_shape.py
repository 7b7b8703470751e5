"""What shape a picture's one drawn shape is, read from the pixels: lunette/what_shape.py on the cases
test/engine/whatShape.test.ts runs too (test/fixtures/what-shape.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.what_shape import asks_what_shape, shape_answers

with open(os.path.join(REPO, "test", "fixtures", "what-shape.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_what_shape_this_is():
    for case in FIXTURE["asks"]:
        assert asks_what_shape(case["question"]) == case["asks"], case["question"]


def test_the_one_shape_is_named_and_several_are_not():
    for picture in FIXTURE["pictures"]:
        assert shape_answers(draw_picture(picture)) == picture["answers"], picture["name"]
    answers = {tuple(p["answers"]) for p in FIXTURE["pictures"]}
    assert {("A square",), ("A circle",), ()} <= answers
