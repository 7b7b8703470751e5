/**
 * Answers ranked against the OCR lines (manifest `generation.answer_candidates: "ocr_lines"`).
 *
 * Greedy decoding picks one token at a time and can start well and then wander off the line it was copying
 * ("npm run build@box:~/lunette$ npm run build…" for "What does the error say?"). Here the whole greedy answer
 * and each OCR line in the prompt are scored as complete answers (the sum of their tokens' log-probabilities,
 * end of text included) and the one the model rates highest is kept. Nothing is added that the model does not
 * choose: it is a better search for the model's own most probable answer among these. The same procedure is
 * `Generator.best_answer` in training/lunette/generate.py.
 */
import type { ModelAdapter, StepResult } from './adapter';
import { throwIfCancelled } from './cancellation';
import { logSoftmaxAt, sequenceLogprob } from './scoring';

/**
 * An OCR line competes with the greedy answer only when the model rates starting with it at least this much as
 * probable as the greedy first token: a whole description is less probable than any short line, yet "What is
 * shown?" is not to be answered with one (CANDIDATE_FIRST_TOKEN_RATIO in training/lunette/generate.py).
 */
export const CANDIDATE_FIRST_TOKEN_RATIO = 0.2;

export interface RankedAnswer {
  ids: number[];
  /** log p(ids, then end of text) */
  logprob: number;
  /** Whether an OCR line beat the greedy answer. */
  fromCandidate: boolean;
  /** Decoder steps spent on candidates. */
  steps: number;
}

/** An OCR line of the prompt's block: its top-left corner in whole percent of the image, and its text. */
export interface BlockLine {
  x: number;
  y: number;
  text: string;
}

/** The `{lines}` of an OCR block ("x,y text" per line, docs/model-pack.md "OCR lines in the prompt"). */
export function blockLines(block: string): BlockLine[] {
  return block.split('\n').flatMap((line) => {
    const space = line.indexOf(' ');
    const corner = /^(\d+),(\d+)$/.exec(space > 0 ? line.slice(0, space) : '');
    const text = space > 0 ? line.slice(space + 1) : '';
    return corner && text ? [{ x: Number(corner[1]), y: Number(corner[2]), text }] : [];
  });
}

/**
 * The most probable of the greedy answer and the candidate texts the model nearly started with, tried in order
 * of their first token's score. `greedyLogprob` is the greedy answer's score from its own decoding
 * (`TextOutput.logprob`); without it (an answer cut at maxTokens) the answer is scored here. With `onlyCandidates`
 * (a button's label: buttonLabels.ts), the most probable candidate, every one competing and the greedy answer not;
 * the greedy answer stands only when no candidate can be scored.
 */
export async function bestAnswer(adapter: ModelAdapter, start: StepResult, greedyIds: readonly number[],
  greedyLogprob: number | undefined, candidates: readonly string[], eos: number, signal?: AbortSignal,
  firstTokenRatio = CANDIDATE_FIRST_TOKEN_RATIO, onlyCandidates = false): Promise<RankedAnswer> {
  const endOfText = (scores: Float32Array): number => logSoftmaxAt(scores, eos);
  const greedy = onlyCandidates ? { logprob: -Infinity, steps: 0 }
    : greedyLogprob !== undefined ? { logprob: greedyLogprob, steps: 0 } : await sequenceLogprob(adapter, start, greedyIds, endOfText, -Infinity, signal);
  let best: RankedAnswer = { ids: [...greedyIds], logprob: greedy.logprob!, fromCandidate: false, steps: greedy.steps };
  const seen = new Set(onlyCandidates ? [] : [greedyIds.join(',')]);
  const encoded: number[][] = [];
  const lead = logSoftmaxAt(start.logits, greedyIds[0] ?? eos);
  const minFirst = onlyCandidates ? -Infinity : lead + Math.log(firstTokenRatio);
  for (const text of candidates) {
    const ids = adapter.tokenizer.encode(` ${text.trim()}`);
    const key = ids.join(',');
    if (ids.length === 0 || seen.has(key) || logSoftmaxAt(start.logits, ids[0]!) < minFirst) continue;
    seen.add(key);
    encoded.push(ids);
  }
  const first = (ids: number[]): number => start.logits[ids[0]!]!;
  encoded.sort((a, b) => first(b) - first(a));
  let steps = best.steps;
  for (const ids of encoded) {
    throwIfCancelled(signal);
    const scored = await sequenceLogprob(adapter, start, ids, endOfText, best.logprob, signal);
    steps += scored.steps;
    if (scored.logprob !== undefined && scored.logprob > best.logprob) best = { ids, logprob: scored.logprob, fromCandidate: true, steps };
  }
  if (onlyCandidates && !best.fromCandidate) best.logprob = greedyLogprob ?? -Infinity;
  return { ...best, steps };
}
