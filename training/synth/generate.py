"""Sharded sample writer.

    python3 -m training.synth.generate --out DIR --count N --seed S --size 128 [--workers K] [--shard-size 1000]
                                       [--keep-full] [--kinds ui=2,code=1,...] [--start I]

--count is the number of images; every image gives several records (3 captions, up to 8 questions, up to 2
detect/point). Output:
    DIR/meta.json                      arguments, kinds and weights, totals, filter statistics
    DIR/shard-00000.jsonl              one JSON record per line (see pipeline.py for the fields)
    DIR/images/shard-00000/000000000.png   model-size image (size x size, Pillow BILINEAR from the render)
    DIR/full/shard-00000/000000000.jpg     original-size render (with --keep-full; JPEG quality 92)
Image i is generated from its own random stream seeded by (seed, i), so the output is the same for any number
of workers, and a run can be extended with --start.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from multiprocessing import get_context

from . import assets, pipeline
from .scenes import DEFAULT_WEIGHTS, parse_kind_weights


def write_shard(job):
    out, shard, start, end, seed, size, keep_full, weights = job
    name = f"shard-{shard:05d}"
    img_dir = os.path.join(out, "images", name)
    os.makedirs(img_dir, exist_ok=True)
    if keep_full:
        os.makedirs(os.path.join(out, "full", name), exist_ok=True)
    stats, kinds, n_rec = {}, {}, 0
    tmp = os.path.join(out, name + ".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for i in range(start, end):
            scene, img, small, recs = pipeline.build(seed, i, model_size=size, stats=stats, kinds_weights=weights)
            rel = f"images/{name}/{i:09d}.png"
            small.save(os.path.join(out, rel), optimize=False, compress_level=6)
            full_rel = None
            if keep_full:
                full_rel = f"full/{name}/{i:09d}.jpg"
                img.save(os.path.join(out, full_rel), quality=92)
            kinds[scene.kind] = kinds.get(scene.kind, 0) + 1
            for r in recs:
                r["image"] = rel
                r["image_full"] = full_rel
                r["index"] = i
                fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
                n_rec += 1
    os.replace(tmp, os.path.join(out, name + ".jsonl"))
    return shard, end - start, n_rec, stats, kinds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, required=True, help="number of images")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--size", type=int, default=128, help="model input size (square)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--shard-size", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0, help="first image index (to extend a dataset)")
    ap.add_argument("--keep-full", action="store_true", help="also keep the original-size render")
    ap.add_argument("--kinds", default=None, help="scene kinds and weights, e.g. ui=2,code=1,chart=1")
    a = ap.parse_args(argv)
    try:
        weights = parse_kind_weights(a.kinds) or dict(DEFAULT_WEIGHTS)
    except ValueError as error:
        raise SystemExit(str(error)) from None
    os.makedirs(a.out, exist_ok=True)
    assets.clipart_index()          # build the cached index once, before the workers start
    jobs = []
    first_shard = a.start // a.shard_size
    for s in range(first_shard, (a.start + a.count + a.shard_size - 1) // a.shard_size):
        lo = max(a.start, s * a.shard_size)
        hi = min(a.start + a.count, (s + 1) * a.shard_size)
        if lo < hi:
            jobs.append((a.out, s, lo, hi, a.seed, a.size, a.keep_full, weights))
    t0 = time.time()
    stats, kinds, n_img, n_rec = {}, {}, 0, 0
    if a.workers > 1:
        ctx = get_context("fork")
        with ctx.Pool(a.workers) as pool:
            results = pool.imap_unordered(write_shard, jobs)
            for r in results:
                n_img, n_rec = n_img + r[1], n_rec + r[2]
                _merge(stats, r[3]), _merge(kinds, r[4])
                print(f"shard {r[0]:05d}: {r[1]} images, {r[2]} records ({n_img}/{a.count}, "
                      f"{n_img / (time.time() - t0):.1f} images/s)", file=sys.stderr, flush=True)
    else:
        for job in jobs:
            r = write_shard(job)
            n_img, n_rec = n_img + r[1], n_rec + r[2]
            _merge(stats, r[3]), _merge(kinds, r[4])
            print(f"shard {r[0]:05d}: {r[1]} images, {r[2]} records ({n_img / (time.time() - t0):.1f} images/s)",
                  file=sys.stderr, flush=True)
    dt = time.time() - t0
    meta_path = os.path.join(a.out, "meta.json")
    meta = {"seed": a.seed, "size": a.size, "kinds": weights, "shard_size": a.shard_size,
            "resize": "Pillow BILINEAR (reducing_gap None), fill", "prompt_templates": "docs/model-pack.md",
            "runs": []}
    if os.path.exists(meta_path):
        try:
            meta["runs"] = json.load(open(meta_path)).get("runs", [])
        except ValueError:
            pass
    meta["runs"].append({"start": a.start, "count": a.count, "images": n_img, "records": n_rec, "scene_kinds": kinds,
                         "filter": stats, "seconds": round(dt, 1), "workers": a.workers})
    json.dump(meta, open(meta_path, "w"), indent=1, sort_keys=True)
    print(f"{n_img} images, {n_rec} records in {dt:.1f}s ({n_img / dt:.2f} images/s, {n_rec / dt:.1f} records/s); "
          f"kinds {kinds}", file=sys.stderr)


def _merge(a, b):
    for k, v in b.items():
        a[k] = a.get(k, 0) + v


if __name__ == "__main__":
    main()
