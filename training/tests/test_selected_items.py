"""The selected tab, menu or item read from the pixels around the OCR lines: lunette/selected_items.py on the cases
test/engine/selectedItems.test.ts runs too (test/fixtures/selected-items.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.buttons import block_lines
from lunette.selected_items import asks_selected, selected_items

with open(os.path.join(REPO, "test", "fixtures", "selected-items.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_which_item_is_selected():
    for case in FIXTURE["asks"]:
        assert asks_selected(case["question"]) == case["asks"], case["question"]


def test_the_one_line_of_a_row_or_column_that_looks_different():
    for picture in FIXTURE["pictures"]:
        assert selected_items(draw_picture(picture), block_lines(picture["lines"])) == picture["answers"], picture["name"]
    assert any(p["answers"] for p in FIXTURE["pictures"]) and not all(p["answers"] for p in FIXTURE["pictures"])
