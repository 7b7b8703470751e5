/**
 * The engine: one loaded model pack, its encoded-image cache, and the four tasks. No VS Code and no
 * process concerns here; the host and the CLI both drive this class.
 */
import { performance } from 'node:perf_hooks';
import { ErrorCode, LunetteError } from '../protocol/errors';
import { type SamplingOptions, type TaskPartial, type TaskRequest, type TaskResult, type Timings, emptyTimings } from '../protocol/tasks';
import type { AdapterFactory, DecoderState, ModelAdapter } from './adapter';
import { createLunetteAdapter } from './adapters/lunette';
import { generateRegions, generateText, throwIfCancelled } from './generate';
import { DEFAULT_IMAGE_LIMITS, type ImageBytes, type ImageInfo, type ImageLimits, prepareImage } from './image';
import { LruCache } from './lruCache';
import { loadModelPack } from './modelPack';
import { promptText } from './prompt';
import { loadTokenizer } from './tokenizer';

const ADAPTERS: Record<string, AdapterFactory> = {
  lunette: createLunetteAdapter,
};

export interface EngineOptions {
  /** ONNX Runtime intra-op threads; 0 lets it choose. */
  threads?: number;
  /** Budget for cached encoded images (their KV prefixes), in bytes. */
  imageCacheBytes?: number;
  imageLimits?: ImageLimits;
  verifyHashes?: boolean;
  /** Wraps the loaded adapter, e.g. to trace or slow down its calls. */
  wrapAdapter?: (adapter: ModelAdapter) => ModelAdapter;
}

export interface RunOptions {
  sampling?: SamplingOptions;
  signal?: AbortSignal;
  onPartial?: (partial: TaskPartial) => void;
}

interface EncodedImage {
  state: DecoderState;
  info: ImageInfo;
}

export interface EngineStats {
  imageEncodes: number;
  cachedImages: number;
  cacheBytes: number;
}

export class Engine {
  private readonly imageCache: LruCache<string, EncodedImage>;
  private imageEncodes = 0;

  private constructor(
    readonly adapter: ModelAdapter,
    private readonly options: Required<Omit<EngineOptions, 'wrapAdapter'>>,
    readonly loadMs: number,
  ) {
    this.imageCache = new LruCache(options.imageCacheBytes);
  }

