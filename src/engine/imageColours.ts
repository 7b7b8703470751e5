/**
 * Colours named only where the image shows them (manifest `generation.colours: "pixels"`).
 *
 * A small model names colours poorly from its image tokens (it calls a blue square "a red circle"), yet which
 * colours an image holds is plain in its pixels. So the decoder may name a chromatic colour (red … brown) only if
 * the image shows it, or the question or the image's text names it; among those it still chooses itself.
 *
 * Which colours an image shows: each pixel of the snap image (boxSnapping.ts: longest side 512, linear) is named as
 * the training data names colours (training/synth/colors.py `classify`, its chromatic names), and a name counts
 * where it covers at least SHOWN_SHARE of the pixels (and MIN_PIXELS) with pixels whose 2 × 2 block all have that
 * name: the one-pixel seams anti-aliasing leaves between two colours (purple between red and blue) do not count.
 * Near the names' borders in hue (± HUE_SLACK degrees), lightness (red/pink) and brightness (orange/brown) both
 * names count, so a colour between two names never forbids the one the model picks.
 *
 * training/lunette/colours.py is the PyTorch reference, step for step; test/fixtures/colours.json holds cases both
 * sides must pass.
 */
import type { ModelAdapter, StepResult } from './adapter';
import { argmax } from './adapters/lunette';
import type { SnapImage } from './boxSnapping';
import type { TokenTexts } from './quotes';
import type { TextTokenizer } from './tokenizer';

export const CHROMATIC = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', 'brown'] as const;
export type ColourName = (typeof CHROMATIC)[number];

const SHOWN_SHARE = 0.0003;
const MIN_PIXELS = 8;
const HUE_SLACK = 12;
const LEVEL_SLACK = 0.06;
/** (hue, lightness, brightness) offsets: each pixel is named as it is and as if it were this much off. */
const SLACKS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [HUE_SLACK, 0, 0], [-HUE_SLACK, 0, 0], [0, LEVEL_SLACK, LEVEL_SLACK], [0, -LEVEL_SLACK, -LEVEL_SLACK],
];
const NOT_CHROMATIC = -1;
const [RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, PURPLE, PINK, BROWN] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** Python's float modulo (the result has the divisor's sign), as the reference computes hues. */
function floorMod(value: number, divisor: number): number {
  const rest = value % divisor;
  return rest !== 0 && (rest < 0) !== (divisor < 0) ? rest + divisor : rest;
}

/**
 * The index in CHROMATIC of a colour's name, or NOT_CHROMATIC (grey, black, white, or no clear name); the offsets
 * shift its hue (degrees), lightness and brightness first.
 */
export function colourName(r8: number, g8: number, b8: number, hueOffset = 0, levelOffset = 0, brightnessOffset = 0): number {
  const r = r8 / 255;
  const g = g8 / 255;
  const b = b8 / 255;
  const hi = Math.max(r, g, b);
  const lo = Math.min(r, g, b);
  const spread = hi - lo;
  let light = (hi + lo) / 2;
  const sat = spread === 0 ? 0 : light <= 0.5 ? spread / (hi + lo) : spread / (2 - hi - lo);
  if (sat < 0.15 || spread < 0.12) return NOT_CHROMATIC;
  const rc = (hi - r) / spread;
  const gc = (hi - g) / spread;
  const bc = (hi - b) / spread;
  const hue = r === hi ? bc - gc : g === hi ? 2 + rc - bc : 4 + gc - rc;
  const deg = floorMod(floorMod(hue / 6, 1) * 360 + hueOffset, 360);
  light += levelOffset;
  const bright = hi + brightnessOffset;
  if (light < 0.12) return NOT_CHROMATIC;
  if (deg < 15) return light < 0.7 ? RED : PINK;
  if (deg < 42) return bright < 0.66 ? BROWN : ORANGE;
  if (deg < 68) return light > 0.35 ? YELLOW : NOT_CHROMATIC;
  if (deg < 160) return GREEN;
  if (deg < 190) return TEAL;
  if (deg < 255) return BLUE;
  if (deg < 290) return PURPLE;
  if (deg < 340) return PINK;
  return light < 0.7 ? RED : PINK;
}

/** The chromatic colour names the image shows, in CHROMATIC's order. */
export function imageColours(image: SnapImage): ColourName[] {
  const { width, height, data } = image;
  const need = Math.max(MIN_PIXELS, SHOWN_SHARE * width * height);
  const shown = new Set<number>();
  const names = new Int8Array(width * height);
  for (const [hue, level, brightness] of SLACKS) {
    for (let i = 0; i < width * height; i++) names[i] = colourName(data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!, hue, level, brightness);
    const solid = new Array<number>(CHROMATIC.length).fill(0);
    for (let y = 0; y + 1 < height; y++) {
      for (let x = 0; x + 1 < width; x++) {
        const at = y * width + x;
        const name = names[at]!;
        if (name !== NOT_CHROMATIC && names[at + 1] === name && names[at + width] === name && names[at + width + 1] === name) solid[name]!++;
      }
    }
    solid.forEach((count, name) => {
      if (count >= need) shown.add(name);
    });
  }
  return CHROMATIC.filter((_, index) => shown.has(index));
}

/** The chromatic colour names that occur as words in these texts (a question, the OCR lines). */
export function namedColours(texts: readonly string[]): ColourName[] {
  const words = new Set(texts.flatMap((text) => text.toLowerCase().match(/[a-z]+/g) ?? []));
  return CHROMATIC.filter((colour) => words.has(colour));
}

/** The colours the decoder may not name: neither shown (`imageColours`) nor named in `texts`. */
export function unshownColours(shown: readonly ColourName[], texts: readonly string[]): ColourName[] {
  const allowed = new Set<ColourName>([...shown, ...namedColours(texts)]);
  return CHROMATIC.filter((colour) => !allowed.has(colour));
}

/** How a colour word appears in generated text: after a space or not, lower or capitalised. */
function spellings(colour: string): string[] {
  const capital = colour[0]!.toUpperCase() + colour.slice(1);
  return [` ${colour}`, ` ${capital}`, colour, capital];
}

/** The token ids of each colour word's spellings, by their first token; built once per tokenizer. */
export class ColourWords {
  private readonly byFirst = new Map<number, { colour: ColourName; ids: number[] }[]>();

  constructor(tokenizer: TextTokenizer) {
    for (const colour of CHROMATIC) {
      for (const spelling of spellings(colour)) {
        const ids = tokenizer.encode(spelling);
        const words = this.byFirst.get(ids[0]!) ?? [];
        words.push({ colour, ids });
        this.byFirst.set(ids[0]!, words);
      }
    }
  }

  startingWith(id: number): readonly { colour: ColourName; ids: number[] }[] {
    return this.byFirst.get(id) ?? [];
  }
}

export interface ColourOptions {
  /** The colours that may not be named. */
  unshown: readonly ColourName[];
  words: ColourWords;
  tokens: TokenTexts;
}

/**
 * Does choosing `id` at `current` start the name of an unshown colour? Its spelling's next tokens and then a word's
 * end must be what the model would go on to choose (greedy, looked ahead): " red" followed by "is" is not the
 * colour (nor is a word the model would stop after: `stop`).
 */
export async function namesUnshownColour(adapter: ModelAdapter, current: StepResult, id: number, options: ColourOptions, stop: readonly number[]): Promise<boolean> {
  for (const { colour, ids } of options.words.startingWith(id)) {
    if (!options.unshown.includes(colour)) continue;
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
  return false;
}
