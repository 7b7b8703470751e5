import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { asksButtonLabel, buttonBoxes, linesOnButtons } from '../../src/engine/buttonLabels';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_buttons.py runs against the PyTorch reference too. The bundled model is checked end
// to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asks: boolean }[];
  blocks: { block: string; lines: [number, number, string][] }[];
  pictures: (ShapePicture & { name: string; lines: string; boxes: number[][]; labels: string[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'buttons.json'), 'utf8')) as Fixture;

describe("a button's label read from the pixels", () => {
  it('knows which questions ask what a button says', () => {
    for (const c of FIXTURE.asks) assert.equal(asksButtonLabel(c.question), c.asks, c.question);
  });

  it("reads an OCR block's lines and their corners", () => {
    for (const c of FIXTURE.blocks) assert.deepEqual(blockLines(c.block).map(({ x, y, text }) => [x, y, text]), c.lines);
  });

  it("finds a picture's buttons and the lines on them", () => {
    for (const picture of FIXTURE.pictures) {
      const boxes = buttonBoxes(drawPicture(picture));
      assert.deepEqual(boxes.map((b) => b.map((v) => Math.round(v * 1e4) / 1e4)), picture.boxes, picture.name);
      assert.deepEqual(linesOnButtons(blockLines(picture.lines), boxes), picture.labels, picture.name);
    }
  });
});