  static async open(dir: string, options: EngineOptions = {}): Promise<Engine> {
    const started = performance.now();
    const full: Required<Omit<EngineOptions, 'wrapAdapter'>> = {
      threads: options.threads ?? 0,
      imageCacheBytes: options.imageCacheBytes ?? 256 * 1024 * 1024,
      imageLimits: options.imageLimits ?? DEFAULT_IMAGE_LIMITS,
      verifyHashes: options.verifyHashes ?? true,
    };
    const pack = await loadModelPack(dir, { verifyHashes: full.verifyHashes });
    const factory = ADAPTERS[pack.manifest.family];
    if (!factory) {
      throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${pack.dir} is of family "${pack.manifest.family}", which this version of Lunette cannot run (known: ${Object.keys(ADAPTERS).join(', ')}).`);
    }
    const tokenizer = await loadTokenizer(pack.file('tokenizer.json'));
    const loaded = await factory(pack, tokenizer, { threads: full.threads });
    const adapter = options.wrapAdapter ? options.wrapAdapter(loaded) : loaded;
    return new Engine(adapter, full, performance.now() - started);
  }

  get name(): string {
    return `${this.adapter.manifest.name} ${this.adapter.manifest.version}`;
  }

  stats(): EngineStats {
    return { imageEncodes: this.imageEncodes, cachedImages: this.imageCache.size, cacheBytes: this.imageCache.bytes };
  }

  async run(image: ImageBytes, request: TaskRequest, options: RunOptions = {}): Promise<TaskResult> {
    const started = performance.now();
    const timings: Timings = emptyTimings();
    const { signal } = options;
    const manifest = this.adapter.manifest;
    // Validate the request before spending time on the image.
    const promptIds = this.adapter.tokenizer.encode(promptText(manifest.templates, request));

    const encoded = await this.encodedImage(image, timings, signal);
    throwIfCancelled(signal);

    let t = performance.now();
    const prompt = await this.adapter.step(encoded.state, await this.adapter.embedTokens(promptIds));
    timings.prompt_prefill_ms = performance.now() - t;

    t = performance.now();
    const onFirstToken = (): void => {
      timings.first_token_ms = performance.now() - started;
    };
    const { tokens } = manifest;
    let result: TaskResult;
    if (request.task === 'caption' || request.task === 'ask') {
      const sampling = options.sampling ?? {};
      const defaultMax = request.task === 'caption' ? manifest.generation.max_tokens[request.length] : manifest.generation.max_tokens.answer;
      const out = await generateText(this.adapter, prompt, {
        // Never run past the model's context: the last generated token needs no decoder step of its own.
        maxTokens: clampInt(sampling.maxTokens ?? defaultMax, 1, Math.max(1, manifest.text.max_context - prompt.state.position + 1)),
        temperature: sampling.temperature ?? 0,
        topP: sampling.topP ?? 1,
        suppress: [tokens.coord, tokens.size, tokens.pad, tokens.bos].filter((id): id is number => id !== undefined && id !== tokens.eos),
        stop: [tokens.eos],
        ...(signal ? { signal } : {}),
        onFirstToken,
        onText: (text) => options.onPartial?.({ kind: 'text', text }),
      });
      timings.tokens = out.ids.length;
      result = request.task === 'caption' ? { caption: out.text, timings } : { answer: out.text, timings };
    } else {
      if (tokens.coord === undefined) throw new LunetteError(ErrorCode.InvalidRequest, `The model ${this.name} cannot ${request.task}.`);
      const out = await generateRegions(this.adapter, prompt, {
        kind: request.task,
        maxObjects: manifest.generation.max_objects,
        eos: tokens.eos,
        coord: tokens.coord,
        ...(signal ? { signal } : {}),
        onFirstToken,
        onObject: (o) => options.onPartial?.('x' in o ? { kind: 'point', point: o } : { kind: 'box', box: o }),
      });
      timings.tokens = out.steps;
      result = request.task === 'detect' ? { objects: out.objects, timings } : { points: out.points, timings };
    }
    timings.decode_ms = performance.now() - t;
    timings.total_ms = performance.now() - started;
    return result;
  }

  /** The KV prefix of [BOS][image], from the cache or computed now. */
  private async encodedImage(image: ImageBytes, timings: Timings, signal: AbortSignal | undefined): Promise<EncodedImage> {
    const cached = this.imageCache.get(image.hash);
    if (cached) {
      timings.image_cache_hit = true;
      return cached;
    }
    let t = performance.now();
    const prepared = await prepareImage(image, this.adapter.manifest.image, this.options.imageLimits);
    timings.preprocess_ms = performance.now() - t;
    throwIfCancelled(signal);

    t = performance.now();
    const imageEmbeds = await this.adapter.encodeImage(prepared.pixels);
    timings.encode_ms = performance.now() - t;
    this.imageEncodes++;
    throwIfCancelled(signal);

    t = performance.now();
    const bos = await this.adapter.embedTokens([this.adapter.manifest.tokens.bos]);
    const prefix = await this.adapter.step(this.adapter.initialState(), this.adapter.concat([bos, imageEmbeds]));
    timings.image_prefill_ms = performance.now() - t;

    const encoded = { state: prefix.state, info: prepared.info };
    this.imageCache.set(image.hash, encoded, prefix.state.bytes);
    return encoded;
  }

  async dispose(): Promise<void> {
    this.imageCache.clear();
    await this.adapter.dispose();
  }
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return max;
  return Math.min(max, Math.max(min, Math.round(value)));
}
