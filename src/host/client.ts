/**
 * The client side of the model host, shared by the extension and the CLI (no `vscode` import): forks the
 * host, sends typed requests with timeouts and cancellation, routes streamed partial results, and restarts a
 * crashed or hung host with exponential backoff, failing the requests in flight with a clear error.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CancellationTokenSource, type MessageConnection } from 'vscode-jsonrpc';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { ErrorCode, LunetteError } from '../protocol/errors';
import {
  ConfigureRequest,
  type HostConfig,
  type HostStats,
  type HostStatus,
  type ImageSource,
  LogNotification,
  type LogLevel,
  PartialNotification,
  type Priority,
  RunRequest,
  ShutdownRequest,
  StatsRequest,
  StatusNotification,
  type Thumbnail,
  ThumbnailRequest,
  UnloadRequest,
} from '../protocol/messages';
import { fromResponseError } from '../protocol/rpcErrors';
import type { SamplingOptions, TaskPartial, TaskRequest, TaskResultMap } from '../protocol/tasks';

export interface RestartPolicy {
  /** First delay before a restart; doubles with each crash in the window. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Crashes within `windowMs` after which the client stops restarting on its own. */
  maxCrashes: number;
  windowMs: number;
}

export interface HostClientOptions {
  /** The bundled host script (dist/host.js). */
  hostScript: string;
  /** A Node.js executable to run the host with; absent: the current runtime (Electron runs as Node). */
  runtime?: string;
  config: HostConfig;
  /** Default time limit per request. */
  requestTimeoutMs: number;
  /** How long a host may take to answer after a timeout or cancellation before it counts as hung. */
  hungGraceMs: number;
  restart: RestartPolicy;
  env?: NodeJS.ProcessEnv;
  onLog?: (level: LogLevel, message: string) => void;
  onStatus?: (status: ClientStatus) => void;
}

export type ClientState = 'stopped' | 'starting' | 'restarting' | 'failed' | HostStatus['state'];

export interface ClientStatus {
  state: ClientState;
  model?: string;
  /** Requests sent and not yet answered. */
  pending: number;
  error?: string;
  /** Process id of the running host. */
  pid?: number;
}

export interface RunOptions {
  image: ImageSource;
  sampling?: SamplingOptions;
  priority?: Priority;
  timeoutMs?: number;
  signal?: AbortSignal;
  onPartial?: (partial: TaskPartial) => void;
}

export const DEFAULT_RESTART: RestartPolicy = { baseDelayMs: 500, maxDelayMs: 30_000, maxCrashes: 5, windowMs: 120_000 };

interface Pending {
  onPartial: ((partial: TaskPartial) => void) | undefined;
  fail: (error: LunetteError) => void;
}

interface Running {
  child: ChildProcess;
  connection: MessageConnection;
  ready: Promise<void>;
}

