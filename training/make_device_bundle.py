#!/usr/bin/env python3
"""The synthetic generator's assets in one folder, for a machine without Debian's packages (a lent GPU machine).

  /usr/bin/python3 training/make_device_bundle.py --out .device-bundle     # ~22 MB with the defaults

On that machine the generator reads them instead of /usr/share:

  LUNETTE_SHARE=.device-bundle/share LUNETTE_SYNTH_CACHE=.device-bundle/cache python3 training/train.py ...

What the folder holds: the chosen font families (regular and bold), the emoji font and Unicode's emoji list, the
word list, the Papirus icons the object scenes use with their renders (that machine has no rsvg-convert), and the
indexed clip arts cropped and downsized to --clipart-side (their index filtered to the ones still usable). A
device run travels with the working tree, at most 64 MiB in all; the tracked files take ~43 MB of it, hence the
subset (the model card, next step 4). Fewer families than here change which font a scene draws, so images differ
from those made with every Debian font installed; their facts stay true by construction.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from training.synth import assets, fonts  # noqa: E402

DEFAULT_FAMILIES = "DejaVu Sans,Liberation Sans,DejaVu Serif,DejaVu Sans Mono,Liberation Mono"


def _copy(src: str, share: str, out: str) -> int:
    """Copy `src` (a path under `share`) to the same place under `out`; its size in bytes."""
    dst = os.path.join(out, os.path.relpath(src, share))
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copyfile(os.path.realpath(src), dst)
    return os.path.getsize(dst)


def build(out: str, families: list, clipart_side: int, clipart_limit: int = 0) -> dict:
    """Write the bundle into `out` (share/ and cache/); bytes per part."""
    share_out, cache_out = os.path.join(out, "share"), os.path.join(out, "cache")
    unknown = [name for name in families if name not in fonts._FAMILIES]
    if unknown:
        raise SystemExit(f"unknown font family {', '.join(map(repr, unknown))} (training/synth/fonts.py)")
    missing = {"sans", "serif", "mono"} - {fonts._FAMILIES[name][0] for name in families}
    if missing:
        raise SystemExit(f"the generator needs a family of each kind; none given for {', '.join(sorted(missing))}")
    sizes = {"fonts": 0, "emoji": 0, "words": 0, "icons": 0, "clipart": 0}
    for name in families:
        for path in sorted(set(fonts._FAMILIES[name][1].values())):
            if not os.path.exists(path):
                raise SystemExit(f"{name} is not installed here ({path})")
            sizes["fonts"] += _copy(path, fonts.SHARE, share_out)
    sizes["emoji"] += _copy(fonts.EMOJI_FONT, fonts.SHARE, share_out)
    sizes["emoji"] += _copy(assets.EMOJI_TEST, fonts.SHARE, share_out)
    sizes["words"] += _copy(assets.WORDS, fonts.SHARE, share_out)

    for icon in assets.icon_index():
        sizes["icons"] += _copy(os.path.join(assets.PAPIRUS, icon["file"] + ".svg"), fonts.SHARE, share_out)
        if assets.icon_image(icon["file"]) is None:  # renders it into this machine's cache
            raise SystemExit(f"could not render icon {icon['file']} (is rsvg-convert installed?)")
        render = assets.icon_render(icon["file"])
        dst = os.path.join(cache_out, os.path.relpath(render, assets.CACHE))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(render, dst)
        sizes["icons"] += os.path.getsize(dst)

    kept = []
    for entry in assets.clipart_index()[: clipart_limit or None]:
        image = assets.clipart_image(entry["png"], clipart_side)
        if image is None:
            continue
        dst = os.path.join(share_out, "openclipart", "png", entry["png"])
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        image.save(dst, optimize=True)
        if assets.prepared_clipart(dst) is None:  # too thin once downsized: leave it out
            os.remove(dst)
            continue
        sizes["clipart"] += os.path.getsize(dst)
        kept.append(entry)
    os.makedirs(cache_out, exist_ok=True)
    with open(os.path.join(cache_out, "clipart_index.json"), "w", encoding="utf-8") as f:
        json.dump(kept, f)
    sizes["clipart"] += os.path.getsize(os.path.join(cache_out, "clipart_index.json"))
    sizes["clipart_kept"] = len(kept)
    return sizes


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--families", default=DEFAULT_FAMILIES, help="font families to take (training/synth/fonts.py)")
    ap.add_argument("--clipart-side", type=int, default=128, help="longest side of a clip art, in pixels")
    ap.add_argument("--clipart-limit", type=int, default=0, help="take only the first N indexed clip arts (0: all)")
    args = ap.parse_args(argv)
    if os.path.exists(args.out):
        raise SystemExit(f"{args.out} exists; remove it first")
    sizes = build(args.out, [f.strip() for f in args.families.split(",") if f.strip()], args.clipart_side,
                  args.clipart_limit)
    total = sum(v for k, v in sizes.items() if k != "clipart_kept")
    print(" ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items() if k != "clipart_kept")
          + f"; {sizes['clipart_kept']} clip arts; total {total / 1e6:.1f} MB -> {args.out}")
    return sizes


if __name__ == "__main__":
    main()
