import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { askedWhere, isRefusal, positionName } from '../../src/engine/positions';
import { ROOT } from '../helpers';

// The cases training/tests/test_positions.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; thing: string | null }[];
  answers: { answer: string; refusal: boolean }[];
  places: { point: [number, number]; place: string | null }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'positions.json'), 'utf8')) as Fixture;

describe("where a thing is, from the model's own box", () => {
  it('knows which questions ask where a thing is', () => {
    for (const c of FIXTURE.asks) assert.equal(askedWhere(c.question) ?? null, c.thing, c.question);
  });

  it('leaves refusals alone', () => {
    for (const c of FIXTURE.answers) assert.equal(isRefusal(c.answer), c.refusal, c.answer);
  });

  it('names a place in the 3 × 3 grid, and none near a line', () => {
    for (const c of FIXTURE.places) assert.equal(positionName(...c.point) ?? null, c.place, JSON.stringify(c.point));
  });
});
