/**
 * Checks on a pasted or dropped image before it is stored: strict base64, the size limit, and the image type
 * read from the bytes themselves (the MIME type the webview claims is only a hint). Pure, no `vscode`.
 */
import { LIMITS, type PasteMime, base64Length } from '../../protocol/webviewMessages';

export type PastedImage = { ok: true; bytes: Buffer; mime: PasteMime; extension: string } | { ok: false; reason: 'too-large' | 'not-base64' | 'not-an-image' | 'empty' };

const EXTENSIONS: Record<PasteMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' };

/** The image type of the bytes, by their signature; undefined for anything else (SVG, HTML, …). */
export function sniffImageType(bytes: Uint8Array): PasteMime | undefined {
  const starts = (...signature: number[]): boolean => signature.every((b, i) => bytes[i] === b);
  const ascii = (offset: number, text: string): boolean => [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'BM') && bytes.length > 26) return 'image/bmp';
  return undefined;
}

/** Decodes the webview's base64 and checks it is an image of an accepted type within the size limit. */
export function decodePastedImage(base64: string, maxBytes: number = LIMITS.pasteBytes): PastedImage {
  if (base64.length > base64Length(maxBytes)) return { ok: false, reason: 'too-large' };
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { ok: false, reason: 'not-base64' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
  const mime = sniffImageType(bytes);
  if (!mime) return { ok: false, reason: 'not-an-image' };
  return { ok: true, bytes, mime, extension: EXTENSIONS[mime] };
}
