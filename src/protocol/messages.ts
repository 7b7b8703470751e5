/**
 * The JSON-RPC protocol between a client (the extension or the CLI) and the model host. Both ends import
 * these types, so a change here is checked by the compiler on both sides.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { ErrorCode } from './errors';
import type { SamplingOptions, TaskPartial, TaskRequest, TaskResult } from './tasks';

/** Interactive requests (a user waiting) are served before batch ones (a workspace scan). */
export type Priority = 'interactive' | 'batch';

/** An image by path (read by the host) or by content (a pasted screenshot). */
export type ImageSource = { path: string } | { base64: string; label: string };

export interface HostConfig {
  /** Folder of the model pack. */
  modelDir: string;
  /** ONNX Runtime intra-op threads; 0 lets it choose. */
  threads: number;
  /** Unload the model after this long without requests; 0 keeps it loaded. */
  idleUnloadMs: number;
  /** Budget for cached encoded images, in bytes. */
  imageCacheBytes: number;
  /** Requests waiting at most; more are refused as busy. */
  queueLimit: number;
}

export interface RunParams {
  /** Chosen by the client; partial results for this request carry it. */
  id: string;
  image: ImageSource;
  request: TaskRequest;
  sampling?: SamplingOptions;
  priority: Priority;
  /** The host gives up on the request after this long, counted from its arrival. */
  timeoutMs: number;
}

/** Attached to every error response, so the client can tell failures apart without parsing text. */
export interface HostErrorData {
  code: ErrorCode;
}

export type HostState = 'idle' | 'loading' | 'ready' | 'busy' | 'error';

export interface HostStatus {
  state: HostState;
  /** Name and version of the loaded model, when one is loaded. */
  model?: string;
  /** Requests waiting in the queue. */
  queued: number;
  /** Requests running (0 or 1). */
  running: number;
  /** Why the state is 'error'. */
  error?: string;
}

export interface HostStats {
  status: HostStatus;
  /** Vision-encoder runs since the model was loaded (a cached image does not count). */
  imageEncodes: number;
  cachedImages: number;
  cacheBytes: number;
  rssBytes: number;
  pid: number;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogParams {
  level: LogLevel;
  message: string;
}

export interface PartialParams {
  id: string;
  partial: TaskPartial;
}

export interface ThumbnailParams {
  image: ImageSource;
  /** Longest side of the thumbnail, in pixels. */
  maxSize: number;
}

export interface Thumbnail {
  /** A small PNG as a data: URI; never the original file. */
  dataUri: string;
  /** Size of the original image (after EXIF orientation). */
  width: number;
  height: number;
  format: string;
}

export const ConfigureRequest = new RequestType<HostConfig, void, HostErrorData>('lunette/configure');
export const RunRequest = new RequestType<RunParams, TaskResult, HostErrorData>('lunette/run');
/** A small preview of an image (hovers). Needs no model, so it never waits for one to load. */
export const ThumbnailRequest = new RequestType<ThumbnailParams, Thumbnail, HostErrorData>('lunette/thumbnail');
export const StatsRequest = new RequestType0<HostStats, HostErrorData>('lunette/stats');
/** Unloads the model now (frees memory); the next request loads it again. */
export const UnloadRequest = new RequestType0<void, HostErrorData>('lunette/unload');
export const ShutdownRequest = new RequestType0<void, HostErrorData>('lunette/shutdown');

export const PartialNotification = new NotificationType<PartialParams>('lunette/partial');
export const StatusNotification = new NotificationType<HostStatus>('lunette/status');
export const LogNotification = new NotificationType<LogParams>('lunette/log');
