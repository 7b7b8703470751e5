import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { type ErrorQuestion, askedError, errorAnswers } from '../../src/engine/errorLines';
import { ROOT } from '../helpers';

// The cases training/tests/test_error_lines.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asked: ErrorQuestion | null }[];
  blocks: { lines: string; answers: Record<ErrorQuestion, string[]> }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'errors.json'), 'utf8')) as Fixture;

describe("an error's presence, its code and the package it misses read from the OCR lines", () => {
  it('knows which questions ask whether there is an error, its code or the missing package', () => {
    for (const c of FIXTURE.asks) assert.equal(askedError(c.question) ?? null, c.asked, c.question);
  });

  it('answers Yes over an error line, the first code, the first missing package, or nothing', () => {
    for (const c of FIXTURE.blocks) {
      for (const asked of ['error', 'code', 'package'] as const) assert.deepEqual(errorAnswers(blockLines(c.lines), asked), c.answers[asked], `${asked}: ${c.lines}`);
    }
    for (const asked of ['error', 'code', 'package'] as const) {
      assert.ok(FIXTURE.blocks.some((c) => c.answers[asked].length > 0) && FIXTURE.blocks.some((c) => c.answers[asked].length === 0), asked);
    }
  });
});
