/**
 * Emoji recognised from the pixels (manifest `generation.emoji: "pixels"`, pack files `emoji.json` and `emoji.bin`).
 *
 * At 128 px the model cannot tell one of 800 emoji from another: on the real set it called a dog "A mouse icon", a
 * cat "A sun bear emoji" and a bicycle "A burger emoji", and located none of them. Yet an emoji drawn on a plain
 * background is a glyph of a known font (Noto Color Emoji, which the training data draws them with), and a glyph is
 * recognised by comparing it with each glyph of the font.
 *
 * The pack carries each emoji's glyph as a GRID × GRID thumbnail (built at export): per cell, the share of the cell
 * the glyph covers with its holes filled, the share its ink covers, and the ink's mean colour. In an image with a flat
 * border colour (regionProposals.ts `borderColour`), the *objects* are the groups of pixels unlike it, parts within
 * REACH of each other joined (`objectBoxes`); each object's thumbnail, taken the same way, is compared with every
 * glyph's (`distance`); the nearest glyph names the object when it is within MAX_DISTANCE and much nearer than any
 * glyph of another name (MAX_RATIO: a drawn red circle is as near a stop sign as a ball, and nothing names it).
 *
 * training/lunette/emoji.py is the PyTorch reference and builds the index, step for step; test/fixtures/emoji.json
 * holds cases both sides must pass. emojiAnswers.ts uses the names.
 */
import { promises as fs } from 'node:fs';
import type { Box } from '../protocol/tasks';
import { ErrorCode, LunetteError } from '../protocol/errors';
import { type SnapImage, alike, dilated } from './boxSnapping';
import { borderColour, components } from './regionProposals';

const GRID = 16;
/** Parts of one object: pixels unlike the background within this share of the image's longer side of each other. */
const REACH = 0.01;
/** An object's box covers at least this share of the image (smaller: text, specks). */
const MIN_SHARE = 0.002;
const MAX_DISTANCE = 0.2;
const MAX_RATIO = 0.5;
const COLOUR_WEIGHT = 1;
const ASPECT_WEIGHT = 0.25;
const CELLS = GRID * GRID;

/** An object the index names: its box (0..1), the glyph's name ("dog") and kind ("animal"). */
export interface NamedObject {
  box: Box;
  name: string;
  category: string;
}

/** The objects of an image the index names, and how many objects it has, named or not. */
export interface Recognised {
  named: NamedObject[];
  objects: number;
}

interface Thumbnail {
  cover: Float64Array;
  ink: Float64Array;
  /** GRID × GRID × 3 */
  colour: Float64Array;
}

export class EmojiIndex {
  private constructor(
    readonly names: readonly string[],
    readonly categories: readonly string[],
    /** emoji.bin as it is: per glyph and cell, r, g, b, coverage × 255, ink coverage × 255 (1 MB, not 8 as floats). */
    private readonly glyphs: Uint8Array,
    private readonly aspects: readonly number[],
  ) {}

  /** From a pack's emoji.json (grid, names, categories, aspects) and emoji.bin (per glyph and cell: r, g, b, coverage, ink coverage). */
  static async load(jsonPath: string, binPath: string): Promise<EmojiIndex> {
    const invalid = (why: string): LunetteError => new LunetteError(ErrorCode.ModelInvalid, `The model pack's emoji index is damaged: ${why}.`);
    let meta: { grid?: unknown; names?: unknown; categories?: unknown; aspects?: unknown };
    try {
      meta = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as typeof meta;
    } catch (error) {
      throw invalid(`emoji.json cannot be read (${(error as Error).message})`);
    }
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
    if (meta.grid !== GRID || !strings(meta.names) || !strings(meta.categories) || !Array.isArray(meta.aspects)
      || meta.categories.length !== meta.names.length || meta.aspects.length !== meta.names.length
      || !meta.aspects.every((a) => typeof a === 'number' && a > 0)) {
      throw invalid(`emoji.json must give grid ${GRID} and as many names, categories and positive aspects`);
    }
    let raw: Buffer;
    try {
      raw = await fs.readFile(binPath);
    } catch (error) {
      throw invalid(`emoji.bin cannot be read (${(error as Error).message})`);
    }
    if (raw.length !== meta.names.length * CELLS * 5) throw invalid(`emoji.bin holds ${raw.length} bytes, not ${meta.names.length * CELLS * 5}`);
    return new EmojiIndex(meta.names, meta.categories, new Uint8Array(raw), meta.aspects as number[]);
  }

  /** The objects of the image this index names, in the objects' order (`objectBoxes`), and how many objects there are. */
  recognise(image: SnapImage): Recognised {
    const background = borderColour(image);
    // the pixels unlike the background, found once for the objects and their thumbnails
    const ink = background ? inkOf(image, background) : undefined;
    const boxes = ink ? objectBoxes(ink, image.width, image.height) : [];
    const named: NamedObject[] = [];
    for (const [x0, y0, x1, y1] of boxes) {
      const d = this.distances(thumbnail(image, [x0, y0, x1, y1], ink!), (x1 - x0) / (y1 - y0));
      let best = 0;
      for (let g = 1; g < d.length; g++) if (d[g]! < d[best]!) best = g;
      let other = Infinity;
      for (let g = 0; g < d.length; g++) if (this.names[g] !== this.names[best] && d[g]! < other) other = d[g]!;
      if (d[best]! <= MAX_DISTANCE && d[best]! <= MAX_RATIO * other) {
        named.push({
          box: { x_min: x0 / image.width, y_min: y0 / image.height, x_max: x1 / image.width, y_max: y1 / image.height },
          name: this.names[best]!,
          category: this.categories[best]!,
        });
      }
    }
    return { named, objects: boxes.length };
  }

