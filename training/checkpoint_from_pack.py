#!/usr/bin/env python3
"""Rebuild a training checkpoint from a model pack, so that training can continue from a shipped model.

  /usr/bin/python3 training/checkpoint_from_pack.py --pack models/lunette-nano --out training/runs/pack-0.6.0 \\
      [--preset nano] [--next-index 134776]

Training runs are not kept in git, and a new machine starts without them; the pack is what remains. This writes
`<out>/ckpt-final.pt` (config, weights, the aux head at zero, step 0) and copies the pack's tokenizer
next to it, the layout `train.py --init-from`, `train_vision.py --init`, `evaluate.py --checkpoint` and
`export_model.py` read. The preset supplies what the manifest does not record (e.g. the number of vision heads);
the rebuilt model must then reproduce the pack's reference.json exactly, or nothing is written. The training-only
aux head is not in the pack; it starts at zero, so that its first, uninformed steps do not push the tower around.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402
from PIL import Image  # noqa: E402

from lunette.config import ModelConfig, preset  # noqa: E402
from lunette.generate import reference_cases  # noqa: E402
from lunette.losses import AuxHead  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from lunette.tokenizer import Tokenizer  # noqa: E402
from lunette.unpack import load_pack_weights  # noqa: E402
from train import save_atomic  # noqa: E402


def config_for(manifest: dict, preset_name: str) -> ModelConfig:
    """The preset, checked against what the manifest records of the architecture."""
    cfg = preset(preset_name)
    image, text, region, tokens = manifest["image"], manifest["text"], manifest["region"], manifest["tokens"]
    recorded = {
        "image size": (image["size"], cfg.vision.image_size), "patch size": (image["patch_size"], cfg.vision.patch_size),
        "text dim": (text["dim"], cfg.text.dim), "text layers": (text["n_layers"], cfg.text.n_layers),
        "text heads": (text["n_heads"], cfg.text.n_heads), "vocabulary": (text["vocab_size"], cfg.text.vocab_size),
        "context": (text["max_context"], cfg.text.max_context), "copy dim": (text.get("copy_dim", 0), cfg.text.copy_dim),
        "copy prev": (bool(text.get("copy_prev", False)), cfg.text.copy_prev),
        "coord bins": (region["coord_bins"], cfg.region.coord_bins), "size bins": (region["size_bins"], cfg.region.size_bins),
        "size log2 min": (float(region["size_log2_min"]), float(cfg.region.size_log2_min)),
        "tokens": ((tokens["bos"], tokens["eos"], tokens["coord"], tokens["size"], tokens["pad"]),
                   (cfg.bos_id, cfg.eos_id, cfg.coord_id, cfg.size_id, cfg.pad_id)),
        "mean/std": ((tuple(image["mean"]), tuple(image["std"])), (tuple(cfg.vision.mean), tuple(cfg.vision.std))),
    }
    wrong = [f"{k}: pack {a}, preset {b}" for k, (a, b) in recorded.items() if a != b]
    if wrong:
        raise SystemExit(f"the pack does not match preset {preset_name!r}: " + "; ".join(wrong))
    return cfg


def model_from_pack(pack_dir: str, preset_name: str):
    """(model in eval mode, manifest): the preset's architecture (checked against the manifest) holding the pack's
    weights; SystemExit when the pack cannot be read or lacks some of them."""
    with open(os.path.join(pack_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    torch.manual_seed(0)
    model = LunetteModel(config_for(manifest, preset_name))
    try:
        fresh = load_pack_weights(model, pack_dir)
    except ValueError as err:
        raise SystemExit(f"cannot read {pack_dir}: {err}")
    if fresh:
        raise SystemExit(f"the pack holds no weights for {', '.join(fresh)}")
    return model.eval(), manifest


def reference_mismatch(model: LunetteModel, tok: Tokenizer, pack_dir: str) -> list:
    """Differences between the rebuilt model's reference decoding and the pack's reference.json."""
    with open(os.path.join(pack_dir, "reference.json"), encoding="utf-8") as f:
        ref = json.load(f)
    image = Image.open(os.path.join(pack_dir, ref["image"])).convert("RGB")
    got = reference_cases(model, tok, image)
    tol = ref["tolerance"]
    problems = []
    for want, have in zip(ref["cases"], got["cases"]):
        if want.get("ids") != have.get("ids"):
            problems.append(f"{want['task']}: ids {have.get('ids')} != {want.get('ids')}")
        for key in ("objects", "points"):
            if key in want and not (len(want[key]) == len(have[key]) and all(
                    abs(w[c] - h[c]) <= tol["coords"] for w, h in zip(want[key], have[key]) for c in w)):
                problems.append(f"{want['task']}: {key} {have[key]} != {want[key]}")
        for (wi, wl), (hi, hl) in zip(want.get("first_logits_top", []), have.get("first_logits_top", [])):
            if wi != hi or abs(wl - hl) > tol["logits"]:
                problems.append(f"{want['task']}: first logits {hi}:{hl} != {wi}:{wl}")
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pack", required=True, help="model pack folder (manifest.json, the four graphs, tokenizer)")
    ap.add_argument("--out", required=True, help="run folder to write ckpt-final.pt and tokenizer.json into")
    ap.add_argument("--preset", default="nano", help="architecture preset the pack was trained with")
    ap.add_argument("--next-index", type=int, default=0,
                    help="data stream position recorded for train.py --init-from (the pack does not record it)")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    model, manifest = model_from_pack(args.pack, args.preset)
    cfg = model.cfg
    tok = Tokenizer.load(os.path.join(args.pack, "tokenizer.json"))
    problems = reference_mismatch(model, tok, args.pack)
    if problems:
        raise SystemExit("the rebuilt model does not reproduce reference.json (wrong preset?):\n  " + "\n  ".join(problems))
    os.makedirs(args.out, exist_ok=True)
    aux = AuxHead(cfg.vision.dim)
    with torch.no_grad():  # a zero head passes no gradient to the tower until it has learned something itself
        for p in aux.parameters():
            p.zero_()
    ckpt = {"config": cfg.to_dict(), "model": model.state_dict(), "aux": aux.state_dict(), "step": 0,
            "next_index": args.next_index, "source": {"pack": manifest["name"], "version": manifest["version"]}}
    path = os.path.join(args.out, "ckpt-final.pt")
    save_atomic(ckpt, path)
    shutil.copyfile(os.path.join(args.pack, "tokenizer.json"), os.path.join(args.out, "tokenizer.json"))
    print(f"{manifest['name']} {manifest['version']} -> {path}: {model.num_params() / 1e6:.2f}M parameters, "
          f"reference.json reproduced; aux head zero")


if __name__ == "__main__":
    main()
