/**
 * Pixel helpers for OCR on the full-resolution image (OCR crops text lines from it, so it cannot use
 * prepareImage's square model input). Decoding itself is `decodeRgb` in image.ts, with the same guards.
 */
import sharp from 'sharp';
import { type RgbImage, decodeRgb } from '../image';

export { type RgbImage, decodeRgb };

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Cuts `region` out of raw RGB and resizes it to exactly width × height (aspect ratio not kept). */
export async function resizeRgbRegion(src: RgbImage, region: Region, width: number, height: number, shrinkKernel: 'lanczos3' | 'linear' = 'lanczos3'): Promise<Buffer> {
  const whole = region.left === 0 && region.top === 0 && region.width === src.width && region.height === src.height;
  if (whole && width === src.width && height === src.height) return src.data;
  if (width === region.width && height === region.height) {
    // a plain cut: copying the rows is much cheaper than a round trip through sharp's thread pool
    const out = Buffer.allocUnsafe(width * height * 3);
    for (let y = 0; y < height; y++) {
      const from = ((region.top + y) * src.width + region.left) * 3;
      src.data.copy(out, y * width * 3, from, from + width * 3);
    }
    return out;
  }
  let pipeline = sharp(src.data, { raw: { width: src.width, height: src.height, channels: 3 } });
  if (!whole) pipeline = pipeline.extract(region);
  return pipeline
    .resize(width, height, { fit: 'fill', kernel: width < region.width || height < region.height ? shrinkKernel : 'linear' })
    .raw()
    .toBuffer();
}

export type BackgroundRegion = Region & { background: [number, number, number] };

export interface TextRegionOptions {
  /** Side of the square tiles the image is judged by, in pixels. */
  tile?: number;
  /** A tile is flat when no channel varies by more than this inside it. */
  tolerance?: number;
  /** Most rectangles returned; the closest are merged beyond this. */
  maxRegions?: number;
  /** Separate rectangles are returned only when they leave out at least this share of their bounding box. */
  minSaving?: number;
}

/**
 * The parts of a screenshot that may hold text. Screenshots are mostly flat areas (window backgrounds,
 * panels, dimmed overlays, of any colour) and the text detector's time grows with the pixels it sees, so it
 * only sees these. The image is cut into tiles; tiles that are not flat, grown by one tile on every side,
 * form connected groups whose bounding rectangles (merged while they overlap) are the regions. A region's
 * edge therefore lies in flat tiles (or on the image's edge): text is never cut, and `background` (the
 * colour of its corners, by majority) is what the detector's input is padded with. Empty when the whole
 * image is flat.
 */
export function textRegions(src: RgbImage, options: TextRegionOptions = {}): BackgroundRegion[] {
  const { tile = 16, tolerance = 12, maxRegions = 8, minSaving = 0.25 } = options;
  const { data, width, height } = src;
  const gw = Math.ceil(width / tile);
  const gh = Math.ceil(height / tile);
  const busy = new Uint8Array(gw * gh);
  for (let ty = 0; ty < gh; ty++) {
    for (let tx = 0; tx < gw; tx++) {
      busy[ty * gw + tx] = tileVaries(data, width, tx * tile, ty * tile, Math.min(width, (tx + 1) * tile), Math.min(height, (ty + 1) * tile), tolerance) ? 1 : 0;
    }
  }
  // grown by one tile, so that a region's border is flat
  const grown = new Uint8Array(gw * gh);
  for (let ty = 0; ty < gh; ty++) {
    for (let tx = 0; tx < gw; tx++) {
      if (!busy[ty * gw + tx]) continue;
      for (let y = Math.max(0, ty - 1); y <= Math.min(gh - 1, ty + 1); y++) {
        for (let x = Math.max(0, tx - 1); x <= Math.min(gw - 1, tx + 1); x++) grown[y * gw + x] = 1;
      }
    }
  }
  let boxes = tileGroups(grown, gw, gh);
  if (boxes.length === 0) return [];
  boxes = mergeOverlapping(boxes);
  while (boxes.length > maxRegions) boxes = mergeCheapestPair(boxes);
  const whole = boxes.reduce(union);
  const covered = boxes.reduce((sum, b) => sum + area(b), 0);
  if (boxes.length > 1 && covered > (1 - minSaving) * area(whole)) boxes = [whole];
  return boxes.map((b) => {
    const left = b.x0 * tile;
    const top = b.y0 * tile;
    const region = { left, top, width: Math.min(width, (b.x1 + 1) * tile) - left, height: Math.min(height, (b.y1 + 1) * tile) - top };
    return { ...region, background: majorityCornerColour(src, region, tolerance) };
  });
}

