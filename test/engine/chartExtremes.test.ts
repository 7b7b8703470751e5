import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { asksExtreme, chartBars, extremeLabel, sliceLabel } from '../../src/engine/chartExtremes';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_charts.py runs against the PyTorch reference too. The bundled model is checked end
// to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; extreme: 'most' | 'least' | null }[];
  pictures: (ShapePicture & { name: string; lines: string; questions: string[]; bars: number[][]; labels: (string | null)[] })[];
  pies: (ShapePicture & { name: string; lines: string; questions: string[]; labels: (string | null)[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'charts.json'), 'utf8')) as Fixture;

describe("a bar chart's highest and lowest bar, and a pie's largest and smallest slice, read from the pixels", () => {
  it('knows which questions ask for the highest or the lowest', () => {
    for (const c of FIXTURE.asks) assert.equal(asksExtreme(c.question) ?? null, c.extreme, c.question);
  });

  it("finds the label of a picture's highest and lowest bar", () => {
    for (const picture of FIXTURE.pictures) {
      const bars = chartBars(drawPicture(picture));
      assert.deepEqual(bars.map((b) => b.map((v) => Math.round(v * 1e4) / 1e4)), picture.bars, picture.name);
      const labels = picture.questions.map((q) => extremeLabel(bars, blockLines(picture.lines), asksExtreme(q)!) ?? null);
      assert.deepEqual(labels, picture.labels, picture.name);
    }
  });

  it("finds the label of a pie's largest and smallest slice, and none where no label lies in its direction", () => {
    for (const picture of FIXTURE.pies) {
      const image = drawPicture(picture);
      const labels = picture.questions.map((q) => sliceLabel(image, blockLines(picture.lines), asksExtreme(q)!) ?? null);
      assert.deepEqual(labels, picture.labels, picture.name);
    }
    assert.ok(FIXTURE.pies.some((p) => !p.labels.includes(null)) && FIXTURE.pies.some((p) => p.labels.every((l) => l === null)));
  });
});
