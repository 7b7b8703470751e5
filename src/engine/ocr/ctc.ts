/** CTC greedy decoding of the recognizer's per-column class probabilities, and the character dictionary. */

/**
 * The recognizer's classes: 0 is the CTC blank, 1…N the dictionary's lines in order, N+1 a space
 * (PaddleOCR's use_space_char).
 */
export class CharDictionary {
  readonly classes: readonly string[];

  constructor(chars: readonly string[]) {
    this.classes = ['', ...chars, ' '];
  }

  /** Parses ppocr_keys_v1.txt: one character a line (LF or CRLF), a trailing newline allowed. */
  static parse(text: string): CharDictionary {
    const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return new CharDictionary(lines);
  }

  get size(): number {
    return this.classes.length;
  }
}

export interface Decoded {
  text: string;
  /** Mean probability of the characters kept (PaddleOCR's score); 0 for an empty line. */
  confidence: number;
}

/**
 * Greedy CTC: the best class per column, repeats collapsed, blanks dropped. `probs` holds one item of the
 * batch: `steps` columns of `classes` probabilities each, starting at `offset`.
 *
 * PaddleOCR's Chinese recognizer is shy of spaces between Latin words: between two characters it often
 * predicts blank where a space belongs, with the space class a clear second. A space is inserted there when
 * some column between the two characters gives the space class at least `spaceThreshold` (1 turns this
 * off) and the two are further apart than the line's usual character pitch (so `v20.19` in a monospace
 * font, where the dot sits in its own wide cell, stays one word).
 */
export function ctcGreedy(probs: Float32Array, offset: number, steps: number, classes: number, dict: CharDictionary, spaceThreshold = 1): Decoded {
  const space = classes - 1;
  const chars: { cls: number; p: number; at: number; spaceBefore: number }[] = [];
  let previous = -1;
  let spaceSeen = 0;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let k = 1; k < classes; k++) {
      const p = probs[base + k]!;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best === 0) {
      const p = probs[base + space]!;
      if (p > spaceSeen) spaceSeen = p;
    } else {
      if (best !== previous) chars.push({ cls: best, p: bestP, at: t, spaceBefore: spaceSeen });
      spaceSeen = 0;
    }
    previous = best;
  }
  // The usual distance between neighbouring characters of one word.
  const pitches: number[] = [];
  for (let i = 1; i < chars.length; i++) if (chars[i]!.cls !== space && chars[i - 1]!.cls !== space) pitches.push(chars[i]!.at - chars[i - 1]!.at);
  pitches.sort((a, b) => a - b);
  const pitch = pitches.length >= 3 ? pitches[Math.floor(pitches.length / 2)]! : 0;
  let text = '';
  let sum = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const prev = chars[i - 1];
    if (
      prev &&
      c.cls !== space &&
      prev.cls !== space &&
      c.spaceBefore >= spaceThreshold &&
      pitch > 0 &&
      c.at - prev.at >= 1.5 * pitch
    ) {
      text += ' ';
    }
    text += dict.classes[c.cls] ?? '';
    sum += c.p;
  }
  return { text, confidence: chars.length ? sum / chars.length : 0 };
}
