/** A Hugging Face tokenizer.json loaded with @huggingface/tokenizers. */
import { promises as fs } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { ErrorCode, LunetteError } from '../protocol/errors';

export interface TextTokenizer {
  /**
   * Token ids of text; no BOS/EOS are added. Special-token strings in the text become special tokens, so
   * user text goes through `userText()` (prompt.ts) first.
   */
  encode(text: string): number[];
  /** Text of token ids; special tokens are dropped. */
  decode(ids: readonly number[]): string;
  readonly vocabSize: number;
}

export async function loadTokenizer(file: string): Promise<TextTokenizer> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Tokenizer ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  try {
    return new HfTokenizer(new Tokenizer(json as object, { clean_up_tokenization_spaces: false }));
  } catch (error) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Tokenizer ${file} is not a valid tokenizer.json: ${(error as Error).message}`, { cause: error });
  }
}

class HfTokenizer implements TextTokenizer {
  readonly vocabSize: number;
  constructor(private readonly tokenizer: Tokenizer) {
    this.vocabSize = tokenizer.get_vocab(true).size;
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  decode(ids: readonly number[]): string {
    if (ids.length === 0) return '';
    return this.tokenizer.decode([...ids], { skip_special_tokens: true });
  }
}
