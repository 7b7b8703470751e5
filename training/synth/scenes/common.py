"""Helpers shared by scene generators: sizes, backgrounds, placement, relation facts."""
from __future__ import annotations

import math

from PIL import Image, ImageDraw

from .. import colors
from ..language import position_name


def canvas_size(rng, w_range=(320, 960), aspect_range=(0.5, 2.2), min_side=200, max_side=1400):
    """A random (w, h) with a random aspect ratio (w/h)."""
    for _ in range(50):
        w = rng.randint(*w_range)
        a = math.exp(rng.uniform(math.log(aspect_range[0]), math.log(aspect_range[1])))
        h = int(w / a)
        if min_side <= h <= max_side:
            return w, h
    return w_range[0], max(min_side, int(w_range[0] / 1.3))


def overlaps(a, b, pad=0):
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def place(rng, w, h, bw, bh, taken, pad=8, margin=6, tries=200):
    """A free top-left corner for a bw x bh box, or None."""
    if bw + 2 * margin > w or bh + 2 * margin > h:
        return None
    for _ in range(tries):
        x = rng.randint(margin, w - bw - margin)
        y = rng.randint(margin, h - bh - margin)
        b = (x, y, x + bw, y + bh)
        if all(not overlaps(b, t, pad) for t in taken):
            return b
    return None


def norm_center(o, w, h):
    return o.cx / w, o.cy / h


def obj_position(o, w, h):
    cx, cy = norm_center(o, w, h)
    return position_name(cx, cy)


def relation(a, b):
    """Clear spatial relations between two boxes: list of (rel) with rel in left of/right of/above/below."""
    out = []
    ax0, ay0, ax1, ay1 = a.box
    bx0, by0, bx1, by1 = b.box
    if ax1 <= bx0:
        out.append("left of")
    if bx1 <= ax0:
        out.append("right of")
    if ay1 <= by0:
        out.append("above")
    if by1 <= ay0:
        out.append("below")
    return out


def gradient(w, h, top, bottom):
    """Vertical gradient image."""
    g = Image.new("RGB", (1, 256))
    for i in range(256):
        g.putpixel((0, i), colors.mix(top, bottom, i / 255))
    return g.resize((w, h), Image.BILINEAR)


def paper_grid(img, step, col):
    d = ImageDraw.Draw(img)
    w, h = img.size
    for x in range(0, w, step):
        d.line([(x, 0), (x, h)], fill=col)
    for y in range(0, h, step):
        d.line([(0, y), (w, y)], fill=col)


def distinct(k, make):
    """k different values from calling make() (which must be able to produce that many)."""
    out = []
    while len(out) < k:
        v = make()
        if v not in out:
            out.append(v)
    return out
