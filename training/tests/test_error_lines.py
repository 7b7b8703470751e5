"""An error's presence, its code and the package it misses read from the OCR lines: lunette/error_lines.py on the
cases test/engine/errorLines.test.ts runs too (test/fixtures/errors.json)."""
import json
import os

from conftest import REPO
from lunette.buttons import block_lines
from lunette.error_lines import asked_error, error_answers

with open(os.path.join(REPO, "test", "fixtures", "errors.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
ASKED = ("error", "code", "package")


def test_questions_that_ask_for_an_error_its_code_or_the_missing_package():
    for case in FIXTURE["asks"]:
        assert asked_error(case["question"]) == case["asked"], case["question"]


def test_yes_over_an_error_line_the_first_code_and_the_first_missing_package():
    for case in FIXTURE["blocks"]:
        for asked in ASKED:
            assert error_answers(block_lines(case["lines"]), asked) == case["answers"][asked], (asked, case["lines"])
    for asked in ASKED:
        assert any(c["answers"][asked] for c in FIXTURE["blocks"]) and not all(c["answers"][asked] for c in FIXTURE["blocks"])
