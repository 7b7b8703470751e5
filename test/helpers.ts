/** Shared test helpers: paths, the tiny test pack, and image fixtures made on the fly with sharp. */
import { mkdtempSync, promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { DecoderState, ModelAdapter, StepResult } from '../src/engine/adapter';
import type { SnapImage } from '../src/engine/boxSnapping';
import { LunetteError } from '../src/protocol/errors';

/** Tests are bundled to out/test/<dir>/x.test.js; the repository root is found from there. */
export const ROOT = findRoot(__dirname);
export const TEST_PACK = path.join(ROOT, 'models', 'test-tiny');
export const DIST = path.join(ROOT, 'dist');

function findRoot(start: string): string {
  let dir = start;
  while (dir !== path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'lunette') return dir;
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  throw new Error(`package.json of lunette not found above ${start}`);
}

export interface ReferenceCase {
  task: 'caption' | 'query' | 'detect' | 'point';
  length?: 'short' | 'normal' | 'long';
  question?: string;
  object?: string;
  max_tokens?: number;
  max_objects?: number;
  prompt_ids: number[];
  ids?: number[];
  objects?: { x_min: number; y_min: number; x_max: number; y_max: number }[];
  points?: { x: number; y: number }[];
  first_logits_top?: [number, number][];
}

export function readReference(): { image: string; cases: ReferenceCase[] } {
  return JSON.parse(readFileSync(path.join(TEST_PACK, 'reference.json'), 'utf8')) as { image: string; cases: ReferenceCase[] };
}

export function tempDir(prefix = 'lunette-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A copy of the test pack that a test may damage. */
export async function copyTestPack(): Promise<string> {
  const dir = tempDir('lunette-pack-');
  await fs.cp(TEST_PACK, dir, { recursive: true });
  return dir;
}

/** A picture with structure (quadrants of different colours), so orientation and resizing are visible. */
export async function quadrantImage(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' | 'tiff' = 'png'): Promise<Buffer> {
  const w2 = Math.floor(width / 2);
  const h2 = Math.floor(height / 2);
  const block = (r: number, g: number, b: number, w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } }).png().toBuffer();
  const image = sharp({ create: { width, height, channels: 3, background: { r: 255, g: 255, b: 255 } } }).composite([
    { input: await block(255, 0, 0, w2, h2), left: 0, top: 0 },
    { input: await block(0, 0, 255, width - w2, h2), left: w2, top: 0 },
    { input: await block(0, 160, 0, w2, height - h2), left: 0, top: h2 },
    { input: await block(250, 220, 0, width - w2, height - h2), left: w2, top: h2 },
  ]);
  return image.toFormat(format, format === 'jpeg' ? { quality: 95 } : {}).toBuffer();
}

