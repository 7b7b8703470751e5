import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { type TerminalQuestion, askedTerminal, terminalAnswers } from '../../src/engine/terminalLines';
import { ROOT } from '../helpers';

// The cases training/tests/test_terminal_lines.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asked: TerminalQuestion | null }[];
  blocks: { lines: string; answers: Record<TerminalQuestion, string[]> }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'terminal.json'), 'utf8')) as Fixture;

describe("a terminal's command and git log read from its OCR lines", () => {
  it('knows which questions ask the (last) command, the number of commits or the latest commit', () => {
    for (const c of FIXTURE.asks) assert.equal(askedTerminal(c.question) ?? null, c.asked, c.question);
  });

  it('answers with the text after the first (or last) prompt, the count of commit lines, the first commit subject, or nothing', () => {
    for (const c of FIXTURE.blocks) {
      for (const asked of ['command', 'last command', 'commits', 'latest'] as const) assert.deepEqual(terminalAnswers(blockLines(c.lines), asked), c.answers[asked], `${asked}: ${c.lines}`);
    }
    for (const asked of ['command', 'last command', 'commits', 'latest'] as const) {
      assert.ok(FIXTURE.blocks.some((c) => c.answers[asked].length > 0) && FIXTURE.blocks.some((c) => c.answers[asked].length === 0), asked);
    }
  });
});
