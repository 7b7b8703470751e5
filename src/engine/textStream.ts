/**
 * Turns a growing list of token ids into text chunks that are safe to show: never half a UTF-8 character
 * (byte-level BPE splits them across tokens) and, as Moondream's streaming does, only whole words, except
 * that a newline flushes everything.
 */
import type { TextTokenizer } from './tokenizer';

export class TextStream {
  private readonly ids: number[] = [];
  private emitted = 0;
  private start = 0;
  private started = false;

  constructor(
    private readonly tokenizer: TextTokenizer,
    private readonly onText: (chunk: string) => void,
  ) {}

  push(id: number): void {
    this.ids.push(id);
    const text = this.tokenizer.decode(this.ids);
    this.skipLeadingWhitespace(text);
    // A trailing U+FFFD means the last token ended inside a multi-byte character: wait for the rest.
    if (text.endsWith('\uFFFD')) return;
    let end: number;
    if (text.endsWith('\n')) end = text.length;
    else {
      const lastSpace = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
      end = lastSpace < this.emitted ? this.emitted : lastSpace;
    }
    if (end > this.emitted) {
      this.onText(text.slice(this.emitted, end));
      this.emitted = end;
    }
  }

  /** Emits whatever is left and returns the whole text. */
  finish(): string {
    const text = this.tokenizer.decode(this.ids);
    this.skipLeadingWhitespace(text);
    if (text.length > this.emitted) this.onText(text.slice(this.emitted));
    this.emitted = text.length;
    return text.slice(this.start).trimEnd();
  }

  /** Answers start with the space that follows "Answer:"; the caller never sees it. */
  private skipLeadingWhitespace(text: string): void {
    if (this.emitted > 0 || this.started) return;
    const trimmed = text.trimStart();
    if (trimmed.length === 0) return;
    this.start = text.length - trimmed.length;
    this.emitted = this.start;
    this.started = true;
  }
}
