import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { regionProposals } from '../../src/engine/regionProposals';
import { drawRects, type RectPicture, ROOT } from '../helpers';

// The cases training/tests/test_proposals.py runs against the PyTorch side's lunette/proposals.py too.
interface Fixture extends RectPicture {
  expected: number[][];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'proposals.json'), 'utf8')) as Fixture;

describe('region proposals', () => {
  it('finds the faces of a panel, a button and its label, each stripe of an icon and the icon whole; not a dot, not a shade too faint to see', () => {
    const got = regionProposals(drawRects(FIXTURE)).map((b) =>
      [b.x_min * FIXTURE.width, b.y_min * FIXTURE.height, b.x_max * FIXTURE.width, b.y_max * FIXTURE.height].map((v) => Math.round(v * 1000) / 1000));
    assert.deepEqual(got, FIXTURE.expected);
  });

  it('finds nothing in noise', () => {
    let seed = 11;
    // the high bits of a linear congruential generator: its low bits repeat with a short period
    const data = Uint8Array.from({ length: 64 * 48 * 3 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 16) & 255);
    assert.deepEqual(regionProposals({ width: 64, height: 48, data }), []);
  });

  it('finds nothing in a blank picture, and takes a one-pixel picture', () => {
    assert.deepEqual(regionProposals(drawRects({ width: 40, height: 30, background: [20, 20, 20], rects: [] })), []);
    assert.deepEqual(regionProposals({ width: 1, height: 1, data: Uint8Array.of(1, 2, 3) }), []);
  });
});
