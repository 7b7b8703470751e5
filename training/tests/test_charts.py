"""A bar chart's and a pie's extremes read from the pixels: lunette/charts.py on the cases test/engine/chartExtremes.test.ts runs
too (test/fixtures/charts.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.buttons import block_lines
from lunette.charts import asks_extreme, chart_bars, extreme_label, slice_label

with open(os.path.join(REPO, "test", "fixtures", "charts.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_for_the_highest_or_lowest():
    for case in FIXTURE["asks"]:
        assert asks_extreme(case["question"]) == case["extreme"], case["question"]


def test_the_label_of_a_pictures_highest_and_lowest_bar():
    for picture in FIXTURE["pictures"]:
        bars = chart_bars(draw_picture(picture))
        assert [[round(v, 4) for v in b] for b in bars] == picture["bars"], picture["name"]
        labels = [extreme_label(bars, block_lines(picture["lines"]), asks_extreme(q)) for q in picture["questions"]]
        assert labels == picture["labels"], picture["name"]


def test_the_label_of_a_pies_largest_and_smallest_slice():
    for picture in FIXTURE["pies"]:
        snap = draw_picture(picture)
        labels = [slice_label(snap, block_lines(picture["lines"]), asks_extreme(q)) for q in picture["questions"]]
        assert labels == picture["labels"], picture["name"]
    assert any(None not in p["labels"] for p in FIXTURE["pies"]) and any(p["labels"] == [None, None] for p in FIXTURE["pies"])
