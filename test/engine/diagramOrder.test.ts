import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { askedOrder, orderAnswers } from '../../src/engine/diagramOrder';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_diagram_order.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; place: string | null; label: string | null }[];
  pictures: (ShapePicture & { name: string; lines: string; questions: string[]; answers: string[][] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'diagram-order.json'), 'utf8')) as Fixture;

describe("a diagram's order read from the pixels", () => {
  it('knows which questions ask for a place in the flow', () => {
    for (const c of FIXTURE.asks) {
      const got = askedOrder(c.question);
      assert.deepEqual([got?.place ?? null, got && 'label' in got ? got.label : null], [c.place, c.label], c.question);
    }
  });

  it('reads the first, last, next and previous box, and says nothing across a branch', () => {
    for (const picture of FIXTURE.pictures) {
      const image = drawPicture(picture);
      const lines = blockLines(picture.lines);
      assert.deepEqual(picture.questions.map((q) => orderAnswers(image, lines, askedOrder(q)!)), picture.answers, picture.name);
    }
    const answers = FIXTURE.pictures.flatMap((p) => p.answers.map((a) => a.join()));
    assert.ok(answers.includes('Enter password') && answers.includes('Commit') && answers.includes(''));
  });
});
