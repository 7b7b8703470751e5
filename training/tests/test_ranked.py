"""Regions ranked by the model (Generator.locate_ranked) on the test pack's weights, against the cases that
test/engine/rankedRegions.test.ts runs through the engine: the same picture, proposals and outputs on both sides.

  /usr/bin/python3 training/tests/test_ranked.py --write   # rewrite test/fixtures/ranked.json after a change
"""
import json
import os
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from checkpoint_from_pack import model_from_pack  # noqa: E402
from conftest import draw_rects  # noqa: E402
from lunette.generate import Generator, preprocess  # noqa: E402
from lunette.located_things import located_thing, thing_boxes  # noqa: E402
from lunette.proposals import region_proposals  # noqa: E402
from lunette.snap import snap_image  # noqa: E402
from lunette.tokenizer import Tokenizer  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
PACK = os.path.join(REPO, "models", "test-tiny")
FIXTURE = os.path.join(REPO, "test", "fixtures", "ranked.json")
# Drawn at the test pack's input size (32 px), so that neither side resizes: the model sees the same pixels.
PICTURE = {"width": 32, "height": 32, "background": [255, 255, 255],
           "rects": [[2, 2, 14, 12, [37, 99, 235]], [18, 4, 30, 14, [220, 38, 38]], [4, 18, 28, 29, [40, 160, 80]],
                     [10, 21, 22, 25, [255, 255, 255]]]}
# "box", "rectangles" and "red rectangle" name drawn things (generation.thing_regions): every region that is one
# is given, in the model's order; "circle" names one the picture lacks, "button" none, so the model chooses.
OBJECTS = ["box", "circle", "button", "rectangles", "red rectangle"]


def outputs() -> dict:
    model, manifest = model_from_pack(PACK, "tiny")
    gen = Generator(model, Tokenizer.load(os.path.join(PACK, "tokenizer.json")))
    image = Image.fromarray(draw_rects(PICTURE))
    prefix = gen.encode_image(preprocess(image, model.cfg))
    pixels = snap_image(image)
    proposals = region_proposals(pixels)
    cases = []
    for obj in OBJECTS:
        for task in ("detect", "point"):
            located = located_thing(obj)
            things = thing_boxes(pixels, *located) if located else []
            if things:
                out = gen.locate_ranked(task, obj, prefix, things, None, manifest["generation"]["max_objects"],
                                        every_region=True)
            else:
                out = gen.locate_ranked(task, obj, prefix, proposals, pixels if task == "detect" else None,
                                        manifest["generation"]["max_objects"])
            cases.append({"task": task, "object": obj, **{k: out[k] for k in ("objects", "points") if k in out}})
    return {"description": "Regions ranked by the model on models/test-tiny (generation.region_proposals, "
                           "snap_boxes and thing_regions on): the picture (drawn from rects as in proposals.json, at the pack's input "
                           "size) and the outputs Generator.locate_ranked gives; written by training/tests/"
                           "test_ranked.py --write.",
            **PICTURE, "proposals": proposals, "cases": cases}


def test_locate_ranked_reproduces_the_shared_cases():
    with open(FIXTURE, encoding="utf-8") as f:
        want = json.load(f)
    got = outputs()
    assert got["proposals"] == want["proposals"]
    for g, w in zip(got["cases"], want["cases"]):
        key = "objects" if g["task"] == "detect" else "points"
        assert len(g[key]) == len(w[key]), (g, w)
        for a, b in zip(g[key], w[key]):
            assert all(abs(a[k] - b[k]) < 1e-6 for k in b), (g, w)
    # not vacuous: the model gives boxes, and some land exactly on a drawn rectangle (chosen among the regions)
    rects = [[x0 / 32, y0 / 32, x1 / 32, y1 / 32] for x0, y0, x1, y1, _ in PICTURE["rects"]]
    boxes = [[o[k] for k in ("x_min", "y_min", "x_max", "y_max")] for c in want["cases"] for o in c.get("objects", [])]
    assert any(b in rects for b in boxes)


if __name__ == "__main__" and "--write" in sys.argv:
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(outputs(), f, indent=1)
    print(FIXTURE)
