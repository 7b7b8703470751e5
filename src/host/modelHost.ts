/**
 * The model host's request handling: lazy model load, the job queue, per-request timeouts and
 * cancellation, unload when idle, and status reports. Transport-free: main.ts wires it to JSON-RPC.
 */
import { Engine } from '../engine/engine';
import { type ImageBytes, imageFromBytes, makeThumbnail, readImageFile } from '../engine/image';
import { ErrorCode, LunetteError, describeError } from '../protocol/errors';
import type { HostConfig, HostStats, HostStatus, ImageSource, LogLevel, RunParams, Thumbnail, ThumbnailParams } from '../protocol/messages';
import { TASK_NAMES, CAPTION_LENGTHS, type TaskPartial, type TaskResult } from '../protocol/tasks';
import { type Faults, blockEventLoop, withStepDelay } from './faults';
import { JobQueue } from './queue';

export interface HostEvents {
  status(status: HostStatus): void;
  partial(id: string, partial: TaskPartial): void;
  log(level: LogLevel, message: string): void;
}

export class ModelHost {
  private config: HostConfig | undefined;
  private engine: Engine | undefined;
  private loading: Promise<Engine> | undefined;
  private loadError: string | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly queue: JobQueue;

  constructor(
    private readonly events: HostEvents,
    private readonly faults: Faults = {},
    queueLimit = 64,
  ) {
    this.queue = new JobQueue(queueLimit, () => this.reportStatus());
  }

  configure(config: HostConfig): void {
    const changed = this.config?.modelDir !== config.modelDir || this.config?.threads !== config.threads || this.config.imageCacheBytes !== config.imageCacheBytes;
    this.config = config;
    this.queue.limit = config.queueLimit;
    if (changed) void this.unload('configuration changed');
    this.reportStatus();
  }

  status(): HostStatus {
    const base = { queued: this.queue.queued, running: this.queue.running };
    const model = this.engine?.name;
    if (this.loading) return { state: 'loading', ...base };
    if (this.loadError && !this.engine) return { state: 'error', error: this.loadError, ...base };
    if (this.queue.running > 0) return { state: 'busy', ...(model ? { model } : {}), ...base };
    return { state: this.engine ? 'ready' : 'idle', ...(model ? { model } : {}), ...base };
  }

  stats(): HostStats {
    const engineStats = this.engine?.stats() ?? { imageEncodes: 0, cachedImages: 0, cacheBytes: 0 };
    return { status: this.status(), ...engineStats, rssBytes: process.memoryUsage().rss, pid: process.pid };
  }

