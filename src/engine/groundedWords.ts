/**
 * Words held to the pixels (manifest `generation.colours` and `generation.shapes`): a caption or answer names a
 * colour or a drawn shape only where the image shows it (imageColours.ts, imageShapes.ts) or the prompt names it
 * (the question, the OCR lines). The model still chooses among the words allowed, and whether to use one at all.
 *
 * training/lunette/grounding.py and `Generator.names_held_back_word` are the PyTorch reference; docs/model-pack.md
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
export function heldBack<W extends string>(vocabulary: readonly W[], shown: readonly W[], texts: readonly string[]): W[] {
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
  /** The words that may not be written. */
  words: readonly string[];
  spellings: WordSpellings;
  tokens: TokenTexts;
}

/**
 * Does choosing `id` at `current` start a held-back word? Its spelling's next tokens and then a word's end must be
 * what the model would go on to choose (greedy, looked ahead): " red" followed by "is" is not the colour (nor is a
 * word the model would stop after: `stop`).
 */
export async function namesHeldBackWord(adapter: ModelAdapter, current: StepResult, id: number, options: HeldBackOptions, stop: readonly number[]): Promise<boolean> {
  for (const word of options.words) {
    for (const ids of options.spellings.of(word)) {
      if (ids[0] !== id) continue;
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
