"""A chart's kind read from the pixels: lunette/chart_kinds.py on the cases test/engine/chartKinds.test.ts runs too
(test/fixtures/chart-kinds.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.chart_kinds import asks_chart_kind, chart_kinds

with open(os.path.join(REPO, "test", "fixtures", "chart-kinds.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_the_kind_of_chart():
    for case in FIXTURE["asks"]:
        assert asks_chart_kind(case["question"]) == case["asks"], case["question"]


def test_a_pie_is_told_from_bars_and_nothing_is_said_otherwise():
    for picture in FIXTURE["pictures"]:
        assert chart_kinds(draw_picture(picture)) == picture["kinds"], picture["name"]
    kinds = {tuple(p["kinds"]) for p in FIXTURE["pictures"]}
    assert {("A pie chart",), ("A bar chart",), ("A horizontal bar chart",), ()} <= kinds