  /** Runs one request; `onCancel` registers the transport's cancellation callback. */
  async run(params: RunParams, onCancel: (listener: () => void) => void): Promise<TaskResult> {
    validateRunParams(params);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new LunetteError(ErrorCode.Timeout, `The request took longer than ${Math.round(params.timeoutMs / 1000)} s and was stopped.`)), params.timeoutMs);
    onCancel(() => controller.abort(new LunetteError(ErrorCode.Cancelled, 'The request was cancelled.')));
    try {
      return await this.queue.push(
        params.priority,
        async () => {
          this.clearIdleTimer();
          if (this.faults.blockMs) blockEventLoop(this.faults.blockMs);
          const loadedBefore = this.engine !== undefined;
          const engine = await this.ensureEngine();
          const image = await this.readImage(params.image);
          const result = await engine.run(image, params.request, {
            ...(params.sampling ? { sampling: params.sampling } : {}),
            signal: controller.signal,
            onPartial: (partial) => this.events.partial(params.id, partial),
          });
          if (!loadedBefore) result.timings.load_ms = engine.loadMs;
          return result;
        },
        controller.signal,
      );
    } catch (error) {
      // The engine reports any abort as a cancellation; the abort reason says which (a timeout stays a timeout).
      if (controller.signal.aborted && error instanceof LunetteError && error.code === ErrorCode.Cancelled) {
        throw controller.signal.reason instanceof LunetteError ? controller.signal.reason : error;
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.scheduleIdleUnload();
    }
  }

  async thumbnail(params: ThumbnailParams): Promise<Thumbnail> {
    validateImageSource(params?.image);
    const maxSize = Math.round(Number(params.maxSize));
    if (!(maxSize >= 16 && maxSize <= 1024)) throw new LunetteError(ErrorCode.InvalidRequest, 'Invalid request: "maxSize" must be 16 to 1024.');
    const { png, info } = await makeThumbnail(await this.readImage(params.image), maxSize);
    return { dataUri: `data:image/png;base64,${png.toString('base64')}`, width: info.width, height: info.height, format: info.format };
  }

  private async readImage(source: ImageSource): Promise<ImageBytes> {
    if ('path' in source) return readImageFile(source.path);
    return imageFromBytes(Buffer.from(source.base64, 'base64'), source.label);
  }

  private async ensureEngine(): Promise<Engine> {
    if (this.engine) return this.engine;
    if (!this.config) throw new LunetteError(ErrorCode.Internal, 'The model host was not configured.');
    if (!this.loading) {
      const config = this.config;
      this.events.log('info', `Loading model pack ${config.modelDir}`);
      const stepDelay = this.faults.stepDelayMs;
      this.loading = Engine.open(config.modelDir, {
        threads: config.threads,
        imageCacheBytes: config.imageCacheBytes,
        onWarning: (message) => this.events.log('warn', message),
        ...(stepDelay ? { wrapAdapter: (a) => withStepDelay(a, stepDelay) } : {}),
      });
      this.reportStatus();
      this.loading.then(
        (engine) => {
          this.engine = engine;
          this.loadError = undefined;
          this.loading = undefined;
          this.events.log('info', `Loaded ${engine.name} in ${Math.round(engine.loadMs)} ms`);
          this.reportStatus();
        },
        (error: unknown) => {
          this.loadError = describeError(error);
          this.loading = undefined;
          this.events.log('error', `Cannot load the model: ${this.loadError}`);
          this.reportStatus();
        },
      );
    }
    return this.loading;
  }

  async unload(reason: string): Promise<void> {
    this.clearIdleTimer();
    const engine = this.engine;
    this.engine = undefined;
    this.loadError = undefined;
    if (engine) {
      this.events.log('info', `Unloading ${engine.name} (${reason})`);
      await engine.dispose();
    }
    this.reportStatus();
  }

  private scheduleIdleUnload(): void {
    this.clearIdleTimer();
    const idle = this.config?.idleUnloadMs ?? 0;
    if (idle <= 0 || this.queue.queued > 0 || this.queue.running > 0) return;
    this.idleTimer = setTimeout(() => void this.unload(`idle for ${Math.round(idle / 1000)} s`), idle);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private reportStatus(): void {
    this.events.status(this.status());
  }
}

function validateImageSource(source: unknown): void {
  const image = source as Record<string, unknown> | null | undefined;
  if (typeof image !== 'object' || image === null) throw new LunetteError(ErrorCode.InvalidRequest, 'Invalid request: "image" is missing.');
  if (!(typeof image['path'] === 'string' || (typeof image['base64'] === 'string' && typeof image['label'] === 'string'))) {
    throw new LunetteError(ErrorCode.InvalidRequest, 'Invalid request: "image" needs a path, or base64 bytes and a label.');
  }
}

/** Requests arrive from another process: check their shape before use. */
export function validateRunParams(params: RunParams): void {
  const fail = (what: string): never => {
    throw new LunetteError(ErrorCode.InvalidRequest, `Invalid request: ${what}.`);
  };
  if (typeof params !== 'object' || params === null) fail('no parameters');
  if (typeof params.id !== 'string') fail('"id" must be a string');
  if (params.priority !== 'interactive' && params.priority !== 'batch') fail('"priority" must be interactive or batch');
  if (typeof params.timeoutMs !== 'number' || !(params.timeoutMs > 0)) fail('"timeoutMs" must be a positive number');
  validateImageSource(params.image);
  const request = params.request as unknown as Record<string, unknown> | null;
  if (typeof request !== 'object' || request === null || !TASK_NAMES.includes(request['task'] as never)) {
    fail(`"request.task" must be one of ${TASK_NAMES.join(', ')}`);
  } else if (request['task'] === 'caption' && !CAPTION_LENGTHS.includes(request['length'] as never)) {
    fail(`caption "length" must be one of ${CAPTION_LENGTHS.join(', ')}`);
  } else if (request['task'] === 'ask' && typeof request['question'] !== 'string') fail('"question" must be a string');
  else if ((request['task'] === 'detect' || request['task'] === 'point') && typeof request['object'] !== 'string') fail('"object" must be a string');
}
