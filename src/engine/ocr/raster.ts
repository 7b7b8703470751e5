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
export async function resizeRgbRegion(src: RgbImage, region: Region, width: number, height: number): Promise<Buffer> {
  const whole = region.left === 0 && region.top === 0 && region.width === src.width && region.height === src.height;
  if (whole && width === src.width && height === src.height) return src.data;
  let pipeline = sharp(src.data, { raw: { width: src.width, height: src.height, channels: 3 } });
  if (!whole) pipeline = pipeline.extract(region);
  return pipeline
    .resize(width, height, { fit: 'fill', kernel: width < region.width || height < region.height ? 'lanczos3' : 'linear' })
    .raw()
    .toBuffer();
}

/**
 * The part of a screenshot that is not plain background: rows and columns at the edges whose pixels all
 * match the background (the colour most corners share, within `tolerance` per channel) are cut off, less a
 * margin. Undefined when the whole image is background.
 */
export function contentRegion(src: RgbImage, tolerance = 12, margin = 12): (Region & { background: [number, number, number] }) | undefined {
  const { data, width, height } = src;
  const px = (x: number, y: number): number => (y * width + x) * 3;
  const cornerAt = [px(0, 0), px(width - 1, 0), px(0, height - 1), px(width - 1, height - 1)];
  const near = (i: number, j: number): boolean =>
    Math.abs(data[i]! - data[j]!) <= tolerance && Math.abs(data[i + 1]! - data[j + 1]!) <= tolerance && Math.abs(data[i + 2]! - data[j + 2]!) <= tolerance;
  let bg = cornerAt[0]!;
  let votes = 0;
  for (const c of cornerAt) {
    const n = cornerAt.filter((d) => near(c, d)).length;
    if (n > votes) {
      votes = n;
      bg = c;
    }
  }
  const rowPlain = (y: number, x0: number, x1: number): boolean => {
    for (let x = x0; x < x1; x++) if (!near(px(x, y), bg)) return false;
    return true;
  };
  const colPlain = (x: number, y0: number, y1: number): boolean => {
    for (let y = y0; y < y1; y++) if (!near(px(x, y), bg)) return false;
    return true;
  };
  let top = 0;
  while (top < height && rowPlain(top, 0, width)) top++;
  if (top === height) return undefined;
  let bottom = height;
  while (bottom > top && rowPlain(bottom - 1, 0, width)) bottom--;
  let left = 0;
  while (left < width && colPlain(left, top, bottom)) left++;
  let right = width;
  while (right > left && colPlain(right - 1, top, bottom)) right--;
  top = Math.max(0, top - margin);
  left = Math.max(0, left - margin);
  bottom = Math.min(height, bottom + margin);
  right = Math.min(width, right + margin);
  return { left, top, width: right - left, height: bottom - top, background: [data[bg]!, data[bg + 1]!, data[bg + 2]!] };
}
