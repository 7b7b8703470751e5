"""A terminal's command and git log read from its OCR lines: lunette/terminal_lines.py on the cases
test/engine/terminalLines.test.ts runs too (test/fixtures/terminal.json)."""
import json
import os

from conftest import REPO
from lunette.buttons import block_lines
from lunette.terminal_lines import asked_terminal, terminal_answers

with open(os.path.join(REPO, "test", "fixtures", "terminal.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
ASKED = ("command", "last command", "commits", "latest")


def test_questions_that_ask_the_command_the_commits_or_the_latest_commit():
    for case in FIXTURE["asks"]:
        assert asked_terminal(case["question"]) == case["asked"], case["question"]


def test_the_command_after_the_prompt_the_commit_count_and_the_latest_subject():
    for case in FIXTURE["blocks"]:
        for asked in ASKED:
            assert terminal_answers(block_lines(case["lines"]), asked) == case["answers"][asked], (asked, case["lines"])
    for asked in ASKED:
        assert any(c["answers"][asked] for c in FIXTURE["blocks"]) and not all(c["answers"][asked] for c in FIXTURE["blocks"])
