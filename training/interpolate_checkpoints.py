#!/usr/bin/env python3
"""Interpolate two checkpoints of the same architecture, weight by weight (WiSE-FT).

  /usr/bin/python3 training/interpolate_checkpoints.py --base training/runs/pack-0.5.0/ckpt-final.pt \\
      --tuned training/runs/nano12/ckpt.pt --alpha 0.5 --out training/runs/wise12-50

Every fine-tune of the shipped model so far gained grounding and answers but lost captions. Fine-tunes that start
from one model stay in one basin, so the straight line between the two weight sets usually holds models that keep
most of both (Wortsman et al., "Robust fine-tuning of zero-shot models", 2022). `alpha` is the tuned model's share:
0 gives the base, 1 the tuned model. Writes `<out>/ckpt-final.pt` in the layout `export_model.py`,
`evaluate.py --checkpoint` and `train.py --init-from` read (data stream position and aux head from the tuned run),
and copies the tokenizer, which both must share.
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
from typing import Dict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from lunette.checkpoint import load_checkpoint  # noqa: E402
from train import save_atomic  # noqa: E402


def interpolate_state(base: Dict[str, torch.Tensor], tuned: Dict[str, torch.Tensor], alpha: float) -> Dict[str, torch.Tensor]:
    """(1 - alpha) * base + alpha * tuned for every floating tensor; both must hold the same names and shapes."""
    if set(base) != set(tuned):
        only = sorted(set(base) ^ set(tuned))
        raise ValueError(f"the checkpoints hold different weights: {', '.join(only[:5])}")
    out = {}
    for name, b in base.items():
        t = tuned[name]
        if b.shape != t.shape:
            raise ValueError(f"{name}: shape {tuple(b.shape)} against {tuple(t.shape)}")
        out[name] = torch.lerp(b, t, alpha) if b.is_floating_point() else t.clone()
    return out


def tokenizer_path(ckpt_path: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(ckpt_path)), "tokenizer.json")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the checkpoint the tuned run started from")
    ap.add_argument("--tuned", required=True, help="the fine-tuned checkpoint")
    ap.add_argument("--alpha", type=float, required=True, help="the tuned model's share, 0..1")
    ap.add_argument("--out", required=True, help="run folder to write ckpt-final.pt and tokenizer.json into")
    args = ap.parse_args(argv)
    if not 0.0 <= args.alpha <= 1.0:
        raise SystemExit(f"--alpha must lie in 0..1, not {args.alpha}")
    if not filecmp.cmp(tokenizer_path(args.base), tokenizer_path(args.tuned), shallow=False):
        raise SystemExit("the two runs use different tokenizers; their weights cannot be mixed")
    base = load_checkpoint(args.base)
    tuned = load_checkpoint(args.tuned)
    if base["config"] != tuned["config"]:
        raise SystemExit("the two checkpoints have different architectures")
    try:
        model = interpolate_state(base["model"], tuned["model"], args.alpha)
        aux = interpolate_state(base["aux"], tuned["aux"], args.alpha)
    except ValueError as err:
        raise SystemExit(str(err))
    os.makedirs(args.out, exist_ok=True)
    ckpt = {"config": tuned["config"], "model": model, "aux": aux, "step": tuned["step"],
            "next_index": tuned["next_index"],
            "source": {"base": args.base, "tuned": args.tuned, "alpha": args.alpha}}
    path = os.path.join(args.out, "ckpt-final.pt")
    save_atomic(ckpt, path)
    shutil.copyfile(tokenizer_path(args.tuned), os.path.join(args.out, "tokenizer.json"))
    print(f"{path}: {1 - args.alpha:.2f} x {args.base} + {args.alpha:.2f} x {args.tuned}")


if __name__ == "__main__":
    main()
