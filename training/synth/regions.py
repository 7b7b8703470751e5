"""Stage: detect / point targets.

For a name whose every instance the scene registered (scene.detect_names), the detect target is the list of all
matching objects' boxes, normalized to [0, 1] by the rendered size (the model's "fill" resize keeps normalized
coordinates); the point target is one point per object that lies inside the object's pixels (the pole of the
mask: the pixel deepest inside it, so a ring's point is on the ring, not in its hole). Objects are ordered in
reading order (top-to-bottom rows, left-to-right). Absent names give empty targets (the model answers eos).
"""
from __future__ import annotations

import math

import numpy as np

from . import refer as R
from .ocr import reading_order

MAX_OBJECTS = 20


def _lo(v):
    return math.floor(v * 1e5) / 1e5


def _hi(v):
    return min(1.0, math.ceil(v * 1e5) / 1e5)


def norm_box(o, w, h) -> dict:
    """Normalized box that still contains every pixel of the object after rounding to 5 decimals."""
    x0, y0, x1, y1 = o.box
    return {"x_min": _lo(x0 / w), "y_min": _lo(y0 / h), "x_max": _hi(x1 / w), "y_max": _hi(y1 / h)}


def _erode(m: np.ndarray) -> np.ndarray:
    e = m.copy()
    e[1:, :] &= m[:-1, :]
    e[:-1, :] &= m[1:, :]
    e[:, 1:] &= m[:, :-1]
    e[:, :-1] &= m[:, 1:]
    e[0, :] = e[-1, :] = False
    e[:, 0] = e[:, -1] = False
    return e


def inner_point(mask: np.ndarray) -> tuple:
    """(x, y) pixel centre (in mask coordinates, floats) of a pixel deep inside the mask."""
    m = np.asarray(mask, dtype=bool)
    if not m.any():
        raise ValueError("empty mask")
    # work on a reduced copy for big masks (erosion is O(area) per step)
    step = max(1, int(np.ceil(max(m.shape) / 96)))
    small = m[::step, ::step] if step > 1 else m
    if not small.any():
        small, step = m, 1
    cur = np.pad(small, 1)
    last = cur
    while cur.any():
        last = cur
        cur = _erode(cur)
    ys, xs = np.nonzero(last)
    ys, xs = ys - 1, xs - 1
    cy, cx = ys.mean(), xs.mean()
    i = int(np.argmin((ys - cy) ** 2 + (xs - cx) ** 2))
    px, py = xs[i] * step + step / 2, ys[i] * step + step / 2
    # make sure the full-resolution pixel is inside; otherwise take the nearest inside pixel
    ix, iy = int(min(m.shape[1] - 1, px)), int(min(m.shape[0] - 1, py))
    if not m[iy, ix]:
        yy, xx = np.nonzero(m)
        j = int(np.argmin((yy - py) ** 2 + (xx - px) ** 2))
        ix, iy = xx[j], yy[j]
    return ix + 0.5, iy + 0.5


def point_of(o, w, h) -> dict:
    x, y = inner_point(o.full_mask())
    return {"x": round((o.box[0] + x) / w, 5), "y": round((o.box[1] + y) / h, 5)}


def targets(scene, name: str, ev=None, color: str | None = None) -> list:
    ref = {"name": name}
    if color:
        ref["color"] = color
    objs = R.matching(scene, ref)
    return reading_order(objs)[:MAX_OBJECTS]


def detect_prompts(scene, rng, ev=None, n: int = 2, n_absent: int = 1, absent_pool=()) -> list:
    """[(object phrase, [objs])] for detect/point: complete names present (optionally with colour) and absent
    names (empty targets)."""
    names = sorted(scene.detect_names)
    rng.shuffle(names)
    out = []
    for name in names:
        objs = targets(scene, name)
        if not objs or len(objs) > MAX_OBJECTS:
            continue
        if ev is not None and not ev.objs_visible([o.id for o in objs]):
            continue
        out.append((name, objs))
        cols = sorted({o.color for o in objs if o.color})
        if len(cols) > 1 and all(o.color for o in objs) and rng.random() < 0.6:
            c = rng.choice(cols)
            out.append((f"{c} {name}", [o for o in objs if o.color == c]))
        if len(out) >= n:
            break
    absent = [a for a in absent_pool]
    rng.shuffle(absent)
    for a in absent[:n_absent]:
        out.append((a, []))
    return out
