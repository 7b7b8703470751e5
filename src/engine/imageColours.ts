/**
 * Which colours an image shows (manifest `generation.colours: "pixels"`; heldBackWords.ts holds the rule).
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
import type { SnapImage } from './boxSnapping';

export const CHROMATIC = ['red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink', 'brown'] as const;
export type ColourName = (typeof CHROMATIC)[number];

const SHOWN_SHARE = 0.0003;
const MIN_PIXELS = 8;
const HUE_SLACK = 12;
const LEVEL_SLACK = 0.06;
/** (hue, lightness, brightness) offsets: each pixel is named as it is and as if it were this much off. */
export const SLACKS: readonly (readonly [number, number, number])[] = [
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
  // a screenshot holds few distinct colours: each is named once, under every slack
  const named = new Map<number, Int8Array>();
  const perSlack = SLACKS.map(() => new Int8Array(width * height));
  for (let i = 0; i < width * height; i++) {
    const key = (data[3 * i]! << 16) | (data[3 * i + 1]! << 8) | data[3 * i + 2]!;
    let names = named.get(key);
    if (!names) {
      names = Int8Array.from(SLACKS, ([hue, level, brightness]) => colourName(data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!, hue, level, brightness));
      named.set(key, names);
    }
    for (let k = 0; k < SLACKS.length; k++) perSlack[k]![i] = names[k]!;
  }
  for (const names of perSlack) {
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
