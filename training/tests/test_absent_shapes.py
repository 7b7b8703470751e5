"""A drawn shape's absence read from the pixels: lunette/absent_shapes.py on the cases
test/engine/absentShapes.test.ts runs too (test/fixtures/absent-shapes.json)."""
import json
import os

from conftest import REPO, draw_picture
from lunette.absent_shapes import absence_answers, asked_shape

with open(os.path.join(REPO, "test", "fixtures", "absent-shapes.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_whether_there_is_a_shape():
    for case in FIXTURE["asks"]:
        assert asked_shape(case["question"]) == case["shape"], case["question"]


def test_no_only_where_no_region_could_be_the_shape():
    for picture in FIXTURE["pictures"]:
        img = draw_picture(picture)
        assert [absence_answers(img, asked_shape(q)) for q in picture["questions"]] == picture["answers"], picture["name"]
    answers = [a for p in FIXTURE["pictures"] for a in p["answers"]]
    assert ["No"] in answers and [] in answers
