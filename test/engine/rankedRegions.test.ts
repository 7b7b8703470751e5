import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { snapImage } from '../../src/engine/boxSnapping';
import { Engine } from '../../src/engine/engine';
import { imageFromBytes } from '../../src/engine/image';
import { regionProposals } from '../../src/engine/regionProposals';
import type { Box, DetectResult, Point, PointResult } from '../../src/protocol/tasks';
import { copyTestPack, drawRects, type RectPicture, ROOT } from '../helpers';

// The cases training/tests/test_ranked.py computes with the PyTorch reference (Generator.locate_ranked) on the
// test pack's weights: the engine must choose the same regions and give the same boxes and points, and where the
// object names a drawn thing (locatedThings.ts), give every region that is it in the same order.
interface Fixture extends RectPicture {
  proposals: number[][];
  cases: { task: 'detect' | 'point'; object: string; objects?: Box[]; points?: Point[] }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'ranked.json'), 'utf8')) as Fixture;

describe('regions ranked by the model', () => {
  let engine: Engine;
  let png: Buffer;

  before(async () => {
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { generation: Record<string, unknown> };
    manifest.generation['region_proposals'] = 'pixels';
    manifest.generation['snap_boxes'] = 'pixels';
    manifest.generation['thing_regions'] = 'pixels';
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    engine = await Engine.open(dir, { threads: 1 });
    const picture = drawRects(FIXTURE);
    png = await sharp(Buffer.from(picture.data), { raw: { width: picture.width, height: picture.height, channels: 3 } }).png().toBuffer();
  });
  after(async () => engine.dispose());

  it('sees the same regions as the PyTorch side', async () => {
    const got = regionProposals(await snapImage(imageFromBytes(png, 'rects.png')));
    assert.deepEqual(got.map((b) => [b.x_min, b.y_min, b.x_max, b.y_max]), FIXTURE.proposals);
  });

  for (const c of FIXTURE.cases) {
    it(`${c.task} "${c.object}" gives what PyTorch gives, and streams it`, async () => {
      const streamed: (Box | Point)[] = [];
      const result = await engine.run(imageFromBytes(png, 'rects.png'), c.task === 'detect' ? { task: 'detect', object: c.object } : { task: 'point', object: c.object }, {
        onPartial: (p) => (p.kind === 'box' ? streamed.push(p.box) : p.kind === 'point' ? streamed.push(p.point) : undefined),
      });
      const got: (Box | Point)[] = c.task === 'detect' ? (result as DetectResult).objects : (result as PointResult).points;
      const want: (Box | Point)[] = c.task === 'detect' ? c.objects! : c.points!;
      assert.equal(got.length, want.length, JSON.stringify(got));
      got.forEach((g, i) => {
        for (const [k, v] of Object.entries(want[i]!)) assert.ok(Math.abs((g as unknown as Record<string, number>)[k]! - v) < 1e-6, `${k}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
      });
      assert.deepEqual(streamed, got);
    });
  }
});
