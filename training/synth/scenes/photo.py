"""Photo-like compositions: outdoor scenes (sky by time of day, sun or moon, clouds, hills, ground, trees,
houses, animals and vehicles from emoji) and table-top still lifes. Noise and blur come from the photo augment."""
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .. import assets, colors
from ..language import article, cap, count_noun, join, number, plural
from ..scene import Canvas, mask_from_draw
from .common import canvas_size, gradient, overlaps

SKIES = {"day": ((90, 160, 235), (190, 225, 250)), "sunset": ((60, 60, 130), (250, 150, 90)),
         "night": ((8, 12, 35), (30, 40, 80)), "overcast": ((150, 158, 168), (205, 210, 215))}
GROUNDS = {"grass": ((70, 150, 60), (40, 110, 40)), "sand": ((225, 200, 150), (200, 175, 125)),
           "snow": ((245, 248, 252), (215, 225, 235))}


def _emoji_by_name(names):
    idx = {e["name"]: e for e in assets.emoji_index()}
    return [idx[n] for n in names if n in idx]


ANIMALS = ["dog", "cat", "horse", "cow", "pig", "sheep", "goat", "rabbit", "fox", "deer", "chicken", "duck", "rooster",
           "elephant", "camel", "zebra", "giraffe", "bear", "penguin", "turtle"]
VEHICLES = ["automobile", "bus", "bicycle", "motor scooter", "delivery truck", "tractor", "sport utility vehicle",
            "racing car", "fire engine", "ambulance", "police car", "taxi", "pickup truck"]
TABLE_ITEMS = ["red apple", "green apple", "banana", "grapes", "watermelon", "lemon", "pear", "peach", "cherries",
               "strawberry", "pineapple", "bread", "cheese wedge", "hot beverage", "teacup without handle",
               "birthday cake", "doughnut", "cookie", "croissant", "carrot", "potato", "tomato", "avocado",
               "eggplant", "broccoli", "bottle with popping cork", "hamburger", "pizza", "taco"]


def _shadow(c, box, strength=0.35):
    x0, y0, x1, y1 = box
    w = x1 - x0
    sh = Image.new("L", c.image.size, 0)
    d = ImageDraw.Draw(sh)
    d.ellipse([x0 + w * 0.05, y1 - w * 0.06, x1 - w * 0.05, y1 + w * 0.08], fill=int(255 * strength))
    sh = sh.filter(ImageFilter.GaussianBlur(max(2, w * 0.04)))
    c.image.paste(Image.new("RGB", c.image.size, (0, 0, 0)), (0, 0), sh)


def _sprite(c, e, x, y, size, flip=False, shadow=True):
    img = assets.emoji_image(e["char"])
    if img is None:
        return None
    w, h = img.size
    f = size / max(w, h)
    im = img.resize((max(1, int(w * f)), max(1, int(h * f))), Image.LANCZOS)
    if flip:
        im = im.transpose(Image.FLIP_LEFT_RIGHT)
    box = (int(x), int(y), int(x) + im.size[0], int(y) + im.size[1])
    if shadow:
        _shadow(c, box)
    c.image.paste(im, (int(x), int(y)), im)
    m = np.asarray(im.getchannel("A")) > 110
    name = e["alias"] or e["name"]
    first = e["name"].split()[0]
    return c.add(name, box, phrase=e["name"], mask=m, category=e["category"], aliases=(e["name"],) if name != e["name"] else (),
                 color=first if first in ("red", "green", "yellow") else None, attrs={"say_colour": False})


