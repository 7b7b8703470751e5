/**
 * Error codes shared by the engine, the host and its clients. A code travels over JSON-RPC as the error's
 * `data.code`, so both ends can react to the kind of failure (e.g. the CLI's exit code) without parsing text.
 */
export const ErrorCode = {
  /** The image file does not exist, is a directory, or cannot be read. */
  ImageNotFound: 'image-not-found',
  /** The bytes are not an image sharp can decode (wrong format, truncated, empty). */
  ImageUnreadable: 'image-unreadable',
  /** The image is larger than the pixel limit (decompression-bomb guard) or the byte limit. */
  ImageTooLarge: 'image-too-large',
  /** The model pack is missing, incomplete, or a file fails its checks. */
  ModelInvalid: 'model-invalid',
  /** A request parameter is invalid (unknown task, empty question, ...). */
  InvalidRequest: 'invalid-request',
  /** The request was cancelled by its caller. */
  Cancelled: 'cancelled',
  /** The request did not finish within its time limit. */
  Timeout: 'timeout',
  /** The request queue is full. */
  Busy: 'busy',
  /** The model host process exited or stopped answering. */
  HostCrashed: 'host-crashed',
  /** Anything else: a bug. */
  Internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class LunetteError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LunetteError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
}

/** A one-line, user-facing message for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