/** A rectangle of tiles, inclusive. */
interface TileBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Whether the tile could hold text: its pixels vary along some row and along some column. A tile crossed
 * only by a straight horizontal or vertical line (a border, a grid line, a bar's edge) varies one way only.
 */
function tileVaries(data: Buffer, width: number, x0: number, y0: number, x1: number, y1: number, tolerance: number): boolean {
  const differs = (i: number, j: number): boolean => pixelsDiffer(data, i, j, tolerance);
  let alongRow = false;
  for (let y = y0; y < y1 && !alongRow; y++) {
    const first = (y * width + x0) * 3;
    for (let i = first + 3, end = (y * width + x1) * 3; i < end; i += 3) {
      if (differs(i, first)) {
        alongRow = true;
        break;
      }
    }
  }
  if (!alongRow) return false;
  for (let x = x0; x < x1; x++) {
    const first = (y0 * width + x) * 3;
    for (let y = y0 + 1; y < y1; y++) if (differs((y * width + x) * 3, first)) return true;
  }
  return false;
}

/** Bounding boxes of the 4-connected groups of set tiles. */
function tileGroups(set: Uint8Array, gw: number, gh: number): TileBox[] {
  const seen = new Uint8Array(set.length);
  const boxes: TileBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < set.length; start++) {
    if (!set[start] || seen[start]) continue;
    const box = { x0: gw, y0: gh, x1: -1, y1: -1 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % gw;
      const y = (i - x) / gw;
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
        if (nx < 0 || ny < 0 || nx >= gw || ny >= gh) continue;
        const j = ny * gw + nx;
        if (set[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    boxes.push(box);
  }
  return boxes;
}

function area(b: TileBox): number {
  return (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
}

function union(a: TileBox, b: TileBox): TileBox {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

function overlap(a: TileBox, b: TileBox): boolean {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}

/** Merges boxes until none overlap (a merged box can reach a third one, hence the loop). */
function mergeOverlapping(boxes: TileBox[]): TileBox[] {
  const out = [...boxes];
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length; j++) {
        if (!overlap(out[i]!, out[j]!)) continue;
        out[i] = union(out[i]!, out[j]!);
        out.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return out;
}

/** Merges the two boxes whose union adds the least area, then whatever that union overlaps. */
function mergeCheapestPair(boxes: TileBox[]): TileBox[] {
  let best: [number, number] = [0, 1];
  let bestCost = Infinity;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const cost = area(union(boxes[i]!, boxes[j]!)) - area(boxes[i]!) - area(boxes[j]!);
      if (cost < bestCost) {
        bestCost = cost;
        best = [i, j];
      }
    }
  }
  const [i, j] = best;
  const rest = boxes.filter((_, k) => k !== i && k !== j);
  return mergeOverlapping([...rest, union(boxes[i]!, boxes[j]!)]);
}

/** Whether the RGB pixels at byte offsets i and j differ by more than `tolerance` in some channel. */
function pixelsDiffer(data: Buffer, i: number, j: number, tolerance: number): boolean {
  return Math.abs(data[i]! - data[j]!) > tolerance || Math.abs(data[i + 1]! - data[j + 1]!) > tolerance || Math.abs(data[i + 2]! - data[j + 2]!) > tolerance;
}

function majorityCornerColour(src: RgbImage, r: Region, tolerance: number): [number, number, number] {
  const { data, width } = src;
  const at = (x: number, y: number): number => (y * width + x) * 3;
  const corners = [at(r.left, r.top), at(r.left + r.width - 1, r.top), at(r.left, r.top + r.height - 1), at(r.left + r.width - 1, r.top + r.height - 1)];
  let best = corners[0]!;
  let votes = 0;
  for (const c of corners) {
    const n = corners.filter((d) => !pixelsDiffer(data, c, d, tolerance)).length;
    if (n > votes) {
      votes = n;
      best = c;
    }
  }
  return [data[best]!, data[best + 1]!, data[best + 2]!];
}
