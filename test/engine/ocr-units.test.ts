/** OCR building blocks without the models: geometry, DB post-processing, CTC, order, prompt block, metric. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charAccuracy, levenshtein } from '../../src/engine/ocr/accuracy';
import { detectorTensor } from '../../src/engine/ocr/crop';
import { CharDictionary, ctcGreedy } from '../../src/engine/ocr/ctc';
import { DEFAULT_DB_OPTIONS, dbRegions } from '../../src/engine/ocr/db';
import { convexHull, corners, minAreaRect, normalizeRect, unclip } from '../../src/engine/ocr/geometry';
import { type OcrLine, cleanOcrText, formatOcrLines, normalizeOcrText, readingOrder } from '../../src/engine/ocr/lines';
import { textRegions } from '../../src/engine/ocr/raster';

const box = (x_min: number, y_min: number, x_max: number, y_max: number) => ({ x_min, y_min, x_max, y_max });
const line = (text: string, b: ReturnType<typeof box>, confidence = 0.9): OcrLine => ({ text, box: b, confidence });

function close(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

describe('OCR geometry', () => {
  it('fits an axis-aligned rectangle to level text', () => {
    const pts = [
      { x: 10, y: 20 },
      { x: 110, y: 20 },
      { x: 110, y: 40 },
      { x: 10, y: 40 },
      { x: 50, y: 30 },
    ];
    const r = minAreaRect(convexHull(pts));
    close(r.angle, 0, 1e-9, 'angle');
    close(r.width, 100, 1e-9, 'width');
    close(r.height, 20, 1e-9, 'height');
    close(r.cx, 60, 1e-9, 'cx');
    close(r.cy, 30, 1e-9, 'cy');
  });

  it('finds the rotation of a tilted line and keeps its width axis the long, near-horizontal one', () => {
    const angle = (8 * Math.PI) / 180;
    const truth = { cx: 200, cy: 100, width: 160, height: 24, angle };
    const r = minAreaRect(convexHull(corners(truth)));
    close(r.angle, angle, 1e-6, 'angle');
    close(r.width, 160, 1e-6, 'width');
    close(r.height, 24, 1e-6, 'height');
    // The same rectangle described a quarter turn away comes back to the same description.
    const turned = normalizeRect({ ...truth, width: 24, height: 160, angle: angle + Math.PI / 2 });
    close(turned.angle, angle, 1e-9, 'normalized angle');
    close(turned.width, 160, 1e-9, 'normalized width');
  });

  it('unclips by area × ratio / perimeter on every side', () => {
    const r = unclip({ cx: 0, cy: 0, width: 100, height: 10, angle: 0 }, 1.5);
    const d = (100 * 10 * 1.5) / 220;
    close(r.width, 100 + 2 * d, 1e-9, 'width');
    close(r.height, 10 + 2 * d, 1e-9, 'height');
  });
});

describe('DB post-processing', () => {
  function map(width: number, height: number, blobs: { x0: number; y0: number; x1: number; y1: number; p: number }[]): Float32Array {
    const prob = new Float32Array(width * height);
    for (const b of blobs) for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) prob[y * width + x] = b.p;
    return prob;
  }

  it('turns each confident region into one grown box and drops specks and weak regions', () => {
    const prob = map(200, 100, [
      { x0: 20, y0: 10, x1: 120, y1: 18, p: 0.9 }, // a text line
      { x0: 30, y0: 50, x1: 90, y1: 60, p: 0.8 }, // another
      { x0: 150, y0: 80, x1: 152, y1: 82, p: 0.95 }, // a speck
      { x0: 140, y0: 30, x1: 190, y1: 40, p: 0.45 }, // above the pixel threshold, below the box threshold
    ]);
    const regions = dbRegions(prob, 200, 100);
    assert.equal(regions.length, 2);
    const [a, b] = [...regions].sort((r, s) => r.rect.cy - s.rect.cy);
    close(a!.rect.cx, 70, 1e-6, 'first centre x');
    close(a!.rect.cy, 14, 1e-6, 'first centre y');
    const d = (100 * 8 * DEFAULT_DB_OPTIONS.unclipRatio) / (2 * 108);
    close(a!.rect.width, 100 + 2 * d, 1e-6, 'first width');
    close(a!.rect.height, 8 + 2 * d, 1e-6, 'first height');
    close(a!.score, 0.9, 1e-6, 'first score');
    close(b!.rect.cy, 55, 1e-6, 'second centre y');
  });

  it('keeps diagonal neighbours together (8-connectivity) and separates regions a pixel apart', () => {
    const prob = new Float32Array(20 * 20);
    for (let i = 0; i < 10; i++) prob[(5 + i) * 20 + 5 + i] = 1; // a diagonal staircase
    const blobs = dbRegions(prob, 20, 20, { ...DEFAULT_DB_OPTIONS, minSize: 0 });
    assert.equal(blobs.length, 1);
    const two = map(40, 10, [
      { x0: 2, y0: 2, x1: 18, y1: 8, p: 0.9 },
      { x0: 19, y0: 2, x1: 38, y1: 8, p: 0.9 },
    ]);
    assert.equal(dbRegions(two, 40, 10).length, 2);
  });

  it('normalizes the detector input in BGR order and pads with the fill colour', () => {
    const rgb = Buffer.from([255, 0, 0]); // one red pixel
    const t = detectorTensor(rgb, 1, 1, 2, 1, [0, 0, 0]);
    close(t[0]!, (0 - 0.485) / 0.229, 1e-5, 'B of the pixel');
    close(t[4]!, (1 - 0.406) / 0.225, 1e-5, 'R of the pixel');
    close(t[1]!, (0 - 0.485) / 0.229, 1e-5, 'B of the padding');
  });
});

describe('CTC decoding', () => {
  const dict = CharDictionary.parse('a\nb\nc\n:\n');
  const classes = dict.size; // blank, a, b, c, :, space
  function probsOf(columns: (number | [number, number][])[]): Float32Array {
    const out = new Float32Array(columns.length * classes);
    columns.forEach((c, t) => {
      if (typeof c === 'number') out[t * classes + c] = 0.9;
      else for (const [k, p] of c) out[t * classes + k] = p;
    });
    return out;
  }

  it('parses the dictionary with the blank first and the space last', () => {
    assert.deepEqual(dict.classes, ['', 'a', 'b', 'c', ':', ' ']);
    assert.equal(CharDictionary.parse('x\r\ny').size, 4);
  });

  it('collapses repeats, drops blanks, keeps doubled letters split by a blank', () => {
    const probs = probsOf([1, 1, 0, 1, 2, 2, 5, 3, 0]);
    const d = ctcGreedy(probs, 0, 9, classes, dict);
    assert.equal(d.text, 'aab c');
    close(d.confidence, 0.9, 1e-6, 'confidence');
  });

  it('decodes one item of a batch by its offset', () => {
    const probs = probsOf([1, 0, 2, 3, 0, 3]);
    assert.equal(ctcGreedy(probs, 3 * classes, 3, classes, dict).text, 'cc');
  });

  it('inserts a space the model ranked second where the characters stand apart', () => {
    const blankWithSpace = (p: number): [number, number][] => [
      [0, 1 - p],
      [5, p],
    ];
    // a b c at pitch 2, then a gap of 5 columns with some space probability, then a b.
    const cols = [1, 0, 2, 0, 3, blankWithSpace(0.3), 0, 0, 0, 1, 0, 2];
    assert.equal(ctcGreedy(probsOf(cols), 0, cols.length, classes, dict, 0.2).text, 'abc ab');
    assert.equal(ctcGreedy(probsOf(cols), 0, cols.length, classes, dict, 1).text, 'abcab', 'threshold 1 turns it off');
    // The same space probability at the usual pitch (a dot in a monospace font) inserts nothing.
    const tight = [1, 0, 2, 0, 3, blankWithSpace(0.4), 4, 0, 1, 0, 2];
    assert.equal(ctcGreedy(probsOf(tight), 0, tight.length, classes, dict, 0.2).text, 'abc:ab');
  });
});

describe('OCR lines', () => {
  it('orders rows top to bottom and each row left to right', () => {
    const lines = [
      line('Save', box(0.8, 0.5, 0.9, 0.54)),
      line('Title', box(0.1, 0.1, 0.4, 0.16)),
      line('Cancel', box(0.6, 0.505, 0.7, 0.545)),
      line('Body', box(0.1, 0.3, 0.9, 0.34)),
      line('Left', box(0.1, 0.51, 0.2, 0.53)),
    ];
    assert.deepEqual(
      readingOrder(lines, (l) => l.box).map((l) => l.text),
      ['Title', 'Body', 'Left', 'Cancel', 'Save'],
    );
  });

  it('starts a new row when the centre leaves the first line of the row', () => {
    const lines = [line('a', box(0.5, 0.1, 0.6, 0.14)), line('b', box(0.1, 0.13, 0.2, 0.17))];
    assert.deepEqual(readingOrder(lines, (l) => l.box).map((l) => l.text), ['a', 'b']);
  });

  it('normalizes text as training does', () => {
    assert.equal(normalizeOcrText('Ｅｒｒｏｒ：  cannot，find “x”… → 好'), 'Error: cannot,find "x"... ->');
    assert.equal(normalizeOcrText('  café  '), 'café');
  });

  it('keeps Chinese lines in the result but drops stray non-Latin characters from Latin ones', () => {
    assert.equal(cleanOcrText('保存更改（S）'), '保存更改(S)');
    assert.equal(cleanOcrText('口 Save  changes'), 'Save changes');
    assert.equal(cleanOcrText('Ｅｒｒｏｒ： “x”'), 'Error: "x"');
    const block = formatOcrLines([line('保存更改', box(0, 0, 0.2, 0.05)), line('Save', box(0, 0.1, 0.2, 0.15))]);
    assert.equal(block, '0,10 Save', 'the prompt gets Latin text only, as in training');
  });

  it('formats the prompt block: corner in whole percent, at most 24 lines and 600 characters', () => {
    const lines = [line('File Edit', box(0.046, 0.031, 0.3, 0.06)), line('Error: x', box(0.999, 1, 1, 1))];
    assert.equal(formatOcrLines(lines), '4,3 File Edit\n99,99 Error: x');
    assert.equal(formatOcrLines([]), undefined);
    const many = Array.from({ length: 40 }, (_, i) => line(`line ${i}`, box(0, i / 40, 0.5, i / 40 + 0.02)));
    assert.equal(formatOcrLines(many)!.split('\n').length, 24);
    const long = Array.from({ length: 10 }, (_, i) => line('x'.repeat(100), box(0, i / 10, 1, i / 10 + 0.05)));
    const block = formatOcrLines(long)!;
    assert.ok(block.length <= 600, `${block.length} characters`);
    assert.equal(block.split('\n').length, 5, 'cut at a line boundary');
  });
});

describe('OCR accuracy metric', () => {
  it('computes the Levenshtein distance', () => {
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(levenshtein('same', 'same'), 0);
  });

  it('scores 1 − CER and tolerates lines merged on a row or ordered differently in another column', () => {
    const truth = [line('Don\'t Save', box(0.5, 0.5, 0.6, 0.54)), line('Cancel', box(0.65, 0.5, 0.72, 0.54))];
    assert.equal(charAccuracy(truth, [line("Don't Save Cancel", box(0.49, 0.49, 0.73, 0.55))]), 1);
    assert.equal(charAccuracy(truth, [line("Don't Save", box(0.49, 0.49, 0.61, 0.55))]), 1 - 7 / 17);
    const columns = [line('Side', box(0.02, 0.1, 0.1, 0.13)), line('Main', box(0.3, 0.09, 0.5, 0.125))];
    const ocr = [line('Main', box(0.29, 0.085, 0.51, 0.13)), line('Side', box(0.01, 0.095, 0.11, 0.135))];
    assert.equal(charAccuracy(columns, ocr), 1);
    assert.equal(charAccuracy([], []), 1);
  });
});

describe('text regions', () => {
  const width = 320;
  const height = 240;
  const info = { format: 'raw', width, height };
  const flat = (): Buffer => Buffer.alloc(width * height * 3, 30);
  /** A text-like patch: pixels that vary along rows and along columns. */
  const speckle = (data: Buffer, x0: number, y0: number, w: number, h: number): void => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if ((x + y) % 3 === 0) data.fill(220, (y * width + x) * 3, (y * width + x) * 3 + 3);
  };

  it('finds nothing in a flat image or one crossed only by straight lines (grid lines, borders)', () => {
    assert.deepEqual(textRegions({ info, width, height, data: flat() }), []);
    const lines = flat();
    for (let x = 0; x < width; x++) lines.fill(200, (100 * width + x) * 3, (100 * width + x) * 3 + 3);
    for (let y = 112; y < height; y++) lines.fill(200, (y * width + 50) * 3, (y * width + 50) * 3 + 3);
    assert.deepEqual(textRegions({ info, width, height, data: lines }), []);
  });

  it('keeps separate text blocks apart, each with a flat tile of margin and the background colour', () => {
    const data = flat();
    speckle(data, 20, 20, 40, 10);
    speckle(data, 250, 200, 30, 12);
    const regions = textRegions({ info, width, height, data });
    assert.deepEqual(regions, [
      { left: 0, top: 0, width: 80, height: 48, background: [30, 30, 30] },
      { left: 224, top: 176, width: 80, height: 64, background: [30, 30, 30] },
    ]);
  });

  it('returns one bounding box when separate regions would not save much', () => {
    const data = flat();
    speckle(data, 20, 20, 120, 90);
    speckle(data, 180, 20, 120, 90);
    const regions = textRegions({ info, width, height, data });
    assert.equal(regions.length, 1);
    assert.deepEqual(regions[0], { left: 0, top: 0, width: 320, height: 128, background: [30, 30, 30] });
  });
});
