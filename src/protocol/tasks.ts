/** The tasks the engine runs, with Moondream's result shapes. Coordinates are normalized to 0..1. */

export type CaptionLength = 'short' | 'normal' | 'long';
export const CAPTION_LENGTHS: readonly CaptionLength[] = ['short', 'normal', 'long'];

export interface Box {
  x_min: number;
  y_min: number;
  x_max: number;
  y_max: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface SamplingOptions {
  /** Tokens to generate at most; the model pack's default for the task when absent. */
  maxTokens?: number;
  /** 0 (the default) decodes greedily. */
  temperature?: number;
  /** Nucleus sampling threshold, used when temperature > 0. */
  topP?: number;
}

export type TaskRequest =
  | { task: 'caption'; length: CaptionLength }
  | { task: 'ask'; question: string }
  | { task: 'detect'; object: string }
  | { task: 'point'; object: string }
  | { task: 'ocr' };

export type TaskName = TaskRequest['task'];
export const TASK_NAMES: readonly TaskName[] = ['caption', 'ask', 'detect', 'point', 'ocr'];

/** A line of text read from an image by OCR. */
export interface OcrLine {
  text: string;
  /** Normalized to 0..1 of the image's (oriented) width and height. */
  box: Box;
  /** Mean probability of the recognized characters, 0..1. */
  confidence: number;
}

/** Where the time of one request went, in milliseconds. */
export interface Timings {
  /** Loading the model pack, when this request had to load it. */
  load_ms: number;
  /** Reading, decoding and resizing the image. */
  preprocess_ms: number;
  /** Reading the text in the image (0 when cached or not needed). */
  ocr_ms: number;
  /** The vision encoder; 0 when the encoded image came from the cache. */
  encode_ms: number;
  /** The decoder pass over [BOS][image]; 0 when cached. */
  image_prefill_ms: number;
  /** The decoder pass over the task prompt. */
  prompt_prefill_ms: number;
  /** All decode steps after the prompt. */
  decode_ms: number;
  /** Time from the start of the request to the first generated token (or object). */
  first_token_ms: number;
  /** Generated tokens (text tasks) or decoder steps (detect/point). */
  tokens: number;
  /** Tokens before the first generated one: BOS, the image, the OCR block if any, and the task prompt. */
  context_tokens: number;
  total_ms: number;
  /** Whether the encoded image came from the cache. */
  image_cache_hit: boolean;
}

export interface CaptionResult {
  caption: string;
  timings: Timings;
}
export interface AskResult {
  answer: string;
  timings: Timings;
}
export interface DetectResult {
  objects: Box[];
  timings: Timings;
}
export interface PointResult {
  points: Point[];
  timings: Timings;
}
export interface OcrResult {
  lines: OcrLine[];
  timings: Timings;
}

/** What a running task reports before it finishes: text as it streams, objects as they are found. */
export type TaskPartial = { kind: 'text'; text: string } | { kind: 'box'; box: Box } | { kind: 'point'; point: Point };

export type TaskResult = CaptionResult | AskResult | DetectResult | PointResult | OcrResult;

export interface TaskResultMap {
  caption: CaptionResult;
  ask: AskResult;
  detect: DetectResult;
  point: PointResult;
  ocr: OcrResult;
}

export function emptyTimings(): Timings {
  return {
    load_ms: 0,
    preprocess_ms: 0,
    ocr_ms: 0,
    encode_ms: 0,
    image_prefill_ms: 0,
    prompt_prefill_ms: 0,
    decode_ms: 0,
    first_token_ms: 0,
    tokens: 0,
    context_tokens: 0,
    total_ms: 0,
    image_cache_hit: false,
  };
}
