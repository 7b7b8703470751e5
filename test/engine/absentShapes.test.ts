import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { absenceAnswers, askedShape } from '../../src/engine/absentShapes';
import type { ShapeName } from '../../src/engine/imageShapes';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_absent_shapes.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; shape: ShapeName | null }[];
  pictures: (ShapePicture & { name: string; questions: string[]; answers: string[][] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'absent-shapes.json'), 'utf8')) as Fixture;

describe("a drawn shape's absence read from the pixels", () => {
  it('knows which questions ask whether there is a shape', () => {
    for (const c of FIXTURE.asks) assert.equal(askedShape(c.question) ?? null, c.shape, c.question);
  });

  it('answers "No" only where no region could be the shape', () => {
    for (const picture of FIXTURE.pictures) {
      const image = drawPicture(picture);
      assert.deepEqual(picture.questions.map((q) => absenceAnswers(image, askedShape(q)!)), picture.answers, picture.name);
    }
    const answers = FIXTURE.pictures.flatMap((p) => p.answers.map((a) => a.join()));
    assert.ok(answers.includes('No') && answers.includes(''));
  });
});
