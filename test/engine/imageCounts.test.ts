import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ShapeName } from '../../src/engine/imageShapes';
import { type CountQuestion, countedNames, countedThing, numbersHeldBack, thingCount } from '../../src/engine/imageCounts';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_counts.py runs against the PyTorch reference too. The bundled model is checked end
// to end in test/cli/cli.test.ts.
interface Fixture {
  questions: { question: string; counted: CountQuestion | null }[];
  regions: { name: string; pixels: number; width: number; height: number; offset: number; counted: ShapeName[] }[];
  pictures: (ShapePicture & { name: string; questions: string[]; counts: number[] })[];
  numbers: { count: number; held_back: string[] }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'counts.json'), 'utf8')) as Fixture;

describe('how many of a drawn thing an image shows', () => {
  it('knows which questions count a thing, and of which colour', () => {
    for (const c of FIXTURE.questions) assert.deepEqual(countedThing(c.question) ?? null, c.counted, c.question);
  });

  it('counts a region as the shapes its fill, aspect and elongation allow', () => {
    for (const c of FIXTURE.regions) assert.deepEqual(countedNames(c.pixels, c.width, c.height, c.offset), c.counted, c.name);
  });

  it('counts the things drawn in a picture, once each, by colour when asked', () => {
    for (const picture of FIXTURE.pictures) {
      const image = drawPicture(picture);
      const counts = picture.questions.map((q) => thingCount(image, countedThing(q)!));
      assert.deepEqual(counts, picture.counts, picture.name);
    }
  });

  it('holds back every number but the count, and none for a count of 0 or past 20', () => {
    for (const c of FIXTURE.numbers) assert.deepEqual(numbersHeldBack(c.count), c.held_back, String(c.count));
    assert.equal(numbersHeldBack(3).includes('3'), false);
    assert.equal(numbersHeldBack(3).includes('three'), false);
    assert.equal(numbersHeldBack(3).includes('4'), true);
  });
});
