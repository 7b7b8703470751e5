"""Coloured shapes with counts, sizes, positions and spatial relations."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

from .. import colors, fonts
from ..language import count_noun, join, plural, article
from ..scene import Canvas, mask_from_draw
from .common import canvas_size, place, paper_grid, gradient

SHAPES = ["circle", "square", "triangle", "star", "rectangle", "hexagon", "diamond", "pentagon", "oval", "heart",
          "ring", "cross"]


def _poly(n, cx, cy, r, rot):
    return [(cx + r * math.cos(rot + 2 * math.pi * i / n), cy + r * math.sin(rot + 2 * math.pi * i / n))
            for i in range(n)]


def _star(cx, cy, r, rot):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = rot + math.pi * i / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def _heart(cx, cy, r):
    pts = []
    for i in range(60):
        t = 2 * math.pi * i / 60
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        pts.append((cx + r * x / 17, cy - r * y / 17 + r * 0.1))
    return pts


def draw_shape(d: ImageDraw.ImageDraw, shape, x0, y0, bw, bh, fill, outline=None, width=0, rot=0.0):
    """Draw shape filling (roughly) the box; outline-only when fill is None."""
    cx, cy = x0 + bw / 2, y0 + bh / 2
    r = min(bw, bh) / 2
    kw = dict(fill=fill, outline=outline, width=width) if width else dict(fill=fill, outline=outline)
    if shape == "circle":
        d.ellipse([cx - r, cy - r, cx + r - 1, cy + r - 1], **kw)
    elif shape == "oval":
        d.ellipse([x0, y0, x0 + bw - 1, y0 + bh - 1], **kw)
    elif shape == "square":
        d.rectangle([cx - r, cy - r, cx + r - 1, cy + r - 1], **kw)
    elif shape == "rectangle":
        d.rectangle([x0, y0, x0 + bw - 1, y0 + bh - 1], **kw)
    elif shape == "triangle":
        d.polygon(_poly(3, cx, cy + r * 0.2, r * 1.1, -math.pi / 2 + rot), **kw)
    elif shape == "diamond":
        d.polygon([(cx, cy - r), (cx + r * 0.75, cy), (cx, cy + r), (cx - r * 0.75, cy)], **kw)
    elif shape == "pentagon":
        d.polygon(_poly(5, cx, cy + r * 0.05, r, -math.pi / 2), **kw)
    elif shape == "hexagon":
        d.polygon(_poly(6, cx, cy, r, rot), **kw)
    elif shape == "star":
        d.polygon(_star(cx, cy + r * 0.08, r, -math.pi / 2), **kw)
    elif shape == "heart":
        d.polygon(_heart(cx, cy, r), **kw)
    elif shape == "ring":
        t = max(3, int(r * 0.35))
        d.ellipse([cx - r, cy - r, cx + r - 1, cy + r - 1], outline=fill or outline, width=t)
    elif shape == "cross":
        t = r * 0.36
        for b in ([cx - t, cy - r, cx + t, cy + r - 1], [cx - r, cy - t, cx + r - 1, cy + t]):
            d.rectangle(b, fill=fill, outline=None)
        if fill is None and outline is not None:
            d.polygon([(cx - t, cy - r), (cx + t, cy - r), (cx + t, cy - t), (cx + r, cy - t), (cx + r, cy + t),
                       (cx + t, cy + t), (cx + t, cy + r), (cx - t, cy + r), (cx - t, cy + t), (cx - r, cy + t),
                       (cx - r, cy - t), (cx - t, cy - t)], outline=outline, width=width)
    else:
        raise ValueError(shape)


BACKGROUNDS = [("white", (255, 255, 255)), ("white", (250, 250, 250)), ("black", (12, 12, 14)),
               ("light gray", (232, 232, 232)), ("dark gray", (48, 48, 52)), ("beige", (245, 239, 224)),
               ("light blue", (220, 234, 250)), ("grid", (255, 255, 255)), ("gradient", None)]


# generate()'s hints (train.py --kinds shapes:one-kind=...)
HINTS = ("one-kind",)


def generate(rng, hint=None):
    w, h = canvas_size(rng, (280, 900), (0.6, 2.0))
    bg_name, bg = rng.choice(BACKGROUNDS)
    if bg_name == "gradient":
        top = rng.choice([(240, 244, 255), (255, 248, 235), (235, 255, 240)])
        c = Canvas(w, h)
        c.image.paste(gradient(w, h, top, colors.mix(top, (200, 200, 210), 0.5)))
        bgcol = top
    else:
        c = Canvas(w, h, bg)
        bgcol = bg
        if bg_name == "grid":
            paper_grid(c.image, rng.choice([16, 20, 24, 32]), (225, 230, 240))
    dark = colors.luminance(bgcol) < 0.2

    # pick shape types: a few (shape, colour) kinds, some repeated, so counting is meaningful
    n_kinds = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    if hint == "one-kind":   # every shape alike: a colour or shape question needs no binding to one of several
        n_kinds = 1
    allowed = [cname for cname in colors.OBJECT_COLOURS
               if colors.contrast(colors.NAMED[cname][0], bgcol) > 1.6 and not (dark and cname == "black")]
    kinds = []
    for _ in range(n_kinds):
        kinds.append((rng.choice(SHAPES), rng.choice(allowed)))
    total = rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
    total = max(total, len(set(kinds)))
    seq = list(kinds) + [rng.choice(kinds) for _ in range(total - len(kinds))]
    rng.shuffle(seq)

    base = min(w, h)
    size_classes = {"small": (0.08, 0.11), "medium": (0.15, 0.19), "large": (0.26, 0.32)}
    vary_size = rng.random() < 0.4
    # one to four big shapes, as people draw them to test a model (and as real diagrams' shapes are): a shape that
    # spans several patches must be recognized from its outline across them, not inside one patch
    big = not vary_size and total <= 4 and rng.random() < 0.7
    outlined = rng.random() < 0.12
    labelled = rng.random() < 0.2
    label_pool = list("ABCDEFGHJKLMNPRSTUVXYZ") if rng.random() < 0.5 else [str(i) for i in range(1, 10)]
    rng.shuffle(label_pool)
    taken = []
    placed = []
    for i, (shape, cname) in enumerate(seq):
        if vary_size:
            sc = rng.choice(list(size_classes))
            lo, hi = size_classes[sc]
        elif big:
            sc, (lo, hi) = "large", (0.26, 0.45) if total <= 3 else (0.24, 0.34)
        else:
            sc = "medium" if total <= 4 else "small"
            lo, hi = size_classes[sc]
        if total >= 6 and sc == "large":
            sc, (lo, hi) = "medium", size_classes["medium"]
        s = int(base * rng.uniform(lo, hi))
        bw = bh = s
        if shape in ("rectangle", "oval"):
            if rng.random() < 0.5:
                bw = int(s * rng.uniform(1.5, 2.0))
            else:
                bh = int(s * rng.uniform(1.5, 2.0))
        b = place(rng, w, h, bw, bh, taken, pad=max(6, int(base * 0.03)))
        if b is None:
            continue
        taken.append(b)
        fill = colors.rgb(rng, cname)
        x0, y0 = b[0], b[1]
        if outlined and shape not in ("ring",):
            width = max(3, int(s * 0.08))
            draw_shape(c.draw, shape, x0, y0, bw, bh, None, outline=fill, width=width)
            m = mask_from_draw(bw, bh, lambda d: draw_shape(d, shape, 0, 0, bw, bh, None, outline=255, width=width))
        else:
            draw_shape(c.draw, shape, x0, y0, bw, bh, fill)
            m = mask_from_draw(bw, bh, lambda d: draw_shape(d, shape, 0, 0, bw, bh, 255))
        o = c.add(shape, (x0, y0, x0 + bw, y0 + bh), phrase=f"{cname} {shape}", color=cname, mask=m,
                  size=sc if vary_size else None, aliases=("shape",), category="shape",
                  attrs={"outlined": outlined and shape != "ring"})
        placed.append(o)
        if labelled and shape not in ("ring", "cross") and not outlined and s >= 40 and label_pool:
            lab = label_pool.pop()
            fam = fonts.pick(rng, "sans")
            f = fonts.font(fam, int(s * 0.42), bold=True)
            ln = c.text((o.cx, o.cy + (s * 0.06 if shape == "triangle" else 0)), lab, f, colors.on_colour(fill),
                        role="label", anchor="mm")
            if ln is not None:
                o.attrs["label"] = lab
                o.attrs["label_line"] = ln.id

    if not placed:
        return generate(rng, hint)
    c.detect_names.update({"shape"} | {o.name for o in placed})

    # ---- facts -----------------------------------------------------------------------------------------------
    n = len(placed)
    groups = {}
    for o in placed:
        groups.setdefault((o.color, o.name), []).append(o)
    parts = []
    for (cname, shape), objs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        adj = f"outlined {cname}" if outlined and shape != "ring" else cname
        parts.append(article(f"{adj} {shape}") if len(objs) == 1 else count_noun(len(objs), f"{adj} {shape}"))
    bg_phrase = {"grid": "grid paper", "gradient": "a pale gradient"}.get(bg_name, f"a {bg_name} background")
    if n == 1:
        o = placed[0]
        subject = article(f"{o.color} {o.name}")
        short = f"{subject} on {bg_phrase}"
    elif len(parts) <= 3:
        subject = join(parts)
        short = f"{subject} on {bg_phrase}"
    else:
        subject = f"{count_noun(n, 'shape')} of different colours"
        short = f"{subject} on {bg_phrase}"
    c.fact("subject", 1.0, phrase=subject, short=short, noun="shapes", kind="shapes")
    if bg_name in ("white", "black", "light gray", "dark gray", "beige", "light blue"):
        c.fact("attr", 0.3, key="background", value=bg_name, subj="image")
    for o in placed:
        c.fact("object", 0.6 if n <= 3 else 0.4, obj=o.id)
    # counts by shape, by colour+shape, by colour, total
    by_shape, by_colour = {}, {}
    for o in placed:
        by_shape.setdefault(o.name, []).append(o.id)
        by_colour.setdefault(o.color, []).append(o.id)
    for (cname, shape), objs in groups.items():
        c.fact("count", 0.7, noun=shape, color=cname, n=len(objs), objs=[o.id for o in objs])
    for shape, ids in by_shape.items():
        if len({placed_o.color for placed_o in placed if placed_o.name == shape}) > 1:
            c.fact("count", 0.6, noun=shape, n=len(ids), objs=ids)
    for cname, ids in by_colour.items():
        if len({o.name for o in placed if o.color == cname}) > 1:
            c.fact("count", 0.5, noun="shape", color=cname, n=len(ids), objs=ids)
    c.fact("count", 0.8 if len(groups) > 1 else 0.3, noun="shape", n=n, objs=[o.id for o in placed], total=True)
    # absent kinds, for zero counts and "no" answers
    present_kinds = set(groups)
    c.fact("closed_world", 0.0, names=sorted({o.name for o in placed}), colours=sorted({o.color for o in placed}),
           vocab="shapes", kinds=sorted(present_kinds))
    if vary_size and n >= 2:
        areas = sorted(placed, key=lambda o: -o.full_mask().sum())
        if areas[0].full_mask().sum() > 1.6 * areas[1].full_mask().sum():
            c.fact("superlative", 0.5, obj=areas[0].id, what="largest", noun="shape")
        if n >= 2 and areas[-2].full_mask().sum() > 1.6 * areas[-1].full_mask().sum():
            c.fact("superlative", 0.4, obj=areas[-1].id, what="smallest", noun="shape")
    c.fact("relations", 0.5)   # let the qa/caption stages derive spatial relations between uniquely named objects
    return c.scene("shapes", background=bg_name)
