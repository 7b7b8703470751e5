/**
 * The in-memory rewrites of the PP-OCRv4 graphs (src/engine/ocr/graphFusion.ts): they find the patterns in
 * the shipped models, and the rewritten graphs compute the same outputs as the originals on real pixels.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import sharp, { type Region } from 'sharp';
import { fuseOcrGraph } from '../../src/engine/ocr/graphFusion';
import { OCR_MODEL_FILES, defaultOcrModelDir } from '../../src/engine/ocr/models';
import { floats, openSession } from '../../src/engine/onnx';
import { ROOT } from '../helpers';

const MODELS = defaultOcrModelDir(__dirname);
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'ocr');

/** NCHW floats in [-1, 1] of a region of a fixture screenshot, resized to width × height. */
async function pixels(image: string, region: Region, width: number, height: number): Promise<ort.Tensor> {
  const { data } = await sharp(path.join(FIXTURES, image)).extract(region).resize(width, height, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = new Float32Array(3 * width * height);
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) out[c * width * height + i] = data[i * 3 + c]! / 127.5 - 1;
  return new ort.Tensor('float32', out, [1, 3, height, width]);
}

async function maxDifference(file: string, input: ort.Tensor): Promise<{ diff: number; peak: number }> {
  const original = await openSession(file, { threads: 2 });
  const fused = await openSession(file, { threads: 2 }, fuseOcrGraph(readFileSync(file)).bytes);
  try {
    const a = floats((await original.run({ x: input }))[original.outputNames[0]!]!);
    const b = floats((await fused.run({ x: input }))[fused.outputNames[0]!]!);
    assert.equal(a.length, b.length);
    let diff = 0;
    let peak = 0;
    for (let i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
      peak = Math.max(peak, a[i]!);
    }
    return { diff, peak };
  } finally {
    await Promise.all([original.release(), fused.release()]);
  }
}

describe('OCR graph fusion', () => {
  it('folds every affine block and rewrites every hard-swish in the shipped PP-OCRv4 graphs', () => {
    const detector = fuseOcrGraph(readFileSync(path.join(MODELS, OCR_MODEL_FILES.detection)));
    const recognizer = fuseOcrGraph(readFileSync(path.join(MODELS, OCR_MODEL_FILES.recognition)));
    // Counted in the graphs: 28 Conv → Mul → Add chains in each, 24 and 28 hard-swish chains, and 10 and 12
    // activation → Mul → Add chains read only by unpadded (1×1) convolutions.
    assert.deepEqual([detector.convAffine, detector.hardSwish, detector.affineIntoNext], [28, 24, 10]);
    assert.deepEqual([recognizer.convAffine, recognizer.hardSwish, recognizer.affineIntoNext], [28, 28, 12]);
    assert.ok(detector.bytes.length < readFileSync(path.join(MODELS, OCR_MODEL_FILES.detection)).length, 'the folded weights replace the originals');
  });

  it('the rewritten recognizer gives the same class probabilities on a real line of text', async () => {
    // "Delete 3 files?"-style title line of the light dialog, at the recognizer's height of 48.
    const { diff, peak } = await maxDifference(path.join(MODELS, OCR_MODEL_FILES.recognition), await pixels('dialog-light.png', { left: 0, top: 0, width: 400, height: 60 }, 320, 48));
    assert.ok(peak > 0.5, 'the crop gives confident characters');
    assert.ok(diff < 1e-4, `largest probability difference ${diff}`);
  });

  it('the rewritten detector gives the same probability map on a real screenshot', async () => {
    const { diff, peak } = await maxDifference(path.join(MODELS, OCR_MODEL_FILES.detection), await pixels('settings-small.png', { left: 0, top: 0, width: 640, height: 480 }, 640, 480));
    assert.ok(peak > 0.5, 'the screenshot has text');
    assert.ok(diff < 1e-4, `largest probability difference ${diff}`);
  });

  it('leaves a graph without these patterns as it is', () => {
    const bytes = readFileSync(path.join(ROOT, 'models', 'test-tiny', 'vision.onnx'));
    const result = fuseOcrGraph(bytes);
    assert.deepEqual([result.convAffine, result.hardSwish, result.affineIntoNext], [0, 0, 0]);
    assert.equal(result.bytes, bytes);
  });

  it('throws on bytes that are not an ONNX model (the loader then hands ONNX Runtime the file as it is)', () => {
    assert.throws(() => fuseOcrGraph(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f])));
  });
});
