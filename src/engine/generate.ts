/** Decoding loops over a ModelAdapter: text (caption, answer) and regions (detect, point). */
import { ErrorCode, LunetteError } from '../protocol/errors';
import type { Box, Point } from '../protocol/tasks';
import type { DecoderState, ModelAdapter, StepResult } from './adapter';
import { argmax } from './adapters/lunette';
import { BoxSnapper, type SnapImage } from './boxSnapping';
import { type HeldBackOptions, namesHeldBackWord } from './heldBackWords';
import { throwIfCancelled } from './cancellation';
import { type QuoteOptions, bestQuote, openingQuoteEnd, quoteOpenAfter } from './quotes';
import { logSoftmaxAt } from './scoring';
import { TextStream } from './textStream';

export interface TextOptions {
  maxTokens: number;
  temperature: number;
  topP: number;
  /** Token ids that are never generated as text (e.g. the region tokens). */
  suppress: readonly number[];
  stop: readonly number[];
  /** No n-gram of this many tokens is generated twice (0: no such rule). */
  noRepeatNgram?: number;
  /** Greedy quotes taken whole from the OCR lines (quotes.ts). */
  quotes?: QuoteOptions;
  /** Outside quotes, none of these words (colours and shapes the image does not show: heldBackWords.ts). */
  heldBack?: HeldBackOptions;
  signal?: AbortSignal;
  onText?: (chunk: string) => void;
  /** Called when the first token is chosen, for time-to-first-token. */
  onFirstToken?: () => void;
  random?: () => number;
}

export interface TextOutput {
  text: string;
  ids: number[];
  /** log p(ids, then the stop token) when generation ended on a stop token; undefined when cut at maxTokens. */
  logprob: number | undefined;
}

/**
 * Continues from a prefilled prompt (its last step result) until a stop token or maxTokens. With `quotes`
 * (greedy only), a quote the model opens is filled with the OCR text it rates most probable (quotes.ts), never
 * with a text already quoted in this output. With `heldBack`, outside quotes none of those words is written: such
 * a word's first token is set aside and the next best chosen (heldBackWords.ts).
 */
export async function generateText(adapter: ModelAdapter, start: StepResult, options: TextOptions): Promise<TextOutput> {
  const stream = new TextStream(adapter.tokenizer, options.onText ?? (() => undefined));
  const quotes = options.temperature <= 0 ? options.quotes : undefined;
  const ids: number[] = [];
  let current = start;
  // the unmasked scores of the chosen tokens: what answerRanking.ts compares with other answers
  let logprob = 0;
  let insideQuote = false;
  let mustClose = false;
  const quoted = new Set<string>(); // lower-cased texts of this output's quotes
  while (ids.length < options.maxTokens) {
    throwIfCancelled(options.signal);
    const repeats = repeatedNgramTokens(ids, options.noRepeatNgram ?? 0);
    const suppress = repeats.length ? [...options.suppress, ...repeats] : options.suppress;
    let id: number;
    if (mustClose && quotes) {
      id = bestOf(current.logits, quotes.tokens.closers, suppress);
    } else {
      id = chooseToken(current.logits, { ...options, suppress });
      let setAside = suppress;
      while (options.heldBack && !insideQuote && !options.stop.includes(id)
        && await namesHeldBackWord(adapter, current, id, options.heldBack, options.stop, ids.length ? options.heldBack.tokens.text(ids[ids.length - 1]!) : undefined)) {
        setAside = [...setAside, id];
        id = chooseToken(current.logits, { ...options, suppress: setAside });
      }
    }
    if (ids.length === 0) options.onFirstToken?.();
    mustClose = false;
    if (quotes && !options.stop.includes(id)) {
      const piece = quotes.tokens.text(id);
      const opensAt = openingQuoteEnd(insideQuote, piece);
      const quote = opensAt >= 0
        ? await bestQuote(adapter, current, piece.slice(0, opensAt),
          { ...quotes, candidates: quotes.candidates.filter((text) => !quoted.has(text.toLowerCase())) },
          options.maxTokens - ids.length, options.signal)
        : undefined;
      if (quote) {
        quoted.add(quote.text.toLowerCase());
        logprob += quote.logprob;
        for (const q of quote.ids) {
          ids.push(q);
          stream.push(q);
        }
        current = quote.last;
        insideQuote = true;
        mustClose = true;
        continue;
      }
      insideQuote = quoteOpenAfter(insideQuote, piece);
    }
    logprob += logSoftmaxAt(current.logits, id);
    if (options.stop.includes(id)) return { text: stream.finish(), ids, logprob };
    ids.push(id);
    stream.push(id);
    if (ids.length === options.maxTokens) break;
    current = await adapter.step(current.state, await adapter.embedTokens([id]));
  }
  return { text: stream.finish(), ids, logprob: undefined };
}

/** The best-scoring of `ids` that is not suppressed (any of them if all are). */
function bestOf(scores: Float32Array, ids: readonly number[], suppress: readonly number[]): number {
  const allowed = ids.filter((id) => !suppress.includes(id));
  return (allowed.length ? allowed : ids).reduce((best, id) => (scores[id]! > scores[best]! ? id : best));
}

