/** Pixel work on raw RGB: the detector's input tensor and line crops warped straight into the recognizer's. */
import type { Pt } from './geometry';

/** PP-OCR's detector normalization (ImageNet mean/std), applied to B, G, R in that order as PaddleOCR does. */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/**
 * NCHW float32 in BGR channel order, normalized for the PP-OCR detector: the `width` × `height` RGB picture
 * at (`left`, `top`) of a `padWidth` × `padHeight` canvas of colour `fill`.
 */
export function detectorTensor(
  rgb: Buffer,
  width: number,
  height: number,
  padWidth = width,
  padHeight = height,
  fill: readonly [number, number, number] = [255, 255, 255],
  left = 0,
  top = 0,
): Float32Array {
  const plane = padWidth * padHeight;
  const out = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * DET_STD[c]!);
    const offset = DET_MEAN[c]! / DET_STD[c]!;
    const src = 2 - c; // BGR from RGB
    const base = c * plane;
    out.fill(fill[src]! * scale - offset, base, base + plane);
    for (let y = 0; y < height; y++) {
      const row = base + (y + top) * padWidth + left;
      const from = y * width * 3 + src;
      for (let x = 0; x < width; x++) out[row + x] = rgb[from + x * 3]! * scale - offset;
    }
  }
  return out;
}

/**
 * Samples the parallelogram spanned by `tl`→`tr` (the text's baseline direction) and `tl`→`bl` out of `rgb`
 * into an outH × outW window of `dst` (NCHW, BGR, normalized to [-1, 1] as PP-OCR's recognizer expects),
 * whose batch item starts at `offset` and whose rows are `stride` wide. Bilinear, edge pixels replicated;
 * when the crop shrinks by more than 1.5× it averages several samples per output pixel.
 */
export function warpCrop(
  rgb: Buffer,
  width: number,
  height: number,
  tl: Pt,
  tr: Pt,
  bl: Pt,
  dst: Float32Array,
  offset: number,
  outW: number,
  outH: number,
  stride: number,
  planeSize: number,
): void {
  const ux = (tr.x - tl.x) / outW;
  const uy = (tr.y - tl.y) / outW;
  const vx = (bl.x - tl.x) / outH;
  const vy = (bl.y - tl.y) / outH;
  const shrink = Math.max(Math.hypot(ux, uy), Math.hypot(vx, vy));
  const s = shrink > 1.5 ? Math.min(4, Math.ceil(shrink)) : 1;
  const weight = 1 / (s * s);
  const maxX = width - 1;
  const maxY = height - 1;
  for (let v = 0; v < outH; v++) {
    for (let u = 0; u < outW; u++) {
      let b = 0;
      let g = 0;
      let r = 0;
      for (let sv = 0; sv < s; sv++) {
        const fv = v + (sv + 0.5) / s;
        for (let su = 0; su < s; su++) {
          const fu = u + (su + 0.5) / s;
          // Pixel-centre coordinates of the sample.
          let x = tl.x + fu * ux + fv * vx - 0.5;
          let y = tl.y + fu * uy + fv * vy - 0.5;
          x = x < 0 ? 0 : x > maxX ? maxX : x;
          y = y < 0 ? 0 : y > maxY ? maxY : y;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const x1 = x0 < maxX ? x0 + 1 : x0;
          const y1 = y0 < maxY ? y0 + 1 : y0;
          const ax = x - x0;
          const ay = y - y0;
          const i00 = (y0 * width + x0) * 3;
          const i01 = (y0 * width + x1) * 3;
          const i10 = (y1 * width + x0) * 3;
          const i11 = (y1 * width + x1) * 3;
          const w00 = (1 - ax) * (1 - ay);
          const w01 = ax * (1 - ay);
          const w10 = (1 - ax) * ay;
          const w11 = ax * ay;
          r += rgb[i00]! * w00 + rgb[i01]! * w01 + rgb[i10]! * w10 + rgb[i11]! * w11;
          g += rgb[i00 + 1]! * w00 + rgb[i01 + 1]! * w01 + rgb[i10 + 1]! * w10 + rgb[i11 + 1]! * w11;
          b += rgb[i00 + 2]! * w00 + rgb[i01 + 2]! * w01 + rgb[i10 + 2]! * w10 + rgb[i11 + 2]! * w11;
        }
      }
      const at = offset + v * stride + u;
      // (x / 255 - 0.5) / 0.5
      dst[at] = (b * weight) / 127.5 - 1;
      dst[at + planeSize] = (g * weight) / 127.5 - 1;
      dst[at + 2 * planeSize] = (r * weight) / 127.5 - 1;
    }
  }
}
