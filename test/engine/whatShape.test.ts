import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { asksWhatShape, shapeAnswers } from '../../src/engine/whatShape';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_what_shape.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asks: boolean }[];
  pictures: (ShapePicture & { name: string; answers: string[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'what-shape.json'), 'utf8')) as Fixture;

describe("what shape a picture's one shape is, read from the pixels", () => {
  it('knows which questions ask what shape this is', () => {
    for (const c of FIXTURE.asks) assert.equal(asksWhatShape(c.question), c.asks, c.question);
  });

  it('names the one shape, and nothing where there are several', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(shapeAnswers(drawPicture(picture)), picture.answers, picture.name);
    const answers = new Set(FIXTURE.pictures.map((p) => p.answers.join()));
    for (const a of ['A square', 'A circle', '']) assert.ok(answers.has(a), a);
  });
});
