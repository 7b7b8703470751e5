"""Emoji recognised from the pixels (pack manifest `generation.emoji: "pixels"`, pack files `emoji.json` and
`emoji.bin`).

The PyTorch reference of `src/engine/emoji.ts`, step for step; `test/fixtures/emoji.json` holds cases both sides must
pass. At 128 px the model cannot tell one of 800 emoji from another: on the real set it called a dog "A mouse icon",
a cat "A sun bear emoji" and a bicycle "A burger emoji", and located none of them. Yet an emoji drawn on a plain
background is a glyph of a known font (Noto Color Emoji, which the training data draws them with), and a glyph is
recognised by comparing it with each glyph of the font.

The pack carries each emoji's glyph as a GRID x GRID thumbnail (`build_index`, at export): per cell, the share of
the cell the glyph covers and the glyph's mean colour there. In an image with a flat border colour (lunette/
proposals.py `border_colour`), the *objects* are the groups of pixels unlike it, parts within REACH of each other
joined (`object_boxes`); each object's thumbnail, taken the same way, is compared with every glyph's (`distance`:
coverage and colour differences, and the difference of the boxes' shapes); the nearest glyph names the object when
it is within MAX_DISTANCE and much nearer than any glyph of another name (MAX_RATIO; `recognise`). Each emoji's name is its CLDR name, or the simpler one people use
(synth/assets.py `EMOJI_ALIAS`: "dog face" is a dog, "automobile" a car).

The names are then used by detect and point (every object of that name is given, the model only orders them; as
lunette/located_things.py) and by answers (lunette/objects.py).
"""
from __future__ import annotations

import json
import os
from collections import deque
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .proposals import _components, border_colour
from .snap import _alike, dilate

GRID = 16
# parts of one object: pixels unlike the background within this share of the image's longer side of each other
REACH = 0.01
# an object's box covers at least this share of the image (smaller: text, specks)
MIN_SHARE = 0.002
# a glyph names an object within this distance (`distance`), and at most this share of the distance of the nearest
# glyph of another name (a drawn red circle is as near a stop sign as a ball: nothing names it)
MAX_DISTANCE = 0.2
MAX_RATIO = 0.5
# weights of the distance's terms: coverage, colour where both cover, log aspect ratio
COLOUR_WEIGHT = 1.0
ASPECT_WEIGHT = 0.25


class EmojiIndex:
    """The glyphs of the pack: `names[i]` is glyph i's name and `categories[i]` its kind ("animal", "food",
    "vehicle", … synth/assets.py `EMOJI_CATEGORY`); `cover[i]` and `ink[i]` (GRID x GRID, 0..1) and `colour[i]` (GRID
    x GRID x 3, 0..255) its thumbnail (`thumbnail`); `aspect[i]` its ink box's width over height."""

    def __init__(self, names: List[str], categories: List[str], cover: np.ndarray, ink: np.ndarray,
                 colour: np.ndarray, aspect: np.ndarray):
        self.names, self.categories = names, categories
        self.cover, self.ink, self.colour, self.aspect = cover, ink, colour, aspect

    @staticmethod
    def load(pack_dir: str) -> "EmojiIndex":
        with open(os.path.join(pack_dir, "emoji.json"), encoding="utf-8") as f:
            meta = json.load(f)
        raw = np.fromfile(os.path.join(pack_dir, "emoji.bin"), dtype=np.uint8).reshape(len(meta["names"]), GRID, GRID, 5)
        return EmojiIndex(meta["names"], meta["categories"], raw[..., 3].astype(np.float64) / 255, raw[..., 4].astype(np.float64) / 255,
                          raw[..., :3].astype(np.float64), np.array(meta["aspects"], dtype=np.float64))

    def files(self) -> Dict[str, bytes]:
        """The pack's emoji.json (grid, font, names, categories, aspects) and emoji.bin (per glyph, per cell row by
        row: red, green, blue, coverage x 255, ink coverage x 255; one byte each)."""
        raw = np.concatenate([np.round(self.colour), np.round(self.cover * 255)[..., None],
                              np.round(self.ink * 255)[..., None]], axis=-1).astype(np.uint8)
        meta = {"grid": GRID, "font": "Noto Color Emoji", "names": self.names, "categories": self.categories,
                "aspects": [round(float(a), 4) for a in self.aspect]}
        return {"emoji.json": json.dumps(meta, indent=0).encode("utf-8"), "emoji.bin": raw.tobytes()}


