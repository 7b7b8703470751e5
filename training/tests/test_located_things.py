"""Drawn things located from the pixels: lunette/located_things.py on the cases test/engine/locatedThings.test.ts
runs too (test/fixtures/located-things.json). Generator.locate_ranked's `every_region` is checked in
test_ranked.py."""
import json
import os

from conftest import REPO, draw_picture
from lunette.located_things import located_thing, thing_boxes

with open(os.path.join(REPO, "test", "fixtures", "located-things.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)


def test_objects_that_name_a_drawn_thing():
    for case in FIXTURE["located"]:
        got = located_thing(case["object"])
        assert (got or (None, None)) == (case["thing"], case["colour"]), case["object"]


def test_every_region_that_is_the_thing_is_given():
    for picture in FIXTURE["pictures"]:
        img = draw_picture(picture)
        assert [thing_boxes(img, *located_thing(o)) for o in picture["objects"]] == picture["boxes"], picture["name"]
    counts = [len(boxes) for p in FIXTURE["pictures"] for boxes in p["boxes"]]
    assert max(counts) >= 3 and 0 in counts