def landscape(rng):
    w, h = canvas_size(rng, (480, 1100), (1.2, 2.0))
    tod = rng.choices(list(SKIES), weights=[3, 1.5, 1, 1])[0]
    ground = rng.choices(list(GROUNDS), weights=[3, 1, 1])[0]
    c = Canvas(w, h)
    horizon = int(h * rng.uniform(0.45, 0.62))
    top, bot = SKIES[tod]
    c.image.paste(gradient(w, horizon, top, bot), (0, 0))
    facts_extra = []
    # sun / moon / stars
    body = None
    if tod == "night":
        for _ in range(rng.randint(30, 90)):
            x, y = rng.randrange(w), rng.randrange(horizon)
            c.draw.point((x, y), fill=(240, 240, 255))
        if rng.random() < 0.8:
            r = int(min(w, h) * rng.uniform(0.04, 0.07))
            cx, cy = rng.randint(r + 4, w - r - 4), rng.randint(r + 4, int(horizon * 0.5))
            c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(245, 245, 225))
            body = c.add("moon", (cx - r, cy - r, cx + r + 1, cy + r + 1),
                         mask=mask_from_draw(2 * r + 1, 2 * r + 1, lambda d: d.ellipse([0, 0, 2 * r, 2 * r], fill=255)),
                         color="white", category="sky", attrs={"say_colour": False, "relatable": False,
                                                               "rgb": (245, 245, 225)})
    elif tod in ("day", "sunset") and rng.random() < 0.8:
        r = int(min(w, h) * rng.uniform(0.05, 0.09))
        cx = rng.randint(r + 4, w - r - 4)
        cy = rng.randint(r + 4, int(horizon * (0.45 if tod == "day" else 0.85)) - r) if tod == "day" else horizon - r // 2
        col = (255, 236, 120) if tod == "day" else (255, 180, 80)
        c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
        mk = mask_from_draw(2 * r + 1, 2 * r + 1, lambda d: d.ellipse([0, 0, 2 * r, 2 * r], fill=255))
        if cy + r > horizon:
            mk[horizon - (cy - r):, :] = False
        body = c.add("sun", (cx - r, cy - r, cx + r + 1, cy + r + 1), mask=mk, color="yellow" if tod == "day" else "orange",
                     category="sky", attrs={"say_colour": False, "relatable": False, "rgb": col})
    n_clouds = 0
    cloud_boxes = []
    if tod != "night":
        for _ in range(rng.choice([0, 1, 2, 3])):
            cw = int(w * rng.uniform(0.1, 0.2))
            ch = int(cw * 0.5)
            cx, cy = rng.randint(4, w - cw - 4), rng.randint(ch // 2 + 4, max(ch // 2 + 5, int(horizon * 0.45)))
            box = (cx - cw * 0.1, cy - ch * 0.6, cx + cw * 1.1, cy + ch * 0.6)
            if any(overlaps(box, b, 8) for b in cloud_boxes) or (body is not None and overlaps(box, body.box, 4)):
                continue
            cloud_boxes.append(box)
            col = (250, 250, 252) if tod != "overcast" else (225, 228, 232)
            for k in range(4):
                rr = int(cw * rng.uniform(0.18, 0.27))
                ox = int(cw * (0.15 + 0.23 * k))
                c.draw.ellipse([cx + ox - rr, cy - rr * 0.6, cx + ox + rr, cy + rr * 0.6], fill=col)
            n_clouds += 1
    # hills
    gtop, gbot = GROUNDS[ground]
    if rng.random() < 0.6:
        hc = colors.mix(gbot, (60, 70, 90), 0.45)
        pts = [(0, horizon)]
        for i in range(7):
            pts.append((w * i / 6, horizon - h * rng.uniform(0.03, 0.15)))
        pts.append((w, horizon))
        c.draw.polygon(pts, fill=hc)
    c.image.paste(gradient(w, h - horizon, gtop, gbot), (0, horizon))
    if body is not None:
        # keep only the part of the sun/moon that is still visible (hills may cover it)
        x0, y0, x1, y1 = body.box
        px = np.asarray(c.image.crop((x0, y0, x1, y1))).astype(int)
        ref = np.array(body.attrs["rgb"])
        vis = body.full_mask() & (np.abs(px - ref).sum(axis=2) < 40)
        if vis.sum() < 0.4 * body.full_mask().sum():
            c.objects.remove(body)
            c.present.discard(body.name)
            body = None
        else:
            ys, xs = np.nonzero(vis)
            body.mask = vis[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
            body.box = (x0 + xs.min(), y0 + ys.min(), x0 + xs.max() + 1, y0 + ys.max() + 1)
    # trees and houses (drawn), animals and vehicles (emoji)
    taken = []
    trees = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 4])):
        th = int(h * rng.uniform(0.18, 0.3))
        tw = int(th * 0.55)
        x = rng.randint(0, w - tw)
        base = int(horizon + (h - horizon) * rng.uniform(0.05, 0.35))
        box = (x, base - th, x + tw, base)
        if any(overlaps(box, t, 6) for t in taken):
            continue
        taken.append(box)
        trunk = (110, 75, 40)
        leaf = colors.mix((40, 120, 50), (0, 0, 0), 0.1 if tod != "night" else 0.6)
        cone = rng.random() < 0.5

        def draw_tree(d, ox, oy, trunk_col, leaf_col):
            d.rectangle([ox + tw * 0.42, oy + th * 0.55, ox + tw * 0.58, oy + th], fill=trunk_col)
            if cone:
                d.polygon([(ox + tw / 2, oy), (ox + tw, oy + th * 0.75), (ox, oy + th * 0.75)], fill=leaf_col)
            else:
                d.ellipse([ox, oy, ox + tw, oy + th * 0.7], fill=leaf_col)
        draw_tree(c.draw, x, base - th, trunk, leaf)
        m = mask_from_draw(tw + 1, th + 1, lambda d: draw_tree(d, 0, 0, 255, 255))
        trees.append(c.add("tree", (x, base - th, x + tw + 1, base + 1), mask=m, category="plant",
                           attrs={"say_colour": False}))
    houses = []
    if rng.random() < 0.35:
        hw = int(w * rng.uniform(0.12, 0.2))
        hh = int(hw * 0.8)
        x = rng.randint(0, w - hw)
        base = int(horizon + (h - horizon) * rng.uniform(0.05, 0.3))
        box = (x, base - hh - int(hw * 0.45), x + hw, base)
        if not any(overlaps(box, t, 6) for t in taken):
            taken.append(box)
            wall = rng.choice([(240, 230, 210), (200, 120, 90), (230, 230, 235)])
            roof_name = rng.choice(["red", "brown", "blue", "gray"])
            roof = colors.rgb(rng, roof_name, 0)
            c.draw.rectangle([x, base - hh, x + hw, base], fill=wall)
            c.draw.polygon([(x - hw * 0.08, base - hh), (x + hw / 2, base - hh - hw * 0.45), (x + hw * 1.08, base - hh)],
                           fill=roof)
            c.draw.rectangle([x + hw * 0.4, base - hh * 0.5, x + hw * 0.6, base], fill=(90, 60, 40))
            houses.append(c.add("house", (int(x - hw * 0.08), int(base - hh - hw * 0.45), int(x + hw * 1.08) + 1, base + 1),
                                category="building", attrs={"roof": roof_name, "say_colour": False}))
    # emoji subjects
    kind = rng.choice(["animal", "animal", "vehicle", "mixed"])
    pool = _emoji_by_name(ANIMALS if kind == "animal" else VEHICLES if kind == "vehicle" else ANIMALS + VEHICLES)
    n_sub = rng.choice([1, 1, 2, 2, 3])
    picks = []
    for _ in range(n_sub):
        e = rng.choice(pool)
        if rng.random() < 0.4 and picks:
            e = picks[-1]
        picks.append(e)
    subs = []
    for e in picks:
        size = int(h * rng.uniform(0.14, 0.24))
        for _ in range(40):
            x = rng.randint(0, max(1, w - size))
            y = int(horizon + (h - horizon) * rng.uniform(0.2, 0.85)) - size
            box = (x, y, x + size, y + size)
            if y + size <= h - 2 and not any(overlaps(box, t, 4) for t in taken):
                o = _sprite(c, e, x, y, size, flip=rng.random() < 0.5)
                if o is not None:
                    taken.append(o.box)
                    subs.append(o)
                break
    if not subs:
        return None
    c.detect_names.update({o.name for o in subs} | ({"tree"} if trees else set()) | ({"house"} if houses else set()))
    # facts
    groups = {}
    for o in subs:
        groups.setdefault(o.name, []).append(o)
    parts = [count_noun(len(v), k) if len(v) > 1 else article(k) for k, v in groups.items()]
    place = {"grass": "on grass", "sand": "on sand", "snow": "in the snow"}[ground]
    when = {"day": "on a sunny day" if body is not None else "during the day", "sunset": "at sunset", "night": "at night",
            "overcast": "under a cloudy sky"}[tod]
    c.fact("subject", 1.0, phrase=f"{join(parts)} {place} {when}", short=f"{cap(join(parts))} {place} {when}")
    for k, v in groups.items():
        c.fact("count", 0.7, noun=k, n=len(v), objs=[o.id for o in v])
    for o in subs:
        c.fact("object", 0.5, obj=o.id)
    c.fact("relations", 0.5)
    if tod == "sunset":
        c.fact("qa", 0.6, q=["What time of day is it?", "Is it sunrise, noon or sunset?"], a="Sunset", qtype="attr")
    else:
        c.fact("qa", 0.6, q=["Is it day or night?", "Was this taken during the day or at night?"],
               a="Night" if tod == "night" else "Day", choice=True, qtype="attr")
    c.fact("qa", 0.5, q=["What covers the ground?", "What is the ground covered with?"], a=cap(ground), qtype="attr")
    c.fact("detail", 0.5, text={"grass": "The ground is green grass", "sand": "The ground is sandy",
                                "snow": "Snow covers the ground"}[ground])
    if body is not None:
        c.fact("qa", 0.5, q=[f"Is the {body.name} visible?", f"Can you see the {body.name}?"], a="Yes", qtype="yesno")
        c.fact("detail", 0.45, text=f"The {body.name} is {'low on the horizon' if tod == 'sunset' else 'in the sky'}")
        other = "moon" if body.name == "sun" else "sun"
        c.fact("absent", 0.0, q=[f"How bright is the {other}?", f"Where is the {other}?"],
               a=f"There is no {other} in the image.")
    elif tod in ("overcast",):
        c.fact("absent", 0.0, q=["Where is the sun?", "How bright is the sun?"], a="There is no sun in the image.")
    if tod == "sunset":
        c.fact("detail", 0.6, text="The sky is orange and purple at sunset")
    elif tod == "night":
        c.fact("detail", 0.6, text="The sky is dark and full of stars")
    elif tod == "overcast":
        c.fact("detail", 0.5, text="The sky is gray and overcast")
    else:
        c.fact("detail", 0.4, text="The sky is blue")
    if trees:
        c.fact("count", 0.5, noun="tree", n=len(trees), objs=[t.id for t in trees], caption=True)
    else:
        c.fact("qa", 0.3, q=["Are there any trees?", "Can you see a tree?"], a="No", qtype="yesno")
    if houses:
        hs = houses[0]
        c.fact("qa", 0.5, q=["What colour is the roof of the house?", "What color is the house's roof?"],
               a=cap(hs.attrs["roof"]), objs=[hs.id], qtype="colour")
        c.fact("detail", 0.5, text=f"A small house with a {hs.attrs['roof']} roof stands in the background")
    if tod != "night" and n_clouds:
        c.fact("detail", 0.3, text=f"{cap(number(n_clouds))} cloud{'s' if n_clouds > 1 else ''} float in the sky"
               if n_clouds > 1 else "A cloud floats in the sky")
    c.present.update({"sky", "ground", "grass" if ground == "grass" else ground})
    if trees:
        c.categories.add("plant")
    return c.scene("photo", layout="landscape", time=tod, ground=ground)


