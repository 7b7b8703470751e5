import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import type { DecoderState, ModelAdapter, StepResult } from '../../src/engine/adapter';
import { generateText } from '../../src/engine/generate';
import { TokenTexts, openingQuoteEnd, quoteCandidates, quoteOpenAfter } from '../../src/engine/quotes';
import { ROOT } from '../helpers';

// The cases training/tests/test_quotes.py runs against the PyTorch reference too. The bundled model is checked
// end to end in test/cli/cli.test.ts.
interface Fixture {
  candidates: { lines: string[]; candidates: string[] }[];
  opening: { inside: boolean; piece: string; end: number; open_after: boolean }[];
  markov: {
    pieces: string[];
    unknown: string;
    coord: string;
    size: string;
    max_tokens: number;
    next: Record<string, Record<string, number>>;
    cases: { start?: string; lines: string[]; quotes: boolean; single_line?: boolean; text: string }[];
  };
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'quotes.json'), 'utf8')) as Fixture;
const { pieces: PIECES, next: NEXT } = FIXTURE.markov;

/**
 * A "model" whose next-token scores depend on the last piece only; `start` is the step after the prompt, whose
 * last piece is `startPiece`.
 */
function markovAdapter(startPiece = 'start'): { adapter: ModelAdapter; start: StepResult } {
  const made = new WeakSet<DecoderState>();
  const result = (piece: string, position: number): StepResult => {
    const state: DecoderState = { kv: [], position, bytes: 0 };
    made.add(state);
    const next = NEXT[piece] ?? { '': 1 };
    return { logits: Float32Array.from(PIECES, (p) => Math.log(next[p] ?? 1e-9)), hidden: new Float32Array(1), state };
  };
  const unknown = PIECES.indexOf(FIXTURE.markov.unknown);
  const tokenizer = {
    // the longest piece first, as BPE merges; a character no piece starts with is unknown (never likely)
    encode: (text: string): number[] => {
      const ids: number[] = [];
      for (let at = 0; at < text.length;) {
        const id = PIECES.reduce((best, p, i) => (p && text.startsWith(p, at) && p.length > (PIECES[best]?.length ?? 0) ? i : best), -1);
        ids.push(id < 0 ? unknown : id);
        at += id < 0 ? 1 : PIECES[id]!.length;
      }
      return ids;
    },
    decode: (ids: readonly number[]) => ids.map((id) => PIECES[id]).join(''),
    vocabSize: PIECES.length,
  };
  const adapter = {
    tokenizer,
    embedTokens: async (ids: readonly number[]) => new ort.Tensor('float32', Float32Array.from(ids), [1, ids.length, 1]),
    step: async (state: DecoderState, embeds: ort.Tensor) => {
      assert.ok(made.has(state), 'steps continue from states the adapter made');
      return result(PIECES[(embeds.data as Float32Array)[0]!]!, state.position + 1);
    },
  } as unknown as ModelAdapter;
  return { adapter, start: result(startPiece, 0) };
}

async function caption(lines: string[], withQuotes: boolean, temperature = 0, startPiece?: string, singleLine = false): Promise<string> {
  const { adapter, start } = markovAdapter(startPiece);
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
