/** Scores of what the model might say: a token, a set of tokens, a whole sequence. */
import type { ModelAdapter, StepResult } from './adapter';
import { throwIfCancelled } from './cancellation';

/** Log-probability of `id` under scores that are logits or already log-probabilities (log-softmax either way). */
export function logSoftmaxAt(scores: Float32Array, id: number): number {
  const { max, logSum } = softmaxNormalizer(scores);
  return scores[id]! - max - logSum;
}

/** log of the probability that the next token is one of `ids`. */
export function logProbabilityOf(scores: Float32Array, ids: readonly number[]): number {
  const { max, logSum } = softmaxNormalizer(scores);
  let some = 0;
  for (const id of ids) some += Math.exp(scores[id]! - max);
  return Math.log(some) - logSum;
}

/** Probabilities from logits (or log-probabilities), in float64. */
export function softmax(scores: Float32Array): Float64Array {
  const { max, logSum } = softmaxNormalizer(scores);
  return Float64Array.from(scores, (v) => Math.exp(v - max - logSum));
}

/** The largest score and log Σ exp(score − largest): the softmax's normalizer, computed without overflow. */
function softmaxNormalizer(scores: Float32Array): { max: number; logSum: number } {
  let max = -Infinity;
  for (const v of scores) if (v > max) max = v;
  let sum = 0;
  for (const v of scores) sum += Math.exp(v - max);
  return { max, logSum: Math.log(sum) };
}

/**
 * log p(ids) continuing from `start` (the step after the prompt), plus `end`'s log-probability of what follows
 * them (e.g. the end of text), or undefined as soon as the running sum drops below `floor`: such a candidate cannot
 * beat the one that set the floor, so it costs a step or two. `last` is the step after the last of `ids`.
 * `firstSteps` shares the step after the first token among sequences scored from the same `start` (candidates
 * that begin alike, e.g. with the quote mark, then cost one step less each).
 */
export async function sequenceLogprob(adapter: ModelAdapter, start: StepResult, ids: readonly number[],
  end: (scores: Float32Array) => number, floor = -Infinity, signal?: AbortSignal,
  firstSteps?: Map<number, StepResult>): Promise<ScoredSequence> {
  let total = 0;
  let current = start;
  let steps = 0;
  for (const [k, id] of ids.entries()) {
    total += logSoftmaxAt(current.logits, id);
    if (total < floor) return { logprob: undefined, steps };
    throwIfCancelled(signal);
    const cached = k === 0 ? firstSteps?.get(id) : undefined;
    if (cached) {
      current = cached;
      continue;
    }
    current = await adapter.step(current.state, await adapter.embedTokens([id]));
    if (k === 0) firstSteps?.set(id, current);
    steps++;
  }
  const endLogprob = end(current.logits);
  total += endLogprob;
  if (total < floor) return { logprob: undefined, steps };
  return { logprob: total, endLogprob, steps, last: current };
}

export interface ScoredSequence {
  /** log p(ids) + the end term; undefined when dropped below the floor. */
  logprob: number | undefined;
  /** The end term alone (when scored). */
  endLogprob?: number;
  steps: number;
  last?: StepResult;
}
