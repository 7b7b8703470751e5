"""A diagram's first, last, next and previous box read from the pixels: lunette/diagram_order.py on the cases
test/engine/diagramOrder.test.ts runs too (test/fixtures/diagram-order.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.buttons import block_lines
from lunette.diagram_order import asked_order, order_answers

with open(os.path.join(REPO, "test", "fixtures", "diagram-order.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_a_place_in_the_flow():
    for case in FIXTURE["asks"]:
        assert (asked_order(case["question"]) or (None, None)) == (case["place"], case["label"]), case["question"]


def test_first_last_next_and_previous_box():
    for picture in FIXTURE["pictures"]:
        img = draw_picture(picture)
        lines = block_lines(picture["lines"])
        assert [order_answers(img, lines, *asked_order(q)) for q in picture["questions"]] == picture["answers"], \
            picture["name"]
    answers = [a for p in FIXTURE["pictures"] for a in p["answers"]]
    assert ["Enter password"] in answers and ["Commit"] in answers and [] in answers
