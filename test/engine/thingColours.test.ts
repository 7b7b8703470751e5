import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CountedThing } from '../../src/engine/imageCounts';
import { colourAnswers, colouredThing } from '../../src/engine/thingColours';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_thing_colours.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; thing: CountedThing | null }[];
  pictures: (ShapePicture & { name: string; questions: string[]; answers: string[][] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'thing-colours.json'), 'utf8')) as Fixture;

describe('the colour of a named drawn thing read from the pixels', () => {
  it("knows which questions ask a thing's colour", () => {
    for (const c of FIXTURE.asks) assert.equal(colouredThing(c.question) ?? null, c.thing, c.question);
  });

  it("gives a thing's colour as its regions'", () => {
    for (const picture of FIXTURE.pictures) {
      const image = drawPicture(picture);
      assert.deepEqual(picture.questions.map((q) => colourAnswers(image, colouredThing(q)!)), picture.answers, picture.name);
    }
  });
});
