"""A chart's or document's title read from the top line: lunette/titles.py on the cases test/engine/titles.test.ts
runs too (test/fixtures/titles.json)."""
import json
import os

from conftest import REPO
from lunette.buttons import block_lines
from lunette.titles import asks_title, title_answers

with open(os.path.join(REPO, "test", "fixtures", "titles.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_a_title():
    for case in FIXTURE["asks"]:
        assert asks_title(case["question"]) == case["asks"], case["question"]


def test_the_title_is_the_top_line():
    for case in FIXTURE["blocks"]:
        assert title_answers(block_lines(case["lines"])) == case["answers"], case["lines"]
