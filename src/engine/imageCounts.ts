/**
 * How many of a drawn thing an image shows (manifest `generation.counts: "pixels"`; heldBackWords.ts holds the rule).
 *
 * The model counts poorly from its image tokens: on the real set it answered "How many shapes are there?" with 4
 * whatever the picture held, got none of nine shape counts right, and none of four diagrams' boxes. Yet drawn shapes,
 * a chart's bars and slices and a diagram's boxes are plain regions of the pixels, and imageShapes.ts already says
 * which shapes a region could be.
 *
 * A question counts a thing (`countedThing`) when it asks how many (or the number, or a count) of one plural of
 * THINGS, with nothing before it but a colour: "How many circles are there?", "Count the red squares.", "What is
 * the number of shapes?", "How many bars does the chart have?"; not "How many text boxes …" nor "How many of the
 * shapes are red?". The count is over the image's distinct regions (regionProposals.ts) large enough to be drawn
 * things rather than glyphs (MIN_SHARE of the image) that are the thing (`isThing`) and, with a colour named before
 * it, that colour (`regionColours`); a region mostly filling another's box is that one's inside, a region holding a
 * much smaller one is a panel holding things (`distinctThings`). While answering, the decoder writes no number but
 * that count (0 to 20, digits or words); a count of 0 holds nothing back, since a thing the regions miss is not
 * proof of its absence.
 *
 * training/lunette/counts.py is the PyTorch reference, step for step; test/fixtures/counts.json holds cases both
 * sides must pass.
 */
import type { SnapImage } from './boxSnapping';
import { plural } from './heldBackWords';
import { CHROMATIC, SLACKS, colourName } from './imageColours';
import { SHAPES, type ShapeName, centroidOffset, regionShapes } from './imageShapes';
import { imageRegions } from './regionProposals';

/** "shape": any of SHAPES; "bar": a chart's bar; "slice": a pie's; "box" and "node": a diagram's. */
export type CountedThing = ShapeName | 'shape' | 'bar' | 'slice' | 'box' | 'node';
export const THINGS: readonly CountedThing[] = [...SHAPES, 'shape', 'bar', 'slice', 'box', 'node'];
/** The shapes a diagram's box may look like: its text cut out of it lowers a rectangle's fill to 0.7 or so. */
export const BOXY: readonly ShapeName[] = ['rectangle', 'square', 'oval', 'circle', 'hexagon', 'pentagon', 'heart'];
/** Words that may stand before the thing counted (besides a colour): "how many", "count the", "number of", "# of". */
const LEAD_WORDS = ['many', 'the', 'of', 'all', 'count', '#'];
/** A diagram's steps, states and stages are its boxes, when counted. */
const STEPS: readonly (readonly [string, CountedThing])[] = [['steps', 'node'], ['states', 'node'], ['stages', 'node']];
export const COLOURS = [...CHROMATIC, 'gray', 'grey'] as const;
export const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'] as const;
/** Every number an answer may be held to: digits and words, 0 to 20. */
export const NUMBERS: readonly string[] = NUMBER_WORDS.flatMap((word, n) => [String(n), word]);
/** A region's box as a share of the image: smaller ones are glyphs, icons' details, anti-aliasing. */
export const MIN_SHARE = 0.002;
/**
 * A region within another's box and covering at least this share of it is its inside (a shape's area within its
 * anti-aliased edge, an outlined shape's hole); a region holding one covering less than this is a panel.
 */
const INSIDE_SHARE = 0.5;
/**
 * A pie's slice: a region with a colour of its own (OWN_SHARE of its box) within the box of a circle region, and
 * covering less than PIE_SHARE of it.
 */
const OWN_SHARE = 0.5;
const PIE_SHARE = 0.9;
/**
 * Counting a circle: its box this near square (a regular hexagon's is 1.155 or 0.866 wide per high, and its fill,
 * about 0.76, is within the circle's band).
 */
const COUNT_ROUND_ASPECT = [0.93, 1.075] as const;
/**
 * Counting any other shape but the oval and rectangle: its box no longer than this either way (an arrow's shaft and
 * head, a strip of a border, are star-like in fill).
 */
const COUNT_MAX_ELONGATION = 2.5;
/**
 * A colour a region is: this share of its box's pixels has that name; or, for a region with no colour of its own
 * (the inside of an outlined shape), this share of the coloured ones among the OUTLINE pixels around its box.
 */
const COLOUR_SHARE = 0.25;
const OUTLINE = 2;
const OUTLINE_SHARE = 0.5;
/** Grey: no chromatic name and a lightness within this (synth/colors.py `classify`, a little widened). */
const GREY_LIGHTNESS = [0.3, 0.7] as const;
const ASKS_COUNT = /\b(how many|number of|count)\b|#\s*of\b/;

