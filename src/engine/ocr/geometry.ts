/** Plane geometry for text boxes: convex hull, minimum-area rectangle, unclip. Pixel units, y down. */

export interface Pt {
  x: number;
  y: number;
}

/**
 * A rectangle that may be rotated: its centre, its extent along its own axes, and the angle of its width axis
 * (radians, in (-π/4, π/4], so the width axis is the one nearest to horizontal).
 */
export interface RotatedRect {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in y-down coordinates, no repeated points. */
export function convexHull(points: readonly Pt[]): Pt[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length <= 2) return pts;
  const cross = (o: Pt, a: Pt, b: Pt): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Pt[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Pt[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/**
 * The minimum-area enclosing rectangle of a convex polygon (rotating calipers: one side of it lies on a hull
 * edge). An axis-aligned rectangle within `preferAxisAligned` (relative area) of the minimum wins, so text
 * that is level is not tilted by the ragged outline of its ascenders and descenders.
 */
export function minAreaRect(hull: readonly Pt[], preferAxisAligned = 0.04): RotatedRect {
  if (hull.length === 0) return { cx: 0, cy: 0, width: 0, height: 0, angle: 0 };
  const axis = rectAtAngle(hull, 0);
  let best = axis;
  let bestArea = axis.width * axis.height;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    if (a.x === b.x && a.y === b.y) continue;
    const r = rectAtAngle(hull, Math.atan2(b.y - a.y, b.x - a.x));
    const area = r.width * r.height;
    if (area < bestArea - 1e-9) {
      best = r;
      bestArea = area;
    }
  }
  if (axis.width * axis.height <= bestArea * (1 + preferAxisAligned)) return axis;
  return best;
}

/** The bounding rectangle of the points in a frame rotated by `theta`, normalized to an angle in (-π/4, π/4]. */
function rectAtAngle(points: readonly Pt[], theta: number): RotatedRect {
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const p of points) {
    const u = p.x * cos + p.y * sin;
    const v = -p.x * sin + p.y * cos;
    if (u < uMin) uMin = u;
    if (u > uMax) uMax = u;
    if (v < vMin) vMin = v;
    if (v > vMax) vMax = v;
  }
  const uc = (uMin + uMax) / 2;
  const vc = (vMin + vMax) / 2;
  return normalizeRect({ cx: uc * cos - vc * sin, cy: uc * sin + vc * cos, width: uMax - uMin, height: vMax - vMin, angle: theta });
}

/** The same rectangle described with its angle in (-π/4, π/4]. */
export function normalizeRect(r: RotatedRect): RotatedRect {
  let { width, height, angle } = r;
  const quarter = Math.PI / 2;
  // Bring the angle into (-π/2, π/2] (a rectangle is symmetric under half turns) …
  angle = angle - Math.PI * Math.round(angle / Math.PI);
  if (angle <= -quarter) angle += Math.PI;
  // … then into (-π/4, π/4] by a quarter turn, which swaps the sides.
  if (angle > Math.PI / 4) {
    angle -= quarter;
    [width, height] = [height, width];
  } else if (angle <= -Math.PI / 4) {
    angle += quarter;
    [width, height] = [height, width];
  }
  return { cx: r.cx, cy: r.cy, width, height, angle };
}

/**
 * DB's unclip: the shrunk text kernel is grown back by `distance = area × ratio / perimeter` on every side
 * (what pyclipper's offset followed by a minimum-area rectangle gives for a rectangle).
 */
export function unclip(r: RotatedRect, ratio: number): RotatedRect {
  const perimeter = 2 * (r.width + r.height);
  if (perimeter <= 0) return r;
  const d = (r.width * r.height * ratio) / perimeter;
  return { ...r, width: r.width + 2 * d, height: r.height + 2 * d };
}

/** Corners in order top-left, top-right, bottom-right, bottom-left (relative to the rectangle's own axes). */
export function corners(r: RotatedRect): [Pt, Pt, Pt, Pt] {
  const cos = Math.cos(r.angle);
  const sin = Math.sin(r.angle);
  const hw = r.width / 2;
  const hh = r.height / 2;
  const at = (u: number, v: number): Pt => ({ x: r.cx + u * cos - v * sin, y: r.cy + u * sin + v * cos });
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}
