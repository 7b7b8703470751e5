import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateText } from '../../src/engine/generate';
import { WordSpellings, namedWords, spellings, wordsHeldBack } from '../../src/engine/heldBackWords';
import { NUMBERS } from '../../src/engine/imageCounts';
import { TokenTexts } from '../../src/engine/quotes';
import { type MarkovTable, ROOT, markovAdapter } from '../helpers';

// The cases training/tests/test_held_back.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  spellings: { word: string; spellings: string[] }[];
  named: { vocabulary: string[]; texts: string[]; words: string[] }[];
  markov: MarkovTable & { cases: { start?: string; held_back: string[]; text: string }[] };
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'held-back.json'), 'utf8')) as Fixture;

async function generate(start: string | undefined, words: string[], temperature = 0): Promise<string> {
  const table = FIXTURE.markov;
  const { adapter, start: first } = markovAdapter(table, start);
  const out = await generateText(adapter, first, {
    maxTokens: table.max_tokens, temperature, topP: 1, stop: [0], random: () => 0,
    suppress: [table.coord, table.size].map((p) => table.pieces.indexOf(p)),
    heldBack: {
      vocabulary: ['red', 'blue', 'yellow', 'green', 'pink', 'circle', 'square', ...NUMBERS],
      heldBack: async () => words,
      spellings: new WordSpellings(adapter.tokenizer),
      tokens: new TokenTexts(adapter.tokenizer),
    },
  });
  return out.text.trim();
}

describe('words held to the pixels', () => {
  it('spells a word after a space or not, capitalised or not, singular or plural', () => {
    for (const c of FIXTURE.spellings) assert.deepEqual(spellings(c.word), c.spellings);
  });

  it('allows the words the prompt names', () => {
    for (const c of FIXTURE.named) assert.deepEqual(namedWords(c.vocabulary, c.texts), c.words, JSON.stringify(c));
    assert.deepEqual(wordsHeldBack(['red', 'green', 'blue'], ['blue'], ['Is the red one bigger?']), ['green']);
  });

  it('never generates a held-back word, and keeps words that only start like one', async () => {
    for (const c of FIXTURE.markov.cases) assert.equal(await generate(c.start, c.held_back), c.text, JSON.stringify(c));
  });

  it('holds for sampled text too', async () => {
    // random() = 0 takes the most probable allowed token
    assert.equal(await generate(undefined, ['red'], 1), 'There is a blue circle.');
  });
});
