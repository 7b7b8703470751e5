import random

import numpy as np

from test_synth_common import KINDS, scenes

from training.synth import regions
from training.synth.scene import Canvas, mask_from_draw


def test_boxes_are_normalized_and_contain_the_pixels():
    for kind in KINDS:
        for sc in scenes(kind, 5):
            w, h = sc.image.size
            for name, objs in regions.detect_prompts(sc, random.Random(0), n=5):
                for o in objs:
                    b = regions.norm_box(o, w, h)
                    assert 0 <= b["x_min"] < b["x_max"] <= 1 and 0 <= b["y_min"] < b["y_max"] <= 1
                    ys, xs = np.nonzero(o.full_mask())
                    assert b["x_min"] * w <= o.box[0] + xs.min() + 1e-6
                    assert b["x_max"] * w >= o.box[0] + xs.max() + 1 - 1e-3
                    assert b["y_min"] * h <= o.box[1] + ys.min() + 1e-6
                    assert b["y_max"] * h >= o.box[1] + ys.max() + 1 - 1e-3


def test_points_are_inside_the_object():
    for kind in KINDS:
        for sc in scenes(kind, 5):
            w, h = sc.image.size
            for o in sc.objects:
                p = regions.point_of(o, w, h)
                x, y = int(p["x"] * w) - o.box[0], int(p["y"] * h) - o.box[1]
                assert o.full_mask()[y, x], (kind, o.name)


def test_point_of_a_ring_is_on_the_ring():
    c = Canvas(300, 300)
    m = mask_from_draw(201, 201, lambda d: d.ellipse([0, 0, 200, 200], outline=255, width=18))
    o = c.add("ring", (50, 50, 251, 251), mask=m)
    p = regions.point_of(o, 300, 300)
    cx, cy = p["x"] * 300, p["y"] * 300
    assert o.full_mask()[int(cy) - o.box[1], int(cx) - o.box[0]]
    assert ((cx - 150.5) ** 2 + (cy - 150.5) ** 2) ** 0.5 > 70     # not in the hole


def test_detect_targets_are_complete_and_absent_names_empty():
    for sc in scenes("shapes", 10):
        for name, objs in regions.detect_prompts(sc, random.Random(0), n=3, n_absent=1, absent_pool=["dog"]):
            if name == "dog":
                assert objs == []
                continue
            parts = name.split()
            colour, noun = (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])
            want = [o for o in sc.objects if (o.name == noun or noun in o.aliases) and (colour is None or o.color == colour)]
            assert sorted(o.id for o in objs) == sorted(o.id for o in want)
