/**
 * Which shapes an image shows (manifest `generation.shapes: "pixels"`; heldBackWords.ts holds the rule).
 *
 * The model names shapes poorly from its image tokens: it captioned a blue square "a blue circle" and three
 * triangles "two orange circles and a green heart". Yet a drawn shape's outline is plain in the pixels. Each region
 * of the image (regionProposals.ts, repeats kept, so an outlined shape's inside counts beside its outline) is
 * measured by its fill, the share of its box it covers, and its aspect, width over height. A drawn shape fills its
 * box by a known share: a rectangle 1, an ellipse π/4 ≈ 0.79, a regular hexagon 0.75, a pentagon 0.69, a heart
 * 0.65, the generator's cross 0.59, a triangle or diamond 0.5, a ring 0.45, a five-pointed star 0.38. Each name is
 * allowed over a band around its share (what the generator's drawings measure, a little widened: anti-aliasing,
 * rounding and small sizes move it); circle and square also
 * need a box near square, oval and rectangle one that is not, a triangle a lopsided region (its centroid off the
 * box's centre), a diamond or cross a centred one. The bands overlap, so a region between two shapes allows both.
 *
 * training/lunette/shapes.py is the PyTorch reference, step for step; test/fixtures/shapes.json holds cases both
 * sides must pass.
 */
import type { SnapImage } from './boxSnapping';
import { type Region, imageRegions } from './regionProposals';

export const SHAPES = ['circle', 'oval', 'square', 'rectangle', 'triangle', 'diamond', 'pentagon', 'hexagon', 'star', 'heart', 'cross', 'ring'] as const;
export type ShapeName = (typeof SHAPES)[number];

/** name → [lowest fill, highest fill), the share of its box a region covers. */
const FILL_BANDS: Record<ShapeName, readonly [number, number]> = {
  square: [0.86, 1.01], rectangle: [0.86, 1.01],
  circle: [0.74, 0.86], oval: [0.74, 0.86], hexagon: [0.64, 0.8],
  pentagon: [0.64, 0.74], heart: [0.58, 0.72], cross: [0.44, 0.66],
  diamond: [0.44, 0.58], triangle: [0.36, 0.56], ring: [0.36, 0.5], star: [0.3, 0.46],
};
/** circle and square: width / height within this. */
const ROUND_ASPECT = [0.8, 1.25] as const;
/** oval and rectangle: width / height outside this. */
const LONG_ASPECT = [0.9, 1.1] as const;
const ROUND: readonly ShapeName[] = ['circle', 'square'];
const LONG: readonly ShapeName[] = ['oval', 'rectangle'];
/**
 * How far a region's centroid is from its box's centre, as a share of the box's side (the larger of x and y): a
 * triangle's is at least 0.074 however it is turned (0.167 point up), a diamond's or a cross's 0.
 */
const LOPSIDED = 0.07;
const LOPSIDED_ONLY: readonly ShapeName[] = ['triangle'];
const CENTRED_ONLY: readonly ShapeName[] = ['diamond', 'cross'];

/**
 * The shape names a region of `pixels` pixels in a `width` × `height` box could be, in SHAPES' order; `offset`: its
 * centroid's distance from the box's centre (`centroidOffset`).
 */
export function regionShapes(pixels: number, width: number, height: number, offset: number): ShapeName[] {
  const fill = pixels / (width * height);
  const aspect = width / height;
  return SHAPES.filter((name) => {
    const [low, high] = FILL_BANDS[name];
    if (fill < low || fill >= high) return false;
    if (ROUND.includes(name) && (aspect < ROUND_ASPECT[0] || aspect > ROUND_ASPECT[1])) return false;
    if (LONG.includes(name) && aspect >= LONG_ASPECT[0] && aspect <= LONG_ASPECT[1]) return false;
    if ((LOPSIDED_ONLY.includes(name) && offset < LOPSIDED) || (CENTRED_ONLY.includes(name) && offset >= LOPSIDED)) return false;
    return true;
  });
}

/** max over x and y of |centroid − box centre| / box side, pixel centres at +0.5. */
export function centroidOffset(r: Region): number {
  return Math.max(
    Math.abs(r.sumX / r.pixels + 0.5 - (r.minX + r.maxX) / 2) / (r.maxX - r.minX),
    Math.abs(r.sumY / r.pixels + 0.5 - (r.minY + r.maxY) / 2) / (r.maxY - r.minY),
  );
}

/** The shape names some region of the image could be, in SHAPES' order. */
export function imageShapes(image: SnapImage): ShapeName[] {
  const shown = new Set<ShapeName>();
  for (const r of imageRegions(image, false)) for (const name of regionShapes(r.pixels, r.maxX - r.minX, r.maxY - r.minY, centroidOffset(r))) shown.add(name);
  return SHAPES.filter((name) => shown.has(name));
}