/**
 * Tokens that would complete an n-gram already in `ids` (Hugging Face's no_repeat_ngram_size; the same
 * rule as training/lunette/generate.py): a small model can loop, "The message reads X. The message reads X."
 */
export function repeatedNgramTokens(ids: readonly number[], n: number): number[] {
  if (n <= 0 || ids.length < n) return [];
  const tail = ids.slice(ids.length - n + 1);
  const banned = new Set<number>();
  for (let i = 0; i + n <= ids.length; i++) {
    let match = true;
    for (let k = 0; k < n - 1 && match; k++) match = ids[i + k] === tail[k];
    if (match) banned.add(ids[i + n - 1]!);
  }
  return [...banned];
}

export function chooseToken(logits: Float32Array, options: Pick<TextOptions, 'temperature' | 'topP' | 'suppress' | 'random'>): number {
  const masked = logits.slice();
  for (const id of options.suppress) if (id < masked.length) masked[id] = -Infinity;
  if (options.temperature <= 0) return argmax(masked);
  return sampleTopP(masked, options.temperature, options.topP, options.random ?? Math.random);
}

function sampleTopP(logits: Float32Array, temperature: number, topP: number, random: () => number): number {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  const probs = Array.from(logits, (v, id) => ({ id, p: Math.exp((v - max) / temperature) }));
  const sum = probs.reduce((s, x) => s + x.p, 0);
  probs.sort((a, b) => b.p - a.p);
  const kept: typeof probs = [];
  let cumulative = 0;
  for (const x of probs) {
    kept.push(x);
    cumulative += x.p / sum;
    if (cumulative >= topP) break;
  }
  const keptSum = kept.reduce((s, x) => s + x.p, 0);
  let r = random() * keptSum;
  for (const x of kept) {
    r -= x.p;
    if (r <= 0) return x.id;
  }
  return kept[kept.length - 1]!.id;
}

export interface RegionOptions {
  kind: 'detect' | 'point';
  maxObjects: number;
  eos: number;
  coord: number;
  signal?: AbortSignal;
  onFirstToken?: () => void;
  /** Called with each object as soon as it is decoded (a box as it is given out, snapped where it is). */
  onObject?: (object: Box | Point) => void;
}

export interface GreedyRegionOptions extends RegionOptions {
  /** Detect: boxes are snapped to these pixels (boxSnapping.ts), as `generation.snap_boxes` asks. */
  snapImage?: SnapImage;
}

export interface RegionOutput {
  objects: Box[];
  points: Point[];
  steps: number;
}

/**
 * Where both detect/point loops put what they decode: each box snapped (when `snapImage` is given) and dropped if
 * it repeats one given before, then kept and streamed; each point kept and streamed.
 */
export function regionCollector(options: GreedyRegionOptions): { objects: Box[]; points: Point[]; giveBox: (box: Box) => void; givePoint: (point: Point) => void } {
  const snapper = options.kind === 'detect' && options.snapImage ? new BoxSnapper(options.snapImage) : undefined;
  const objects: Box[] = [];
  const points: Point[] = [];
  return {
    objects,
    points,
    giveBox: (box) => {
      const given = snapper ? snapper.add(box) : box;
      if (!given) return; // the same thing found twice
      objects.push(given);
      options.onObject?.(given);
    },
    givePoint: (point) => {
      points.push(point);
      options.onObject?.(point);
    },
  };
}

/** Moondream's detect/point loop: per object x, y (and size for detect), each fed back as an embedding. */
export async function generateRegions(adapter: ModelAdapter, start: StepResult, options: GreedyRegionOptions): Promise<RegionOutput> {
  const region = adapter.region;
  if (!region) throw new LunetteError(ErrorCode.InvalidRequest, `The model ${adapter.manifest.name} cannot ${options.kind}.`);
  const { objects, points, giveBox, givePoint } = regionCollector(options);
  let current = start;
  let steps = 0;
  const advance = async (state: DecoderState, embeds: Awaited<ReturnType<typeof region.encodeCoord>>): Promise<StepResult> => {
    throwIfCancelled(options.signal);
    steps++;
    return adapter.step(state, embeds);
  };
  for (let n = 0; n < options.maxObjects; n++) {
    throwIfCancelled(options.signal);
    if (n === 0) options.onFirstToken?.();
    if (current.logits[options.eos]! >= current.logits[options.coord]!) break;
    const x = await region.decodeCoord(current.hidden);
    current = await advance(current.state, await region.encodeCoord(x));
    const y = await region.decodeCoord(current.hidden);
    current = await advance(current.state, await region.encodeCoord(y));
    if (options.kind === 'detect') {
      const [w, h] = await region.decodeSize(current.hidden);
      const box = {
        x_min: clamp01(x - w / 2),
        y_min: clamp01(y - h / 2),
        x_max: clamp01(x + w / 2),
        y_max: clamp01(y + h / 2),
      };
      current = await advance(current.state, await region.encodeSize(w, h));
      giveBox(box);
    } else {
      givePoint({ x: clamp01(x), y: clamp01(y) });
    }
  }
  return { objects, points, steps };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
