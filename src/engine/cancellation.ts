/** Cancellation of a running request (an AbortSignal), checked between decoder steps. */
import { ErrorCode, LunetteError } from '../protocol/errors';

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LunetteError(ErrorCode.Cancelled, 'The request was cancelled.');
}
