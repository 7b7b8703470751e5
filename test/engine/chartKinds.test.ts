import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { asksChartKind, captionKind, chartKinds } from '../../src/engine/chartKinds';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_chart_kinds.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asks: boolean }[];
  pictures: (ShapePicture & { name: string; kinds: string[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'chart-kinds.json'), 'utf8')) as Fixture;

describe("a chart's kind read from the pixels", () => {
  it('knows which questions ask what kind of chart it is', () => {
    for (const c of FIXTURE.asks) assert.equal(asksChartKind(c.question), c.asks, c.question);
  });

  it('tells a pie, bars, a line and a scatter apart, and says nothing of what it cannot tell', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(chartKinds(drawPicture(picture)), picture.kinds, picture.name);
    const kinds = new Set(FIXTURE.pictures.map((p) => p.kinds.join()));
    for (const kind of ['A pie chart', 'A bar chart', 'A horizontal bar chart', 'A line chart', 'A scatter plot', '']) assert.ok(kinds.has(kind), kind);
  });

  it("starts the caption of a pie, a line or a scatter with its kind, and leaves bar charts' to the model", () => {
    for (const picture of FIXTURE.pictures) {
      const kind = picture.kinds[0];
      const expected = kind === 'A bar chart' || kind === 'A horizontal bar chart' ? undefined : kind;
      assert.equal(captionKind(drawPicture(picture)), expected, picture.name);
    }
  });
});
