/**
 * From the model's normalized boxes and points to the overlay drawn over the image. The overlay is an SVG
 * laid exactly over the <img>, with a viewBox in the image's natural pixels, so it scales with the image and
 * only marker sizes (meant in screen pixels) depend on how large the image is displayed. Pure, no DOM.
 */
import type { Box, Point } from '../protocol/tasks';

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Used when an image reports no natural size (an SVG without width/height): a square viewBox. */
export const FALLBACK_SIZE: Size = { width: 1000, height: 1000 };

export function clampUnit(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** The overlay's coordinate space: the natural size when it is known, else the displayed aspect ratio. */
export function overlaySize(natural: Size, displayed: Size): Size {
  if (natural.width > 0 && natural.height > 0) return natural;
  if (displayed.width > 0 && displayed.height > 0) return { width: FALLBACK_SIZE.width, height: (FALLBACK_SIZE.width * displayed.height) / displayed.width };
  return FALLBACK_SIZE;
}

/** A normalized box in `size`'s pixels: clamped to the image, corners put in order. */
export function boxToRect(box: Box, size: Size): Rect {
  const x0 = clampUnit(Math.min(box.x_min, box.x_max));
  const x1 = clampUnit(Math.max(box.x_min, box.x_max));
  const y0 = clampUnit(Math.min(box.y_min, box.y_max));
  const y1 = clampUnit(Math.max(box.y_min, box.y_max));
  return { x: x0 * size.width, y: y0 * size.height, width: (x1 - x0) * size.width, height: (y1 - y0) * size.height };
}

export function pointToXY(point: Point, size: Size): { x: number; y: number } {
  return { x: clampUnit(point.x) * size.width, y: clampUnit(point.y) * size.height };
}

/**
 * How many overlay units make `px` screen pixels, for markers and labels that should look the same size
 * however large the image is shown. The overlay stretches with the image, so one axis is enough.
 */
export function unitsForPixels(px: number, overlay: Size, displayed: Size): number {
  if (!(displayed.width > 0) || !(overlay.width > 0)) return px;
  return (px * overlay.width) / displayed.width;
}

/** A box as whole percentages of the image, for the text list that screen readers read. */
export function boxPercentages(box: Box): { left: number; top: number; right: number; bottom: number } {
  const r = boxToRect(box, { width: 100, height: 100 });
  return { left: Math.round(r.x), top: Math.round(r.y), right: Math.round(r.x + r.width), bottom: Math.round(r.y + r.height) };
}

export function pointPercentages(point: Point): { x: number; y: number } {
  const p = pointToXY(point, { width: 100, height: 100 });
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/**
 * Where a box's number label goes: inside its top-left corner, or just above the box when the box is too
 * small to hold it, kept within the image.
 */
export function labelPosition(rect: Rect, labelHeight: number, overlay: Size): { x: number; y: number } {
  const inside = rect.height >= labelHeight * 1.5;
  const y = inside ? rect.y + labelHeight : rect.y - labelHeight * 0.25;
  return { x: Math.min(Math.max(rect.x, 0), Math.max(0, overlay.width - labelHeight)), y: Math.min(Math.max(y, labelHeight), overlay.height) };
}
