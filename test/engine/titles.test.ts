import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { asksTitle, titleAnswers } from '../../src/engine/titles';
import { ROOT } from '../helpers';

// The cases training/tests/test_titles.py runs against the PyTorch reference too. The bundled model is checked end
// to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asks: boolean }[];
  blocks: { lines: string; answers: string[] }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'titles.json'), 'utf8')) as Fixture;

describe("a chart's or document's title read from the top line", () => {
  it("knows which questions ask a chart's or document's title", () => {
    for (const c of FIXTURE.asks) assert.equal(asksTitle(c.question), c.asks, c.question);
  });

  it('answers with the top line, the leftmost on a tie', () => {
    for (const c of FIXTURE.blocks) assert.deepEqual(titleAnswers(blockLines(c.lines)), c.answers, c.lines);
  });
});