export interface CountQuestion {
  thing: CountedThing;
  colour?: string;
}

/** The thing (and colour) `question` asks how many of, if it asks that of one of THINGS. */
export function countedThing(question: string): CountQuestion | undefined {
  const text = question.toLowerCase();
  if (!ASKS_COUNT.test(text) || text.includes('many of')) return undefined;
  const words = text.match(/[a-z]+|#/g) ?? [];
  const plurals = new Map<string, CountedThing>([...THINGS.map((thing) => [plural(thing), thing] as const), ...STEPS]);
  const named = words.flatMap((word, i) => (plurals.has(word) ? [i] : []));
  if (named.length !== 1) return undefined;
  const i = named[0]!;
  const colour = i > 0 && (COLOURS as readonly string[]).includes(words[i - 1]!) ? words[i - 1]! : undefined;
  const before = i - (colour ? 2 : 1);
  if (before >= 0 && !LEAD_WORDS.includes(words[before]!)) return undefined;
  const thing = plurals.get(words[i]!)!;
  return colour ? { thing, colour: colour === 'grey' ? 'gray' : colour } : { thing };
}

/**
 * The shapes a region counts as: those it could be (`regionShapes`), a circle only with a box near square
 * (COUNT_ROUND_ASPECT), a hexagon only if not such a circle, the rest but the oval and rectangle only if not
 * elongated (COUNT_MAX_ELONGATION).
 */
export function countedNames(pixels: number, width: number, height: number, offset: number): ShapeName[] {
  const aspect = width / height;
  const names = regionShapes(pixels, width, height, offset);
  const nearSquare = aspect >= COUNT_ROUND_ASPECT[0] && aspect <= COUNT_ROUND_ASPECT[1];
  const elongated = Math.max(aspect, 1 / aspect) > COUNT_MAX_ELONGATION;
  return names.filter((name) => {
    if (name === 'circle') return nearSquare;
    if (name === 'hexagon') return !(nearSquare && names.includes('circle')) && !elongated;
    return name === 'oval' || name === 'rectangle' || !elongated;
  });
}

/**
 * The colours of a region with this box: those of its box's pixels, or if it has none, of the coloured pixels among
 * the OUTLINE pixels around the box (an outlined shape's inside is the background's colour, its outline the shape's;
 * around a round outline's box, white corners too).
 */
export function regionColours(image: SnapImage, x0: number, y0: number, x1: number, y1: number, slack = true): string[] {
  const own = pixelColours(image, [x0, y0, x1, y1], () => true, COLOUR_SHARE, false, slack);
  if (own.length) return own;
  const around = [Math.max(0, x0 - OUTLINE), Math.max(0, y0 - OUTLINE), Math.min(image.width, x1 + OUTLINE), Math.min(image.height, y1 + OUTLINE)] as const;
  return pixelColours(image, around, (x, y) => x < x0 || x >= x1 || y < y0 || y >= y1, OUTLINE_SHARE, true, slack);
}

/**
 * The colour names (grey as "gray") covering `share` of the pixels of `box` that `taken` takes, or with
 * `colouredOnly`, of those of them that have a colour name; none of no pixels. Without `slack`, each pixel is named
 * once, as it is.
 */
function pixelColours(image: SnapImage, box: readonly [number, number, number, number], taken: (x: number, y: number) => boolean, share: number, colouredOnly: boolean, slack = true): string[] {
  const slacks = slack ? SLACKS : SLACKS.slice(0, 1);
  const counts = slacks.map(() => new Array<number>(CHROMATIC.length).fill(0));
  let grey = 0;
  let total = 0;
  for (let y = box[1]; y < box[3]; y++) {
    for (let x = box[0]; x < box[2]; x++) {
      if (!taken(x, y)) continue;
      const i = (y * image.width + x) * 3;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      // the first naming is the unshifted one: it also tells grey
      const names = slacks.map(([hue, level, brightness]) => colourName(r, g, b, hue, level, brightness));
      names.forEach((name, k) => { if (name >= 0) counts[k]![name]!++; });
      const lightness = (Math.max(r, g, b) + Math.min(r, g, b)) / 2 / 255;
      const plain = names[0]!;
      const isGrey = plain < 0 && lightness >= GREY_LIGHTNESS[0] && lightness <= GREY_LIGHTNESS[1];
      if (isGrey) grey++;
      if (!colouredOnly || plain >= 0 || isGrey) total++;
    }
  }
  if (total === 0) return [];
  const need = share * total;
  const out = new Set<string>();
  for (const perName of counts) perName.forEach((count, name) => { if (count >= need) out.add(CHROMATIC[name]!); });
  if (grey >= need) out.add('gray');
  return COLOURS.filter((colour) => out.has(colour));
}

export type BoxXY = readonly [number, number, number, number];

/** How many `thing`s (of `colour`) the image shows. */
export function thingCount(image: SnapImage, question: CountQuestion): number {
  return things(image, question).length;
}

/** The boxes (x0, y0, x1, y1 in the image's pixels, end exclusive) of the `thing`s (of `colour`) it shows, each once, in the regions' order. */
export function things(image: SnapImage, { thing, colour }: CountQuestion): BoxXY[] {
  const regions = countedRegions(image);
  const pies = thing === 'slice' ? regions.filter((r) => r.names.includes('circle')).map((r) => r.box) : [];
  const isColour = (box: BoxXY): boolean => !colour || regionColours(image, ...box).includes(colour);
  if (thing === 'slice') { // a pie has two slices or more; a lone one is a disc's inside within its edge
    const every = distinctThings(regions.filter(({ box, names }) => isThing(image, thing, box, names, pies)).map((r) => r.box));
    return every.filter((box) => pies.some((pie) => within(box, pie) && every.filter((other) => within(other, pie)).length >= 2) && isColour(box));
  }
  return distinctThings(regions.filter(({ box, names }) => isThing(image, thing, box, names, pies) && isColour(box)).map((r) => r.box));
}

/**
 * The box and the shapes it counts as of each distinct region large enough to be a drawn thing (MIN_SHARE of the
 * image), in the regions' order; boxes as `things` gives them.
 */
export function countedRegions(image: SnapImage): { box: BoxXY; names: ShapeName[] }[] {
  const regions: { box: BoxXY; names: ShapeName[] }[] = [];
  for (const r of imageRegions(image, true)) {
    const [w, h] = [r.maxX - r.minX, r.maxY - r.minY];
    if (w * h >= MIN_SHARE * image.width * image.height) regions.push({ box: [r.minX, r.minY, r.maxX, r.maxY], names: countedNames(r.pixels, w, h, centroidOffset(r)) });
  }
  return regions;
}

/**
 * Is a region with this box, counting as these shapes, a `thing`? A shape: it counts as that shape (any, for
 * "shape"). A bar: a rectangle or square with a colour of its own. A slice: a region with a colour of its own within
 * one of `pies` (the circle regions' boxes). A box or node: it counts as a BOXY shape.
 */
export function isThing(image: SnapImage, thing: CountedThing, box: BoxXY, names: readonly ShapeName[], pies: readonly BoxXY[]): boolean {
  if (thing === 'shape') return names.length > 0;
  if (thing === 'bar') return (names.includes('rectangle') || names.includes('square')) && ownColours(image, box).length > 0;
  if (thing === 'slice') return pies.some((pie) => within(box, pie) && area(box) < PIE_SHARE * area(pie)) && ownColours(image, box).length > 0;
  if (thing === 'box' || thing === 'node') return names.some((name) => BOXY.includes(name));
  return names.includes(thing);
}

/**
 * The boxes that are things, each once: not the inside of another (within its box, covering INSIDE_SHARE of it)
 * nor a panel (holding another that covers less than INSIDE_SHARE of it).
 */
export function distinctThings(boxes: readonly BoxXY[]): BoxXY[] {
  return boxes.filter((a, i) => !boxes.some((b, j) => j !== i && within(a, b) && area(a) >= INSIDE_SHARE * area(b))
    && !boxes.some((b, j) => j !== i && within(b, a) && area(b) < INSIDE_SHARE * area(a)));
}

/** The colour names covering OWN_SHARE of the pixels of a box: a region's own colour (a filled bar, slice or button). */
export function ownColours(image: SnapImage, box: BoxXY): string[] {
  return pixelColours(image, box, () => true, OWN_SHARE, false);
}

function within(a: BoxXY, b: BoxXY): boolean {
  return b[0] <= a[0] && b[1] <= a[1] && a[2] <= b[2] && a[3] <= b[3];
}

function area(box: BoxXY): number {
  return (box[2] - box[0]) * (box[3] - box[1]);
}

/** The numbers an answer may not write when the pixels count `count` (none for 0 or a count past 20). */
export function numbersHeldBack(count: number): string[] {
  if (count < 1 || count >= NUMBER_WORDS.length) return [];
  const allowed = [String(count), NUMBER_WORDS[count]!];
  return NUMBERS.filter((word) => !allowed.includes(word));
}
