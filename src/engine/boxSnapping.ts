/**
 * Boxes snapped to the pixels (manifest `generation.snap_boxes: "pixels"`).
 *
 * The model sees the image at 128 px, an 8 × 8 grid of patches, so its box heads place a box to within about a
 * patch: on a real screenshot that is half a button off, and detect's IoU 0.5 test fails though the model found
 * the right thing. The image itself says where the thing ends. So each box the model emits is snapped to the
 * region it covers, found two ways:
 *
 * - **fill**: the most common colour in the box's middle half (a button's face, a bar, a node) and the connected
 *   region of that colour holding most of the middle; the label on a button is a hole in it, not its edge.
 * - **foreground**: the most common colour in a ring around the box (what the thing stands on), and the
 *   connected region of everything else under the middle, after a one-pixel opening cuts thin lines (grid lines,
 *   arrows) that join things; for many-coloured things such as emoji.
 *
 * Both need a flat colour to go by (a third of the pixels it is taken from in one colour bin); a photo has none,
 * and its boxes stay as the model put them. Each region's bounding box is a candidate if it overlaps the
 * model's box (IoU ≥ 0.2). Where both regions are one thing (IoU ≥ 0.8) the fill's edge is taken, as the
 * foreground keeps a pixel of anti-aliasing or of a line that touches the thing; otherwise the candidate that
 * overlaps the model's box most. With no candidate the model's box stays as it was. Then a box that lands on
 * one taken before (IoU ≥ 0.8) is dropped: two guesses at one button are one button. The model still decides
 * what and how many; only the edges move. The same procedure is `training/lunette/snap.py`, and both pass the
 * cases of `test/fixtures/snap.json`; docs/model-pack.md specifies it.
 */
import type { Box } from '../protocol/tasks';
import { type ImageBytes, type ImageLimits, type RgbImage, decodeRgb } from './image';
import { resizeRgbRegion } from './ocr/raster';

/** Longest side the snapping looks at: finer than any model box, and cheap to flood. */
export const SNAP_MAX_SIDE = 512;
/** Two colours are alike when no channel differs by this much or more (of 255). */
export const TOLERANCE = 16;
/** A region's box replaces the model's only if they overlap at least this much (IoU). */
const MIN_AGREEMENT = 0.2;
/** A snapped box this close to one taken before (IoU) is the same thing found twice. */
const SAME_THING = 0.8;
/** A colour to go by covers at least this share of where it is taken from; a photo or noise has none. */
const FLAT_SHARE = 0.3;
/** The ring for the background colour reaches this far out, in box widths and heights. */
const RING = 0.5;

/** RGB pixels, row-major, 3 bytes each. */
export interface SnapImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The image as snapping sees it: decoded as for OCR, longest side at most SNAP_MAX_SIDE, aspect kept. */
export async function snapImage(image: ImageBytes, limits?: ImageLimits): Promise<SnapImage> {
  return downscale(await decodeRgb(image, limits));
}

async function downscale(rgb: RgbImage): Promise<SnapImage> {
  const scale = Math.min(1, SNAP_MAX_SIDE / Math.max(rgb.width, rgb.height));
  const width = Math.max(1, Math.round(rgb.width * scale));
  const height = Math.max(1, Math.round(rgb.height * scale));
  const region = { left: 0, top: 0, width: rgb.width, height: rgb.height };
  // linear, not Lanczos: its ringing would draw a halo round every edge
  return { width, height, data: await resizeRgbRegion(rgb, region, width, height, 'linear') };
}

/** Each box snapped (snapBox), then the boxes that repeat one taken before dropped; order kept. */
export class BoxSnapper {
  private readonly taken: Box[] = [];

  constructor(private readonly image: SnapImage) {}

  /** The snapped box, or undefined when it is one already taken. */
  add(box: Box): Box | undefined {
    const snapped = snapBox(this.image, box);
    if (this.taken.some((other) => iou(other, snapped) >= SAME_THING)) return undefined;
    this.taken.push(snapped);
    return snapped;
  }
}

/**
 * The box snapped to the region it covers, or the box itself when no region agrees with it; then snapped once
 * more, so that a box first found as foreground (its middle was mostly background) gets its fill's edge.
 */
