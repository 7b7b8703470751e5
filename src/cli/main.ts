/** The `lunette` command line: runs one task through a model host and prints the result. */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { DEFAULT_RESTART, HostClient } from '../host/client';
import { ErrorCode, LunetteError, describeError } from '../protocol/errors';
import type { Box, Point, TaskResult } from '../protocol/tasks';
import { type CliCommand, USAGE, UsageError, parseCliArgs } from './args';

/** Where the bundled model packs live, relative to dist/cli.js. */
export const BUNDLED_MODEL = path.join(__dirname, '..', 'models', 'lunette-nano');

const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidRequest]: 2,
  [ErrorCode.ImageNotFound]: 3,
  [ErrorCode.ImageUnreadable]: 3,
  [ErrorCode.ImageTooLarge]: 3,
  [ErrorCode.ModelInvalid]: 4,
  [ErrorCode.Timeout]: 5,
  [ErrorCode.Cancelled]: 5,
  [ErrorCode.HostCrashed]: 5,
  [ErrorCode.Busy]: 5,
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lunette: ${error.message}\nRun "lunette --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  return runCommand(parsed.command);
}

async function runCommand(command: CliCommand): Promise<number> {
  const modelDir = path.resolve(command.modelDir ?? BUNDLED_MODEL);
  if (!command.modelDir && !existsSync(path.join(modelDir, 'manifest.json'))) {
    throw new LunetteError(ErrorCode.ModelInvalid, `The bundled model pack is missing (${modelDir}); pass --model DIR.`);
  }
  const client = new HostClient({
    hostScript: path.join(__dirname, 'host.js'),
    config: { modelDir, threads: command.threads, idleUnloadMs: 0, imageCacheBytes: 64 * 1024 * 1024, queueLimit: 4 },
    requestTimeoutMs: command.timeoutMs,
    hungGraceMs: 5000,
    restart: { ...DEFAULT_RESTART, maxCrashes: 0 },
    onLog: (level, message) => {
      if (command.verbose) process.stderr.write(`[${level}] ${message}\n`);
    },
  });
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const streaming = !command.json && (command.request.task === 'caption' || command.request.task === 'ask');
  let streamed = false;
  try {
    const result: TaskResult = await client.run(command.request, {
      image: { path: path.resolve(command.image) },
      sampling: command.sampling,
      timeoutMs: command.timeoutMs,
      signal: controller.signal,
      onPartial: (partial) => {
        if (streaming && partial.kind === 'text') {
          process.stdout.write(partial.text);
          streamed = true;
        }
      },
    });
    if (command.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else if (streaming) process.stdout.write(streamed ? '\n' : `${textOf(result)}\n`);
    else if ('lines' in result) process.stdout.write(result.lines.length ? result.lines.map((l) => `${l.text}\n`).join('') : 'No text found.\n');
    else process.stdout.write(formatRegions(result));
    return 0;
  } finally {
    await client.stop();
  }
}

function textOf(result: TaskResult): string {
  if ('caption' in result) return result.caption;
  if ('answer' in result) return result.answer;
  return '';
}

function formatRegions(result: TaskResult): string {
  const fmt = (v: number): string => v.toFixed(3);
  if ('objects' in result) {
    if (result.objects.length === 0) return 'No objects found.\n';
    return result.objects.map((b: Box, i) => `${i + 1}. x_min=${fmt(b.x_min)} y_min=${fmt(b.y_min)} x_max=${fmt(b.x_max)} y_max=${fmt(b.y_max)}\n`).join('');
  }
  if ('points' in result) {
    if (result.points.length === 0) return 'No points found.\n';
    return result.points.map((p: Point, i) => `${i + 1}. x=${fmt(p.x)} y=${fmt(p.y)}\n`).join('');
  }
  return '';
}

function readVersion(): string {
  try {
    return (require(path.join(__dirname, '..', 'package.json')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = error instanceof LunetteError ? (EXIT_BY_CODE[error.code] ?? 1) : 1;
    process.stderr.write(`lunette: ${describeError(error)}\n`);
    if (!(error instanceof LunetteError) && process.env['LUNETTE_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = code;
  },
);
