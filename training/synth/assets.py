"""Picture assets from Debian packages, each with a name that is true by construction.

emoji    fonts-noto-color-emoji (rendered by Pillow at size 109) + unicode-data's emoji-test.txt (CLDR names, groups)
clipart  openclipart-png (pixels) + openclipart-svg (dc:title and keywords of each drawing), public domain
icons    papirus-icon-theme (named SVG icons, rasterized with rsvg-convert from librsvg2-bin), GPL-3

Licences are recorded in training/synth/ASSETS.md. Indexes and rasterized icons are cached under
training/data/cache/ (ignored by git) and rebuilt when missing.
"""
from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import warnings

from PIL import Image, ImageDraw, ImageFont

from .fonts import EMOJI_FONT, SHARE

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("LUNETTE_SYNTH_CACHE", os.path.join(HERE, "..", "data", "cache", "synth"))
EMOJI_TEST = f"{SHARE}/unicode/emoji/emoji-test.txt"
CLIPART_SVG = f"{SHARE}/openclipart/svg"
CLIPART_PNG = f"{SHARE}/openclipart/png"
PAPIRUS = f"{SHARE}/icons/Papirus/64x64"
WORDS = f"{SHARE}/dict/words"

# ---- emoji ----------------------------------------------------------------------------------------------------------
EMOJI_CATEGORY = {
    "animal-mammal": "animal", "animal-bird": "animal", "animal-amphibian": "animal", "animal-reptile": "animal",
    "animal-marine": "animal", "animal-bug": "animal", "plant-flower": "plant", "plant-other": "plant",
    "food-fruit": "food", "food-vegetable": "food", "food-prepared": "food", "food-asian": "food",
    "food-marine": "food", "food-sweet": "food", "drink": "drink", "dishware": "object",
    "transport-ground": "vehicle", "transport-water": "vehicle", "transport-air": "vehicle",
    "sky & weather": "weather", "place-building": "building", "place-geographic": "landscape",
    "face-smiling": "person", "face-affection": "person", "face-tongue": "person", "face-neutral-skeptical": "person",
    "face-sleepy": "person", "face-concerned": "person", "face-glasses": "person", "face-hat": "person",
    "cat-face": "animal", "monkey-face": "animal",
    "clothing": "clothing", "musical-instrument": "instrument", "phone": "device", "computer": "device",
    "light & video": "device", "book-paper": "object", "money": "object", "mail": "object", "writing": "object",
    "office": "object", "lock": "object", "tool": "tool", "science": "object", "medical": "object",
    "household": "object", "sport": "sport", "game": "toy", "event": "object", "award-medal": "object",
    "music": "object", "time": "object", "heart": "symbol",
}

# simpler names people use for common emoji (the emoji's CLDR name stays the main name)
EMOJI_ALIAS = {
    "dog face": "dog", "cat face": "cat", "red apple": "apple", "green apple": "apple", "tiger face": "tiger",
    "horse face": "horse", "cow face": "cow", "pig face": "pig", "mouse face": "mouse", "rabbit face": "rabbit",
    "monkey face": "monkey", "panda": "panda", "bear": "bear", "automobile": "car", "sport utility vehicle": "car",
    "racing car": "car", "police car": "car", "bicycle": "bicycle", "airplane": "airplane", "sailboat": "boat",
    "speedboat": "boat", "rocket": "rocket", "laptop": "laptop", "mobile phone": "phone", "alarm clock": "clock",
    "hot beverage": "coffee cup", "teacup without handle": "cup", "birthday cake": "cake", "pizza": "pizza",
    "hamburger": "burger", "banana": "banana", "grapes": "grapes", "watermelon": "watermelon", "strawberry": "strawberry",
    "lemon": "lemon", "tangerine": "orange", "cherries": "cherries", "sunflower": "flower", "rose": "flower",
    "tulip": "flower", "hibiscus": "flower", "deciduous tree": "tree", "evergreen tree": "tree", "palm tree": "tree",
    "umbrella": "umbrella", "light bulb": "light bulb", "soccer ball": "ball", "basketball": "ball",
    "guitar": "guitar", "books": "books", "closed book": "book", "house": "house", "t-shirt": "shirt",
    "jeans": "jeans", "running shoe": "shoe", "penguin": "penguin", "bird": "bird", "fish": "fish",
    "tropical fish": "fish", "turtle": "turtle", "butterfly": "butterfly", "snail": "snail", "bus": "bus",
    "locomotive": "train", "bullet train": "train", "ship": "ship", "key": "key", "hammer": "hammer",
    "scissors": "scissors", "camera": "camera", "television": "television", "desktop computer": "computer",
    "keyboard": "keyboard", "computer mouse": "mouse", "printer": "printer", "battery": "battery",
}

