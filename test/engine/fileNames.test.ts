import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { type FileQuestion, askedFile, fileAnswers } from '../../src/engine/fileNames';
import { ROOT } from '../helpers';

// The cases training/tests/test_file_names.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asked: FileQuestion | null }[];
  blocks: { lines: string; answers: Record<FileQuestion, string[]> }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'file-names.json'), 'utf8')) as Fixture;

describe("file names and a code file's language read from the OCR lines", () => {
  it('knows which questions ask the open file, a file or the language', () => {
    for (const c of FIXTURE.asks) assert.equal(askedFile(c.question) ?? null, c.asked, c.question);
  });

  it("answers with the top line's file names, every file name, or the language of the top line's first", () => {
    for (const c of FIXTURE.blocks) {
      for (const asked of ['open', 'file', 'language'] as const) assert.deepEqual(fileAnswers(blockLines(c.lines), asked), c.answers[asked], `${asked}: ${c.lines}`);
    }
  });
});
