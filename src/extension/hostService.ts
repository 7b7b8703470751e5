/**
 * Owns the HostClient for the extension: builds it from the settings, forwards its logs to the log channel
 * and its state to the status item, and turns editor cancellation tokens into request cancellation.
 */
import * as vscode from 'vscode';
import { DEFAULT_RESTART, HostClient, type ClientStatus } from '../host/client';
import { ErrorCode, LunetteError } from '../protocol/errors';
import type { Priority, Thumbnail } from '../protocol/messages';
import type { SamplingOptions, TaskPartial, TaskRequest, TaskResultMap } from '../protocol/tasks';
import { readSettings, type Settings } from './config';
import { imageSource } from './imageTarget';
import { writeLog } from './log';

export interface RequestOptions {
  priority?: Priority;
  token?: vscode.CancellationToken;
  onPartial?: (partial: TaskPartial) => void;
  sampling?: SamplingOptions;
}

export class HostService implements vscode.Disposable {
  private readonly client: HostClient;
  private settings: Settings;
  private readonly statusEmitter = new vscode.EventEmitter<ClientStatus>();
  readonly onDidChangeStatus = this.statusEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.settings = readSettings(context);
    this.client = new HostClient({
      hostScript: context.asAbsolutePath('dist/host.js'),
      ...(this.settings.runtime ? { runtime: this.settings.runtime } : {}),
      config: this.settings.host,
      requestTimeoutMs: this.settings.requestTimeoutMs,
      hungGraceMs: 10_000,
      restart: DEFAULT_RESTART,
      onLog: (level, message) => writeLog(log, level, message),
      onStatus: (status) => this.statusEmitter.fire(status),
    });
  }

  get status(): ClientStatus {
    return this.client.status;
  }

  /** The settings as last read (they are re-read when they change). */
  get currentSettings(): Settings {
    return this.settings;
  }

  get captionLength(): Settings['captionLength'] {
    return this.settings.captionLength;
  }

  async reloadSettings(): Promise<void> {
    this.settings = readSettings(this.context);
    await this.client.configure(this.settings.host, this.settings.runtime);
  }

  async run<K extends keyof TaskResultMap>(uri: vscode.Uri, request: Extract<TaskRequest, { task: K }>, options: RequestOptions = {}): Promise<TaskResultMap[K]> {
    const controller = new AbortController();
    const subscription = options.token?.onCancellationRequested(() => controller.abort());
    try {
      const sampling = options.sampling ?? (this.settings.maxTokens ? { maxTokens: this.settings.maxTokens } : undefined);
      return await this.client.run(request, {
        image: await imageSource(uri),
        priority: options.priority ?? 'interactive',
        timeoutMs: this.settings.requestTimeoutMs,
        signal: controller.signal,
        ...(sampling ? { sampling } : {}),
        ...(options.onPartial ? { onPartial: options.onPartial } : {}),
      });
    } finally {
      subscription?.dispose();
    }
  }

  /** A small preview of an image, made by the host. */
  async thumbnail(uri: vscode.Uri, maxSize: number): Promise<Thumbnail> {
    return this.client.thumbnail(await imageSource(uri), maxSize);
  }

  async restart(): Promise<void> {
    this.log.info('Restarting the model host');
    await this.client.restart();
  }

  async dispose(): Promise<void> {
    this.statusEmitter.dispose();
    await this.client.stop();
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof LunetteError && error.code === ErrorCode.Cancelled;
}