EMOJI_GROUPS_OK = {"Animals & Nature", "Food & Drink", "Travel & Places", "Activities", "Objects", "Smileys & Emotion"}
EMOJI_SUB_SKIP = {"face-hand", "face-unwell", "face-negative", "face-costume", "emotion", "heart", "place-map",
                  "place-religious", "hotel", "time", "event", "award-medal", "arts & crafts", "other-object",
                  "place-other"}


@functools.lru_cache(maxsize=1)
def emoji_index() -> list:
    """[{char, name, group, subgroup, category, alias}] for single-code-point, fully-qualified emoji."""
    out = []
    group = sub = None
    if not os.path.exists(EMOJI_TEST):
        return out
    for line in open(EMOJI_TEST, encoding="utf-8"):
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
            continue
        if line.startswith("# subgroup:"):
            sub = line.split(":", 1)[1].strip()
            continue
        if not line.strip() or line.startswith("#") or "; fully-qualified" not in line:
            continue
        cps = line.split(";")[0].split()
        if len([c for c in cps if c != "FE0F"]) != 1:
            continue
        m = re.search(r"#\s*\S+\s+E[\d.]+\s+(.*)$", line)
        name = m.group(1).strip().lower() if m else None
        if not name or group not in EMOJI_GROUPS_OK or sub in EMOJI_SUB_SKIP:
            continue
        if not re.match(r"^[a-z][a-z \-']*$", name) or len(name) > 28:
            continue
        ch = "".join(chr(int(c, 16)) for c in cps)
        out.append({"char": ch, "name": name, "group": group, "subgroup": sub,
                    "category": EMOJI_CATEGORY.get(sub, "object"), "alias": EMOJI_ALIAS.get(name)})
    return out


@functools.lru_cache(maxsize=1)
def _emoji_font():
    return ImageFont.truetype(EMOJI_FONT, 109)


@functools.lru_cache(maxsize=512)
def emoji_image(ch: str) -> Image.Image | None:
    """RGBA image of the emoji, trimmed to its ink (about 128 px)."""
    im = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((10, 10), ch, font=_emoji_font(), embedded_color=True)
    bb = im.getchannel("A").point(lambda a: 255 if a > 24 else 0).getbbox()
    if not bb or (bb[2] - bb[0]) < 40 or (bb[3] - bb[1]) < 40:
        return None
    return im.crop(bb)


# ---- clip art --------------------------------------------------------------------------------------------------------
CLIPART_DIRS = {  # path prefix -> category (others are not used: their content is not described well enough)
    "animals": "animal", "food": "food", "plants": "plant", "transportation/vehicles": "vehicle",
    "transportation/boating": "vehicle", "buildings/homes": "building", "buildings/furniture": "furniture",
    "electronics": "device", "computer/hardware": "device", "office/telephone": "device", "recreation/music": "instrument",
    "recreation/sports": "sport", "recreation/toys": "toy", "tools": "tool", "education/books": "object",
    "science/astronomy": "astronomy", "people/clothing": "clothing", "containers": "object", "office": "object",
}
CLIPART_SKIP = ("tools/weapons", "people/clothing/pantyhose")
_BAD_TITLE = re.compile(r"clipart|theme|collection|symbol|icon|part of|untitled|svg|nicu|by |drawing|sketch|"
                        r"pattern|logo|sign|\bb and w\b|\bbw\b|outline|silhouette|\b(one|two|three|four|five|six|"
                        r"seven|eight|nine|ten|pair|set|group|many|several|some|couple)\b", re.I)


