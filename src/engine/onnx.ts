/** ONNX Runtime sessions: creation with our options, and a signature check that names the file. */
import * as ort from 'onnxruntime-node';
import { ErrorCode, LunetteError } from '../protocol/errors';

export interface SessionOptions {
  threads: number;
}

/**
 * A CPU session for `file`, loaded from the file or, when given, from `bytes` (its contents, possibly
 * rewritten in memory); errors name the file either way.
 */
export async function openSession(file: string, options: SessionOptions, bytes?: Uint8Array): Promise<ort.InferenceSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    logSeverityLevel: 3,
  };
  try {
    return await (bytes ? ort.InferenceSession.create(bytes, sessionOptions) : ort.InferenceSession.create(file, sessionOptions));
  } catch (error) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model file ${file} cannot be loaded by ONNX Runtime: ${firstLine(error)}`, { cause: error });
  }
}

/** Fails unless the session has exactly these inputs and at least these outputs. */
export function checkSignature(session: ort.InferenceSession, file: string, inputs: readonly string[], outputs: readonly string[]): void {
  const missingIn = inputs.filter((n) => !session.inputNames.includes(n));
  const extraIn = session.inputNames.filter((n) => !inputs.includes(n));
  const missingOut = outputs.filter((n) => !session.outputNames.includes(n));
  const problems: string[] = [];
  if (missingIn.length) problems.push(`missing inputs ${missingIn.join(', ')}`);
  if (extraIn.length) problems.push(`unexpected inputs ${extraIn.join(', ')}`);
  if (missingOut.length) problems.push(`missing outputs ${missingOut.join(', ')}`);
  if (problems.length) {
    throw new LunetteError(ErrorCode.ModelInvalid, `Model file ${file} does not match the model pack format: ${problems.join('; ')}.`);
  }
}

export async function run(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, what: string): Promise<ort.InferenceSession.OnnxValueMapType> {
  try {
    return await session.run(feeds);
  } catch (error) {
    throw new LunetteError(ErrorCode.Internal, `${what} failed in ONNX Runtime: ${firstLine(error)}`, { cause: error });
  }
}

export function output(results: ort.InferenceSession.OnnxValueMapType, name: string): ort.Tensor {
  const value = results[name];
  if (!value) throw new LunetteError(ErrorCode.Internal, `ONNX output ${name} is missing.`);
  return value;
}

export function floats(tensor: ort.Tensor): Float32Array {
  if (tensor.type !== 'float32') throw new LunetteError(ErrorCode.Internal, `Expected a float32 tensor, got ${tensor.type}.`);
  return tensor.data as Float32Array;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
