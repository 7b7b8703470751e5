import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePastedImage, sniffImageType } from '../../src/extension/panel/imageBytes';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('pasted image checks', () => {
  it('tells image types by their bytes', () => {
    assert.equal(sniffImageType(PNG), 'image/png');
    assert.equal(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffImageType(bytes('GIF89a....')), 'image/gif');
    assert.equal(sniffImageType(bytes('RIFF\x00\x00\x00\x00WEBPVP8 ')), 'image/webp');
    assert.equal(sniffImageType(Buffer.concat([bytes('BM'), Buffer.alloc(40)])), 'image/bmp');
    assert.equal(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(sniffImageType(bytes('<html>')), undefined);
    assert.equal(sniffImageType(bytes('BM')), undefined);
    assert.equal(sniffImageType(new Uint8Array()), undefined);
  });

  it('accepts an image within the limit', () => {
    const result = decodePastedImage(PNG.toString('base64'));
    assert.ok(result.ok);
    assert.equal(result.mime, 'image/png');
    assert.equal(result.extension, 'png');
    assert.deepEqual(result.bytes, PNG);
  });

  it('refuses what is not an image, not base64, empty or too large', () => {
    assert.deepEqual(decodePastedImage(bytes('<svg/>').toString('base64')), { ok: false, reason: 'not-an-image' });
    assert.deepEqual(decodePastedImage('%%%%'), { ok: false, reason: 'not-base64' });
    assert.deepEqual(decodePastedImage('abc'), { ok: false, reason: 'not-base64' });
    assert.deepEqual(decodePastedImage(''), { ok: false, reason: 'empty' });
    const big = Buffer.concat([PNG, Buffer.alloc(100)]);
    assert.deepEqual(decodePastedImage(big.toString('base64'), 100), { ok: false, reason: 'too-large' });
    assert.ok(decodePastedImage(big.toString('base64'), 200).ok);
  });
});
