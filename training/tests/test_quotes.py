"""Quotes taken whole from the OCR lines: lunette/generate.py on the cases test/engine/quotes.test.ts runs too."""
import json
import os

from conftest import REPO
from lunette.generate import opening_quote_end, quote_candidates, quote_open_after
from markov import continue_text

with open(os.path.join(REPO, "test", "fixtures", "quotes.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
MARKOV = FIXTURE["markov"]


def caption(lines, quotes, start_piece=None, single_line=False):
    """From the "start" table, or from `start_piece`'s (prefilled as the prompt's last piece)."""
    return continue_text(MARKOV, start_piece, quote_lines=lines if quotes else (), single_line=single_line)


def test_candidates_are_each_line_two_consecutive_ones_and_their_sentence_case():
    for case in FIXTURE["candidates"]:
        assert quote_candidates(case["lines"]) == case["candidates"]


def test_which_piece_opens_a_quote():
    for case in FIXTURE["opening"]:
        assert opening_quote_end(case["inside"], case["piece"]) == case["end"], case
        assert quote_open_after(case["inside"], case["piece"]) == case["open_after"], case


def test_the_most_probable_line_is_quoted_whole_as_in_the_engine():
    for case in MARKOV["cases"]:
        assert caption(case["lines"], case["quotes"], case.get("start"), case.get("single_line", False)) == case["text"], case