export async function writeFixture(dir: string, name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** The bad inputs of the foundation issue, written into `dir`. */
export async function badImageFixtures(dir: string): Promise<Record<string, string>> {
  const png = await quadrantImage(64, 48);
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(30000, 16); // IHDR width
  bomb.writeUInt32BE(30000, 20); // IHDR height
  const folder = path.join(dir, 'folder.png');
  await fs.mkdir(folder, { recursive: true });
  return {
    missing: path.join(dir, 'does-not-exist.png'),
    directory: folder,
    text: await writeFixture(dir, 'notes.png', 'This is a text file, not a picture.\n'),
    truncated: await writeFixture(dir, 'truncated.png', png.subarray(0, Math.floor(png.length / 2))),
    empty: await writeFixture(dir, 'empty.png', Buffer.alloc(0)),
    bomb: await writeFixture(dir, 'bomb.png', bomb),
  };
}

/** Asserts that a promise rejects with a LunetteError of this code whose message matches. */
export async function expectError(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof LunetteError, `expected a LunetteError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

/** A picture as the fixtures of box snapping and region proposals describe it: rectangles (x0, y0, x1, y1 in pixels, end exclusive, then the colour) drawn in order over a background. */
export interface RectPicture {
  width: number;
  height: number;
  background: [number, number, number];
  rects: [number, number, number, number, [number, number, number]][];
}

export function drawRects(picture: RectPicture): SnapImage {
  const { width, height } = picture;
  const data = new Uint8Array(width * height * 3);
  const paint = (x0: number, y0: number, x1: number, y1: number, colour: readonly number[]): void => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(colour, (y * width + x) * 3);
  };
  paint(0, 0, width, height, picture.background);
  for (const [x0, y0, x1, y1, colour] of picture.rects) paint(x0, y0, x1, y1, colour);
  return { width, height, data };
}

/**
 * A picture drawn from `rects` (drawRects), then `discs` (cx, cy, r, colour: the pixels whose centre is closer than
 * r to (cx, cy)), then `sectors` (cx, cy, r, from, to, colour: those of a disc's pixels whose centre is at an angle
 * in [from, to) degrees, clockwise from +x, y down), then `holes` (discs drawn over the sectors: a donut's middle).
 */
export interface ShapePicture extends RectPicture {
  /** x0, y0, x1, y1, width, colour: the pixels whose centre is nearer than width / 2 to the segment. */
  strokes?: [number, number, number, number, number, [number, number, number]][];
  discs?: [number, number, number, [number, number, number]][];
  sectors?: [number, number, number, number, number, [number, number, number]][];
  holes?: [number, number, number, [number, number, number]][];
}

/** As training/tests/conftest.py `draw_picture`: test/fixtures/shapes.json, counts.json and chart-kinds.json describe pictures so. */
export function drawPicture(picture: ShapePicture): SnapImage {
  const image = drawRects(picture);
  const paint = (inside: (dx: number, dy: number) => boolean, cx: number, cy: number, colour: readonly number[]): void => {
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) if (inside(x + 0.5 - cx, y + 0.5 - cy)) image.data.set(colour, (y * image.width + x) * 3);
    }
  };
  for (const [x0, y0, x1, y1, width, colour] of picture.strokes ?? []) {
    const [dx, dy] = [x1 - x0, y1 - y0];
    paint((px, py) => { // px, py from (x0, y0)
      const t = Math.min(1, Math.max(0, (px * dx + py * dy) / (dx * dx + dy * dy)));
      return (px - t * dx) ** 2 + (py - t * dy) ** 2 < (width / 2) ** 2;
    }, x0, y0, colour);
  }
  for (const [cx, cy, r, colour] of picture.discs ?? []) paint((dx, dy) => dx * dx + dy * dy < r * r, cx, cy, colour);
  for (const [cx, cy, r, start, end, colour] of picture.sectors ?? []) {
    paint((dx, dy) => {
      const angle = (((Math.atan2(dy, dx) * 180) / Math.PI) % 360 + 360) % 360;
      return dx * dx + dy * dy < r * r && angle >= start && angle < end;
    }, cx, cy, colour);
  }
  for (const [cx, cy, r, colour] of picture.holes ?? []) paint((dx, dy) => dx * dx + dy * dy < r * r, cx, cy, colour);
  return image;
}

/** A next-token table over `pieces` (test/fixtures/quotes.json and colours.json, `markov`). */
export interface MarkovTable {
  pieces: string[];
  unknown: string;
  coord: string;
  size: string;
  max_tokens: number;
  next: Record<string, Record<string, number>>;
}

/**
 * A "model" whose next-token scores depend on the last piece only; `start` is the step after the prompt, whose
 * last piece is `startPiece` (training/tests/markov.py is the PyTorch side).
 */
export function markovAdapter(table: MarkovTable, startPiece = 'start'): { adapter: ModelAdapter; start: StepResult } {
  const { pieces, next: nextOf } = table;
  const made = new WeakSet<DecoderState>();
  const result = (piece: string, position: number): StepResult => {
    const state: DecoderState = { kv: [], position, bytes: 0 };
    made.add(state);
    const next = nextOf[piece] ?? { '': 1 };
    return { logits: Float32Array.from(pieces, (p) => Math.log(next[p] ?? 1e-9)), hidden: new Float32Array(1), state };
  };
  const unknown = pieces.indexOf(table.unknown);
  const tokenizer = {
    // the longest piece first, as BPE merges; a character no piece starts with is unknown (never likely)
    encode: (text: string): number[] => {
      const ids: number[] = [];
      for (let at = 0; at < text.length;) {
        const id = pieces.reduce((best, p, i) => (p && text.startsWith(p, at) && p.length > (pieces[best]?.length ?? 0) ? i : best), -1);
        ids.push(id < 0 ? unknown : id);
        at += id < 0 ? 1 : pieces[id]!.length;
      }
      return ids;
    },
    decode: (ids: readonly number[]) => ids.map((id) => pieces[id]).join(''),
    vocabSize: pieces.length,
  };
  const adapter = {
    tokenizer,
    embedTokens: async (ids: readonly number[]) => new ort.Tensor('float32', Float32Array.from(ids), [1, ids.length, 1]),
    step: async (state: DecoderState, embeds: ort.Tensor) => {
      assert.ok(made.has(state), 'steps continue from states the adapter made');
      return result(pieces[(embeds.data as Float32Array)[0]!]!, state.position + 1);
    },
  } as unknown as ModelAdapter;
  return { adapter, start: result(startPiece, 0) };
}
