/**
 * Region proposals: the things an image is made of, as boxes (manifest `generation.region_proposals: "pixels"`).
 *
 * The box heads are right about *which* thing the model means more often than about *where* it is: on the real
 * set they put a toggle's box 40 px right of the toggle. So detect and point choose among the regions the pixels
 * hold, ranked by the model (rankedRegions.ts). Regions come two ways, from the image as box snapping sees it:
 *
 * - the 4-connected regions of pixels no edge crosses (an edge: a 4-neighbour differs by more than EDGE in some
 *   channel): a button's face, a bar, a node, a toggle, a text field;
 * - the 4-connected regions of everything unlike the flat colour of the image's border, opened once: a
 *   many-coloured thing (an emoji, an icon) as one.
 *
 * Regions too small to be asked about (glyphs, anti-aliasing) or nearly the whole image are left out, and one
 * that repeats a region kept before (IoU ≥ SAME_REGION) is dropped. The same procedure is
 * `training/lunette/proposals.py`; both pass `test/fixtures/proposals.json`; docs/model-pack.md specifies it.
 */
import type { Box } from '../protocol/tasks';
import { type Mask, type SnapImage, alike, iou, modeColour, not, opened } from './boxSnapping';

/** A step of more than this (of 255) in any channel between 4-neighbours is an edge. */
const EDGE = 12;
const MIN_PIXELS = 20;
/** Pixels, each side of a region's box. */
const MIN_SIDE = 3;
/** A region's box as a share of the image. */
const MIN_AREA = 0.0005;
const MAX_AREA = 0.9;
/** IoU with a region kept before that makes a region a repeat. */
const SAME_REGION = 0.9;

export interface Region {
  pixels: number;
  minX: number;
  minY: number;
  /** exclusive */
  maxX: number;
  /** exclusive */
  maxY: number;
  /** Sums of the pixels' x and y (their centroid, with `pixels`). */
  sumX: number;
  sumY: number;
}

/** Boxes in 0..1: edge regions, then foreground regions, each in raster order of their first pixel. */
export function regionProposals(image: SnapImage): Box[] {
  const { width: W, height: H } = image;
  return imageRegions(image).map((r) => ({ x_min: r.minX / W, y_min: r.minY / H, x_max: r.maxX / W, y_max: r.maxY / H }));
}

/**
 * The flat colour of the image's border pixels (rows 0 and H−1, columns 0 and W−1), as `modeColour` finds it: the
 * background a thing stands out from; undefined when the border is not flat.
 */
export function borderColour(image: SnapImage): [number, number, number] | undefined {
  const { width: W, height: H } = image;
  return modeColour(image, { left: 0, top: 0, right: W, bottom: H }, { left: 1, top: 1, right: W - 1, bottom: H - 1 });
}

/**
 * The regions `regionProposals` gives, in the image's pixels; with `distinct` false, also those that repeat one
 * before (an outlined shape's inside after its outline).
 */
export function imageRegions(image: SnapImage, distinct = true): readonly Region[] {
  // several rules of one caption or answer (pie, bars, counts, shapes) look at the same image's regions
  const known = regionsOf.get(image) ?? {};
  regionsOf.set(image, known);
  const key = distinct ? 'distinct' : 'all';
  known[key] ??= findRegions(image, distinct);
  return known[key];
}

/** The regions found so far of each image, with and without repeats. */
const regionsOf = new WeakMap<SnapImage, { distinct?: readonly Region[]; all?: readonly Region[] }>();

function findRegions(image: SnapImage, distinct: boolean): readonly Region[] {
  const { width: W, height: H } = image;
  const found = components(not(edges(image)), W, H);
  const background = borderColour(image);
  if (background) found.push(...components(opened(not(alike(image, background)), W, H), W, H));
  const kept: Region[] = [];
  const boxes: Box[] = [];
  for (const r of found) {
    const w = r.maxX - r.minX;
    const h = r.maxY - r.minY;
    const area = (w * h) / (W * H);
    if (r.pixels < MIN_PIXELS || w < MIN_SIDE || h < MIN_SIDE || area < MIN_AREA || area > MAX_AREA) continue;
    const box = { x_min: r.minX / W, y_min: r.minY / H, x_max: r.maxX / W, y_max: r.maxY / H };
    if (!distinct || boxes.every((k) => iou(box, k) < SAME_REGION)) {
      boxes.push(box);
      kept.push(r);
    }
  }
  return kept;
}

/** The pixels on an edge: a 4-neighbour differs from them by more than EDGE in some channel. */
function edges(image: SnapImage): Mask {
  const { width: W, height: H, data } = image;
  const edge = new Uint8Array(W * H);
  const step = (i: number, j: number): boolean =>
    Math.abs(data[i * 3]! - data[j * 3]!) > EDGE || Math.abs(data[i * 3 + 1]! - data[j * 3 + 1]!) > EDGE || Math.abs(data[i * 3 + 2]! - data[j * 3 + 2]!) > EDGE;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (x < W - 1 && step(i, i + 1)) edge[i] = edge[i + 1] = 1;
      if (y < H - 1 && step(i, i + W)) edge[i] = edge[i + W] = 1;
    }
  }
  return (i) => edge[i] === 1;
}

/** The 4-connected regions of the mask, in raster order of their first pixel. */
export function components(mask: Mask, W: number, H: number): Region[] {
  const seen = new Uint8Array(W * H);
  const queue = new Int32Array(W * H);
  const out: Region[] = [];
  for (let start = 0; start < W * H; start++) {
    if (seen[start] || !mask(start)) continue;
    seen[start] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    const r: Region = { pixels: 0, minX: W, minY: H, maxX: 0, maxY: 0, sumX: 0, sumY: 0 };
    const visit = (j: number): void => {
      if (!seen[j] && mask(j)) {
        seen[j] = 1;
        queue[tail++] = j;
      }
    };
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % W;
      const y = (i - x) / W;
      r.pixels++;
      r.sumX += x;
      r.sumY += y;
      if (x < r.minX) r.minX = x;
      if (x + 1 > r.maxX) r.maxX = x + 1;
      if (y < r.minY) r.minY = y;
      if (y + 1 > r.maxY) r.maxY = y + 1;
      if (x > 0) visit(i - 1);
      if (x < W - 1) visit(i + 1);
      if (y > 0) visit(i - W);
      if (y < H - 1) visit(i + W);
    }
    out.push(r);
  }
  return out;
}
