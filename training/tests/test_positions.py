"""Where a thing is, answered from the model's own box: lunette/positions.py on the cases
test/engine/positions.test.ts runs too (test/fixtures/positions.json)."""
import json
import os

from conftest import REPO
from lunette.positions import asked_where, is_refusal, position_name

with open(os.path.join(REPO, "test", "fixtures", "positions.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_where_a_thing_is():
    for case in FIXTURE["asks"]:
        assert asked_where(case["question"]) == case["thing"], case["question"]


def test_refusals_are_left_alone():
    for case in FIXTURE["answers"]:
        assert is_refusal(case["answer"]) == case["refusal"], case["answer"]


def test_places_in_the_grid():
    for case in FIXTURE["places"]:
        assert position_name(*case["point"]) == case["place"], case["point"]
