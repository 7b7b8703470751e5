/**
 * What the engine needs from a model family. Each family (our own `lunette` export, later the official
 * Moondream ONNX files) maps its graphs onto this interface; generation, caching and tasks are shared.
 */
import type { Tensor } from 'onnxruntime-node';
import type { Manifest } from './manifest';
import type { ModelPack } from './modelPack';
import type { TextTokenizer } from './tokenizer';

/** Input embeddings for the decoder, `[1, T, D]`. */
export type Embeddings = Tensor;

/** The decoder's KV cache after some prefix, plus the next absolute position. Never mutated once built. */
export interface DecoderState {
  readonly kv: readonly Tensor[];
  readonly position: number;
  readonly bytes: number;
}

export interface StepResult {
  /** Scores over the vocabulary at the last position: logits, or log-probabilities for a model with a copy head. */
  logits: Float32Array;
  /** Hidden state at the last position, before the final norm (what the region heads read). */
  hidden: Float32Array;
  state: DecoderState;
}

export interface RegionHeads {
  /** Coordinate in 0..1 read from a hidden state. */
  decodeCoord(hidden: Float32Array): Promise<number>;
  /** (width, height) in 0..1 read from a hidden state. */
  decodeSize(hidden: Float32Array): Promise<[number, number]>;
  /** The coordinate decoder's distribution over its bins (softmax), read from a hidden state. */
  coordProbs(hidden: Float32Array): Promise<Float64Array>;
  /** The size decoder's distributions over its bins (softmax), width then height. */
  sizeProbs(hidden: Float32Array): Promise<[Float64Array, Float64Array]>;
  encodeCoord(value: number): Promise<Embeddings>;
  encodeSize(width: number, height: number): Promise<Embeddings>;
}

export interface ModelAdapter {
  readonly pack: ModelPack;
  readonly manifest: Manifest;
  readonly tokenizer: TextTokenizer;
  /** Detect/point support; absent for families without region heads. */
  readonly region?: RegionHeads;
  /** The empty state a sequence starts from. */
  initialState(): DecoderState;
  /** Normalized NCHW pixels → image embeddings `[1, N, D]`. */
  encodeImage(pixels: Float32Array): Promise<Embeddings>;
  embedTokens(ids: readonly number[]): Promise<Embeddings>;
  /** Concatenates embeddings along the sequence axis. */
  concat(parts: readonly Embeddings[]): Embeddings;
  /**
   * Runs the decoder over `embeds` after `state`. `sourceIds` are the token ids of these positions when they
   * are text the model may copy from (the OCR block, the task prompt); omit it for anything else (the image,
   * region slots, generated tokens). Families without a copy head ignore it.
   */
  step(state: DecoderState, embeds: Embeddings, sourceIds?: readonly number[]): Promise<StepResult>;
  dispose(): Promise<void>;
}

export interface AdapterOptions {
  /** Intra-op threads for ONNX Runtime; 0 lets it choose. */
  threads: number;
}

export type AdapterFactory = (pack: ModelPack, tokenizer: TextTokenizer, options: AdapterOptions) => Promise<ModelAdapter>;
