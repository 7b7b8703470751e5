"""A chart's kind read from the pixels: lunette/chart_kinds.py on the cases test/engine/chartKinds.test.ts runs too
(test/fixtures/chart-kinds.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.chart_kinds import asks_chart_kind, caption_kind, chart_kinds

with open(os.path.join(REPO, "test", "fixtures", "chart-kinds.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_the_kind_of_chart():
    for case in FIXTURE["asks"]:
        assert asks_chart_kind(case["question"]) == case["asks"], case["question"]


def test_a_pie_bars_a_line_and_a_scatter_are_told_apart_and_nothing_is_said_otherwise():
    for picture in FIXTURE["pictures"]:
        assert chart_kinds(draw_picture(picture)) == picture["kinds"], picture["name"]
    kinds = {tuple(p["kinds"]) for p in FIXTURE["pictures"]}
    assert {("A pie chart",), ("A bar chart",), ("A horizontal bar chart",), ("A line chart",), ("A scatter plot",), ()} <= kinds


def test_a_pie_line_or_scatter_starts_the_caption_and_bar_charts_are_left_to_the_model():
    for picture in FIXTURE["pictures"]:
        kind = picture["kinds"][0] if picture["kinds"] else None
        assert caption_kind(draw_picture(picture)) == (None if kind in ("A bar chart", "A horizontal bar chart") else kind)
