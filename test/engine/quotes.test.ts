import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateText } from '../../src/engine/generate';
import { TokenTexts, openingQuoteEnd, quoteCandidates, quoteOpenAfter } from '../../src/engine/quotes';
import { type MarkovTable, ROOT, markovAdapter } from '../helpers';

// The cases training/tests/test_quotes.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  candidates: { lines: string[]; candidates: string[] }[];
  opening: { inside: boolean; piece: string; end: number; open_after: boolean }[];
  markov: MarkovTable & { cases: { start?: string; lines: string[]; quotes: boolean; single_line?: boolean; text: string }[] };
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'quotes.json'), 'utf8')) as Fixture;
const PIECES = FIXTURE.markov.pieces;

async function caption(lines: string[], withQuotes: boolean, temperature = 0, startPiece?: string, singleLine = false): Promise<string> {
  const { adapter, start } = markovAdapter(FIXTURE.markov, startPiece);
  // as engine.ts builds it
  const suppress = [...[FIXTURE.markov.coord, FIXTURE.markov.size].map((p) => PIECES.indexOf(p)),
    ...(singleLine ? new TokenTexts(adapter.tokenizer).lineBreaks : [])];
  const out = await generateText(adapter, start, {
    maxTokens: FIXTURE.markov.max_tokens, temperature, topP: 1, suppress, stop: [0], random: () => 0,
    ...(withQuotes ? { quotes: { candidates: quoteCandidates(lines), tokens: new TokenTexts(adapter.tokenizer) } } : {}),
  });
  return out.text;
}

describe('quotes taken whole from the OCR lines', () => {
  it('lists each line, each two consecutive lines and their sentence case; never a line with a quote mark', () => {
    for (const c of FIXTURE.candidates) assert.deepEqual(quoteCandidates(c.lines), c.candidates);
  });

  it('knows which piece opens a quote and whether one is open after it', () => {
    for (const c of FIXTURE.opening) {
      assert.equal(openingQuoteEnd(c.inside, c.piece), c.end, JSON.stringify(c));
      assert.equal(quoteOpenAfter(c.inside, c.piece), c.open_after, JSON.stringify(c));
    }
  });

  it('quotes the most probable line whole where greedy decoding garbles it, never a text twice; single_line: no line break', async () => {
    for (const c of FIXTURE.markov.cases) assert.equal(await caption(c.lines, c.quotes, 0, c.start, c.single_line), c.text, JSON.stringify(c));
  });

  it('leaves a sampled caption alone', async () => {
    // random() = 0 takes the most probable token: greedy decoding's garbled quote, not the rule's
    assert.equal(await caption(['Unsaved changes'], true, 1), 'titled "Un X".');
  });
});
