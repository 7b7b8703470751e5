"""File names and a code file's language read from the OCR lines: lunette/file_names.py on the cases
test/engine/fileNames.test.ts runs too (test/fixtures/file-names.json)."""
import json
import os

from conftest import REPO
from lunette.buttons import block_lines
from lunette.file_names import asked_file, file_answers

with open(os.path.join(REPO, "test", "fixtures", "file-names.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_questions_that_ask_the_open_file_a_file_or_the_language():
    for case in FIXTURE["asks"]:
        assert asked_file(case["question"]) == case["asked"], case["question"]


def test_the_top_lines_file_names_every_file_name_and_the_language():
    for case in FIXTURE["blocks"]:
        for asked in ("open", "file", "language"):
            assert file_answers(block_lines(case["lines"]), asked) == case["answers"][asked], (asked, case["lines"])
