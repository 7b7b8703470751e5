#!/usr/bin/env python3
"""Check an exported pack against its reference.json through the real engine (node dist/cli.js; `npm run build`).

  /usr/bin/python3 training/check_parity.py models/lunette-nano

caption / query: the engine's text equals the decoded PyTorch ids; detect / point: the first max_objects outputs
equal PyTorch's within reference.json's coordinate tolerance (for a pack whose manifest snaps boxes to the pixels,
PyTorch's boxes snapped by lunette/snap.py). Exit status 1 on any mismatch.
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


def main(pack):
    pack = os.path.abspath(pack)
    ref = json.load(open(os.path.join(pack, "reference.json")))
    tok = Tokenizer.load(os.path.join(pack, "tokenizer.json"))
    img = os.path.join(pack, ref["image"])
    tol = ref["tolerance"]["coords"]
    manifest = json.load(open(os.path.join(pack, "manifest.json")))
    snapping = manifest["generation"].get("snap_boxes") == "pixels"
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
            if snapping and key == "objects":
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
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "models", "lunette-nano")))