_TITLE_BLOCK = {"gallows", "pimp hat", "ours", "hub", "liberty", "full bloom", "quaver", "cultivator", "dino",
                "butterfly from star", "a simple pig", "color tiger", "slate-apple", "parchment paper portrait"}


@functools.lru_cache(maxsize=1)
def _words():
    if not os.path.exists(WORDS):
        return None
    return {w.strip().lower() for w in open(WORDS, encoding="utf-8", errors="ignore") if w.strip().isalpha()}


def _clipart_category(rel: str):
    if rel.startswith(CLIPART_SKIP):
        return None
    best = None
    for pre, cat in CLIPART_DIRS.items():
        if rel == pre or rel.startswith(pre + "/"):
            if best is None or len(pre) > len(best[0]):
                best = (pre, cat)
    return best[1] if best else None


def build_clipart_index() -> list:
    words = _words()
    out, seen = [], set()
    for d, _, fs in os.walk(CLIPART_SVG):
        rel = os.path.relpath(d, CLIPART_SVG)
        cat = _clipart_category(rel)
        if cat is None:
            continue
        for f in sorted(fs):
            if not f.endswith(".svg"):
                continue
            p = os.path.join(d, f)
            png = os.path.join(CLIPART_PNG, rel, f[:-4] + ".png")
            if not os.path.exists(png) or os.path.getsize(png) > 2_000_000:
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    im = Image.open(png)
                with im:
                    if im.size[0] * im.size[1] > 2500 * 2500 or min(im.size) < 48:
                        continue
            except OSError:
                continue
            try:
                t = open(p, encoding="utf-8", errors="ignore").read(30000)
            except OSError:
                continue
            m = re.search(r"<dc:title>([^<]*)</dc:title>", t)
            if not m:
                continue
            title = re.sub(r"\s+", " ", m.group(1)).strip()
            kws = [k.strip().lower() for k in re.findall(r"<rdf:li>([^<]*)</rdf:li>", t)
                   if k.strip() and "hash" not in k and re.match(r"^[A-Za-z][A-Za-z \-]*$", k.strip())]
            if not re.match(r"^[A-Za-z][A-Za-z '\-]{2,28}$", title) or _BAD_TITLE.search(title):
                continue
            ws = title.lower().replace("-", " ").split()
            if len(ws) > 3 or (words is not None and not all(w in words for w in ws)):
                continue
            key = title.lower()
            if key in seen or key in _TITLE_BLOCK:
                continue
            seen.add(key)
            out.append({"png": os.path.relpath(png, CLIPART_PNG), "title": title, "name": key, "keywords": kws[:12],
                        "category": cat, "dir": rel})
    return out


@functools.lru_cache(maxsize=1)
def clipart_index() -> list:
    path = os.path.join(CACHE, "clipart_index.json")
    if os.path.exists(path):
        try:
            return json.load(open(path))
        except (OSError, ValueError):
            pass
    if not os.path.isdir(CLIPART_SVG):
        return []
    idx = [x for x in build_clipart_index() if clipart_image(x["png"]) is not None]
    os.makedirs(CACHE, exist_ok=True)
    tmp = path + f".{os.getpid()}.tmp"
    json.dump(idx, open(tmp, "w"))
    os.replace(tmp, path)
    return idx


@functools.lru_cache(maxsize=256)
def clipart_image(rel_png: str, max_side: int = 320) -> Image.Image | None:
    return prepared_clipart(os.path.join(CLIPART_PNG, rel_png), max_side)


