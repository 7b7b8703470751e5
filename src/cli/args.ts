/** Command-line parsing for `lunette`: turns argv into a validated command, or a usage error. */
import { parseArgs } from 'node:util';
import { CAPTION_LENGTHS, type CaptionLength, type SamplingOptions, type TaskRequest } from '../protocol/tasks';

export const USAGE = `Usage: lunette <command> [options]

Commands:
  caption IMAGE [--length short|normal|long]   Describe an image
  ask IMAGE QUESTION                           Answer a question about an image
  detect IMAGE OBJECT                          Find bounding boxes of an object
  point IMAGE OBJECT                           Find the centre points of an object
  ocr IMAGE                                    Read the text in an image (lines with boxes)

Options:
  --json              Print the result as JSON, with a "timings" object
  --model DIR         Model pack folder (default: the bundled pack)
  --threads N         Inference threads (default: all cores)
  --max-tokens N      Generate at most N tokens
  --temperature T     Sample with temperature T (default 0: greedy)
  --top-p P           Nucleus sampling threshold (with --temperature)
  --timeout SECONDS   Give up after this long (default 120)
  --verbose           Print the model host's log to stderr
  -h, --help          Show this help
  -v, --version       Show the version

Exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad image, 4 bad model pack, 5 timed out, cancelled or host failure.`;

export class UsageError extends Error {}

export interface CliCommand {
  image: string;
  request: TaskRequest;
  json: boolean;
  modelDir: string | undefined;
  threads: number;
  sampling: SamplingOptions;
  timeoutMs: number;
  verbose: boolean;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; command: CliCommand };

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        length: { type: 'string' },
        model: { type: 'string' },
        threads: { type: 'string' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        'top-p': { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [name, image, ...rest] = positionals;
  if (!name) throw new UsageError('No command given.');
  if (!image) throw new UsageError(`"${name}" needs an image path.`);

  let request: TaskRequest;
  const text = rest.join(' ').trim();
  switch (name) {
    case 'caption': {
      if (rest.length) throw new UsageError(`"caption" takes one image; unexpected "${rest.join(' ')}".`);
      const length = (values.length ?? 'normal') as CaptionLength;
      if (!CAPTION_LENGTHS.includes(length)) throw new UsageError(`--length must be one of ${CAPTION_LENGTHS.join(', ')}.`);
      request = { task: 'caption', length };
      break;
    }
    case 'ask':
      if (!text) throw new UsageError('"ask" needs a question after the image.');
      request = { task: 'ask', question: text };
      break;
    case 'detect':
    case 'point':
      if (!text) throw new UsageError(`"${name}" needs an object to look for after the image.`);
      request = { task: name, object: text };
      break;
    case 'ocr':
      if (rest.length) throw new UsageError(`"ocr" takes one image; unexpected "${rest.join(' ')}".`);
      request = { task: 'ocr' };
      break;
    default:
      throw new UsageError(`Unknown command "${name}".`);
  }
  if (values.length !== undefined && name !== 'caption') throw new UsageError('--length applies to "caption" only.');

  const sampling: SamplingOptions = {};
  if (values['max-tokens'] !== undefined) sampling.maxTokens = positiveInt(values['max-tokens'], '--max-tokens');
  if (values.temperature !== undefined) sampling.temperature = number(values.temperature, '--temperature', 0, 5);
  if (values['top-p'] !== undefined) sampling.topP = number(values['top-p'], '--top-p', 0, 1);

  return {
    kind: 'run',
    command: {
      image,
      request,
      json: values.json ?? false,
      modelDir: values.model,
      threads: values.threads === undefined ? 0 : positiveInt(values.threads, '--threads'),
      sampling,
      timeoutMs: values.timeout === undefined ? 120_000 : number(values.timeout, '--timeout', 0.001, 86_400) * 1000,
      verbose: values.verbose ?? false,
    },
  };
}

function positiveInt(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer, not "${text}".`);
  return value;
}

function number(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}, not "${text}".`);
  return value;
}
