"""Emoji recognised from the pixels: lunette/emoji.py and emoji_answers.py on the cases test/engine/emoji.test.ts
runs too (test/fixtures/emoji.json), with the bundled pack's glyph index; and that index is the one the font draws."""
import json
import os

import numpy as np
from PIL import Image

from conftest import REPO
from lunette.emoji import EmojiIndex, build_index, recognise
from lunette.emoji_answers import asked_emoji, caption_start, emoji_answers, located_emoji
from lunette.snap import snap_image

PACK = os.path.join(REPO, "models", "lunette-nano")
with open(os.path.join(REPO, "test", "fixtures", "emoji.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def _near(got, want):
    assert len(got) == len(want) and all(abs(a - b) <= 0.01 for g, w in zip(got, want) for a, b in zip(g, w)), (got, want)


def test_what_a_question_asks_of_the_emoji():
    index = EmojiIndex.load(PACK)
    for case in FIXTURE["asks"]:
        asked = asked_emoji(case["question"], index.names)
        assert (list(asked) if asked else None) == case["asked"], case["question"]


def test_the_emoji_of_a_picture_are_named_and_answered_from():
    index = EmojiIndex.load(PACK)
    for case in FIXTURE["images"]:
        named, objects = recognise(snap_image(Image.open(os.path.join(REPO, case["image"]))), index)
        assert objects == case["objects"], case["image"]
        assert [(n, c) for _, n, c in named] == [(o["name"], o["category"]) for o in case["named"]], case["image"]
        _near([b for b, _, _ in named], [o["box"] for o in case["named"]])
        answers = [emoji_answers(asked_emoji(q, index.names), named, objects) if asked_emoji(q, index.names) else []
                   for q in case["questions"]]
        assert answers == case["answers"], case["image"]
        assert caption_start(named, objects) == case["caption_start"], case["image"]
        for obj, boxes in zip(case["located"], case["boxes"]):
            _near(located_emoji(obj, named), boxes)


def test_the_bundled_index_is_the_one_the_font_draws():
    built, shipped = build_index(), EmojiIndex.load(PACK)
    assert built.names == shipped.names and built.categories == shipped.categories
    with open(os.path.join(PACK, "emoji.bin"), "rb") as f:
        assert built.files()["emoji.bin"] == f.read()
    assert np.allclose(built.aspect, shipped.aspect, atol=1e-4)
