"""Boxes snapped to the pixels (pack manifest `generation.snap_boxes: "pixels"`).

The PyTorch reference of `src/engine/boxSnapping.ts`, step for step, so that `evaluate.py --checkpoint` measures
what the engine ships; `test/fixtures/snap.json` holds cases both sides must pass. Why and how: see that file. In
short, each box the model emits is snapped to the region it covers (the connected region of the colour most
common in its middle half, or else of everything unlike the colour around it) if that region's box overlaps the
model's by IoU >= 0.2 (and only where a flat colour covers a third of where it is taken from): the fill region
where both are one thing, else the one that overlaps the model's box most; then once more from the snapped box.
A snapped box that repeats one taken before (IoU >= 0.8) is dropped.
"""
from __future__ import annotations

from collections import Counter, deque

import numpy as np
from PIL import Image

SNAP_MAX_SIDE = 512
TOLERANCE = 16
MIN_AGREEMENT = 0.2
SAME_THING = 0.8
RING = 0.5
FLAT_SHARE = 0.3


def snap_image(image: Image.Image) -> np.ndarray:
    """H x W x 3 uint8, longest side at most SNAP_MAX_SIDE (linear, as the engine's sharp resize: no ringing)."""
    img = image.convert("RGB")
    scale = min(1.0, SNAP_MAX_SIDE / max(img.size))
    if scale < 1:
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.BILINEAR)
    return np.asarray(img, dtype=np.uint8)


def iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def snap_boxes(img: np.ndarray, boxes) -> list:
    """Each box ([x_min, y_min, x_max, y_max] in 0..1) snapped; repeats of a box taken before dropped."""
    taken = []
    for box in boxes:
        snapped = snap_box(img, box)
        if all(iou(other, snapped) < SAME_THING for other in taken):
            taken.append(snapped)
    return taken


def snap_box(img: np.ndarray, box) -> list:
    """The box snapped, then snapped once more: a box first found as foreground has its fill's edge then."""
    once = _snap_once(img, box)
    return once if once == list(box) else _snap_once(img, once)


def _snap_once(img: np.ndarray, box) -> list:
    H, W, _ = img.shape
    x0, y0, x1, y1 = box[0] * W, box[1] * H, box[2] * W, box[3] * H
    bw, bh = max(1.0, x1 - x0), max(1.0, y1 - y0)
    left = min(max(int(np.floor(x0 + bw * 0.25)), 0), W - 1)
    top = min(max(int(np.floor(y0 + bh * 0.25)), 0), H - 1)
    middle = (left, top, max(left + 1, min(int(np.ceil(x1 - bw * 0.25)), W)),
              max(top + 1, min(int(np.ceil(y1 - bh * 0.25)), H)))

    candidates = []
    pixels = img.astype(np.int32)
    fill = _mode_colour(pixels[middle[1]:middle[3], middle[0]:middle[2]].reshape(-1, 3))
    found = None if fill is None else _largest_region(_alike(pixels, fill), middle)
    if found:
        candidates.append(found)

    outer = (int(max(0, x0 - bw * RING)), int(max(0, y0 - bh * RING)), int(min(W, x1 + bw * RING)), int(min(H, y1 + bh * RING)))
    inner = (int(max(0, x0)), int(max(0, y0)), int(min(W, x1)), int(min(H, y1)))
    ring = np.zeros((H, W), bool)
    ring[outer[1]:outer[3], outer[0]:outer[2]] = True
    ring[inner[1]:inner[3], inner[0]:inner[2]] = False
    background = _mode_colour(pixels[ring]) if ring.any() else None
    found = None if background is None else _largest_region(_open(~_alike(pixels, background)), middle)
    if found:
        candidates.append(found)

    agreeing = [c for c in candidates if iou(c, box) >= MIN_AGREEMENT]
    if not agreeing:
        return list(box)
    if len(agreeing) == 2 and iou(agreeing[0], agreeing[1]) >= SAME_THING:
        return agreeing[0]  # one thing found both ways: the fill's edge is the exact one
    return max(agreeing, key=lambda c: iou(c, box))


def _mode_colour(px: np.ndarray):
    """Mean of the pixels in the most common 16-level bin per channel (the lowest bin wins a tie); None when that
    bin holds less than FLAT_SHARE of the pixels."""
    q = px >> 4
    keys = (q[:, 0] << 8) | (q[:, 1] << 4) | q[:, 2]
    counts = Counter(keys.tolist())
    top = max(counts.values())
    if top < FLAT_SHARE * len(px):
        return None
    key = min(k for k, n in counts.items() if n == top)
    return px[keys == key].mean(0)


def _alike(pixels: np.ndarray, colour: np.ndarray) -> np.ndarray:
    return (np.abs(pixels - colour) < TOLERANCE).all(-1)


def _open(mask: np.ndarray) -> np.ndarray:
    """Erosion then dilation with the 4-neighbour cross; outside the image counts as False."""
    def shifted(m):
        p = np.pad(m, 1, constant_values=False)
        return [p[1:-1, 1:-1], p[1:-1, :-2], p[1:-1, 2:], p[:-2, 1:-1], p[2:, 1:-1]]
    eroded = np.logical_and.reduce(shifted(mask))
    return np.logical_or.reduce(shifted(eroded))


def dilate(mask: np.ndarray, r: int) -> np.ndarray:
    """Grown by r pixels each way with a square neighbourhood: along rows, then along columns."""
    out = mask.copy()
    for axis in (1, 0):
        grown = out.copy()
        n = out.shape[axis]
        for d in range(1, r + 1):
            lo, hi = [slice(None)] * 2, [slice(None)] * 2
            lo[axis], hi[axis] = slice(0, n - d), slice(d, n)
            grown[tuple(hi)] |= out[tuple(lo)]
            grown[tuple(lo)] |= out[tuple(hi)]
        out = grown
    return out


def _largest_region(mask: np.ndarray, middle):
    """Of the 4-connected regions reaching into `middle`, the one with most pixels there (first in raster order
    on a tie), as [x_min, y_min, x_max, y_max] in 0..1; None when no masked pixel is in the middle."""
    H, W = mask.shape
    left, top, right, bottom = middle
    seen = np.zeros_like(mask)
    best = None
    for y in range(top, bottom):
        for x in range(left, right):
            if not mask[y, x] or seen[y, x]:
                continue
            seen[y, x] = True
            queue = deque([(x, y)])
            count, first = 0, y * W + x
            min_x, min_y, max_x, max_y = x, y, x, y
            while queue:
                px, py = queue.popleft()
                first = min(first, py * W + px)
                count += left <= px < right and top <= py < bottom
                min_x, max_x, min_y, max_y = min(min_x, px), max(max_x, px), min(min_y, py), max(max_y, py)
                for nx, ny in ((px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)):
                    if 0 <= nx < W and 0 <= ny < H and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((nx, ny))
            if best is None or count > best[0] or (count == best[0] and first < best[1]):
                best = (count, first, (min_x, min_y, max_x, max_y))
    if best is None:
        return None
    min_x, min_y, max_x, max_y = best[2]
    return [min_x / W, min_y / H, (max_x + 1) / W, (max_y + 1) / H]
