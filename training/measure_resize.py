#!/usr/bin/env python3
"""How far is training's resize (Pillow BILINEAR, reducing_gap None) from the engine's (sharp
`resize(S, S, {fit: 'fill', kernel: 'linear'})`)? Renders synthetic images at full size and the real eval set,
resizes both ways, and prints the difference in normalized units (x = (rgb/255 - 0.5) / 0.5).

  /usr/bin/python3 training/measure_resize.py [--images 24]      # needs node_modules/sharp (npm ci)
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, REPO)

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

NODE = r"""
const sharp = require(process.argv[2]);
const [size, out, ...files] = process.argv.slice(3);
(async () => { for (let i = 0; i < files.length; i++) {
  await sharp(files[i]).flatten({background: {r: 255, g: 255, b: 255}})
    .resize(+size, +size, {fit: 'fill', kernel: 'linear'}).removeAlpha().png().toFile(`${out}/${i}.sharp.png`);
}})();
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--images", type=int, default=24)
    ap.add_argument("--size", type=int, default=128)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from training.synth import pipeline
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(args.images):
            _, img, _, _ = pipeline.build(args.seed, i)
            p = os.path.join(tmp, f"synth{i}.png")
            img.save(p)
            files.append(p)
        files += sorted(glob.glob(os.path.join(HERE, "eval_real", "images", "*.png")))
        js = os.path.join(tmp, "resize.js")
        open(js, "w").write(NODE)
        subprocess.run(["node", js, os.path.join(REPO, "node_modules", "sharp"), str(args.size), tmp] + files, check=True)
        maxes, means = [], []
        for i, f in enumerate(files):
            a = np.asarray(Image.open(f).convert("RGB").resize((args.size, args.size), Image.BILINEAR,
                                                                reducing_gap=None), dtype=np.float64)
            b = np.asarray(Image.open(os.path.join(tmp, f"{i}.sharp.png")).convert("RGB"), dtype=np.float64)
            d = np.abs(a - b) / 127.5
            maxes.append(d.max())
            if os.environ.get("VERBOSE"):
                print(os.path.basename(f), round(d.max(), 4), round(d.mean(), 5))
            means.append(d.mean())
    print(json.dumps({"images": len(files), "max_abs_normalized": round(max(maxes), 4),
                      "mean_abs_normalized": round(float(np.mean(means)), 5),
                      "p99_of_image_max": round(float(np.percentile(maxes, 99)), 4)}))


if __name__ == "__main__":
    main()
