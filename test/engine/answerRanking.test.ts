import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import type { DecoderState, ModelAdapter, StepResult } from '../../src/engine/adapter';
import { bestAnswer, blockLines } from '../../src/engine/answerRanking';
import { generateText } from '../../src/engine/generate';
import { logSoftmaxAt, sequenceLogprob } from '../../src/engine/scoring';

// A Markov "model" over a six-word vocabulary whose greedy answer wanders: from the start, "npm" is likeliest,
// then "junk"; but "Error missing" is the most probable complete answer. The real model is ranked end to end in
// test/cli/cli.test.ts ("the bundled model reads real screenshots").
const WORDS = ['<eos>', 'npm', 'run', 'Error', 'missing', 'junk', 'ok'];
const EOS = 0;
const endOfText = (scores: Float32Array): number => logSoftmaxAt(scores, EOS);
const NEXT: Record<string, number[]> = {
  //        eos   npm   run  Error missing junk  ok
  start: [0.15, 0.4, 0.0, 0.35, 0.0, 0.05, 0.05],
  npm: [0.2, 0.0, 0.3, 0.0, 0.0, 0.5, 0.0],
  run: [0.9, 0.0, 0.0, 0.0, 0.0, 0.1, 0.0],
  Error: [0.05, 0.0, 0.0, 0.0, 0.9, 0.05, 0.0],
  missing: [0.9, 0.0, 0.0, 0.0, 0.0, 0.1, 0.0],
  junk: [0.4, 0.0, 0.0, 0.0, 0.0, 0.6, 0.0],
  ok: [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
};

function markovAdapter(): { adapter: ModelAdapter; start: StepResult; at: (word: string) => StepResult; steps: () => number } {
  const last = new WeakMap<DecoderState, string>();
  let steps = 0;
  const result = (word: string, position: number): StepResult => {
    const state: DecoderState = { kv: [], position, bytes: 0 };
    last.set(state, word);
    // scores as logits (shifted), to show they are normalized before use
    return { logits: Float32Array.from(NEXT[word]!, (p) => Math.log(Math.max(p, 1e-9)) + 3), hidden: new Float32Array(1), state };
  };
  const tokenizer = {
    encode: (text: string) => text.trim().split(/\s+/).filter(Boolean).map((w) => WORDS.indexOf(w)),
    decode: (ids: readonly number[]) => ids.map((id) => ` ${WORDS[id]}`).join(''),
    vocabSize: WORDS.length,
  };
  const adapter = {
    tokenizer,
    embedTokens: async (ids: readonly number[]) => new ort.Tensor('float32', Float32Array.from(ids), [1, ids.length, 1]),
    step: async (state: DecoderState, embeds: ort.Tensor) => {
      steps++;
      assert.ok(last.has(state), 'steps continue from states the adapter made');
      const id = (embeds.data as Float32Array)[0]!;
      return result(WORDS[id]!, state.position + 1);
    },
  } as unknown as ModelAdapter;
  return { adapter, start: result('start', 0), at: (word) => result(word, 0), steps: () => steps };
}

const ids = (text: string): number[] => text.split(' ').map((w) => WORDS.indexOf(w));

describe('answers ranked against the OCR lines', () => {
  it('scores a whole answer, end of text included', async () => {
    const { adapter, start } = markovAdapter();
    const { logprob } = await sequenceLogprob(adapter, start, ids('npm junk'), endOfText);
    assert.ok(Math.abs(logprob! - Math.log(0.4 * 0.5 * 0.4)) < 1e-5);
    const cut = await sequenceLogprob(adapter, start, ids('npm junk'), endOfText, Math.log(0.3));
    assert.equal(cut.logprob, undefined, 'dropped once below the floor');
    assert.equal(cut.steps, 1);
  });

  it('shares the step after a common first token when asked to, with the same scores', async () => {
    const { adapter, start } = markovAdapter();
    const firstSteps = new Map<number, StepResult>();
    const a = await sequenceLogprob(adapter, start, ids('npm junk'), endOfText, -Infinity, undefined, firstSteps);
    const b = await sequenceLogprob(adapter, start, ids('npm run'), endOfText, -Infinity, undefined, firstSteps);
    const alone = await sequenceLogprob(adapter, start, ids('npm run'), endOfText);
    assert.deepEqual([a.steps, b.steps, alone.steps], [2, 1, 2]);
    assert.equal(b.logprob, alone.logprob);
  });

  it('takes the greedy answer\'s score from its decoding when it ended on the stop token', async () => {
    const { adapter, at, steps } = markovAdapter();
    const options = { maxTokens: 5, temperature: 0, topP: 1, suppress: [], stop: [EOS] };
    const out = await generateText(adapter, at('Error'), options);
    assert.deepEqual(out.ids, ids('missing'));
    const rescored = await sequenceLogprob(adapter, at('Error'), out.ids, endOfText);
    assert.equal(out.logprob, rescored.logprob);
    const before = steps();
    const best = await bestAnswer(adapter, at('Error'), out.ids, out.logprob, [], EOS);
    assert.equal(best.logprob, out.logprob);
    assert.equal(steps(), before, 'no decoder step to score it again');
    const cut = await generateText(adapter, at('Error'), { ...options, maxTokens: 1 });
    assert.equal(cut.logprob, undefined, 'an answer cut at maxTokens has no end-of-text score yet');
  });

  it('keeps the most probable of the greedy answer and the lines, trying likely lines first', async () => {
    const { adapter, start, steps } = markovAdapter();
    const lines = blockLines('1,2 junk\n1,8 npm run\n1,22 Error missing\n3,30 npm junk').map((line) => line.text);
    assert.deepEqual(lines, ['junk', 'npm run', 'Error missing', 'npm junk']);
    const best = await bestAnswer(adapter, start, ids('npm junk'), undefined, lines, EOS);
    assert.deepEqual(best.ids, ids('Error missing'));
    assert.ok(best.fromCandidate);
    assert.ok(Math.abs(best.logprob - Math.log(0.35 * 0.9 * 0.9)) < 1e-5);
    // greedy (2 steps), "npm run" (2), "Error missing" (2); the model hardly starts with "junk" (0.05 against
    // 0.4) so it does not compete, and "npm junk" is the greedy answer itself
    assert.equal(best.steps, 6);
    assert.equal(steps(), 6);
  });

  it('lets only lines the model nearly started with compete: a long answer is not traded for any short line', async () => {
    const { adapter, start } = markovAdapter();
    const long = ids('npm junk junk junk'); // 0.4 · 0.5 · 0.6 · 0.6 · 0.4 ≈ 0.029 < p("ok") = 0.05
    const open = await bestAnswer(adapter, start, long, undefined, ['ok'], EOS, undefined, 0);
    assert.deepEqual(open.ids, ids('ok'), 'without the rule the short line wins');
    const ruled = await bestAnswer(adapter, start, long, undefined, ['ok'], EOS);
    assert.deepEqual(ruled.ids, long);
  });

  it('keeps the greedy answer when no line is more probable', async () => {
    const { adapter, start } = markovAdapter();
    const best = await bestAnswer(adapter, start, ids('Error missing'), undefined, ['npm run', 'junk'], EOS);
    assert.deepEqual(best.ids, ids('Error missing'));
    assert.equal(best.fromCandidate, false);
  });

  it('chooses among the candidates alone when asked (a button\'s label): every one competes, the greedy answer not', async () => {
    const { adapter, start } = markovAdapter();
    // "Error missing" is the most probable answer of all, yet only "junk" and "npm run" are a button's lines; the
    // model hardly starts with "junk", which competes all the same
    const best = await bestAnswer(adapter, start, ids('Error missing'), undefined, ['junk', 'npm run'], EOS, undefined, undefined, true);
    assert.deepEqual(best.ids, ids('npm run'));
    assert.ok(best.fromCandidate);
    const junk = await bestAnswer(adapter, start, ids('Error missing'), undefined, ['junk'], EOS, undefined, undefined, true);
    assert.deepEqual(junk.ids, ids('junk'));
    const none = await bestAnswer(adapter, start, ids('Error missing'), -1, [], EOS, undefined, undefined, true);
    assert.deepEqual(none.ids, ids('Error missing'), 'no candidate: the greedy answer stands');
    assert.equal(none.fromCandidate, false);
  });

  it('normalizes logits and log-probabilities alike', () => {
    const logits = Float32Array.from([2, 1, 0]);
    const logProbs = Float32Array.from(logits, (v) => v - Math.log(Math.exp(2) + Math.exp(1) + 1));
    for (const id of [0, 1, 2]) assert.ok(Math.abs(logSoftmaxAt(logits, id) - logSoftmaxAt(logProbs, id)) < 1e-6);
  });
});
