"""Icons and everyday objects: emoji (Unicode names), clip art (titles), app icons (Papirus names).

Layouts: one object; a row or grid of different objects (positions, relations, optional text labels); several
copies of one or two objects (counting); a launcher-style grid of labelled app icons.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from .. import assets, colors, fonts
from ..language import article, cap, count_noun, join, number, plural
from ..scene import Canvas
from .common import canvas_size, gradient, place

COLOUR_WORDS = {"red", "green", "blue", "yellow", "orange", "purple", "brown", "black", "white", "pink"}


def _pick(rng, source, n, distinct=True, exclude_names=()):
    if source == "emoji":
        # Four in five picks come from the everyday objects people name simply (dog, car, apple: assets.EMOJI_ALIAS).
        # Drawn evenly from all 1,300 emoji, each would be seen a handful of times in a training run: too few
        # to learn any; the common ones are also what users' images show.
        pool = assets.emoji_index()
        common = [e for e in pool if e["alias"]]
        if common and rng.random() < 0.8:
            pool = common
    elif source == "clipart":
        pool = assets.clipart_index()
    else:
        pool = assets.icon_index()
    out, names = [], set(exclude_names)
    for _ in range(200):
        if len(out) >= n:
            break
        e = rng.choice(pool)
        nm = _name(e, source)
        if distinct and nm in names:
            continue
        img = _image(e, source)
        if img is None:
            continue
        names.add(nm)
        out.append((e, img))
    return out


def _name(e, source):
    if source == "emoji":
        return e["alias"] or e["name"]
    if source == "clipart":
        return e["name"]
    return e["name"] + " icon"


def _image(e, source):
    if source == "emoji":
        return assets.emoji_image(e["char"])
    if source == "clipart":
        return assets.clipart_image(e["png"])
    return assets.icon_image(e["file"])


def _paste(c, img, x, y, size, source, e, rng):
    """Paste img scaled so its longer side is `size`; register the object with its alpha mask."""
    w, h = img.size
    f = size / max(w, h)
    im = img.resize((max(1, int(w * f)), max(1, int(h * f))), Image.LANCZOS)
    c.image.paste(im, (int(x), int(y)), im)
    mask = np.asarray(im.getchannel("A")) > 110
    name = _name(e, source)
    full = e["name"] if source == "emoji" else (e["title"] if source == "clipart" else e["name"] + " icon")
    aliases = {"emoji": ("emoji", e["name"]), "clipart": ("clip art", "drawing"), "icon": ("icon", e["name"])}[source]
    colour = None
    if source == "emoji":
        first = e["name"].split()[0]
        colour = first if first in COLOUR_WORDS else None
    o = c.add(name, (int(x), int(y), int(x) + im.size[0], int(y) + im.size[1]), phrase=full.lower(), color=colour,
              mask=mask, aliases=tuple(a for a in aliases if a != name), category=e["category"],
              attrs={"source": source, "keywords": e.get("keywords", []), "say_colour": False})
    return o


def _background(rng, w, h):
    kind = rng.choice(["white", "white", "light", "dark", "gradient", "paper"])
    if kind == "white":
        return Canvas(w, h, (255, 255, 255)), "white"
    if kind == "light":
        return Canvas(w, h, rng.choice([(244, 246, 250), (250, 246, 238), (238, 246, 240), (246, 240, 248)])), "light"
    if kind == "dark":
        return Canvas(w, h, rng.choice([(24, 26, 32), (40, 40, 48), (18, 32, 48)])), "dark"
    c = Canvas(w, h)
    top = rng.choice([(200, 225, 255), (255, 230, 200), (220, 255, 225), (240, 220, 255)])
    c.image.paste(gradient(w, h, top, colors.mix(top, (255, 255, 255), 0.6)))
    return c, "gradient" if kind == "gradient" else "light"


def _kind_word(source):
    return {"emoji": "emoji", "clipart": "clip art drawing", "icon": "icon"}[source]


def _describe(o):
    src = o.attrs["source"]
    if src == "emoji":
        return f"{o.phrase} emoji"
    if src == "clipart":
        return f"clip art of {article(o.phrase)}" if not o.phrase[:1].isupper() else f"clip art of {o.phrase}"
    return o.phrase


def single(rng, source):
    w, h = canvas_size(rng, (240, 800), (0.7, 1.6))
    c, bg = _background(rng, w, h)
    got = _pick(rng, source, 1)
    if not got:
        return None
    e, img = got[0]
    size = int(min(w, h) * rng.uniform(0.35, 0.8))
    x = rng.randint(4, max(4, w - size - 4))
    y = rng.randint(4, max(4, h - size - 4))
    o = _paste(c, img, x, y, size, source, e, rng)
    c.detect_names.add(o.name)
    desc = _describe(o)
    c.fact("subject", 1.0, phrase=f"{article(desc) if source != 'clipart' else desc}",
           short=f"{cap(desc)} on {article(bg + ' background') if bg != 'gradient' else 'a gradient background'}")
    c.fact("qa", 0.7, q=["What object is shown?", "What is in the image?", "What is this picture of?"],
           a=cap(o.phrase) if source != "icon" else cap(article(o.phrase)), objs=[o.id], qtype="object")
    c.fact("object", 0.5, obj=o.id)
    c.fact("count", 0.3, noun=o.name, n=1, objs=[o.id])
    return c.scene("objects", layout="single", source=source)


def row(rng, source):
    k = rng.randint(2, 6)
    labelled = rng.random() < 0.4
    w, h = canvas_size(rng, (360, 1100), (0.9, 2.6))
    c, bg = _background(rng, w, h)
    got = _pick(rng, source, k)
    k = len(got)
    if k < 2:
        return None
    grid = k >= 4 and rng.random() < 0.5
    cols = (k + 1) // 2 if grid else k
    rows = 2 if grid else 1
    cell_w, cell_h = w / cols, h / rows
    size = int(min(cell_w, cell_h) * rng.uniform(0.45, 0.7))
    fam = fonts.pick(rng, "sans")
    lf = fonts.font(fam, max(10, int(size * 0.16)))
    fg = (235, 235, 235) if bg == "dark" else (30, 30, 30)
    objs = []
    for i, (e, img) in enumerate(got):
        r, col = divmod(i, cols)
        cx = cell_w * (col + 0.5) + rng.uniform(-0.1, 0.1) * cell_w * 0.3
        cy = cell_h * (r + 0.5) - (size * 0.12 if labelled else 0)
        o = _paste(c, img, cx - size / 2, cy - size / 2, size, source, e, rng)
        if labelled:
            lab = o.phrase if source != "icon" else e["name"]
            lab = lab[:1].upper() + lab[1:]
            ln = c.text((cx, cy + size / 2 + size * 0.08), lab, lf, fg, role="label", anchor="ma")
            if ln:
                o.attrs["caption_line"] = ln.id
        objs.append(o)
    c.detect_names.update({o.name for o in objs} | {"icon" if source == "icon" else ("emoji" if source == "emoji" else "clip art")})
    kw = _kind_word(source)
    names = [o.phrase for o in objs]
    kws = kw if kw == "emoji" else plural(kw)
    c.fact("subject", 1.0, phrase=f"{number(k)} {kws} {'in a row' if not grid else 'in a grid'}: {join(names)}",
           short=f"{cap(number(k))} {kws}: {join(names)}")
    c.fact("count", 0.6, noun="picture" if kw != "icon" else "icon", n=k, objs=[o.id for o in objs], total=True)
    for o in objs:
        c.fact("object", 0.5, obj=o.id)
    c.fact("relations", 0.6)
    if not grid:
        c.fact("qa", 0.6, q=["What is the leftmost object?", "What is on the far left?"], a=cap(objs[0].phrase),
               objs=[objs[0].id], qtype="position")
        c.fact("qa", 0.6, q=["What is the rightmost object?", "What is on the far right?"], a=cap(objs[-1].phrase),
               objs=[objs[-1].id], qtype="position")
        c.fact("qa", 0.5, q=["List the objects from left to right.", "What objects are shown, from left to right?"],
               a=cap(join(names)), objs=[o.id for o in objs], qtype="object")
    if labelled:
        c.fact("detail", 0.4, text="Each picture has its name written under it",
               lines=[o.attrs["caption_line"] for o in objs if "caption_line" in o.attrs])
    return c.scene("objects", layout="grid" if grid else "row", source=source)


MASS = {"rice", "bread", "popcorn", "spaghetti", "butter", "salt", "honey", "cheese", "sushi", "oden", "dango",
        "tea", "coffee", "milk", "sake", "water", "ice", "corn", "money"}


def counting(rng, source):
    kinds = rng.choice([1, 1, 2])
    got = _pick(rng, source, kinds)
    if any(_name(e, source).split()[-1] in MASS or _name(e, source).split()[0] in MASS for e, _ in got):
        return None
    if len(got) < kinds:
        return None
    w, h = canvas_size(rng, (320, 1000), (0.7, 1.8))
    c, bg = _background(rng, w, h)
    counts = [rng.randint(2, 6) if kinds == 1 else rng.randint(1, 5) for _ in got]
    if kinds == 2 and counts[0] == counts[1]:
        counts[1] += 1
    size = int(min(w, h) * (0.22 if sum(counts) <= 4 else 0.16))
    taken, objs = [], []
    for (e, img), n in zip(got, counts):
        for _ in range(n):
            b = place(rng, w, h, size, size, taken, pad=int(size * 0.15))
            if b is None:
                return None
            taken.append(b)
            objs.append(_paste(c, img, b[0], b[1], size, source, e, rng))
    names = []
    for (e, img), n in zip(got, counts):
        nm = _name(e, source)
        ids = [o.id for o in objs if o.name == nm]
        names.append((nm, len(ids), ids, objs[ids[0]].phrase))
        c.fact("count", 0.9, noun=nm, n=len(ids), objs=ids, caption=False)
    c.detect_names.update({n for n, *_ in names})
    parts = [count_noun(n, ph if src_ok(source) else nm) if n > 1 else article(ph if src_ok(source) else nm)
             for nm, n, _, ph in names]
    c.fact("subject", 1.0, phrase=join(parts), short=f"{cap(join(parts))} on {article(bg + ' background') if bg != 'gradient' else 'a gradient background'}")
    c.fact("count", 0.5, noun="object", n=len(objs), objs=[o.id for o in objs], total=True)
    return c.scene("objects", layout="counting", source=source)


def src_ok(source):
    return source != "icon"


def launcher(rng):
    icons = _pick(rng, "icon", rng.randint(4, 12))
    if len(icons) < 4:
        return None
    dark = rng.random() < 0.6
    cols = rng.choice([3, 4, 4, 5, 6])
    rows = (len(icons) + cols - 1) // cols
    s = rng.choice([1.0, 1.25, 1.5])
    cell = int(110 * s)
    w = cols * cell + int(40 * s)
    h = rows * cell + int(rng.uniform(40, 160) * s)
    c = Canvas(w, h)
    top = (30, 40, 70) if dark else (225, 232, 245)
    c.image.paste(gradient(w, h, top, colors.mix(top, (0, 0, 0) if dark else (255, 255, 255), 0.4)))
    fam = fonts.pick(rng, "sans")
    lf = fonts.font(fam, int(12 * s))
    fg = (240, 240, 240) if dark else (30, 30, 30)
    objs = []
    for i, (e, img) in enumerate(icons):
        r, col = divmod(i, cols)
        x = int(20 * s) + col * cell + (cell - int(64 * s)) / 2
        y = int(20 * s) + r * cell
        o = _paste(c, img, x, y, int(64 * s), "icon", e, rng)
        lab = e["name"].title() if rng.random() < 0.5 else e["name"].capitalize()
        ln = c.text((x + 32 * s, y + 64 * s + 8 * s), lab, lf, fg, role="label", anchor="ma")
        if ln:
            o.attrs["label"] = lab
            o.attrs["label_line"] = ln.id
            o.attrs["label_style"] = "prefix"
        objs.append(o)
    c.detect_names.add("icon")
    labs = [o.attrs.get("label") for o in objs if o.attrs.get("label")]
    ll = [o.attrs["label_line"] for o in objs if "label_line" in o.attrs]
    c.fact("subject", 1.0, phrase=f"{article('dark' if dark else 'light')} launcher grid of {number(len(objs))} app icons",
           short=f"{'Dark' if dark else 'Light'} grid of {len(objs)} labelled app icons")
    c.fact("count", 0.7, noun="icon", n=len(objs), objs=[o.id for o in objs], total=True)
    c.fact("qa", 0.5, q=["What apps are shown?", "What are the icon labels?", "List the apps."], a=join(labs),
           lines=ll, qtype="text")
    first = objs[0]
    if "label_line" in first.attrs:
        c.fact("qa", 0.5, q=["What is the first app in the grid?", "Which app is in the top left corner?"],
               a=first.attrs["label"], lines=[first.attrs["label_line"]], qtype="text")
    c.fact("detail", 0.6, text=f"The apps are {join(labs)}", lines=ll, alt=f"Each icon has a label under it")
    return c.scene("objects", layout="launcher", source="icon")


# generate()'s hints: the layout (train.py --kinds objects:single=...)
HINTS = ("single", "row", "counting", "launcher")


def generate(rng, hint=None):
    for _ in range(20):
        layout = hint or rng.choices(["single", "row", "counting", "launcher"], weights=[2, 2.5, 2.5, 1])[0]
        if layout == "launcher":
            sc = launcher(rng)
        else:
            # emoji first: their everyday objects are what users' images show and few enough to learn
            source = rng.choices(["emoji", "clipart", "icon"], weights=[7, 2, 1])[0]
            sc = {"single": single, "row": row, "counting": counting}[layout](rng, source)
        if sc is not None:
            return sc
    raise RuntimeError("objects scene generation failed")
