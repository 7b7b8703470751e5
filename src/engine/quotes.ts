/**
 * Quotes taken whole from the OCR lines (manifest `generation.quotes: "ocr_lines"`).
 *
 * A caption quotes the text it read: `A dialog titled "Unsaved changes"`. Token by token, one wrong pick inside a
 * quote gives text that is in no line of the image ("Walancer balanDB"), worse than no quote. So in greedy
 * decoding with an OCR block, when the chosen token opens a double quote, each OCR line (and each two
 * consecutive lines, a wrapped message) is scored as the quote's whole content: the sum of its tokens'
 * log-probabilities plus that of closing the quote right after (any token whose text starts with `"`). The most
 * probable one is generated, then the best closing token. The model still decides whether to quote, and what;
 * only the search is wider. A text already quoted in the same output is not a candidate again (generate.ts): a
 * small model repeats its likeliest line ("The steps are "Build", "Deploy", "Deploy""), as no_repeat_ngram
 * stops it doing outside quotes. The same procedure is `Generator.best_quote` in training/lunette/generate.py.
 */
import type { ModelAdapter, StepResult } from './adapter';
import { throwIfCancelled } from './cancellation';
import { logProbabilityOf, sequenceLogprob } from './scoring';
import type { TextTokenizer } from './tokenizer';

const QUOTE = '"';

export interface QuoteOptions {
  /** What a quote may hold (quoteCandidates). */
  candidates: readonly string[];
  tokens: TokenTexts;
}

/**
 * Each OCR line, and each two consecutive lines joined by a space; lines that hold a double quote are left out.
 * Each also in sentence case ("Unsaved changes" for "Unsaved Changes"): the model learned to quote titles as
 * written in sentence case, and scores the title-case spelling low for its case alone.
 */
export function quoteCandidates(lines: readonly string[]): string[] {
  const usable = lines.map((line) => line.trim()).filter((line) => line.length > 0 && !line.includes(QUOTE));
  const joined = usable.slice(1).map((line, i) => `${usable[i]!} ${line}`);
  return [...new Set([...usable, ...joined].flatMap((text) => [text, sentenceCase(text)]))];
}

/** The first character as it is, the rest lower-cased. */
export function sentenceCase(text: string): string {
  return text.slice(0, 1) + text.slice(1).toLowerCase();
}

/**
 * Where a quote opened by `piece` starts: the index in `piece` just after its opening double quote, or -1 when
 * the piece opens none (it has none, or only closes the quote open before it).
 */
export function openingQuoteEnd(insideQuote: boolean, piece: string): number {
  let open = insideQuote;
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== QUOTE) continue;
    if (!open) return i + 1;
    open = false;
  }
  return -1;
}

/** Whether a quote is open after `piece`. */
export function quoteOpenAfter(insideQuote: boolean, piece: string): boolean {
  return (piece.split(QUOTE).length % 2 === 0) !== insideQuote;
}

/** Each token's own text, decoded when first needed (the whole vocabulary, for `closers`, takes ~30 ms). */
export class TokenTexts {
  private readonly texts = new Map<number, string>();
  private closing: number[] | undefined;
  private breaking: number[] | undefined;

  constructor(private readonly tokenizer: TextTokenizer) {}

  text(id: number): string {
    let text = this.texts.get(id);
    if (text === undefined) {
      text = this.tokenizer.decode([id]);
      this.texts.set(id, text);
    }
    return text;
  }

  /** Tokens whose text starts with a double quote: the ways to close one. */
  get closers(): readonly number[] {
    this.closing ??= this.matching((text) => text.startsWith(QUOTE));
    return this.closing;
  }

  /** Tokens whose text holds a line break (manifest `generation.single_line`). */
  get lineBreaks(): readonly number[] {
    this.breaking ??= this.matching((text) => text.includes('\n') || text.includes('\r'));
    return this.breaking;
  }

  private matching(test: (text: string) => boolean): number[] {
    return Array.from({ length: this.tokenizer.vocabSize }, (_, id) => id).filter((id) => test(this.text(id)));
  }
}

export interface Quote {
  /** The candidate quoted. */
  text: string;
  /** The tokens of `lead` + the quoted text. */
  ids: number[];
  /** log p(ids), without the closing term. */
  logprob: number;
  /** The step after the last of `ids`. */
  last: StepResult;
}

/**
 * The most probable quote from `start` (the step whose chosen token opened the quote): `lead` is that token's text
 * up to and including the quote mark, generated again as part of each candidate so it tokenizes as in training.
 * Candidates are tried in order of their first token's score and dropped once below the best so far.
 * Undefined when no candidate fits in `maxTokens` (or no token can close a quote).
 */
export async function bestQuote(adapter: ModelAdapter, start: StepResult, lead: string, options: QuoteOptions,
  maxTokens: number, signal?: AbortSignal): Promise<Quote | undefined> {
  const { closers } = options.tokens;
  if (closers.length === 0) return undefined;
  const encoded = options.candidates
    .map((text) => ({ text, ids: adapter.tokenizer.encode(lead + text) }))
    .filter(({ ids }) => ids.length > 0 && ids.length < maxTokens);
  encoded.sort((a, b) => start.logits[b.ids[0]!]! - start.logits[a.ids[0]!]!);
  let best: (Quote & { score: number }) | undefined;
  const firstSteps = new Map<number, StepResult>();
  for (const { text, ids } of encoded) {
    throwIfCancelled(signal);
    const scored = await sequenceLogprob(adapter, start, ids, (scores) => logProbabilityOf(scores, closers), best?.score, signal, firstSteps);
    if (scored.logprob !== undefined && scored.last && (!best || scored.logprob > best.score)) {
      best = { text, ids, logprob: scored.logprob - scored.endLogprob!, last: scored.last, score: scored.logprob };
    }
  }
  return best && { text: best.text, ids: best.ids, logprob: best.logprob, last: best.last };
}
