"""The colour of a named drawn thing read from the pixels: lunette/thing_colours.py on the cases
test/engine/thingColours.test.ts runs too (test/fixtures/thing-colours.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.thing_colours import colour_answers, coloured_thing

with open(os.path.join(REPO, "test", "fixtures", "thing-colours.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_a_things_colour():
    for case in FIXTURE["asks"]:
        assert coloured_thing(case["question"]) == case["thing"], case["question"]


def test_a_things_colour_is_its_regions():
    for picture in FIXTURE["pictures"]:
        img = draw_picture(picture)
        assert [colour_answers(img, coloured_thing(q)) for q in picture["questions"]] == picture["answers"], picture["name"]
