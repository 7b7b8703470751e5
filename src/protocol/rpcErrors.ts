/** Mapping between LunetteError and JSON-RPC error responses, used by both ends. */
import { ResponseError } from 'vscode-jsonrpc';
import { ErrorCode, LunetteError, isErrorCode } from './errors';
import type { HostErrorData } from './messages';

/** JSON-RPC's reserved "server error" range starts here; our codes sit just below it. */
const RPC_ERROR = -32000;

export function toResponseError(error: unknown): ResponseError<HostErrorData> {
  const lunette = error instanceof LunetteError ? error : new LunetteError(ErrorCode.Internal, error instanceof Error ? error.message : String(error));
  return new ResponseError<HostErrorData>(RPC_ERROR, lunette.message, { code: lunette.code });
}

export function fromResponseError(error: unknown): LunetteError {
  if (error instanceof LunetteError) return error;
  if (error instanceof ResponseError) {
    const data = error.data as Partial<HostErrorData> | undefined;
    const code = isErrorCode(data?.code) ? data.code : ErrorCode.Internal;
    return new LunetteError(code, error.message);
  }
  return new LunetteError(ErrorCode.Internal, error instanceof Error ? error.message : String(error));
}
