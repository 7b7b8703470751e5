"""make_device_bundle.py: the generator runs from the bundle alone (LUNETTE_SHARE, LUNETTE_SYNTH_CACHE), every
scene kind included, and a bundle that would leave a kind of font out is refused."""
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO

import make_device_bundle

FAMILIES = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"]

GENERATE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from training.synth import assets, fonts, pipeline
kinds = {}
for kind in ("objects", "photo", "ui", "code", "terminal", "chart", "diagram", "document", "shapes"):
    for i in range(3):
        scene, img, small, recs = pipeline.build(11, i, kind=kind)
        kinds[scene.kind] = kinds.get(scene.kind, 0) + len(recs)
print(json.dumps({"share": fonts.SHARE, "cache": assets.CACHE, "sans": fonts.available("sans"),
                  "mono": fonts.available("mono"), "clipart": len(assets.clipart_index()),
                  "icons": len(assets.icon_index()), "kinds": kinds}))
"""


def test_the_generator_runs_from_the_bundle_alone(tmp_path):
    out = tmp_path / "bundle"
    sizes = make_device_bundle.build(str(out), FAMILIES, clipart_side=96, clipart_limit=6)
    assert 0 < sizes["clipart_kept"] <= 6 and sizes["fonts"] > 0 and sizes["emoji"] > 10_000_000
    env = {**os.environ, "LUNETTE_SHARE": str(out / "share"), "LUNETTE_SYNTH_CACHE": str(out / "cache")}
    run = subprocess.run([sys.executable, "-c", GENERATE, REPO], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["share"] == str(out / "share") and seen["cache"] == str(out / "cache")
    assert seen["sans"] == ["DejaVu Sans"] and seen["mono"] == ["DejaVu Sans Mono"]
    assert seen["clipart"] == sizes["clipart_kept"] and seen["icons"] == 40
    assert len(seen["kinds"]) == 9 and all(n > 0 for n in seen["kinds"].values())
    # the clip arts are the downsized ones
    with open(out / "cache" / "clipart_index.json", encoding="utf-8") as f:
        first = json.load(f)[0]["png"]
    from PIL import Image
    with Image.open(out / "share" / "openclipart" / "png" / first) as im:
        assert max(im.size) <= 96


def test_a_bundle_without_a_kind_of_font_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="serif"):
        make_device_bundle.build(str(tmp_path / "b"), ["DejaVu Sans", "DejaVu Sans Mono"], clipart_side=96)
    with pytest.raises(SystemExit, match="unknown font family"):
        make_device_bundle.build(str(tmp_path / "c"), ["Comic Sans"], clipart_side=96)
