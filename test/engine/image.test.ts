import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { ErrorCode } from '../../src/protocol/errors';
import { imageFromBytes, prepareImage, readImageFile, stripExternalSvgReferences } from '../../src/engine/image';
import { badImageFixtures, quadrantImage, tempDir, expectError } from '../helpers';

const spec = { size: 8, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], background: [255, 255, 255] } as const;

/** RGB in 0..255 of pixel (x, y) from normalized NCHW data. */
function rgbAt(pixels: Float32Array, size: number, x: number, y: number): number[] {
  const plane = size * size;
  return [0, 1, 2].map((c) => Math.round((pixels[c * plane + y * size + x]! * 0.5 + 0.5) * 255));
}

function assertClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= tolerance, `${what}: got ${actual}, expected ${expected}`));
}

describe('image preprocessing', () => {
  for (const format of ['png', 'jpeg', 'webp', 'gif', 'avif', 'tiff'] as const) {
    it(`reads ${format}, resizes to the model size and normalizes`, async () => {
      const bytes = await quadrantImage(64, 48, format);
      const prepared = await prepareImage(imageFromBytes(bytes, `x.${format}`), spec);
      assert.equal(prepared.pixels.length, 3 * 8 * 8);
      assert.deepEqual(prepared.info, { format: format === 'jpeg' ? 'jpeg' : format === 'avif' ? 'heif' : format, width: 64, height: 48 });
      const tolerance = format === 'jpeg' || format === 'avif' || format === 'webp' || format === 'gif' ? 40 : 2;
      assertClose(rgbAt(prepared.pixels, 8, 1, 1), [255, 0, 0], tolerance, 'top-left is red');
      assertClose(rgbAt(prepared.pixels, 8, 6, 1), [0, 0, 255], tolerance, 'top-right is blue');
      assertClose(rgbAt(prepared.pixels, 8, 6, 6), [250, 220, 0], tolerance, 'bottom-right is yellow');
      for (const v of prepared.pixels) assert.ok(v >= -1.0001 && v <= 1.0001);
    });
  }

  it('applies the EXIF orientation', async () => {
    // Orientation 6: the stored pixels must be turned 90° clockwise to be shown upright.
    const stored = await quadrantImage(64, 48);
    const withExif = await sharp(stored).withMetadata({ orientation: 6 }).png().toBuffer();
    const prepared = await prepareImage(imageFromBytes(withExif, 'rotated.png'), spec);
    assert.deepEqual([prepared.info.width, prepared.info.height], [48, 64]);
    // After a clockwise turn, the stored bottom-left (green) is at the top-left.
    assertClose(rgbAt(prepared.pixels, 8, 1, 1), [0, 160, 0], 2, 'top-left after rotation');
    assertClose(rgbAt(prepared.pixels, 8, 6, 1), [255, 0, 0], 2, 'top-right after rotation');
  });

  it('flattens transparency onto white', async () => {
    const transparent = await sharp({ create: { width: 16, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const prepared = await prepareImage(imageFromBytes(transparent, 'clear.png'), spec);
    assertClose(rgbAt(prepared.pixels, 8, 4, 4), [255, 255, 255], 1, 'transparent becomes white');
    const half = await sharp({ create: { width: 16, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer();
    const blended = await prepareImage(imageFromBytes(half, 'half.png'), spec);
    assertClose(rgbAt(blended.pixels, 8, 4, 4), [128, 128, 128], 2, 'half-transparent black becomes grey');
  });

  it('rasterizes SVG and never loads external references', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">' +
        '<style>@import url("http://example.invalid/a.css");</style>' +
        '<image xlink:href="http://example.invalid/x.png" width="40" height="40"/>' +
        '<image href="file:///etc/passwd" width="40" height="40"/>' +
        '<rect width="40" height="40" fill="url(#g)"/><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>' +
        '</svg>',
    );
    const cleaned = stripExternalSvgReferences(svg).toString();
    assert.doesNotMatch(cleaned, /example\.invalid|file:\/\//);
    assert.match(cleaned, /url\(#g\)/, 'same-document references stay');
    const started = Date.now();
    const prepared = await prepareImage(imageFromBytes(svg, 'pic.svg'), spec);
    assert.ok(Date.now() - started < 5000);
    assert.equal(prepared.info.format, 'svg');
    assertClose(rgbAt(prepared.pixels, 8, 4, 4), [255, 0, 0], 2, 'the gradient fill');
  });

  it('gives the same content hash for the same bytes', async () => {
    const bytes = await quadrantImage(20, 20);
    assert.equal(imageFromBytes(bytes, 'a').hash, imageFromBytes(Buffer.from(bytes), 'b').hash);
    assert.notEqual(imageFromBytes(bytes, 'a').hash, imageFromBytes(await quadrantImage(22, 20), 'c').hash);
  });

  it('rejects bad files with clear errors', async () => {
    const files = await badImageFixtures(tempDir());
    await expectError(readImageFile(files.missing!), ErrorCode.ImageNotFound, /not found/);
    await expectError(readImageFile(files.directory!), ErrorCode.ImageNotFound, /is a directory/);
    await expectError(readImageFile(files.empty!), ErrorCode.ImageUnreadable, /empty/);
    await expectError(readImageFile(files.text!).then((b) => prepareImage(b, spec)), ErrorCode.ImageUnreadable, /not an image/);
    await expectError(readImageFile(files.truncated!).then((b) => prepareImage(b, spec)), ErrorCode.ImageUnreadable, /corrupt or truncated/);
    await expectError(readImageFile(files.bomb!).then((b) => prepareImage(b, spec)), ErrorCode.ImageTooLarge, /pixel/);
  });

  it('enforces the byte limit before reading', async () => {
    const dir = tempDir();
    const files = await badImageFixtures(dir);
    await expectError(readImageFile(files.truncated!, { maxBytes: 10, maxPixels: 1e6 }), ErrorCode.ImageTooLarge, /limit/);
  });
});