def prepared_clipart(path: str, max_side: int = 320) -> Image.Image | None:
    """The drawing cropped to its opaque part and at most `max_side`; None when it is unusable."""
    try:
        im = Image.open(path).convert("RGBA")
    except OSError:
        return None
    bb = im.getchannel("A").point(lambda a: 255 if a > 24 else 0).getbbox()
    if not bb:
        return None
    im = im.crop(bb)
    w, h = im.size
    if min(w, h) < 24 or max(w, h) / max(1, min(w, h)) > 3.5:
        return None
    # mostly transparent drawings with hairlines are useless at small sizes
    import numpy as np
    if (np.asarray(im.getchannel("A")) > 128).mean() < 0.12:
        return None
    if max(w, h) > max_side:
        f = max_side / max(w, h)
        im = im.resize((max(1, int(w * f)), max(1, int(h * f))), Image.LANCZOS)
    return im


# ---- papirus icons ---------------------------------------------------------------------------------------------------
ICONS = {  # file (under 64x64) -> (name, category)
    "apps/accessories-calculator": ("calculator", "object"), "apps/utilities-terminal": ("terminal", "device"),
    "apps/accessories-text-editor": ("text editor", "object"), "apps/preferences-system": ("settings", "object"),
    "apps/internet-web-browser": ("web browser", "object"), "apps/internet-mail": ("mail", "object"),
    "apps/office-calendar": ("calendar", "object"), "apps/system-file-manager": ("file manager", "object"),
    "apps/multimedia-video-player": ("video player", "object"), "apps/multimedia-audio-player": ("music player", "object"),
    "apps/accessories-camera": ("camera", "device"), "devices/camera-photo": ("camera", "device"),
    "devices/input-keyboard": ("keyboard", "device"), "devices/input-mouse": ("mouse", "device"),
    "devices/input-gaming": ("game controller", "device"), "devices/printer": ("printer", "device"),
    "devices/phone": ("phone", "device"), "devices/computer-laptop": ("laptop", "device"),
    "devices/display": ("monitor", "device"), "devices/audio-headphones": ("headphones", "device"),
    "devices/audio-input-microphone": ("microphone", "device"), "devices/audio-speakers": ("speakers", "device"),
    "devices/battery": ("battery", "device"), "places/user-trash": ("trash can", "object"),
    "places/user-home": ("home folder", "object"), "places/folder": ("folder", "object"),
    "devices/network-wireless": ("wireless network", "device"), "apps/utilities-system-monitor": ("system monitor", "object"),
    "apps/system-software-update": ("software update", "object"), "apps/accessories-clock": ("clock", "object"),
    "apps/image-viewer": ("image viewer", "object"), "apps/help-browser": ("help", "object"),
    "apps/accessories-dictionary": ("dictionary", "object"), "apps/applications-games": ("games", "toy"),
    "apps/applications-graphics": ("graphics", "object"), "apps/applications-science": ("science", "object"),
    "apps/applications-development": ("development", "object"), "apps/accessories-screenshot": ("screenshot", "object"),
    "apps/maps": ("maps", "object"), "apps/office-address-book": ("address book", "object"),
}


@functools.lru_cache(maxsize=1)
def icon_index() -> list:
    return [{"file": k, "name": v[0], "category": v[1]} for k, v in ICONS.items()
            if os.path.exists(os.path.join(PAPIRUS, k + ".svg"))]


def icon_render(file: str, size: int = 128) -> str:
    """Where the icon's render at `size` is cached."""
    return os.path.join(CACHE, "icons", f"{file.replace('/', '_')}_{size}.png")


@functools.lru_cache(maxsize=128)
def icon_image(file: str, size: int = 128) -> Image.Image | None:
    src = os.path.join(PAPIRUS, file + ".svg")
    out = icon_render(file, size)
    if not os.path.exists(out):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        tmp = out + f".{os.getpid()}.tmp.png"
        try:
            subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), src, "-o", tmp], check=True,
                           capture_output=True, timeout=30)
            os.replace(tmp, out)
        except (OSError, subprocess.SubprocessError):
            return None
    try:
        im = Image.open(out).convert("RGBA")
    except OSError:
        return None
    bb = im.getchannel("A").getbbox()
    return im.crop(bb) if bb else None
