import hashlib
import json
import os

import onnx
import torch

from conftest import REPO
from lunette.config import tiny
from lunette.export import export_pack, graph_signature
from lunette.model import LunetteModel
from lunette.tokenizer import train_bpe
from make_test_pack import MIN_MARGIN, build, tiny_corpus

PACK = os.path.join(REPO, "models", "test-tiny")


def expected_signatures(cfg):
    """docs/model-pack.md, "Graphs (family lunette)"."""
    t, s, n = cfg.text, cfg.vision.image_size, cfg.vision.n_patches
    d, h, dh, L = t.dim, t.n_heads, t.head_dim, t.n_layers
    past = [(f"past_key_values.{i}.{kv}", "FLOAT", [1, h, "P", dh]) for i in range(L) for kv in ("key", "value")]
    present = [(f"present.{i}.{kv}", "FLOAT", [1, h, "P+T", dh]) for i in range(L) for kv in ("key", "value")]
    copy_in, copy_out = [], []
    if t.copy_dim:   # the copy head's cache (docs/model-pack.md "Copy head")
        copy_in = [("copy_ids", "INT64", [1, "T"]), ("past_copy.keys", "FLOAT", [1, "P", t.copy_dim]),
                   ("past_copy.ids", "INT64", [1, "P"])]
        copy_out = [("present_copy.keys", "FLOAT", [1, "P+T", t.copy_dim]), ("present_copy.ids", "INT64", [1, "P+T"])]
        if t.copy_prev:   # the induction term for the next position's key
            copy_in.append(("past_copy.prev", "FLOAT", [1, 1, t.copy_dim]))
            copy_out.append(("present_copy.prev", "FLOAT", [1, 1, t.copy_dim]))
    return {
        "vision.onnx": {"inputs": [("pixels", "FLOAT", [1, 3, s, s])],
                        "outputs": [("image_embeds", "FLOAT", [1, n, d])]},
        "embed.onnx": {"inputs": [("input_ids", "INT64", [1, "T"])],
                       "outputs": [("inputs_embeds", "FLOAT", [1, "T", d])]},
        "decoder.onnx": {"inputs": [("inputs_embeds", "FLOAT", [1, "T", d]), ("position_ids", "INT64", [1, "T"])] + past
                         + copy_in,
                         "outputs": [("logits", "FLOAT", [1, t.vocab_size]), ("hidden", "FLOAT", [1, d])] + present
                         + copy_out},
        "region.onnx": {"inputs": [("hidden", "FLOAT", [1, d]), ("coord", "FLOAT", [1, 1]), ("size", "FLOAT", [1, 2])],
                        "outputs": [("coord_logits", "FLOAT", [1, cfg.region.coord_bins]),
                                    ("size_logits", "FLOAT", [1, 2, cfg.region.size_bins]),
                                    ("coord_embeds", "FLOAT", [1, 1, d]), ("size_embeds", "FLOAT", [1, 1, d])]},
    }


def test_export_graphs(tmp_path):
    torch.manual_seed(0)
    cfg = tiny()
    model = LunetteModel(cfg)
    tok = train_bpe(tiny_corpus(), cfg.text.vocab_size)
    manifest = export_pack(model, tok, str(tmp_path), name="t")
    for fname, sig in expected_signatures(cfg).items():
        path = tmp_path / fname
        proto = onnx.load(str(path))
        onnx.checker.check_model(proto, full_check=True)
        assert 14 <= proto.opset_import[0].version <= 17
        assert graph_signature(str(path)) == sig, fname
    assert set(manifest["files"]) == {"vision.onnx", "embed.onnx", "decoder.onnx", "region.onnx", "tokenizer.json"}
    on_disk = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest


def test_committed_pack_is_current(tmp_path):
    """models/test-tiny is exactly what make_test_pack.py builds (deterministic) and its manifest is valid."""
    build(str(tmp_path), verbose=False)
    for name in sorted(os.listdir(tmp_path)) + ["manifest.json"]:
        with open(tmp_path / name, "rb") as a, open(os.path.join(PACK, name), "rb") as b:
            assert a.read() == b.read(), f"models/test-tiny/{name} is stale: run `npm run testpack`"
    with open(os.path.join(PACK, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    for key in ("format", "name", "version", "family", "description", "image", "text", "region", "tokens",
                "templates", "generation", "files"):
        assert key in manifest, key
    assert manifest["format"] == 1 and manifest["family"] == "lunette"
    for name, entry in manifest["files"].items():
        with open(os.path.join(PACK, name), "rb") as f:
            data = f.read()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    total = sum(e["bytes"] for e in manifest["files"].values())
    assert total < 1.5 * 1024 * 1024, total


def test_reference_is_robust():
    with open(os.path.join(PACK, "reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    tasks = [c["task"] for c in ref["cases"]]
    assert tasks == ["caption", "query", "detect", "point"]
    caption, query, detect, point = ref["cases"]
    assert len(caption["ids"]) >= 8 and len(caption["first_logits_top"]) == 5
    assert len(detect["objects"]) >= 1 and len(point["points"]) >= 1
    assert all(c["min_margin"] > MIN_MARGIN for c in ref["cases"])
    for o in detect["objects"]:
        assert 0 <= o["x_min"] <= o["x_max"] <= 1 and 0 <= o["y_min"] <= o["y_max"] <= 1


def test_no_repeat_ngram_matches_the_engine():
    """The decoders' no-repeat rule, on the cases the TypeScript engine is tested with."""
    from lunette.generate import repeated_ngram_tokens

    with open(os.path.join(REPO, "test", "fixtures", "no-repeat-ngram.json"), encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    for c in cases:
        assert repeated_ngram_tokens(c["ids"], c["n"]) == c["banned"], c
