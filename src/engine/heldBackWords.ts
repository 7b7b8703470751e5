/**
 * Words held to the pixels (manifest `generation.colours` and `generation.shapes`): a caption or answer names a
 * colour or a drawn shape only where the image shows it (imageColours.ts, imageShapes.ts) or the prompt names it
 * (the question, the OCR lines). The model still chooses among the words allowed, and whether to use one at all.
 *
 * training/lunette/held_back.py and `Generator.names_held_back_word` are the PyTorch reference; docs/model-pack.md
 * ("Words held to the pixels") specifies the rule.
 */
import type { ModelAdapter, StepResult } from './adapter';
import { argmax } from './adapters/lunette';
import type { TokenTexts } from './quotes';
import type { TextTokenizer } from './tokenizer';

export function plural(word: string): string {
  return /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/** How a word appears in generated text: after a space or not, lower or capitalised, singular or plural. */
export function spellings(word: string): string[] {
  return [word, plural(word)].flatMap((form) => {
    const capital = form[0]!.toUpperCase() + form.slice(1);
    return [` ${form}`, ` ${capital}`, form, capital];
  });
}

/** The words of `vocabulary` that occur in these texts as words, singular or plural, case ignored; in its order. */
export function namedWords<W extends string>(vocabulary: readonly W[], texts: readonly string[]): W[] {
  const found = new Set(texts.flatMap((text) => text.toLowerCase().match(/[a-z]+/g) ?? []));
  return vocabulary.filter((word) => found.has(word) || found.has(plural(word)));
}

/** The words of `vocabulary` the decoder may not write: neither shown nor named in `texts`. */
export function wordsHeldBack<W extends string>(vocabulary: readonly W[], shown: readonly W[], texts: readonly string[]): W[] {
  const allowed = new Set<W>([...shown, ...namedWords(vocabulary, texts)]);
  return vocabulary.filter((word) => !allowed.has(word));
}

/** The token ids of each word's spellings, encoded once per tokenizer. */
export class WordSpellings {
  private readonly encoded = new Map<string, number[][]>();

  constructor(private readonly tokenizer: TextTokenizer) {}

  of(word: string): readonly number[][] {
    let ids = this.encoded.get(word);
    if (!ids) {
      ids = spellings(word).map((text) => this.tokenizer.encode(text));
      this.encoded.set(word, ids);
    }
    return ids;
  }
}

export interface HeldBackOptions {
  /** Every word that may be held back (the colour and shape names). */
  vocabulary: readonly string[];
  /**
   * The words of `vocabulary` that may not be written here. Called only once the model starts one of them, so an
   * output that names no colour or shape never pays for looking at the pixels; the caller memoizes it.
   */
  heldBack: () => Promise<readonly string[]>;
  spellings: WordSpellings;
  tokens: TokenTexts;
}

/**
 * Does choosing `id` at `current` start a held-back word? Its spelling's next tokens and then a word's end must be
 * what the model would go on to choose (greedy, looked ahead): " red" followed by "is" is not the colour (nor is a
 * word the model would stop after: `stop`). A spelling without a leading space starts a word only at the output's
 * start or after `previous` (the text of the token before) ends in neither a letter nor a digit: the "2" of "1" "2"
 * is not the number 2.
 */
export async function namesHeldBackWord(adapter: ModelAdapter, current: StepResult, id: number, options: HeldBackOptions, stop: readonly number[], previous?: string): Promise<boolean> {
  const midWord = previous !== undefined && /[\p{L}\p{N}]$/u.test(previous);
  for (const word of options.vocabulary) {
    for (const ids of options.spellings.of(word)) {
      if (ids[0] !== id || (midWord && !options.tokens.text(id).startsWith(' ')) || !(await options.heldBack()).includes(word)) continue;
      let after = current;
      let followed = true;
      for (let i = 0; i < ids.length && followed; i++) {
        if (i > 0 && argmax(after.logits) !== ids[i]) followed = false;
        else after = await adapter.step(after.state, await adapter.embedTokens([ids[i]!]));
      }
      if (!followed) continue;
      const next = argmax(after.logits);
      if (stop.includes(next) || !/^[\p{L}\p{N}]/u.test(options.tokens.text(next))) return true;
    }
  }
  return false;
}
