import hashlib
import json
import os
import subprocess
import sys

from test_synth_common import ROOT

from PIL import Image

from training.synth import prompts


def _run(out, *extra):
    subprocess.run([sys.executable, "-m", "training.synth.generate", "--out", out, "--count", "8", "--seed", "5",
                    "--shard-size", "4", *extra], check=True, cwd=ROOT, capture_output=True)


def _digest(out):
    h = hashlib.sha256()
    for root, _, files in sorted(os.walk(out)):
        for f in sorted(files):
            if f == "meta.json":
                continue
            h.update(f.encode())
            h.update(open(os.path.join(root, f), "rb").read())
    return h.hexdigest()


def test_generate_is_deterministic_and_well_formed(tmp_path):
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    _run(a)
    _run(b, "--workers", "2")
    assert _digest(a) == _digest(b)
    recs = [json.loads(l) for f in sorted(os.listdir(a)) if f.endswith(".jsonl") for l in open(os.path.join(a, f))]
    assert len({r["index"] for r in recs}) == 8
    tasks = {r["task"] for r in recs}
    assert {"caption", "query"} <= tasks and tasks & {"detect", "point"}
    for r in recs:
        im = Image.open(os.path.join(a, r["image"]))
        assert im.size == (128, 128) and im.mode == "RGB"
        block = "" if r["ocr"] is None else "\n\nText:\n" + r["ocr"]
        if r["task"] == "caption":
            assert r["prompt"] == block + prompts.CAPTION[r["length"]] and r["target"]
        elif r["task"] == "query":
            assert r["prompt"] == block + f"\n\nQuestion: {r['question']}\n\nAnswer:" and r["target"]
        elif r["task"] == "detect":
            assert r["prompt"] == block + f"\n\nDetect: {r['object']}\n\n"
            for bx in r["boxes"]:
                assert 0 <= bx["x_min"] < bx["x_max"] <= 1 and 0 <= bx["y_min"] < bx["y_max"] <= 1
        else:
            assert r["prompt"] == block + f"\n\nPoint: {r['object']}\n\n"
            for p in r["points"]:
                assert 0 <= p["x"] <= 1 and 0 <= p["y"] <= 1
    meta = json.load(open(os.path.join(a, "meta.json")))
    assert meta["runs"][0]["images"] == 8


def test_model_image_is_bilinear_resize_of_render(tmp_path):
    out = str(tmp_path / "c")
    _run(out, "--keep-full")
    r = json.loads(open(os.path.join(out, "shard-00000.jsonl")).readline())
    assert r["image_full"].endswith(".jpg")
    small = Image.open(os.path.join(out, r["image"]))
    assert small.size == (128, 128)


def test_templates_match_the_model_pack_doc():
    doc = open(os.path.join(ROOT, "docs", "model-pack.md"), encoding="utf-8").read()
    for t in list(prompts.CAPTION.values()) + [prompts.QUERY, prompts.DETECT, prompts.POINT, prompts.OCR]:
        assert json.dumps(t) in doc, t