export class HostClient {
  private running: Running | undefined;
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;
  private hostStatus: HostStatus | undefined;
  private state: ClientState = 'stopped';
  private lastError: string | undefined;
  private crashTimes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private options: HostClientOptions) {}

  get status(): ClientStatus {
    const status: ClientStatus = { state: this.state, pending: this.pending.size };
    if (this.hostStatus?.model) status.model = this.hostStatus.model;
    const error = this.state === 'error' ? this.hostStatus?.error : this.lastError;
    if (error && (this.state === 'error' || this.state === 'failed' || this.state === 'restarting')) status.error = error;
    if (this.running?.child.pid) status.pid = this.running.child.pid;
    return status;
  }

  /** Starts the host if it is not running; resolves when it is configured. */
  async start(): Promise<void> {
    this.stopping = false;
    if (!this.running) this.running = this.spawn();
    await this.running.ready;
  }

  async run<K extends keyof TaskResultMap>(request: Extract<TaskRequest, { task: K }>, options: RunOptions): Promise<TaskResultMap[K]> {
    if (options.signal?.aborted) throw new LunetteError(ErrorCode.Cancelled, 'The request was cancelled.');
    await this.start();
    const running = this.running!;
    const id = `r${++this.sequence}`;
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
    const cancellation = new CancellationTokenSource();

    return new Promise<TaskResultMap[K]>((resolve, reject) => {
      let settled = false;
      let hungTimer: NodeJS.Timeout | undefined;
      const stopWatching = (): void => clearTimeout(hungTimer);
      // The host answers even a timed-out or cancelled request within moments; silence past that means it hangs.
      const watchForHang = (graceMs: number): void => {
        stopWatching();
        hungTimer = setTimeout(() => {
          this.log('error', `The model host did not answer request ${id} in time; restarting it.`);
          finish(() => reject(new LunetteError(ErrorCode.Timeout, `The model host stopped responding (no answer within ${Math.round(timeoutMs / 1000)} s); it was restarted.`)));
          this.kill(running, 'hung');
        }, graceMs);
        hungTimer.unref?.();
      };
      const finish = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        this.pending.delete(id);
        options.signal?.removeEventListener('abort', onAbort);
        settle();
        this.emitStatus();
      };
      const onAbort = (): void => {
        cancellation.cancel();
        finish(() => reject(new LunetteError(ErrorCode.Cancelled, 'The request was cancelled.')));
        watchForHang(this.options.hungGraceMs);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        onPartial: options.onPartial,
        fail: (error) => {
          stopWatching();
          finish(() => reject(error));
        },
      });
      this.emitStatus();
      watchForHang(timeoutMs + this.options.hungGraceMs);

      const params = { id, image: options.image, request, priority: options.priority ?? ('interactive' as const), timeoutMs };
      running.connection
        .sendRequest(RunRequest, options.sampling ? { ...params, sampling: options.sampling } : params, cancellation.token)
        .then(
          (result) => {
            stopWatching();
            finish(() => resolve(result as TaskResultMap[K]));
          },
          (error: unknown) => {
            stopWatching();
            finish(() => reject(fromResponseError(error)));
          },
        )
        .finally(() => cancellation.dispose());
    });
  }

  /** A small PNG preview of an image, made in the host (sharp stays out of the editor's process). */
  async thumbnail(image: ImageSource, maxSize: number): Promise<Thumbnail> {
    await this.start();
    try {
      return await this.running!.connection.sendRequest(ThumbnailRequest, { image, maxSize });
    } catch (error) {
      throw fromResponseError(error);
    }
  }

  async stats(): Promise<HostStats> {
    await this.start();
    return this.running!.connection.sendRequest(StatsRequest);
  }

  async unloadModel(): Promise<void> {
    if (this.running) await this.running.connection.sendRequest(UnloadRequest);
  }

  async configure(config: HostConfig, runtime?: string): Promise<void> {
    const runtimeChanged = runtime !== this.options.runtime;
    this.options = { ...this.options, config, ...(runtime ? { runtime } : {}) };
    if (!runtime) delete this.options.runtime;
    if (!this.running) return;
    if (runtimeChanged) await this.restart();
    else await this.running.connection.sendRequest(ConfigureRequest, config);
  }

  /** Stops and starts the host; a manual restart also clears the crash history. */
  async restart(): Promise<void> {
    this.crashTimes = [];
    this.lastError = undefined;
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const running = this.running;
    if (!running) return;
    const exited = new Promise<void>((resolve) => {
      if (running.child.pid === undefined || running.child.exitCode !== null || running.child.signalCode !== null) resolve();
      else running.child.once('exit', () => resolve());
    });
    try {
      await Promise.race([running.connection.sendRequest(ShutdownRequest), delay(2000)]);
    } catch {
      // the host may already be gone
    }
    const forced = setTimeout(() => running.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(forced);
  }

  private spawn(): Running {
    this.setState(this.state === 'restarting' ? 'restarting' : 'starting');
    const runtime = this.options.runtime;
    const child = fork(this.options.hostScript, [], {
      ...(runtime ? { execPath: runtime } : {}),
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...this.options.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onNotification(LogNotification, ({ level, message }) => this.log(level, message));
    connection.onNotification(StatusNotification, (status) => {
      this.hostStatus = status;
      if (this.running?.child === child) this.setState(status.state);
    });
    connection.onNotification(PartialNotification, ({ id, partial }) => this.pending.get(id)?.onPartial?.(partial));
    connection.onError(([error]) => this.log('debug', `Host connection: ${error.message}`));
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log('info', `[host] ${line}`));
    }

    const ready = new Promise<void>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        const message =
          error.code === 'ENOENT' && runtime
            ? `Cannot start the model host: the runtime "${runtime}" was not found. Check the lunette.host.runtime setting.`
            : `Cannot start the model host: ${error.message}`;
        this.lastError = message;
        if (child.pid === undefined && this.running?.child === child) {
          // It never started: there is no process to wait for or restart.
          connection.dispose();
          this.running = undefined;
          this.setState('failed');
        }
        reject(new LunetteError(ErrorCode.HostCrashed, message));
      });
      child.once('exit', (code, signal) => reject(new LunetteError(ErrorCode.HostCrashed, `The model host exited during start-up (${signal ?? `code ${code}`}).`)));
      connection.listen();
      connection.sendRequest(ConfigureRequest, this.options.config).then(() => {
        this.log('info', `Model host started (pid ${child.pid}${runtime ? `, runtime ${runtime}` : ''})`);
        resolve();
      }, reject);
    });
    ready.catch(() => undefined); // observed by start(); avoid an unhandled rejection when nobody waits
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    return { child, connection, ready };
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.running?.child !== child) return;
    this.running.connection.dispose();
    this.running = undefined;
    this.hostStatus = undefined;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const error = new LunetteError(ErrorCode.HostCrashed, `The model host stopped unexpectedly (${how}); it is being restarted. Try the request again.`);
    for (const pending of [...this.pending.values()]) pending.fail(error);
    if (this.stopping) {
      this.setState('stopped');
      return;
    }
    this.log('error', `Model host exited (${how})`);
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.options.restart.windowMs), now];
    const { baseDelayMs, maxDelayMs, maxCrashes } = this.options.restart;
    if (this.crashTimes.length > maxCrashes) {
      this.lastError = `The model host crashed ${this.crashTimes.length} times in a short while; it will start again with the next request or "Lunette: Restart Model Host".`;
      this.crashTimes = [];
      this.setState('failed');
      return;
    }
    const wait = Math.min(maxDelayMs, baseDelayMs * 2 ** (this.crashTimes.length - 1));
    this.lastError = `The model host stopped (${how}); restarting in ${(wait / 1000).toFixed(1)} s.`;
    this.setState('restarting');
    this.restartTimer = setTimeout(() => {
      if (this.stopping || this.running) return;
      this.running = this.spawn();
      this.running.ready.catch((e: unknown) => this.log('error', (e as Error).message));
    }, wait);
    this.restartTimer.unref?.();
  }

  private kill(running: Running, reason: string): void {
    this.log('warn', `Killing the model host (${reason})`);
    running.child.kill('SIGKILL');
  }

  private setState(state: ClientState): void {
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    this.options.onStatus?.(this.status);
  }

  private log(level: LogLevel, message: string): void {
    this.options.onLog?.(level, message);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
