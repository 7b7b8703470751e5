"""Pixel-level degradations that keep geometry (boxes and masks stay valid): blur, noise, JPEG artefacts,
down-and-up scaling, small brightness/contrast changes. Colour shifts are kept small so colour facts stay true."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter


def jpeg(img, q):
    b = io.BytesIO()
    img.save(b, "JPEG", quality=int(q))
    b.seek(0)
    return Image.open(b).convert("RGB")


def noise(img, sigma, rng):
    a = np.asarray(img).astype(np.int16)
    g = np.random.default_rng(rng.randrange(2 ** 31)).normal(0, sigma, a.shape).astype(np.int16)
    return Image.fromarray(np.clip(a + g, 0, 255).astype(np.uint8))


def rescale(img, f):
    w, h = img.size
    small = img.resize((max(8, int(w * f)), max(8, int(h * f))), Image.BILINEAR)
    return small.resize((w, h), Image.BILINEAR)


def augment(img, rng, strength: float = 1.0, photo: bool = False):
    """Returns (image, list of applied ops)."""
    ops = []
    if rng.random() > 0.55 * strength and not photo:
        return img, ops
    if rng.random() < 0.3:
        f = rng.uniform(0.5, 0.85)
        img = rescale(img, f)
        ops.append(f"rescale:{f:.2f}")
    if rng.random() < (0.5 if photo else 0.25):
        r = rng.uniform(0.3, 1.2 if photo else 0.9)
        img = img.filter(ImageFilter.GaussianBlur(r))
        ops.append(f"blur:{r:.2f}")
    if rng.random() < 0.2:
        b = rng.uniform(0.92, 1.08)
        img = ImageEnhance.Brightness(img).enhance(b)
        c = rng.uniform(0.92, 1.08)
        img = ImageEnhance.Contrast(img).enhance(c)
        ops.append(f"bc:{b:.2f},{c:.2f}")
    if rng.random() < (0.6 if photo else 0.3):
        s = rng.uniform(2, 9 if photo else 6)
        img = noise(img, s, rng)
        ops.append(f"noise:{s:.1f}")
    if rng.random() < 0.4:
        q = rng.randint(30, 90)
        img = jpeg(img, q)
        ops.append(f"jpeg:{q}")
    return img, ops