export function snapBox(image: SnapImage, box: Box): Box {
  const once = snapOnce(image, box);
  return once === box ? box : snapOnce(image, once);
}

function snapOnce(image: SnapImage, box: Box): Box {
  const { width: W, height: H } = image;
  const x0 = box.x_min * W;
  const y0 = box.y_min * H;
  const x1 = box.x_max * W;
  const y1 = box.y_max * H;
  const bw = Math.max(1, x1 - x0);
  const bh = Math.max(1, y1 - y0);
  // the middle half of the box, at least one pixel, inside the image
  const left = clamp(Math.floor(x0 + bw * 0.25), 0, W - 1);
  const top = clamp(Math.floor(y0 + bh * 0.25), 0, H - 1);
  const middle: Rect = {
    left,
    top,
    right: Math.max(left + 1, Math.min(Math.ceil(x1 - bw * 0.25), W)),
    bottom: Math.max(top + 1, Math.min(Math.ceil(y1 - bh * 0.25), H)),
  };

  const candidates: Box[] = [];
  const fill = modeColour(image, middle);
  const filled = fill && largestRegion(image, alike(image, fill), middle);
  if (filled) candidates.push(filled);

  const outer: Rect = {
    left: Math.trunc(Math.max(0, x0 - bw * RING)),
    top: Math.trunc(Math.max(0, y0 - bh * RING)),
    right: Math.trunc(Math.min(W, x1 + bw * RING)),
    bottom: Math.trunc(Math.min(H, y1 + bh * RING)),
  };
  const inner: Rect = {
    left: Math.trunc(Math.max(0, x0)),
    top: Math.trunc(Math.max(0, y0)),
    right: Math.trunc(Math.min(W, x1)),
    bottom: Math.trunc(Math.min(H, y1)),
  };
  const background = modeColour(image, outer, inner);
  const found = background && largestRegion(image, opened(not(alike(image, background)), W, H), middle);
  if (found) candidates.push(found);

  const agreeing = candidates.filter((c) => iou(c, box) >= MIN_AGREEMENT);
  const [first, second] = agreeing;
  if (!first) return box;
  if (!second) return first;
  if (iou(first, second) >= SAME_THING) return first; // one thing found both ways: the fill's edge is the exact one
  return iou(second, box) > iou(first, box) ? second : first;
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x_max, b.x_max) - Math.max(a.x_min, b.x_min));
  const iy = Math.max(0, Math.min(a.y_max, b.y_max) - Math.max(a.y_min, b.y_min));
  const inter = ix * iy;
  const union = (a.x_max - a.x_min) * (a.y_max - a.y_min) + (b.x_max - b.x_min) * (b.y_max - b.y_min) - inter;
  return union > 0 ? inter / union : 0;
}

export interface Rect {
  left: number;
  top: number;
  /** exclusive */
  right: number;
  /** exclusive */
  bottom: number;
}

function inside(x: number, y: number, r: Rect): boolean {
  return x >= r.left && x < r.right && y >= r.top && y < r.bottom;
}

/**
 * The most common colour of the pixels in `area` (less those in `hole`), counted in 16-level bins per channel
 * (the lowest bin wins a tie), as the mean of the pixels in that bin; undefined when there are none, or that bin
 * holds less than FLAT_SHARE of them.
 */
export function modeColour(image: SnapImage, area: Rect, hole?: Rect): [number, number, number] | undefined {
  const { data, width } = image;
  const counts = new Int32Array(4096);
  const sums = new Float64Array(4096 * 3);
  let total = 0;
  for (let y = area.top; y < area.bottom; y++) {
    for (let x = area.left; x < area.right; x++) {
      if (hole && inside(x, y, hole)) continue;
      const o = (y * width + x) * 3;
      const key = ((data[o]! >> 4) << 8) | ((data[o + 1]! >> 4) << 4) | (data[o + 2]! >> 4);
      counts[key]!++;
      sums[key * 3] += data[o]!;
      sums[key * 3 + 1] += data[o + 1]!;
      sums[key * 3 + 2] += data[o + 2]!;
      total++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k]! > counts[best]!) best = k;
  const n = counts[best]!;
  if (total === 0 || n < FLAT_SHARE * total) return undefined;
  return [sums[best * 3]! / n, sums[best * 3 + 1]! / n, sums[best * 3 + 2]! / n];
}

