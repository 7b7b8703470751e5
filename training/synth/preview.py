"""Contact sheet for eyeballing samples: the model-size image (enlarged), detect boxes and points drawn on it, the
OCR block, the three captions and the questions with their answers.

    python3 -m training.synth.preview --out sheet.png [--count 12] [--seed 0] [--kind ui] [--start 0] [--cols 2]
"""
from __future__ import annotations

import argparse
import textwrap

from PIL import Image, ImageDraw

from . import fonts, pipeline

TILE_W, TILE_H = 1000, 560
IMG = 384


def tile(seed, index, kind=None, size=128):
    scene, img, small, recs = pipeline.build(seed, index, kind=kind, model_size=size)
    t = Image.new("RGB", (TILE_W, TILE_H), (255, 255, 255))
    d = ImageDraw.Draw(t)
    big = small.resize((IMG, IMG), Image.NEAREST)
    t.paste(big, (8, 8))
    # the original render, small, below
    th = img.copy()
    th.thumbnail((IMG, TILE_H - IMG - 24))
    t.paste(th, (8, IMG + 16))
    colours = [(230, 30, 30), (30, 120, 230), (20, 160, 60), (200, 120, 0)]
    k = 0
    for r in recs:
        if r["task"] == "detect":
            col = colours[k % 4]
            k += 1
            for b in r["boxes"]:
                d.rectangle([8 + b["x_min"] * IMG, 8 + b["y_min"] * IMG, 8 + b["x_max"] * IMG, 8 + b["y_max"] * IMG],
                            outline=col, width=2)
        elif r["task"] == "point":
            col = colours[k % 4]
            k += 1
            for p in r["points"]:
                x, y = 8 + p["x"] * IMG, 8 + p["y"] * IMG
                d.ellipse([x - 4, y - 4, x + 4, y + 4], fill=col, outline=(255, 255, 255))
    f = fonts.font("DejaVu Sans", 11)
    fb = fonts.font("DejaVu Sans", 11, True)
    x, y = IMG + 20, 8
    lines = [(f"#{index} {scene.kind} {scene.meta.get('screen') or scene.meta.get('layout') or scene.meta.get('chart') or scene.meta.get('diagram') or scene.meta.get('doc') or ''} "
              f"{img.size[0]}x{img.size[1]} {' '.join(scene.meta.get('augment', []))}", fb)]
    ocr = recs[0]["ocr"]
    lines.append(("OCR: " + ("(none)" if ocr is None else ocr.replace("\n", " | "))[:300], f))
    k = 0
    for r in recs:
        if r["task"] == "caption":
            lines.append((f"[{r['length']}] {r['target']}", fb if r["length"] == "short" else f))
        elif r["task"] == "query":
            lines.append((f"Q: {r['question']}  ->  {r['target']}", f))
        else:
            col = ["red", "blue", "green", "orange"][k % 4]
            k += 1
            n = len(r.get("boxes", r.get("points", [])))
            lines.append((f"{r['task']} '{r['object']}' -> {n} ({col})", f))
    for s, fnt in lines:
        for part in textwrap.wrap(s, 130) or [""]:
            if y > TILE_H - 14:
                break
            d.text((x, y), part, font=fnt, fill=(20, 20, 20))
            y += 14
        y += 2
    d.rectangle([0, 0, TILE_W - 1, TILE_H - 1], outline=(180, 180, 180))
    return t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--kind", default=None)
    ap.add_argument("--cols", type=int, default=2)
    ap.add_argument("--size", type=int, default=128)
    a = ap.parse_args(argv)
    tiles = [tile(a.seed, a.start + i, a.kind, a.size) for i in range(a.count)]
    rows = (len(tiles) + a.cols - 1) // a.cols
    sheet = Image.new("RGB", (a.cols * TILE_W, rows * TILE_H), (240, 240, 240))
    for i, t in enumerate(tiles):
        sheet.paste(t, ((i % a.cols) * TILE_W, (i // a.cols) * TILE_H))
    sheet.save(a.out)
    print(a.out)


if __name__ == "__main__":
    main()
