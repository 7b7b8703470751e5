#!/usr/bin/env python3
"""Check an exported pack against its reference.json through the real engine (node dist/cli.js; `npm run build`).

  /usr/bin/python3 training/check_parity.py models/lunette-nano

caption / query: the engine's text equals the decoded PyTorch ids; detect / point: the first max_objects outputs
equal PyTorch's within reference.json's coordinate tolerance (for a pack whose manifest snaps boxes to the pixels,
PyTorch's boxes snapped by lunette/snap.py). For a pack whose detect and point rank the image's regions
(`generation.region_proposals`), the model is rebuilt from the pack's own weights (`--preset`, as
checkpoint_from_pack.py) and `Generator.locate_ranked` gives PyTorch's side, with every region of a drawn thing or
named emoji where the pack locates those from the pixels (`generation.thing_regions`, `generation.emoji`). Exit
status 1 on any mismatch.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from lunette.snap import snap_boxes, snap_image  # noqa: E402
from lunette.tokenizer import Tokenizer  # noqa: E402

BOX = ("x_min", "y_min", "x_max", "y_max")


def cli(pack, *args):
    out = subprocess.run(["node", os.path.join(REPO, "dist", "cli.js"), *args, "--model", pack, "--json",
                          "--threads", "1"], capture_output=True, text=True, timeout=300)
    if out.returncode:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def ranked_reference(pack: str, manifest: dict, image_path: str, preset: str):
    """(task, object) -> PyTorch's ranked outputs on the reference image, from the pack's own weights."""
    import torch
    from PIL import Image
    from checkpoint_from_pack import model_from_pack
    from lunette.emoji import EmojiIndex, recognise
    from lunette.emoji_answers import located_emoji
    from lunette.generate import Generator, preprocess
    from lunette.located_things import located_thing, thing_boxes
    from lunette.proposals import region_proposals
    torch.set_num_threads(1)
    model, _ = model_from_pack(pack, preset)
    gen = Generator(model, Tokenizer.load(os.path.join(pack, "tokenizer.json")))
    image = Image.open(image_path)
    prefix = gen.encode_image(preprocess(image.convert("RGB"), model.cfg))
    pixels = snap_image(image)
    snap = pixels if manifest["generation"].get("snap_boxes") == "pixels" else None
    proposals = region_proposals(pixels)
    limit = manifest["generation"]["max_objects"]
    emoji = EmojiIndex.load(pack) if manifest["generation"].get("emoji") == "pixels" else None

    def locate(task, obj):
        # a drawn thing (generation.thing_regions) or a named emoji (generation.emoji): every region that is it
        located = located_thing(obj) if manifest["generation"].get("thing_regions") == "pixels" else None
        regions = thing_boxes(pixels, *located) if located else \
            [list(b) for b in located_emoji(obj, recognise(pixels, emoji)[0])] if emoji else []
        if regions:
            return gen.locate_ranked(task, obj, prefix, regions, None, limit, every_region=True)
        return gen.locate_ranked(task, obj, prefix, proposals, snap if task == "detect" else None, limit)
    return locate


def main(pack, preset="nano"):
    pack = os.path.abspath(pack)
    ref = json.load(open(os.path.join(pack, "reference.json")))
    tok = Tokenizer.load(os.path.join(pack, "tokenizer.json"))
    img = os.path.join(pack, ref["image"])
    tol = ref["tolerance"]["coords"]
    manifest = json.load(open(os.path.join(pack, "manifest.json")))
    snapping = manifest["generation"].get("snap_boxes") == "pixels"
    ranked = ranked_reference(pack, manifest, img, preset) if manifest["generation"].get("region_proposals") else None
    bad = 0
    for c in ref["cases"]:
        if c["task"] == "caption":
            got = cli(pack, "caption", img, "--length", c["length"], "--max-tokens", str(c["max_tokens"]))["caption"]
            want = tok.decode(c["ids"], skip_special_tokens=True).strip()
            ok = got.strip() == want
        elif c["task"] == "query":
            got = cli(pack, "ask", img, c["question"], "--max-tokens", str(c["max_tokens"]))["answer"]
            want = tok.decode(c["ids"], skip_special_tokens=True).strip()
            ok = got.strip() == want
        else:
            key = "objects" if c["task"] == "detect" else "points"
            got = cli(pack, c["task"], img, c["object"])[key][: c["max_objects"]]
            want = c[key]
            # the model ended its list itself, so the engine's must end there too; else the engine's may go on
            ended = len(want) < c["max_objects"]
            if ranked:
                want, ended = ranked(c["task"], c["object"])[key][: c["max_objects"]], True
            elif snapping and key == "objects":
                from PIL import Image
                snapped = snap_boxes(snap_image(Image.open(img)), [[o[k] for k in BOX] for o in want])
                want = [dict(zip(BOX, b)) for b in snapped]
            ok = (len(got) == len(want) if ended else len(got) >= len(want)) and \
                all(abs(g[k] - w[k]) <= tol for g, w in zip(got, want) for k in w)
        print(f"{c['task']:8s} {'ok ' if ok else 'BAD'} engine={got!r} torch={want!r}")
        bad += not ok
    print("parity ok" if not bad else f"{bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pack", nargs="?", default=os.path.join(REPO, "models", "lunette-nano"))
    ap.add_argument("--preset", default="nano", help="architecture preset of a ranked pack (checkpoint_from_pack.py)")
    args = ap.parse_args()
    sys.exit(main(args.pack, args.preset))