/**
 * A set of pixels (by index), as a test. Masks are evaluated only where a region grows, each pixel once: most
 * snaps look at a small part of the image.
 */
export type Mask = (i: number) => boolean;

function memo(size: number, test: (i: number) => boolean): Mask {
  const known = new Uint8Array(size); // 0 unknown, 1 out, 2 in
  return (i) => {
    if (known[i] === 0) known[i] = test(i) ? 2 : 1;
    return known[i] === 2;
  };
}

/** The pixels within TOLERANCE of the colour in every channel. */
export function alike(image: SnapImage, colour: readonly [number, number, number]): Mask {
  const { data } = image;
  return memo(image.width * image.height, (i) =>
    Math.abs(data[i * 3]! - colour[0]) < TOLERANCE && Math.abs(data[i * 3 + 1]! - colour[1]) < TOLERANCE && Math.abs(data[i * 3 + 2]! - colour[2]) < TOLERANCE);
}

export function not(mask: Mask): Mask {
  return (i) => !mask(i);
}

/** Erosion then dilation with the 4-neighbour cross; outside the image counts as empty. */
export function opened(mask: Mask, width: number, height: number): Mask {
  const last = width * (height - 1);
  const eroded = memo(width * height, (i) => {
    const x = i % width;
    return mask(i) && x > 0 && mask(i - 1) && x < width - 1 && mask(i + 1) && i >= width && mask(i - width) && i < last && mask(i + width);
  });
  return memo(width * height, (i) => {
    const x = i % width;
    return eroded(i) || (x > 0 && eroded(i - 1)) || (x < width - 1 && eroded(i + 1)) || (i >= width && eroded(i - width)) || (i < last && eroded(i + width));
  });
}

/** Grown by r pixels each way with a square neighbourhood: along rows, then along columns. */
export function dilated(mask: Uint8Array, W: number, H: number, r: number): Uint8Array {
  const rows = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!mask[y * W + x]) continue;
      for (let d = Math.max(0, x - r); d <= Math.min(W - 1, x + r); d++) rows[y * W + d] = 1;
    }
  }
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!rows[y * W + x]) continue;
      for (let d = Math.max(0, y - r); d <= Math.min(H - 1, y + r); d++) out[d * W + x] = 1;
    }
  }
  return out;
}

/**
 * Of the 4-connected regions of the mask that reach into `middle`, the one with most pixels there (the first in
 * raster order on a tie), as a box in 0..1; undefined when no masked pixel is in the middle.
 */
function largestRegion(image: SnapImage, mask: Mask, middle: Rect): Box | undefined {
  const { width: W, height: H } = image;
  const seen = new Uint8Array(W * H);
  let best: { count: number; first: number; box: [number, number, number, number] } | undefined;
  const queue = new Int32Array(W * H);
  for (let y = middle.top; y < middle.bottom; y++) {
    for (let x = middle.left; x < middle.right; x++) {
      const start = y * W + x;
      if (seen[start] || !mask(start)) continue;
      let head = 0;
      let tail = 0;
      const visit = (j: number): void => {
        if (!seen[j] && mask(j)) {
          seen[j] = 1;
          queue[tail++] = j;
        }
      };
      queue[tail++] = start;
      seen[start] = 1;
      let count = 0;
      let first = start;
      let [minX, minY, maxX, maxY] = [x, y, x, y];
      while (head < tail) {
        const i = queue[head++]!;
        const px = i % W;
        const py = (i - px) / W;
        if (i < first) first = i;
        if (inside(px, py, middle)) count++;
        if (px < minX) minX = px;
        if (px > maxX) maxX = px;
        if (py < minY) minY = py;
        if (py > maxY) maxY = py;
        if (px > 0) visit(i - 1);
        if (px < W - 1) visit(i + 1);
        if (py > 0) visit(i - W);
        if (py < H - 1) visit(i + W);
      }
      if (!best || count > best.count || (count === best.count && first < best.first)) best = { count, first, box: [minX, minY, maxX, maxY] };
    }
  }
  if (!best) return undefined;
  const [minX, minY, maxX, maxY] = best.box;
  return { x_min: minX / W, y_min: minY / H, x_max: (maxX + 1) / W, y_max: (maxY + 1) / H };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
