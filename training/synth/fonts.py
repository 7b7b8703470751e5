"""Font discovery (Debian font packages) and cached loading."""
from __future__ import annotations

import functools
import os

from PIL import ImageFont

# The Debian packages' files under /usr/share; LUNETTE_SHARE names a folder that stands for it (a machine without
# them, given a bundle from training/make_device_bundle.py).
SHARE = os.environ.get("LUNETTE_SHARE", "/usr/share")
_T = f"{SHARE}/fonts/truetype"

# family -> {style: path}; only families whose files exist are kept (see available()).
_FAMILIES = {
    # sans
    "DejaVu Sans": ("sans", {"regular": f"{_T}/dejavu/DejaVuSans.ttf", "bold": f"{_T}/dejavu/DejaVuSans-Bold.ttf"}),
    "Liberation Sans": ("sans", {"regular": f"{_T}/liberation2/LiberationSans-Regular.ttf",
                                 "bold": f"{_T}/liberation2/LiberationSans-Bold.ttf"}),
    "Noto Sans": ("sans", {"regular": f"{_T}/noto/NotoSans-Regular.ttf", "bold": f"{_T}/noto/NotoSans-Bold.ttf"}),
    "FreeSans": ("sans", {"regular": f"{_T}/freefont/FreeSans.ttf", "bold": f"{_T}/freefont/FreeSansBold.ttf"}),
    "Roboto": ("sans", {"regular": f"{_T}/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
                        "bold": f"{_T}/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf"}),
    "Open Sans": ("sans", {"regular": f"{_T}/open-sans/OpenSans-Regular.ttf", "bold": f"{_T}/open-sans/OpenSans-Bold.ttf"}),
    "Lato": ("sans", {"regular": f"{_T}/lato/Lato-Regular.ttf", "bold": f"{_T}/lato/Lato-Bold.ttf"}),
    # serif
    "DejaVu Serif": ("serif", {"regular": f"{_T}/dejavu/DejaVuSerif.ttf", "bold": f"{_T}/dejavu/DejaVuSerif-Bold.ttf"}),
    "Liberation Serif": ("serif", {"regular": f"{_T}/liberation2/LiberationSerif-Regular.ttf",
                                   "bold": f"{_T}/liberation2/LiberationSerif-Bold.ttf"}),
    "Noto Serif": ("serif", {"regular": f"{_T}/noto/NotoSerif-Regular.ttf", "bold": f"{_T}/noto/NotoSerif-Bold.ttf"}),
    "FreeSerif": ("serif", {"regular": f"{_T}/freefont/FreeSerif.ttf", "bold": f"{_T}/freefont/FreeSerifBold.ttf"}),
    # mono
    "DejaVu Sans Mono": ("mono", {"regular": f"{_T}/dejavu/DejaVuSansMono.ttf", "bold": f"{_T}/dejavu/DejaVuSansMono-Bold.ttf"}),
    "Liberation Mono": ("mono", {"regular": f"{_T}/liberation2/LiberationMono-Regular.ttf",
                                 "bold": f"{_T}/liberation2/LiberationMono-Bold.ttf"}),
    "Noto Sans Mono": ("mono", {"regular": f"{_T}/noto/NotoSansMono-Regular.ttf", "bold": f"{_T}/noto/NotoSansMono-Bold.ttf"}),
    "FreeMono": ("mono", {"regular": f"{_T}/freefont/FreeMono.ttf", "bold": f"{_T}/freefont/FreeMonoBold.ttf"}),
    "Hack": ("mono", {"regular": f"{_T}/hack/Hack-Regular.ttf", "bold": f"{_T}/hack/Hack-Bold.ttf"}),
    "JetBrains Mono": ("mono", {"regular": f"{_T}/jetbrains-mono/JetBrainsMono-Regular.ttf",
                                "bold": f"{_T}/jetbrains-mono/JetBrainsMono-Bold.ttf"}),
    "Fira Code": ("mono", {"regular": f"{_T}/firacode/FiraCode-Regular.ttf", "bold": f"{_T}/firacode/FiraCode-Bold.ttf"}),
    "Inconsolata": ("mono", {"regular": f"{_T}/inconsolata/Inconsolata.otf", "bold": f"{_T}/inconsolata/Inconsolata.otf"}),
}

EMOJI_FONT = f"{_T}/noto/NotoColorEmoji.ttf"


@functools.lru_cache(maxsize=None)
def available(kind: str) -> tuple:
    """Names of installed families of a kind ('sans', 'serif', 'mono')."""
    out = []
    for name, (k, styles) in _FAMILIES.items():
        if k == kind and os.path.exists(styles["regular"]):
            out.append(name)
    if not out:
        raise RuntimeError(f"no {kind} font installed; apt-get install fonts-dejavu-core")
    return tuple(out)


def pick(rng, kind: str) -> str:
    return rng.choice(available(kind))


@functools.lru_cache(maxsize=4096)
def font(family: str, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    styles = _FAMILIES[family][1]
    path = styles["bold"] if bold and os.path.exists(styles["bold"]) else styles["regular"]
    return ImageFont.truetype(path, max(6, int(size)))


def font_path(family: str, bold: bool = False) -> str:
    styles = _FAMILIES[family][1]
    return styles["bold"] if bold else styles["regular"]


def text_width(f: ImageFont.FreeTypeFont, s: str) -> int:
    return int(round(f.getlength(s)))


def fit(f: ImageFont.FreeTypeFont, s: str, width: int, ellipsis: str = "…") -> str:
    """Truncate s so it renders within width pixels."""
    if f.getlength(s) <= width:
        return s
    lo, hi = 0, len(s)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if f.getlength(s[:mid] + ellipsis) <= width:
            lo = mid
        else:
            hi = mid - 1
    return s[:lo].rstrip() + ellipsis if lo > 0 else ""


def wrap(f: ImageFont.FreeTypeFont, s: str, width: int) -> list:
    words, lines, cur = s.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if f.getlength(t) <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines
