"""A button's label read from the pixels: lunette/buttons.py on the cases test/engine/buttonLabels.test.ts runs too
(test/fixtures/buttons.json). Generator.best_answer with only_candidates is tested in test_model.py."""
import json
import os


from conftest import REPO, draw_picture
from lunette.buttons import asks_button_label, block_lines, button_boxes, lines_on_buttons

with open(os.path.join(REPO, "test", "fixtures", "buttons.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_what_a_button_says():
    for case in FIXTURE["asks"]:
        assert asks_button_label(case["question"]) == case["asks"], case["question"]


def test_an_ocr_blocks_lines_and_their_corners():
    for case in FIXTURE["blocks"]:
        assert [list(line) for line in block_lines(case["block"])] == case["lines"]


def test_the_lines_on_a_pictures_buttons():
    for picture in FIXTURE["pictures"]:
        boxes = button_boxes(draw_picture(picture))
        assert [[round(v, 4) for v in b] for b in boxes] == picture["boxes"], picture["name"]
        assert lines_on_buttons(block_lines(picture["lines"]), boxes) == picture["labels"], picture["name"]