def thumbnail(rgb: np.ndarray, ink: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(coverage, ink coverage, both GRID x GRID; mean colour GRID x GRID x 3) of a glyph or object whose pixels in
    `rgb` (H x W x 3) are `ink`: coverage of the ink with its holes filled (a ball's white patches on white, a
    wheel's inside), ink coverage and colour of the ink itself; each cell the pixels of rows [floor(i·H/GRID), max(that + 1, floor((i+1)·H/GRID))) and the same
    for columns; a cell without ink has colour 0."""
    H, W = ink.shape
    mask = _filled(ink)
    cover = np.zeros((GRID, GRID))
    inked = np.zeros((GRID, GRID))
    colour = np.zeros((GRID, GRID, 3))
    for i in range(GRID):
        r0 = i * H // GRID
        r1 = max(r0 + 1, (i + 1) * H // GRID)
        for j in range(GRID):
            c0 = j * W // GRID
            c1 = max(c0 + 1, (j + 1) * W // GRID)
            cover[i, j] = mask[r0:r1, c0:c1].mean()
            m = ink[r0:r1, c0:c1]
            n = int(m.sum())
            inked[i, j] = n / m.size
            if n:
                colour[i, j] = rgb[r0:r1, c0:c1][m].sum(0) / n
    return cover, inked, colour


def build_index() -> EmojiIndex:
    """The thumbnails of every emoji the training data draws (synth/assets.py `emoji_index`), from the font."""
    from synth import assets  # training/ is on the path wherever lunette is imported
    names, categories, covers, inks, colours, aspects = [], [], [], [], [], []
    for e in assets.emoji_index():
        img = assets.emoji_image(e["char"])
        if img is None:
            continue
        rgba = np.asarray(img.convert("RGBA"))
        cover, ink, colour = thumbnail(rgba[..., :3].astype(np.int64), rgba[..., 3] > 110)
        names.append(e["alias"] or e["name"])
        categories.append(e["category"])
        covers.append(cover)
        inks.append(ink)
        colours.append(colour)
        aspects.append(img.size[0] / img.size[1])
    return EmojiIndex(names, categories, np.array(covers), np.array(inks), np.array(colours), np.array(aspects))


def object_boxes(ink: np.ndarray) -> List[Tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1 in pixels, end exclusive) of the groups of `ink` (H x W: the image's pixels unlike
    its flat border colour), parts within REACH of the image's longer side joined, each at least MIN_SHARE of the
    image."""
    H, W = ink.shape
    reach = max(1, int(REACH * max(W, H)))
    joined = dilate(ink, reach)
    out = []
    for _, x0, y0, x1, y1, _, _ in _components(joined):
        part = ink[y0:y1, x0:x1]
        ys, xs = np.nonzero(part)
        if len(xs) == 0:
            continue
        box = (x0 + int(xs.min()), y0 + int(ys.min()), x0 + int(xs.max()) + 1, y0 + int(ys.max()) + 1)
        if (box[2] - box[0]) * (box[3] - box[1]) >= MIN_SHARE * W * H:
            out.append(box)
    return out


def distance(index: EmojiIndex, cover: np.ndarray, ink: np.ndarray, colour: np.ndarray, aspect: float) -> np.ndarray:
    """Per glyph: mean |coverage difference| over the cells, plus COLOUR_WEIGHT x the mean |colour difference| / 255
    over the cells both ink at least half, plus ASPECT_WEIGHT x |log(aspect / the glyph's aspect)|."""
    cov = np.abs(index.cover - cover).mean(axis=(1, 2))
    both = (index.ink >= 0.5) & (ink >= 0.5)
    diff = np.abs(index.colour - colour).mean(axis=-1) / 255
    n = both.sum(axis=(1, 2))
    col = np.where(n > 0, (diff * both).sum(axis=(1, 2)) / np.maximum(n, 1), 1.0)
    return cov + COLOUR_WEIGHT * col + ASPECT_WEIGHT * np.abs(np.log(aspect / index.aspect))


def recognise(snap: np.ndarray, index: EmojiIndex) -> Tuple[List[Tuple[Tuple[float, float, float, float], str, str]], int]:
    """(box in 0..1, name, category) of each object of `snap` a glyph names, in the objects' order; and how many
    objects there are, named or not."""
    H, W, _ = snap.shape
    background = border_colour(snap)
    # the pixels unlike the background, found once for the objects and their thumbnails
    ink = None if background is None else ~_alike(snap.astype(np.int32), background)
    out = []
    boxes = [] if ink is None else object_boxes(ink)
    for x0, y0, x1, y1 in boxes:
        crop = snap[y0:y1, x0:x1].astype(np.int64)
        d = distance(index, *thumbnail(crop, ink[y0:y1, x0:x1]), (x1 - x0) / (y1 - y0))
        best = int(np.argmin(d))
        other = min((float(v) for v, name in zip(d, index.names) if name != index.names[best]), default=np.inf)
        if d[best] <= MAX_DISTANCE and d[best] <= MAX_RATIO * other:
            out.append(((x0 / W, y0 / H, x1 / W, y1 / H), index.names[best], index.categories[best]))
    return out, len(boxes)


def _filled(ink: np.ndarray) -> np.ndarray:
    """`ink` and its holes: the pixels not reached from the edge of its box over non-ink pixels (4-connected)."""
    H, W = ink.shape
    outside = np.zeros((H, W), bool)
    queue = deque((y, x) for y in range(H) for x in range(W)
                  if (y in (0, H - 1) or x in (0, W - 1)) and not ink[y, x])
    for y, x in queue:
        outside[y, x] = True
    while queue:
        y, x = queue.popleft()
        for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
            if 0 <= ny < H and 0 <= nx < W and not outside[ny, nx] and not ink[ny, nx]:
                outside[ny, nx] = True
                queue.append((ny, nx))
    return ~outside
