"""A tiny widget kit for UI screenshots: themes, buttons, fields, checkboxes, toggles, window chrome.

Every widget draws itself on a Canvas, records its text lines and registers itself as an object (name, label,
colour, state), so facts about it are true by construction.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import colors, fonts


@dataclass
class Theme:
    name: str            # "light" | "dark"
    bg: tuple            # window background
    panel: tuple         # cards, dialogs, sidebars
    panel2: tuple        # inputs, hovered rows
    border: tuple
    text: tuple
    muted: tuple
    accent_name: str
    accent: tuple
    family: str
    fs: int              # base font size in pixels
    radius: int
    s: float             # scale (1 = 96 dpi, 2 = HiDPI)

    def font(self, mult=1.0, bold=False, family=None):
        return fonts.font(family or self.family, int(round(self.fs * mult)), bold)

    @property
    def dark(self):
        return self.name == "dark"


LIGHT = [
    dict(bg=(246, 247, 249), panel=(255, 255, 255), panel2=(240, 242, 245), border=(214, 218, 224), text=(28, 30, 33),
         muted=(104, 110, 120)),
    dict(bg=(255, 255, 255), panel=(250, 250, 250), panel2=(238, 238, 238), border=(200, 200, 200), text=(20, 20, 20),
         muted=(110, 110, 110)),
    dict(bg=(242, 244, 248), panel=(255, 255, 255), panel2=(233, 237, 243), border=(206, 212, 222), text=(17, 24, 39),
         muted=(100, 116, 139)),
]
DARK = [
    dict(bg=(30, 30, 30), panel=(37, 37, 38), panel2=(60, 60, 60), border=(70, 70, 72), text=(230, 230, 230),
         muted=(150, 150, 150)),
    dict(bg=(22, 27, 34), panel=(33, 38, 45), panel2=(48, 54, 61), border=(60, 68, 77), text=(230, 237, 243),
         muted=(139, 148, 158)),
    dict(bg=(17, 24, 39), panel=(31, 41, 55), panel2=(55, 65, 81), border=(75, 85, 99), text=(243, 244, 246),
         muted=(156, 163, 175)),
]


def make_theme(rng, dark=None, s=None) -> Theme:
    dark = rng.random() < 0.45 if dark is None else dark
    base = dict(rng.choice(DARK if dark else LIGHT))
    acc = rng.choice(list(colors.ACCENTS))
    s = s or rng.choice([1.0, 1.0, 1.0, 1.25, 1.5, 2.0])
    return Theme(name="dark" if dark else "light", accent_name=acc, accent=colors.accent(rng, acc),
                 family=fonts.pick(rng, "sans"), fs=int(round(rng.choice([12, 13, 13, 14, 15]) * s)),
                 radius=int(rng.choice([0, 3, 4, 6, 8]) * s), s=s, **base)


def rrect(c, box, fill=None, outline=None, radius=0, width=1):
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    if radius > 0:
        c.draw.rounded_rectangle([x0, y0, x1, y1], radius=radius, fill=fill, outline=outline, width=width)
    else:
        c.draw.rectangle([x0, y0, x1, y1], fill=fill, outline=outline, width=width)


def label_obj(c, name, box, label, line, **kw):
    """Register a labelled element: name 'button', label 'Save' -> phrase 'Save button'."""
    attrs = kw.pop("attrs", {})
    attrs.update({"label": label, "label_style": "prefix"})
    if line is not None:
        attrs["label_line"] = line.id
    return c.add(name, box, phrase=f"{label} {name}", attrs=attrs, **kw)


def button(c, th: Theme, x, y, label, kind="secondary", font=None, min_w=0, h=None, register=True):
    """Draws a button with its top-left at (x, y); returns (obj, box)."""
    f = font or th.font(1.0, bold=kind in ("primary", "danger"))
    pad_x = int(14 * th.s)
    h = h or int(th.fs * 2.3)
    tw = fonts.text_width(f, label)
    w = max(min_w, tw + 2 * pad_x)
    box = (x, y, x + w, y + h)
    colour = None
    if kind == "primary":
        fill, fg, outline = th.accent, colors.on_colour(th.accent), None
        colour = th.accent_name
    elif kind == "danger":
        fill = (220, 38, 38) if not th.dark else (200, 45, 45)
        fg, outline, colour = (255, 255, 255), None, "red"
    elif kind == "link":
        fill, fg, outline = None, th.accent, None
    else:
        fill, fg, outline = th.panel2, th.text, th.border
    if kind != "link":
        rrect(c, box, fill=fill, outline=outline, radius=th.radius)
    ln = c.text((x + w / 2, y + h / 2), label, f, fg, role="button", anchor="mm")
    if not register:
        return None, box
    o = label_obj(c, "button" if kind != "link" else "link", box, label, ln, color=colour,
                  attrs={"kind": kind})
    return o, box


def text_field(c, th: Theme, x, y, w, label=None, value=None, placeholder=None, error=None, password=False,
               focused=False):
    """Label above, input box, optional error text below. Returns (obj, bottom_y)."""
    lf = th.font(0.92, bold=False)
    lab_line = None
    if label:
        lab_line = c.text((x, y), label, lf, th.text, role="field label")
        y += int(th.fs * 1.45)
    h = int(th.fs * 2.4)
    border = (220, 38, 38) if error else (th.accent if focused else th.border)
    rrect(c, (x, y, x + w, y + h), fill=th.panel if th.dark else (255, 255, 255), outline=border, radius=th.radius,
          width=2 if (error or focused) else 1)
    f = th.font(1.0)
    val_line = None
    shown = None
    if value:
        shown = "•" * min(12, len(value)) if password else fonts.fit(f, value, w - int(20 * th.s))
        val_line = c.text((x + int(10 * th.s), y + h / 2), shown, f, th.text, role="field value", anchor="lm",
                          ocr=not password)
    elif placeholder:
        shown = fonts.fit(f, placeholder, w - int(20 * th.s))
        val_line = c.text((x + int(10 * th.s), y + h / 2), shown, f, th.muted, role="placeholder", anchor="lm")
    attrs = {"value": None if password else value, "placeholder": placeholder, "error": error,
             "value_line": val_line.id if val_line is not None and not password else None,
             "password": password}
    o = label_obj(c, "text field", (x, y, x + w, y + h), label or "", lab_line, attrs=attrs)
    if not label:
        o.attrs.pop("label")
    y += h
    err_line = None
    if error:
        err_line = c.text((x, y + int(4 * th.s)), error, th.font(0.85), (220, 38, 38) if not th.dark else (248, 113, 113),
                          role="error")
        y += int(th.fs * 1.4)
        o.attrs["error_line"] = err_line.id if err_line is not None else None
    return o, y


def checkbox(c, th: Theme, x, y, label, checked):
    sz = int(th.fs * 1.15)
    box = (x, y, x + sz, y + sz)
    if checked:
        rrect(c, box, fill=th.accent, radius=max(0, th.radius // 2))
        fg = colors.on_colour(th.accent)
        c.draw.line([(x + sz * 0.22, y + sz * 0.52), (x + sz * 0.42, y + sz * 0.72), (x + sz * 0.78, y + sz * 0.3)],
                    fill=fg, width=max(2, int(sz * 0.14)))
    else:
        rrect(c, box, fill=th.panel, outline=th.muted, radius=max(0, th.radius // 2), width=max(1, int(th.s)))
    ln = c.text((x + sz + int(8 * th.s), y + sz / 2), label, th.font(1.0), th.text, role="checkbox label", anchor="lm")
    o = label_obj(c, "checkbox", box, label, ln, attrs={"checked": checked})
    return o, y + sz


def toggle(c, th: Theme, x, y, on):
    """A switch with its top-left at (x, y)."""
    h = int(th.fs * 1.3)
    w = int(h * 1.8)
    fill = th.accent if on else (th.panel2 if th.dark else (200, 204, 210))
    c.draw.rounded_rectangle([x, y, x + w, y + h], radius=h // 2, fill=fill)
    r = h // 2 - max(2, int(2 * th.s))
    cx = x + w - h // 2 if on else x + h // 2
    c.draw.ellipse([cx - r, y + h // 2 - r, cx + r, y + h // 2 + r], fill=(255, 255, 255))
    return (x, y, x + w, y + h)


def dropdown(c, th: Theme, x, y, w, value):
    h = int(th.fs * 2.2)
    rrect(c, (x, y, x + w, y + h), fill=th.panel2, outline=th.border, radius=th.radius)
    f = th.font(1.0)
    ln = c.text((x + int(10 * th.s), y + h / 2), fonts.fit(f, value, w - int(34 * th.s)), f, th.text,
                role="dropdown value", anchor="lm")
    ax = x + w - int(16 * th.s)
    ay = y + h / 2
    a = int(4 * th.s)
    c.draw.polygon([(ax - a, ay - a / 2), (ax + a, ay - a / 2), (ax, ay + a / 2)], fill=th.muted)
    return (x, y, x + w, y + h), ln


def window_chrome(c, th: Theme, title, style=None, h=None):
    """Title bar across the top; returns its height."""
    h = h or int(th.fs * 2.4)
    style = style or ("mac" if c.w % 2 else "win")
    bar = colors.mix(th.bg, (0, 0, 0), 0.15) if th.dark else colors.mix(th.bg, (0, 0, 0), 0.06)
    c.draw.rectangle([0, 0, c.w, h], fill=bar)
    c.draw.line([(0, h), (c.w, h)], fill=th.border)
    if style == "mac":
        r = max(4, int(th.fs * 0.42))
        for i, col in enumerate([(255, 95, 87), (254, 188, 46), (40, 200, 64)]):
            cx = int(14 * th.s) + r + i * (2 * r + int(8 * th.s))
            c.draw.ellipse([cx - r, h / 2 - r, cx + r, h / 2 + r], fill=col)
        if title:
            c.text((c.w / 2, h / 2), title, th.font(0.95), th.muted, role="window title", anchor="mm")
    else:
        if title:
            c.text((int(12 * th.s), h / 2), title, th.font(0.95), th.muted, role="window title", anchor="lm")
        k = max(3, int(th.fs * 0.35))
        for i in range(3):
            cx, cy = c.w - int((20 + 40 * i) * th.s), h / 2
            if i == 0:
                c.draw.line([(cx - k, cy - k), (cx + k, cy + k)], fill=th.muted, width=max(1, int(th.s)))
                c.draw.line([(cx - k, cy + k), (cx + k, cy - k)], fill=th.muted, width=max(1, int(th.s)))
            elif i == 1:
                c.draw.rectangle([cx - k, cy - k, cx + k, cy + k], outline=th.muted, width=max(1, int(th.s)))
            else:
                c.draw.line([(cx - k, cy), (cx + k, cy)], fill=th.muted, width=max(1, int(th.s)))
    return h


def glyph_icon(c, th: Theme, cx, cy, r, kind):
    """A round status icon: info (i), warning (!), error (x), success (check)."""
    col = {"info": (37, 99, 235), "warning": (234, 140, 0), "error": (220, 38, 38), "success": (22, 163, 74)}[kind]
    c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=col)
    fg = (255, 255, 255)
    if kind == "success":
        c.draw.line([(cx - r * 0.45, cy), (cx - r * 0.1, cy + r * 0.35), (cx + r * 0.5, cy - r * 0.35)], fill=fg,
                    width=max(2, int(r * 0.22)))
    elif kind == "error":
        k = r * 0.4
        c.draw.line([(cx - k, cy - k), (cx + k, cy + k)], fill=fg, width=max(2, int(r * 0.22)))
        c.draw.line([(cx - k, cy + k), (cx + k, cy - k)], fill=fg, width=max(2, int(r * 0.22)))
    else:
        ch = "i" if kind == "info" else "!"
        f = fonts.font("DejaVu Sans", int(r * 1.4), True)
        c.text((cx, cy), ch, f, fg, anchor="mm", ocr=False, record=False)
    return col
