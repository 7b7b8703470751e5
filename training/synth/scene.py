"""The scene data model: an image plus what is true about it by construction.

A scene generator draws through a Canvas, which records every text line it renders (text + pixel box) and
every object it registers (name, phrase, colour, pixel box, pixel mask). Facts are structured records the
later stages (captions, qa, absurd, regions) realize into text; they never contain anything the generator did
not draw.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np
from PIL import Image, ImageDraw

from . import fonts


@dataclass
class TextLine:
    id: int
    text: str
    box: tuple            # (x0, y0, x1, y1) pixels in the rendered image, tight ink box
    role: str = "text"    # title, button, label, code, output, axis, value, heading, body, menu, ...
    size: float = 12.0    # font size in rendered pixels
    ocr: bool = True      # would an OCR model see it (False for glyph icons, emoji)
    group: Optional[str] = None   # lines of one block (paragraph, code) share a group


@dataclass
class Obj:
    id: int
    name: str                     # head noun used for detect/point and counting: "circle", "button", "dog face"
    phrase: str = ""              # distinctive description: "red circle", "Save button"
    color: Optional[str] = None   # colour name when the object is (mostly) one colour
    box: tuple = (0, 0, 0, 0)     # tight pixel box (x0, y0, x1, y1), x1/y1 exclusive
    mask: Optional[np.ndarray] = None   # bool array of shape (y1-y0, x1-x0); None means the whole box
    size: Optional[str] = None    # "small" / "medium" / "large" (relative, only where it is clear)
    aliases: tuple = ()           # other names the object answers to in detect/point ("shape", "emoji")
    attrs: dict = field(default_factory=dict)
    category: Optional[str] = None  # semantic category: animal, food, vehicle, person, plant, device, ...
    countable: bool = True        # counted in count facts

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def w(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def h(self) -> int:
        return self.box[3] - self.box[1]

    def full_mask(self) -> np.ndarray:
        if self.mask is not None:
            return self.mask
        return np.ones((self.h, self.w), dtype=bool)


@dataclass
class Fact:
    type: str                 # subject | detail | text | object | count | relation | attr | chart | graph
    data: dict
    salience: float = 0.5     # 0..1, captions mention the most salient first

    def get(self, k, d=None):
        return self.data.get(k, d)

    def __getitem__(self, k):
        return self.data[k]


@dataclass
class Scene:
    kind: str                 # ui | code | terminal | chart | diagram | shapes | objects | document | photo
    image: Image.Image        # RGB, rendered size
    facts: list
    lines: list               # TextLine
    objects: list             # Obj
    present: set = field(default_factory=set)       # lowercase nouns that are in the image (refusal guard)
    categories: set = field(default_factory=set)    # semantic categories present (refusal guard)
    detect_names: set = field(default_factory=set)  # names whose every instance is registered (detect targets)
    meta: dict = field(default_factory=dict)

    @property
    def size(self):
        return self.image.size

    def facts_of(self, t: str) -> list:
        return [f for f in self.facts if f.type == t]

    def obj(self, oid: int) -> Obj:
        for o in self.objects:
            if o.id == oid:
                return o
        raise KeyError(oid)

    def line(self, lid: int) -> TextLine:
        for ln in self.lines:
            if ln.id == lid:
                return ln
        raise KeyError(lid)

    def all_text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


class Canvas:
    """An RGB image plus the recorders for text lines and objects."""

    def __init__(self, w: int, h: int, bg=(255, 255, 255)):
        self.image = Image.new("RGB", (int(w), int(h)), tuple(bg))
        self.draw = ImageDraw.Draw(self.image)
        self.lines: list = []
        self.objects: list = []
        self.facts: list = []
        self.present: set = set()
        self.categories: set = set()
        self.detect_names: set = set()

    @property
    def w(self):
        return self.image.size[0]

    @property
    def h(self):
        return self.image.size[1]

    # ---- text -------------------------------------------------------------------------------------------------
    def text(self, xy, s: str, font, fill, role: str = "text", ocr: bool = True, group=None, anchor="la",
             record: bool = True) -> Optional[TextLine]:
        """Draw one line of text and record it. Returns None (and draws nothing) when it would leave the image."""
        if not s or not s.strip():
            return None
        box = self.draw.textbbox(xy, s, font=font, anchor=anchor)
        if box[0] < 0 or box[1] < 0 or box[2] > self.w or box[3] > self.h:
            return None
        self.draw.text(xy, s, font=font, fill=tuple(fill), anchor=anchor)
        if not record:
            return None
        ln = TextLine(id=len(self.lines), text=s, box=tuple(int(v) for v in box), role=role,
                      size=float(font.size), ocr=ocr, group=group)
        self.lines.append(ln)
        return ln

    def text_width(self, s, font) -> int:
        return fonts.text_width(font, s)

    # ---- objects ----------------------------------------------------------------------------------------------
    def add(self, name: str, box, phrase: str = "", color=None, mask=None, **kw) -> Obj:
        x0, y0, x1, y1 = (int(round(v)) for v in box)
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.w, x1), min(self.h, y1)
        if mask is not None:
            mask = np.asarray(mask, dtype=bool)
            ys, xs = np.nonzero(mask)
            if len(xs) == 0:
                raise ValueError("empty mask")
            # mask is given in the coordinates of box; tighten box to the mask's ink
            mx0, my0, mx1, my1 = xs.min(), ys.min(), xs.max() + 1, ys.max() + 1
            mask = mask[my0:my1, mx0:mx1]
            x0, y0, x1, y1 = x0 + mx0, y0 + my0, x0 + mx1, y0 + my1
            # clip to image
            cx0, cy0 = max(0, -x0), max(0, -y0)
            mask = mask[cy0:, cx0:]
            x0, y0 = x0 + cx0, y0 + cy0
            x1, y1 = min(self.w, x1), min(self.h, y1)
            mask = mask[: y1 - y0, : x1 - x0]
        o = Obj(id=len(self.objects), name=name, phrase=phrase or name, color=color, box=(x0, y0, x1, y1), mask=mask,
                **kw)
        self.objects.append(o)
        self.present.add(name.lower())
        for a in o.aliases:
            self.present.add(a.lower())
        if o.category:
            self.categories.add(o.category)
        return o

    def fact(self, type_: str, salience: float = 0.5, **data) -> Fact:
        f = Fact(type=type_, data=data, salience=salience)
        self.facts.append(f)
        return f

    def scene(self, kind: str, **meta) -> Scene:
        return Scene(kind=kind, image=self.image, facts=self.facts, lines=self.lines, objects=self.objects,
                     present=set(self.present), categories=set(self.categories),
                     detect_names=set(self.detect_names), meta=meta)


def box_union(boxes):
    xs0, ys0, xs1, ys1 = zip(*boxes)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def mask_from_draw(w: int, h: int, fn) -> np.ndarray:
    """Render a shape into an 'L' mask by calling fn(ImageDraw) and return a bool array (h, w)."""
    m = Image.new("L", (max(1, int(w)), max(1, int(h))), 0)
    fn(ImageDraw.Draw(m))
    return np.asarray(m) > 127
