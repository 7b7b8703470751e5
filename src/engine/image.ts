/**
 * Image preprocessing with sharp: every byte that reaches the model passes through here, so this is where
 * untrusted image files are validated (size, pixel count, format) before anything else looks at them.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { ErrorCode, LunetteError } from '../protocol/errors';

export interface ImageLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest decoded width × height accepted (guards against decompression bombs). */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxPixels: 40_000_000,
};

export interface ModelImageSpec {
  size: number;
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  background: readonly [number, number, number];
}

/** Raw bytes of an image plus what identifies them. */
export interface ImageBytes {
  bytes: Buffer;
  /** sha256 of the bytes, hex: the cache key for everything derived from this image. */
  hash: string;
  /** Where the bytes came from, for messages. */
  label: string;
}

export interface ImageInfo {
  format: string;
  width: number;
  height: number;
}

export interface PreparedImage {
  info: ImageInfo;
  /** NCHW float32, normalized with the model's mean/std. */
  pixels: Float32Array;
  size: number;
}

export async function readImageFile(path: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageBytes> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    throw new LunetteError(ErrorCode.ImageNotFound, `Image not found: ${path}`, { cause: error });
  }
  if (stat.isDirectory()) throw new LunetteError(ErrorCode.ImageNotFound, `${path} is a directory, not an image file.`);
  if (!stat.isFile()) throw new LunetteError(ErrorCode.ImageNotFound, `${path} is not a regular file.`);
  if (stat.size === 0) throw new LunetteError(ErrorCode.ImageUnreadable, `${path} is empty (0 bytes).`);
  if (stat.size > limits.maxBytes) {
    throw new LunetteError(
      ErrorCode.ImageTooLarge,
      `${path} is ${formatBytes(stat.size)}; the limit is ${formatBytes(limits.maxBytes)}.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new LunetteError(ErrorCode.ImageNotFound, `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return imageFromBytes(bytes, path, limits);
}

export function imageFromBytes(bytes: Buffer, label: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ImageBytes {
  if (bytes.length === 0) throw new LunetteError(ErrorCode.ImageUnreadable, `${label} is empty (0 bytes).`);
  if (bytes.length > limits.maxBytes) {
    throw new LunetteError(ErrorCode.ImageTooLarge, `${label} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)}.`);
  }
  const safe = looksLikeSvg(bytes) ? stripExternalSvgReferences(bytes) : bytes;
  return { bytes: safe, hash: createHash('sha256').update(bytes).digest('hex'), label };
}

/** Decodes, orients, flattens, resizes and normalizes an image for the model. */
export async function prepareImage(
  image: ImageBytes,
  spec: ModelImageSpec,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<PreparedImage> {
  const info = await probeImage(image, limits);
  let rgb: Buffer;
  try {
    rgb = await openImage(image, limits)
      .rotate() // applies the EXIF orientation
      .flatten({ background: { r: spec.background[0], g: spec.background[1], b: spec.background[2] } })
      .resize(spec.size, spec.size, { fit: 'fill', kernel: 'linear' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
  } catch (error) {
    throw toImageError(error, image.label);
  }
  return { info, pixels: normalize(rgb, spec), size: spec.size };
}

export interface RgbImage {
  info: ImageInfo;
  width: number;
  height: number;
  /** Row-major RGB, 3 bytes a pixel, no padding. */
  data: Buffer;
}

/** Decodes, orients (EXIF) and flattens (onto white) an image at its own size, as raw RGB (for OCR). */
export async function decodeRgb(image: ImageBytes, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<RgbImage> {
  const info = await probeImage(image, limits);
  let decoded: { data: Buffer; info: { width: number; height: number; channels: number } };
  try {
    decoded = await openImage(image, limits).rotate().flatten({ background: { r: 255, g: 255, b: 255 } }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw toImageError(error, image.label);
  }
  const { data, info: out } = decoded;
  if (out.channels !== 3 || data.length !== out.width * out.height * 3) {
    throw new LunetteError(ErrorCode.Internal, `Unexpected decoded image layout (${out.width}×${out.height}×${out.channels}).`);
  }
  return { info, width: out.width, height: out.height, data };
}

/** A small PNG preview (longest side `maxSize`), for hovers: the original never leaves the host. */
export async function makeThumbnail(image: ImageBytes, maxSize: number, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<{ png: Buffer; info: ImageInfo }> {
  const info = await probeImage(image, limits);
  try {
    const png = await openImage(image, limits)
      .rotate()
      .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9, palette: true })
      .toBuffer();
    return { png, info };
  } catch (error) {
    throw toImageError(error, image.label);
  }
}

/** Reads the header only: format and (oriented) dimensions, with the same limits as decoding. */
export async function probeImage(image: ImageBytes, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    meta = await openImage(image, limits).metadata();
  } catch (error) {
    throw toImageError(error, image.label);
  }
  const { format, width, height } = meta;
  if (!format || !width || !height) {
    throw new LunetteError(ErrorCode.ImageUnreadable, `${image.label} is not an image Lunette can read.`);
  }
  if (width * height > limits.maxPixels) {
    throw new LunetteError(ErrorCode.ImageTooLarge, tooManyPixelsMessage(image.label, width, height, limits));
  }
  const swapped = (meta.orientation ?? 1) >= 5;
  return { format, width: swapped ? height : width, height: swapped ? width : height };
}

function openImage(image: ImageBytes, limits: ImageLimits): Sharp {
  // failOn 'error': a truncated or corrupt file is an error, not a half-grey picture.
  return sharp(image.bytes, { limitInputPixels: limits.maxPixels, failOn: 'error', pages: 1, unlimited: false });
}

function normalize(rgb: Buffer, spec: ModelImageSpec): Float32Array {
  const plane = spec.size * spec.size;
  if (rgb.length !== plane * 3) throw new LunetteError(ErrorCode.Internal, `Unexpected decoded size ${rgb.length}.`);
  const out = new Float32Array(plane * 3);
  for (let c = 0; c < 3; c++) {
    const scale = 1 / (255 * spec.std[c]!);
    const offset = spec.mean[c]! / spec.std[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = rgb[i * 3 + c]! * scale - offset;
  }
  return out;
}

function toImageError(error: unknown, label: string): LunetteError {
  if (error instanceof LunetteError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new LunetteError(ErrorCode.ImageTooLarge, `${label} has more pixels than the limit allows (a decompression-bomb guard).`, {
      cause: error,
    });
  }
  if (/unsupported image format/i.test(message)) {
    return new LunetteError(ErrorCode.ImageUnreadable, `${label} is not an image (unrecognized format).`, { cause: error });
  }
  return new LunetteError(ErrorCode.ImageUnreadable, `${label} could not be decoded; it may be corrupt or truncated (${message}).`, {
    cause: error,
  });
}

function tooManyPixelsMessage(label: string, width: number, height: number, limits: ImageLimits): string {
  return `${label} is ${width}×${height} pixels; the limit is ${(limits.maxPixels / 1e6).toFixed(0)} megapixels.`;
}

function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 1024).toString('utf8').trimStart();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')) || /^<!--[\s\S]*<svg/.test(head);
}

/**
 * librsvg does not fetch over the network, but it may read local files named by `href`; an SVG from a
 * workspace must not pull in anything beyond itself. Keeps `data:` URIs and same-document `#` references.
 */
export function stripExternalSvgReferences(bytes: Buffer): Buffer {
  const text = bytes.toString('utf8');
  const cleaned = text
    .replace(/((?:xlink:)?href\s*=\s*)(["'])(.*?)\2/gi, (match, attr: string, quote: string, value: string) =>
      isInternalReference(value) ? match : `${attr}${quote}${quote}`,
    )
    .replace(/url\(\s*(["']?)(.*?)\1\s*\)/gi, (match, _quote: string, value: string) => (isInternalReference(value) ? match : 'none'))
    .replace(/@import[^;]*;/gi, '')
    .replace(/<!ENTITY[^>]*>/gi, '');
  return Buffer.from(cleaned, 'utf8');
}

function isInternalReference(value: string): boolean {
  const v = value.trim();
  return v.startsWith('#') || v.toLowerCase().startsWith('data:');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
