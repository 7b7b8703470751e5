"""Words held to the pixels: lunette/held_back.py and Generator.names_held_back_word, on the cases
test/engine/heldBackWords.test.ts runs too (test/fixtures/held-back.json)."""
import json
import os

from conftest import REPO
from lunette.held_back import named_words, spellings, words_held_back
from markov import continue_text

with open(os.path.join(REPO, "test", "fixtures", "held-back.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_a_word_is_spelled_after_a_space_or_not_capitalised_or_not_singular_or_plural():
    for case in FIXTURE["spellings"]:
        assert list(spellings(case["word"])) == case["spellings"]


def test_words_the_prompt_names_are_allowed():
    for case in FIXTURE["named"]:
        assert named_words(case["vocabulary"], case["texts"]) == case["words"], case
    assert words_held_back(["red", "green", "blue"], ["blue"], ["Is the red one bigger?"]) == ["green"]


def test_a_held_back_word_is_never_generated_and_words_that_only_start_like_one_are():
    markov = FIXTURE["markov"]
    for case in markov["cases"]:
        assert continue_text(markov, case.get("start"), held_back=case["held_back"]) == case["text"], case