def tabletop(rng):
    w, h = canvas_size(rng, (420, 1000), (1.1, 1.8))
    c = Canvas(w, h)
    table_y = int(h * rng.uniform(0.35, 0.5))
    wall = rng.choice([(235, 230, 220), (210, 225, 235), (240, 240, 240), (60, 65, 75)])
    c.image.paste(gradient(w, table_y, wall, colors.mix(wall, (0, 0, 0), 0.1)), (0, 0))
    wood_name = rng.choice(["brown", "white", "gray"])
    wood = {"brown": (150, 100, 60), "white": (235, 235, 230), "gray": (120, 120, 125)}[wood_name]
    c.image.paste(gradient(w, h - table_y, colors.mix(wood, (255, 255, 255), 0.1), colors.mix(wood, (0, 0, 0), 0.15)),
                  (0, table_y))
    if wood_name == "brown":
        for _ in range(14):
            y = rng.randint(table_y, h)
            c.draw.line([(0, y), (w, y + rng.randint(-10, 10))], fill=colors.mix(wood, (0, 0, 0), 0.2), width=1)
    pool = _emoji_by_name(TABLE_ITEMS)
    n_kinds = rng.choice([1, 2, 2, 3])
    kinds = rng.sample(pool, n_kinds)
    seq = []
    for e in kinds:
        seq += [e] * rng.choice([1, 1, 2, 3])
    rng.shuffle(seq)
    taken, objs = [], []
    size = int(min(w, h) * (0.2 if len(seq) <= 4 else 0.15))
    for e in seq:
        for _ in range(60):
            x = rng.randint(0, w - size)
            y = rng.randint(table_y - size // 3, h - size - 2)
            box = (x, y, x + size, y + size)
            if not any(overlaps(box, t, 4) for t in taken):
                o = _sprite(c, e, x, y, size)
                if o is not None:
                    taken.append(o.box)
                    objs.append(o)
                break
    if not objs:
        return None
    groups = {}
    for o in objs:
        groups.setdefault(o.name, []).append(o)
    parts = [count_noun(len(v), k) if len(v) > 1 else article(k) for k, v in groups.items()]
    c.detect_names.update(groups)
    c.fact("subject", 1.0, phrase=f"{join(parts)} on {article(wood_name if wood_name != 'brown' else 'wooden')} table",
           short=f"{cap(join(parts))} on {article(wood_name if wood_name != 'brown' else 'wooden')} table")
    for k, v in groups.items():
        c.fact("count", 0.8, noun=k, n=len(v), objs=[o.id for o in v])
    for o in objs:
        c.fact("object", 0.4, obj=o.id)
    c.fact("relations", 0.5)
    c.fact("qa", 0.4, q=["What is on the table?", "What objects are on the table?"], a=cap(join(parts)),
           objs=[o.id for o in objs], qtype="object")
    c.fact("count", 0.5, noun="object", n=len(objs), objs=[o.id for o in objs], total=True)
    c.present.update({"table", "wall"})
    c.categories.add("furniture")
    return c.scene("photo", layout="tabletop")


def generate(rng, hint=None):
    for _ in range(20):
        layout = hint or rng.choices(["landscape", "tabletop"], weights=[2, 1])[0]
        sc = landscape(rng) if layout == "landscape" else tabletop(rng)
        if sc is not None:
            return sc
    raise RuntimeError("photo scene generation failed")
