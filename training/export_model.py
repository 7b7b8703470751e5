#!/usr/bin/env python3
"""Export a training checkpoint as a model pack (docs/model-pack.md) with reference.json for parity tests.

  /usr/bin/python3 training/export_model.py --checkpoint training/runs/nano/ckpt.pt --out models/lunette-nano \\
      [--card MODEL_CARD.md] [--fp16]

The manifest gets the `ocr` template (the model is trained with simulated OCR lines in the prompt). The reference
image is the deterministic generate.make_reference_image; reference.json records every greedy decision's margin
(`min_margin`), which must stay clear of ties for the engine to reproduce it exactly.
With --fp16 the graphs' float32 initializers are stored as float16 and cast back to float32 inside the graph
(inputs and outputs stay float32, as the contract says); only keep it when the evaluation holds.
"""
from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from lunette.checkpoint import load_checkpoint  # noqa: E402
from lunette.config import ModelConfig  # noqa: E402
from lunette.emoji import build_index  # noqa: E402
from lunette.export import export_pack  # noqa: E402
from lunette.generate import TEMPLATES, make_reference_image, reference_cases  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from lunette.tokenizer import Tokenizer  # noqa: E402

OCR_TEMPLATE = "\n\nText:\n{lines}"


def fp16_weights(path: str) -> None:
    """Store float32 initializers (>= 1024 elements) as float16 + a Cast node back to float32."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(path)
    g = m.graph
    new_inits, casts = [], []
    for init in g.initializer:
        if init.data_type == onnx.TensorProto.FLOAT and np.prod(init.dims) >= 1024:
            arr = numpy_helper.to_array(init).astype(np.float16)
            half = numpy_helper.from_array(arr, init.name + "__fp16")
            new_inits.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT,
                                          name=init.name + "__cast"))
        else:
            new_inits.append(init)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", help="default: tokenizer.json next to the checkpoint")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="lunette-nano")
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--card", help="MODEL_CARD.md to include in the pack")
    ap.add_argument("--fp16", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(2)
    ck = load_checkpoint(args.checkpoint)
    cfg = ModelConfig.from_dict(ck["config"])
    model = LunetteModel(cfg)
    model.load_state_dict(ck["model"])
    model.eval()
    tok = Tokenizer.load(args.tokenizer or os.path.join(os.path.dirname(args.checkpoint), "tokenizer.json"))
    image = make_reference_image(cfg.vision.image_size)
    ref = reference_cases(model, tok, image)
    print(f"reference: min decision margin {ref['min_margin']:.4g}")
    for c in ref["cases"]:
        print("  ", c["task"], c.get("text") or c.get("objects") or c.get("points"))
    extra = {}
    if args.card:
        with open(args.card, "rb") as f:
            extra["MODEL_CARD.md"] = f.read()
    # the emoji glyph index (lunette/emoji.py), drawn from the font the training data draws emoji with
    extra.update(build_index().files())
    templates = dict(TEMPLATES)
    templates["ocr"] = OCR_TEMPLATE
    n = model.num_params()
    desc = (f"Lunette nano: {n / 1e6:.1f}M-parameter vision-language model (ViT {cfg.vision.n_layers}x{cfg.vision.dim}, "
            f"decoder {cfg.text.n_layers}x{cfg.text.dim}, {cfg.vision.image_size} px) trained from scratch on "
            f"synthetic developer images; step {ck.get('step')}. See MODEL_CARD.md.")
    manifest = export_pack(model, tok, args.out, name=args.name, description=desc, version=args.version,
                           templates=templates, reference=ref, reference_image=image, extra_files=extra,
                           answer_candidates="ocr_lines", quotes="ocr_lines", snap_boxes="pixels",
                           region_proposals="pixels", colours="pixels", shapes="pixels", counts="pixels",
                           button_labels="pixels", chart_extremes="pixels", thing_colours="pixels",
                           thing_regions="pixels", absent_shapes="pixels", chart_kinds="pixels",
                           diagram_order="pixels", titles="pixels", what_shape="pixels", emoji="pixels",
                           positions="detect", terminal="ocr_lines", file_names="ocr_lines",
                           errors="ocr_lines", selected_items="pixels", single_line=True)
    if args.fp16:
        from lunette.export import file_entry, write_json
        for f in ("vision.onnx", "embed.onnx", "decoder.onnx", "region.onnx"):
            p = os.path.join(args.out, f)
            fp16_weights(p)
            manifest["files"][f] = file_entry(p)
        write_json(os.path.join(args.out, "manifest.json"), manifest)
    total = sum(v["bytes"] for v in manifest["files"].values())
    print(f"pack {args.out}: {total / 1e6:.2f} MB, files {sorted(manifest['files'])}")


if __name__ == "__main__":
    main()
