#!/usr/bin/env python3
"""Carry a training run's weights off a lent GPU machine and rebuild a checkpoint from them here.

  python3 training/device_weights.py save --checkpoint training/runs/gpu/ckpt.pt --out "$OUT"        # there
  /usr/bin/python3 training/device_weights.py restore --shards DIR --tokenizer models/lunette-nano/tokenizer.json \\
      --out training/runs/gpu                                                                      # here

`save` writes the model's and the aux head's weights as shards of at most 15 MiB with an index
(lunette/shards.py), which fit what that machine returns (8 files of 16 MiB): nano's in float32 are three
shards; `--float16` halves that, for a bigger model (about 5e-4 relative error in each weight). `restore` writes
`<out>/ckpt-final.pt` and `<out>/tokenizer.json`, the layout `checkpoint_from_pack.py` writes: `train.py
--init-from`, `export_model.py` and `evaluate.py --checkpoint` read it. The optimizer state stays behind, so a run
continues from it with fresh AdamW moments, as from a pack. See training/device_run.sh for the run itself.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from lunette.checkpoint import load_checkpoint  # noqa: E402
from lunette.config import ModelConfig  # noqa: E402
from lunette.losses import AuxHead  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from lunette.shards import load_shards, save_shards  # noqa: E402
from train import save_atomic  # noqa: E402

# what a restored checkpoint keeps of the run besides its weights (train.py --init-from reads next_index)
CARRIED = ("step", "next_index", "tasks_seen", "elapsed", "config")


def save(checkpoint: str, out: str, half: bool = False) -> None:
    ck = load_checkpoint(checkpoint)
    meta = {k: ck[k] for k in CARRIED if k in ck}
    meta["args"] = {k: v for k, v in ck.get("args", {}).items() if isinstance(v, (int, float, str, bool))}
    meta["float16"] = half
    paths = save_shards({"model": ck["model"], "aux": ck["aux"]}, out, meta, half=half)
    sizes = ", ".join(f"{os.path.basename(p)} {os.path.getsize(p) / 2 ** 20:.1f} MiB" for p in paths)
    print(f"step {meta.get('step')}, image {meta.get('next_index')}: {sizes}")


def restore(shards: str, tokenizer: str, out: str) -> str:
    try:
        groups, meta = load_shards(shards)
    except ValueError as err:
        raise SystemExit(f"cannot restore from {shards}: {err}")
    cfg = ModelConfig.from_dict(meta["config"])
    model, aux = LunetteModel(cfg), AuxHead(cfg.vision.dim)
    model.load_state_dict(groups["model"])  # strict: every weight must have come back
    aux.load_state_dict(groups["aux"])
    os.makedirs(out, exist_ok=True)
    ckpt = {"config": cfg.to_dict(), "model": model.state_dict(), "aux": aux.state_dict(),
            "step": meta.get("step", 0), "next_index": meta.get("next_index", 0),
            "tasks_seen": meta.get("tasks_seen", 0), "source": {"shards": os.path.abspath(shards), "args": meta.get("args", {})}}
    path = os.path.join(out, "ckpt-final.pt")
    save_atomic(ckpt, path)
    shutil.copyfile(tokenizer, os.path.join(out, "tokenizer.json"))
    print(f"{path}: {model.num_params() / 1e6:.2f}M parameters{' (from float16)' if meta.get('float16') else ''}, step {ckpt['step']}, "
          f"data stream at image {ckpt['next_index']}")
    return path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("save", help="checkpoint -> float16 shards + weights.json")
    s.add_argument("--checkpoint", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--float16", action="store_true", help="store the weights in float16 (half the size)")
    r = sub.add_parser("restore", help="shards -> <out>/ckpt-final.pt + tokenizer.json")
    r.add_argument("--shards", required=True, help="folder holding weights.json and its shards")
    r.add_argument("--tokenizer", required=True, help="the run's tokenizer.json (the pack's, for a run started from it)")
    r.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    if args.command == "save":
        save(args.checkpoint, args.out, half=args.float16)
    else:
        restore(args.shards, args.tokenizer, args.out)


if __name__ == "__main__":
    main()