  /**
   * Per glyph: mean |coverage difference| over the cells, plus COLOUR_WEIGHT × the mean |colour difference| / 255
   * over the cells both ink at least half (1 where there is none), plus ASPECT_WEIGHT × |log(aspect / the glyph's)|.
   */
  private distances(t: Thumbnail, aspect: number): number[] {
    const g = this.glyphs;
    return this.names.map((_, i) => {
      let cover = 0;
      let colour = 0;
      let both = 0;
      for (let c = 0; c < CELLS; c++) {
        const o = (i * CELLS + c) * 5;
        cover += Math.abs(g[o + 3]! / 255 - t.cover[c]!);
        if (g[o + 4]! / 255 >= 0.5 && t.ink[c]! >= 0.5) {
          both++;
          colour += (Math.abs(g[o]! - t.colour[c * 3]!) + Math.abs(g[o + 1]! - t.colour[c * 3 + 1]!) + Math.abs(g[o + 2]! - t.colour[c * 3 + 2]!)) / 3 / 255;
        }
      }
      return cover / CELLS + COLOUR_WEIGHT * (both > 0 ? colour / both : 1) + ASPECT_WEIGHT * Math.abs(Math.log(aspect / this.aspects[i]!));
    });
  }
}

type Rect = readonly [number, number, number, number];

/** 1 for the pixels of the image not within TOLERANCE of `background` (boxSnapping.ts `alike`), else 0. */
function inkOf(image: SnapImage, background: readonly [number, number, number]): Uint8Array {
  const isBackground = alike(image, background);
  const ink = new Uint8Array(image.width * image.height);
  for (let i = 0; i < ink.length; i++) ink[i] = isBackground(i) ? 0 : 1;
  return ink;
}

/**
 * The boxes (x0, y0, x1, y1 in the image's pixels, end exclusive) of the groups of `ink` (the image's pixels unlike
 * the background, W × H), parts within REACH of the image's longer side joined, each at least MIN_SHARE of the image.
 */
function objectBoxes(ink: Uint8Array, W: number, H: number): Rect[] {
  const joined = dilated(ink, W, H, Math.max(1, Math.floor(REACH * Math.max(W, H))));
  const out: Rect[] = [];
  for (const r of components((i) => joined[i] === 1, W, H)) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    for (let y = r.minY; y < r.maxY; y++) {
      for (let x = r.minX; x < r.maxX; x++) {
        if (!ink[y * W + x]) continue;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
    }
    if (x1 < 0) continue;
    const box = [x0, y0, x1 + 1, y1 + 1] as const;
    if ((box[2] - box[0]) * (box[3] - box[1]) >= MIN_SHARE * W * H) out.push(box);
  }
  return out;
}

/**
 * The thumbnail of the object in `box`, whose ink is `imageInk`'s (the whole image's, `inkOf`) within the box; each
 * cell takes rows [⌊i·H/GRID⌋, max(that + 1, ⌊(i+1)·H/GRID⌋)) and the same for columns; coverage counts the ink with
 * its holes filled.
 */
function thumbnail(image: SnapImage, [x0, y0, x1, y1]: Rect, imageInk: Uint8Array): Thumbnail {
  const [W, H] = [x1 - x0, y1 - y0];
  const ink = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) ink.set(imageInk.subarray((y0 + y) * image.width + x0, (y0 + y) * image.width + x1), y * W);
  const mask = filled(ink, W, H);
  const t: Thumbnail = { cover: new Float64Array(CELLS), ink: new Float64Array(CELLS), colour: new Float64Array(CELLS * 3) };
  for (let i = 0; i < GRID; i++) {
    const r0 = Math.floor((i * H) / GRID);
    const r1 = Math.max(r0 + 1, Math.floor(((i + 1) * H) / GRID));
    for (let j = 0; j < GRID; j++) {
      const c0 = Math.floor((j * W) / GRID);
      const c1 = Math.max(c0 + 1, Math.floor(((j + 1) * W) / GRID));
      let [covered, inked] = [0, 0];
      const sum = [0, 0, 0];
      for (let y = r0; y < r1; y++) {
        for (let x = c0; x < c1; x++) {
          covered += mask[y * W + x]!;
          if (!ink[y * W + x]) continue;
          inked++;
          const o = ((y0 + y) * image.width + x0 + x) * 3;
          for (let k = 0; k < 3; k++) sum[k]! += image.data[o + k]!;
        }
      }
      const n = (r1 - r0) * (c1 - c0);
      const c = i * GRID + j;
      t.cover[c] = covered / n;
      t.ink[c] = inked / n;
      if (inked) for (let k = 0; k < 3; k++) t.colour[c * 3 + k] = sum[k]! / inked;
    }
  }
  return t;
}

/** `ink` and its holes: the pixels not reached from the edge of its box over non-ink pixels (4-connected). */
function filled(ink: Uint8Array, W: number, H: number): Uint8Array {
  const outside = new Uint8Array(W * H);
  const queue: number[] = [];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if ((y === 0 || y === H - 1 || x === 0 || x === W - 1) && !ink[i]) {
        outside[i] = 1;
        queue.push(i);
      }
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!;
    const [x, y] = [i % W, Math.floor(i / W)];
    for (const [nx, ny] of [[x, y - 1], [x, y + 1], [x - 1, y], [x + 1, y]] as const) {
      const n = ny * W + nx;
      if (nx >= 0 && nx < W && ny >= 0 && ny < H && !outside[n] && !ink[n]) {
        outside[n] = 1;
        queue.push(n);
      }
    }
  }
  return outside.map((v) => 1 - v);
}
