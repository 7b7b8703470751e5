import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { BoxSnapper, type SnapImage, SNAP_MAX_SIDE, iou, snapBox, snapImage } from '../../src/engine/boxSnapping';
import { imageFromBytes } from '../../src/engine/image';
import type { Box } from '../../src/protocol/tasks';
import { drawRects, type RectPicture, ROOT } from '../helpers';

// The cases training/tests/test_snap.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture extends RectPicture {
  cases: { name: string; boxes: number[][]; expected: number[][] }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'snap.json'), 'utf8')) as Fixture;

const drawFixture = (): SnapImage => drawRects(FIXTURE);

const toBox = ([x0, y0, x1, y1]: number[]): Box => ({ x_min: x0! / FIXTURE.width, y_min: y0! / FIXTURE.height, x_max: x1! / FIXTURE.width, y_max: y1! / FIXTURE.height });
const toPixels = (b: Box): number[] => [b.x_min * FIXTURE.width, b.y_min * FIXTURE.height, b.x_max * FIXTURE.width, b.y_max * FIXTURE.height].map((v) => Math.round(v * 1000) / 1000);

describe('box snapping', () => {
  const image = drawFixture();
  for (const c of FIXTURE.cases) {
    it(c.name, () => {
      const snapper = new BoxSnapper(image);
      const kept = c.boxes.map(toBox).map((b) => snapper.add(b)).filter((b): b is Box => b !== undefined);
      assert.deepEqual(kept.map(toPixels), c.expected);
    });
  }

  it('leaves a box alone where the picture is noise', () => {
    let seed = 7;
    const data = Uint8Array.from({ length: 64 * 64 * 3 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
    const box = { x_min: 0.25, y_min: 0.25, x_max: 0.75, y_max: 0.75 };
    assert.deepEqual(snapBox({ width: 64, height: 64, data }, box), box);
  });

  it('takes a box outside or at the edge of the picture without failing', () => {
    const image = drawFixture();
    for (const box of [{ x_min: 1, y_min: 1, x_max: 1, y_max: 1 }, { x_min: 0, y_min: 0, x_max: 0, y_max: 0 }, { x_min: 0, y_min: 0, x_max: 1, y_max: 1 }]) {
      const snapped = snapBox(image, box);
      for (const v of Object.values(snapped)) assert.ok(v >= 0 && v <= 1, `${JSON.stringify(snapped)} is inside 0..1`);
    }
  });

  it('looks at a large image scaled down, and snaps it in the same place', async () => {
    // the fixture drawn 4× larger, as a PNG through the engine's decoder
    const big = drawFixture();
    const png = await sharp(Buffer.from(big.data), { raw: { width: big.width, height: big.height, channels: 3 } })
      .resize(big.width * 4, big.height * 4, { kernel: 'nearest' }).png().toBuffer();
    const small = await snapImage(imageFromBytes(png, 'fixture.png'));
    assert.ok(Math.max(small.width, small.height) <= SNAP_MAX_SIDE);
    const button = FIXTURE.cases[0]!;
    const snapped = snapBox(small, toBox(button.boxes[0]!));
    assert.ok(iou(snapped, toBox(button.expected[0]!)) > 0.9, JSON.stringify(toPixels(snapped)));
  });
});
