import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CountedThing } from '../../src/engine/imageCounts';
import { locatedThing, thingBoxes } from '../../src/engine/locatedThings';
import type { Box } from '../../src/protocol/tasks';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_located_things.py runs against the PyTorch reference too. The engine's use of them
// (every region given, in the model's order) is checked in rankedRegions.test.ts, the bundled model in the CLI tests.
interface Fixture {
  located: { object: string; thing: CountedThing | null; colour: string | null }[];
  pictures: (ShapePicture & { name: string; objects: string[]; boxes: number[][][] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'located-things.json'), 'utf8')) as Fixture;

const corners = (b: Box): number[] => [b.x_min, b.y_min, b.x_max, b.y_max];

describe('drawn things located from the pixels', () => {
  it('knows which objects name a drawn thing', () => {
    for (const c of FIXTURE.located) {
      const got = locatedThing(c.object);
      assert.deepEqual([got?.thing ?? null, got?.colour ?? null], [c.thing, c.colour], c.object);
    }
  });

  it("gives every region that is the thing, and nothing where there is none", () => {
    for (const picture of FIXTURE.pictures) {
      const image = drawPicture(picture);
      assert.deepEqual(picture.objects.map((o) => thingBoxes(image, locatedThing(o)!).map(corners)), picture.boxes, picture.name);
    }
    // not vacuous: some pictures hold several of a thing, and some object none
    const counts = FIXTURE.pictures.flatMap((p) => p.boxes.map((b) => b.length));
    assert.ok(counts.some((n) => n >= 3) && counts.includes(0));
  });
});
