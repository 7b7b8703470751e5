/**
 * Post-processing of the DB (Differentiable Binarization) text detector, as PaddleOCR's DBPostProcess:
 * threshold the probability map, take each connected region, score it by its mean probability, fit a
 * minimum-area rectangle and grow it back ("unclip") to the whole text line.
 */
import { type Pt, type RotatedRect, convexHull, minAreaRect, unclip } from './geometry';

export interface DbOptions {
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh). */
  threshold: number;
  /** Least mean probability of a region (det_db_box_thresh). */
  boxThreshold: number;
  /** How far a region is grown back (det_db_unclip_ratio). */
  unclipRatio: number;
  /** Shortest side, in map pixels, of a region before unclip (min_size); after unclip it must be min + 2. */
  minSize: number;
  /** At most this many regions are considered, largest first. */
  maxCandidates: number;
}

export const DEFAULT_DB_OPTIONS: DbOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

export interface TextRegion {
  /** The unclipped rectangle in map pixels. */
  rect: RotatedRect;
  /** Mean probability over the region's pixels. */
  score: number;
}

/** Text regions of a probability map `prob` (row-major, width × height). */
export function dbRegions(prob: Float32Array, width: number, height: number, options: DbOptions = DEFAULT_DB_OPTIONS): TextRegion[] {
  if (prob.length !== width * height) throw new Error(`probability map has ${prob.length} values, expected ${width}×${height}`);
  const components = connectedComponents(prob, width, height, options.threshold);
  components.sort((a, b) => b.pixels - a.pixels);
  const regions: TextRegion[] = [];
  for (const c of components.slice(0, options.maxCandidates)) {
    if (c.pixels < 4) continue;
    const score = c.sum / c.pixels;
    if (score < options.boxThreshold) continue;
    const rect = minAreaRect(convexHull(c.outline));
    if (Math.min(rect.width, rect.height) < options.minSize) continue;
    const grown = unclip(rect, options.unclipRatio);
    if (Math.min(grown.width, grown.height) < options.minSize + 2) continue;
    regions.push({ rect: grown, score });
  }
  return regions;
}

interface Component {
  pixels: number;
  sum: number;
  /** Pixel corners of each row's leftmost and rightmost pixel: enough for the convex hull. */
  outline: Pt[];
}

/** 8-connected regions of pixels above `threshold` (cv2.findContours takes the outer contours of the same). */
export function connectedComponents(prob: Float32Array, width: number, height: number, threshold: number): Component[] {
  const n = width * height;
  const visited = new Uint8Array(n);
  const stack = new Int32Array(n);
  const components: Component[] = [];
  // Per-row extremes of the current component, indexed by row.
  const rowMin = new Int32Array(height);
  const rowMax = new Int32Array(height);
  for (let start = 0; start < n; start++) {
    if (visited[start] || !(prob[start]! > threshold)) continue;
    let top = 0;
    stack[top++] = start;
    visited[start] = 1;
    let pixels = 0;
    let sum = 0;
    let yMin = height;
    let yMax = -1;
    while (top > 0) {
      const i = stack[--top]!;
      const y = (i / width) | 0;
      const x = i - y * width;
      pixels++;
      sum += prob[i]!;
      if (y < yMin) {
        for (let r = y; r < (yMax < 0 ? y + 1 : yMin); r++) {
          rowMin[r] = width;
          rowMax[r] = -1;
        }
        yMin = y;
      }
      if (y > yMax) {
        for (let r = Math.max(yMax + 1, yMin); r <= y; r++) {
          rowMin[r] = width;
          rowMax[r] = -1;
        }
        yMax = y;
      }
      if (x < rowMin[y]!) rowMin[y] = x;
      if (x > rowMax[y]!) rowMax[y] = x;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (!visited[j] && prob[j]! > threshold) {
            visited[j] = 1;
            stack[top++] = j;
          }
        }
      }
    }
    const outline: Pt[] = [];
    for (let r = yMin; r <= yMax; r++) {
      if (rowMax[r]! < 0) continue;
      outline.push({ x: rowMin[r]!, y: r }, { x: rowMax[r]! + 1, y: r }, { x: rowMin[r]!, y: r + 1 }, { x: rowMax[r]! + 1, y: r + 1 });
    }
    components.push({ pixels, sum, outline });
  }
  return components;
}
