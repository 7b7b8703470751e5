/**
 * The image panel's messages, both ways, and the checks each side runs on what arrives. Neither side trusts
 * the other: a webview runs web content, and the extension's messages cross a process (and, remotely, a
 * network) boundary. Every string and list has a length limit, so a checked message is also a bounded one.
 *
 * The validators are built from small combinators and typed against the declared interfaces below, so a
 * field added to a type without its check (or the other way round) fails to compile.
 * No `vscode` and no DOM here: both the extension and the webview bundle import this file.
 */
import { CAPTION_LENGTHS, type Box, type CaptionLength, type OcrLine, type Point, type TaskPartial, type TaskRequest } from './tasks';

// ── Limits ───────────────────────────────────────────────────────────────────────────────────────────────

export const LIMITS = {
  /** Largest pasted or dropped image, in bytes (the host accepts 64 MiB; screenshots are far smaller). */
  pasteBytes: 20 * 1024 * 1024,
  question: 1000,
  object: 200,
  /** Longest streamed or final text kept per transcript entry. */
  text: 20_000,
  /** Longest text the webview may ask the extension to copy. */
  copy: 1_000_000,
  /** Boxes, points or text lines kept per entry. */
  objects: 256,
  /** Longest text line read by OCR. */
  line: 2000,
  /** Transcript entries kept (older ones are dropped). */
  entries: 100,
  label: 512,
  uri: 8192,
  message: 2000,
} as const;

/** Base64 characters needed for `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Image types a pasted or dropped image may have; the extension checks the bytes too. */
export const PASTE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'] as const;
export type PasteMime = (typeof PASTE_MIME_TYPES)[number];

const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

// ── Shared shapes ────────────────────────────────────────────────────────────────────────────────────────

/** The image a panel shows: a workspace file, or a pasted image the extension stored. */
export interface PanelImageRef {
  kind: 'file' | 'pasted';
  /** The image's Uri, as `Uri.toString()`. */
  uri: string;
  /** What the user sees as its name (a workspace-relative path, or "Pasted image"). */
  label: string;
}

/** A PanelImageRef with the URL the webview loads it from (`asWebviewUri`); that URL is not persisted. */
export interface PanelImage extends PanelImageRef {
  src: string;
}

export type EntryStatus = 'running' | 'done' | 'error' | 'cancelled' | 'interrupted';

/** One request and what came back: the transcript's unit, and what the extension snapshots for a re-render. */
export interface TranscriptEntry {
  /** The request id: chosen by the webview, unique per panel. */
  id: string;
  request: TaskRequest;
  status: EntryStatus;
  /** Caption or answer so far (caption and ask). */
  text: string;
  boxes: Box[];
  points: Point[];
  /** Lines of text read from the image (ocr). */
  lines: OcrLine[];
  /** Why it failed (status 'error'). */
  error?: { message: string; code: string };
  /** Time the host took, when done. */
  ms?: number;
}

export type PanelResult =
  | { task: 'caption' | 'ask'; text: string; ms: number }
  | { task: 'detect'; boxes: Box[]; ms: number }
  | { task: 'point'; points: Point[]; ms: number }
  | { task: 'ocr'; lines: OcrLine[]; ms: number };

/** The model host's state as the panel shows it (a subset of the client's states). */
export interface PanelHostStatus {
  state: 'stopped' | 'starting' | 'restarting' | 'failed' | 'idle' | 'loading' | 'ready' | 'busy' | 'error';
  error?: string;
}

// ── Webview → extension ──────────────────────────────────────────────────────────────────────────────────

export type WebviewToExtension =
  /** The script is listening; the extension answers with `init`. Sent on every (re)load of the webview. */
  | { type: 'ready' }
  | { type: 'run'; requestId: string; request: TaskRequest }
  | { type: 'cancel'; requestId: string }
  /** A pasted or dropped image file, as base64. */
  | { type: 'paste'; mime: PasteMime; name: string; base64: string }
  /** A dropped `text/uri-list` entry (e.g. a file dragged from the explorer with Shift held). */
  | { type: 'openUri'; uri: string }
  | { type: 'copy'; text: string }
  | { type: 'showLogs' };

// ── Extension → webview ──────────────────────────────────────────────────────────────────────────────────

export type ExtensionToWebview =
  /**
   * The answer to `ready`. `requests` are the extension's snapshots of this panel's recent requests, so a
   * webview re-created while a request ran (hidden tab, reload) catches up with what it missed.
   */
  | { type: 'init'; image: PanelImage | null; captionLength: CaptionLength; requests: TranscriptEntry[]; host: PanelHostStatus }
  /** The panel now shows another image (a paste was accepted). */
  | { type: 'image'; image: PanelImage }
  /** Asks the webview to start a request as if the user had (e.g. the panel was opened with "caption"). */
  | { type: 'start'; request: TaskRequest }
  | { type: 'partial'; requestId: string; partial: TaskPartial }
  | { type: 'result'; requestId: string; result: PanelResult }
  | { type: 'failed'; requestId: string; message: string; code: string }
  | { type: 'cancelled'; requestId: string }
  /** A one-line message not tied to a request (a rejected paste, "Copied."). */
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  | { type: 'host'; host: PanelHostStatus };

/** Everything the webview persists with `setState`; the serializer reads `image` from it after a reload. */
export interface PersistedPanelState {
  v: 1;
  image: PanelImageRef | null;
  entries: TranscriptEntry[];
  captionLength: CaptionLength;
  question: string;
  object: string;
  /** The entry whose boxes or points are drawn over the image. */
  selected: string | null;
}

// ── Validation combinators ───────────────────────────────────────────────────────────────────────────────

/** Returns the checked value or throws Invalid; `path` names the field for the message. */
export type Check<T> = (value: unknown, path: string) => T;
type Out<C> = C extends Check<infer T> ? T : never;

export class Invalid extends Error {
  override name = 'Invalid';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parse<T>(check: Check<T>, value: unknown): Parsed<T> {
  try {
    return { ok: true, value: check(value, '') };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message };
    throw error;
  }
}

function fail(path: string, what: string): never {
  throw new Invalid(`${path || 'message'} ${what}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function str(options: { max: number; min?: number; pattern?: RegExp; nonBlank?: boolean }): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'must be a string');
    if (value.length > options.max) fail(path, `is longer than ${options.max} characters`);
    if (value.length < (options.min ?? 0)) fail(path, `is shorter than ${options.min} characters`);
    if (options.nonBlank && !value.trim()) fail(path, 'is blank');
    if (options.pattern && !options.pattern.test(value)) fail(path, 'has an unexpected format');
    return value;
  };
}

export function num(options: { min: number; max: number; integer?: boolean }): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a finite number');
    if (value < options.min || value > options.max) fail(path, `must be between ${options.min} and ${options.max}`);
    if (options.integer && !Number.isInteger(value)) fail(path, 'must be an integer');
    return value;
  };
}

export function lit<const L extends string>(...values: readonly L[]): Check<L> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) fail(path, `must be one of ${values.join(', ')}`);
    return value as L;
  };
}

export function arr<T>(item: Check<T>, max: number): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) fail(path, 'must be a list');
    if (value.length > max) fail(path, `has more than ${max} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

type Shape = Record<string, Check<unknown>>;
type ObjectOf<R extends Shape, O extends Shape> = { [K in keyof R]: Out<R[K]> } & { [K in keyof O]?: Out<O[K]> };

/** A plain object with exactly these fields (`optional` ones may be absent); unknown fields are refused. */
export function obj<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Check<ObjectOf<R, O>> {
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, 'must be an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(required, key) && !(optional && Object.hasOwn(optional, key))) fail(path ? `${path}.${key}` : key, 'is not expected');
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) fail(path ? `${path}.${key}` : key, 'is missing');
      out[key] = check(value[key], path ? `${path}.${key}` : key);
    }
    for (const [key, check] of Object.entries(optional ?? {})) {
      if (Object.hasOwn(value, key) && value[key] !== undefined) out[key] = check(value[key], path ? `${path}.${key}` : key);
    }
    return out as ObjectOf<R, O>;
  };
}

/** A discriminated union: `tag`'s value picks the variant's check; an unknown tag is refused. */
export function union<T>(tag: string, variants: Record<string, Check<T>>): Check<T> {
  return (value, path) => {
    if (!isPlainObject(value)) fail(path, 'must be an object');
    const kind = value[tag];
    if (typeof kind !== 'string' || !Object.hasOwn(variants, kind)) fail(path ? `${path}.${tag}` : tag, `"${String(kind).slice(0, 40)}" is not known`);
    return variants[kind]!(value, path);
  };
}

// ── Checks for the shapes above ──────────────────────────────────────────────────────────────────────────

const requestId = str({ max: 64, pattern: REQUEST_ID });
/** Model coordinates are normalized (0..1); a little outside is tolerated and clamped when drawn. */
const coordinate = num({ min: -1, max: 2 });
const box: Check<Box> = obj({ x_min: coordinate, y_min: coordinate, x_max: coordinate, y_max: coordinate });
const point: Check<Point> = obj({ x: coordinate, y: coordinate });
const line: Check<OcrLine> = obj({ text: str({ max: LIMITS.line }), box, confidence: num({ min: 0, max: 1 }) });
const captionLength: Check<CaptionLength> = lit(...CAPTION_LENGTHS);
const ms = num({ min: 0, max: 1e9 });
const message = str({ max: LIMITS.message });

export const taskRequestCheck: Check<TaskRequest> = union<TaskRequest>('task', {
  caption: obj({ task: lit('caption'), length: captionLength }),
  ask: obj({ task: lit('ask'), question: str({ min: 1, max: LIMITS.question, nonBlank: true }) }),
  detect: obj({ task: lit('detect'), object: str({ min: 1, max: LIMITS.object, nonBlank: true }) }),
  point: obj({ task: lit('point'), object: str({ min: 1, max: LIMITS.object, nonBlank: true }) }),
  ocr: obj({ task: lit('ocr') }),
});

const partialCheck: Check<TaskPartial> = union<TaskPartial>('kind', {
  text: obj({ kind: lit('text'), text: str({ max: LIMITS.text }) }),
  box: obj({ kind: lit('box'), box }),
  point: obj({ kind: lit('point'), point }),
});

const resultCheck: Check<PanelResult> = union<PanelResult>('task', {
  caption: obj({ task: lit('caption'), text: str({ max: LIMITS.text }), ms }),
  ask: obj({ task: lit('ask'), text: str({ max: LIMITS.text }), ms }),
  detect: obj({ task: lit('detect'), boxes: arr(box, LIMITS.objects), ms }),
  point: obj({ task: lit('point'), points: arr(point, LIMITS.objects), ms }),
  ocr: obj({ task: lit('ocr'), lines: arr(line, LIMITS.objects), ms }),
});

const imageRefFields = {
  kind: lit('file', 'pasted'),
  uri: str({ min: 1, max: LIMITS.uri }),
  label: str({ max: LIMITS.label }),
};
export const imageRefCheck: Check<PanelImageRef> = obj(imageRefFields);
/** `src` must be a URL the CSP allows for images: the webview's resource origin, or data:/blob:. */
const imageCheck: Check<PanelImage> = obj({ ...imageRefFields, src: str({ min: 1, max: LIMITS.uri, pattern: /^(https?|vscode-webview-resource|vscode-resource|data|blob):/i }) });

export const entryCheck: Check<TranscriptEntry> = obj(
  {
    id: requestId,
    request: taskRequestCheck,
    status: lit('running', 'done', 'error', 'cancelled', 'interrupted'),
    text: str({ max: LIMITS.text }),
    boxes: arr(box, LIMITS.objects),
    points: arr(point, LIMITS.objects),
    lines: arr(line, LIMITS.objects),
  },
  { error: obj({ message, code: str({ max: 64 }) }), ms },
);

const hostCheck: Check<PanelHostStatus> = obj(
  { state: lit('stopped', 'starting', 'restarting', 'failed', 'idle', 'loading', 'ready', 'busy', 'error') },
  { error: message },
);

/** Base64 as the webview's `btoa` writes it: the standard alphabet, padded. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const webviewToExtensionCheck: Check<WebviewToExtension> = union<WebviewToExtension>('type', {
  ready: obj({ type: lit('ready') }),
  run: obj({ type: lit('run'), requestId, request: taskRequestCheck }),
  cancel: obj({ type: lit('cancel'), requestId }),
  paste: obj({
    type: lit('paste'),
    mime: lit(...PASTE_MIME_TYPES),
    name: str({ max: LIMITS.label }),
    base64: (value, path) => {
      const text = str({ min: 4, max: base64Length(LIMITS.pasteBytes) })(value, path);
      if (text.length % 4 !== 0 || !BASE64.test(text)) fail(path, 'is not base64');
      return text;
    },
  }),
  openUri: obj({ type: lit('openUri'), uri: str({ min: 1, max: LIMITS.uri }) }),
  copy: obj({ type: lit('copy'), text: str({ min: 1, max: LIMITS.copy }) }),
  showLogs: obj({ type: lit('showLogs') }),
});

export const extensionToWebviewCheck: Check<ExtensionToWebview> = union<ExtensionToWebview>('type', {
  init: obj({ type: lit('init'), image: nullable(imageCheck), captionLength, requests: arr(entryCheck, LIMITS.entries), host: hostCheck }),
  image: obj({ type: lit('image'), image: imageCheck }),
  start: obj({ type: lit('start'), request: taskRequestCheck }),
  partial: obj({ type: lit('partial'), requestId, partial: partialCheck }),
  result: obj({ type: lit('result'), requestId, result: resultCheck }),
  failed: obj({ type: lit('failed'), requestId, message, code: str({ max: 64 }) }),
  cancelled: obj({ type: lit('cancelled'), requestId }),
  notice: obj({ type: lit('notice'), level: lit('info', 'error'), message }),
  host: obj({ type: lit('host'), host: hostCheck }),
});

export const persistedStateCheck: Check<PersistedPanelState> = obj({
  v: (value, path): 1 => (value === 1 ? 1 : fail(path, 'must be 1')),
  image: nullable(imageRefCheck),
  entries: arr(entryCheck, LIMITS.entries),
  captionLength,
  question: str({ max: LIMITS.question }),
  object: str({ max: LIMITS.object }),
  selected: nullable(requestId),
});

export const parseWebviewMessage = (value: unknown): Parsed<WebviewToExtension> => parse(webviewToExtensionCheck, value);
export const parseExtensionMessage = (value: unknown): Parsed<ExtensionToWebview> => parse(extensionToWebviewCheck, value);
export const parsePersistedState = (value: unknown): Parsed<PersistedPanelState> => parse(persistedStateCheck, value);

/**
 * Only the image of a persisted state, for the serializer: a state from an older version whose transcript no
 * longer checks still gives its image back.
 */
export function persistedImage(state: unknown): PanelImageRef | null {
  if (!isPlainObject(state)) return null;
  const parsed = parse(imageRefCheck, state['image']);
  return parsed.ok ? parsed.value : null;
}

// ── Strings ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Every user-visible string of the webview. The extension fills them with `vscode.l10n.t` and embeds them
 * in the page; `{0}`, `{1}`… are filled in by the webview.
 */
export const PANEL_STRING_KEYS = [
  'imageRegion',
  'dropHint',
  'imageUnavailable',
  'imageLoadFailed',
  'controls',
  'captionLength',
  'lengthShort',
  'lengthNormal',
  'lengthLong',
  'caption',
  'question',
  'questionPlaceholder',
  'ask',
  'object',
  'objectPlaceholder',
  'detect',
  'point',
  'readText',
  'transcript',
  'emptyTranscript',
  'clear',
  'stop',
  'copy',
  'copyJson',
  'retry',
  'showLogs',
  'showOnImage',
  'working',
  'stopped',
  'interrupted',
  'captionHeading',
  'detectHeading',
  'pointHeading',
  'ocrHeading',
  'noneFound',
  'boxesOne',
  'boxesMany',
  'pointsOne',
  'pointsMany',
  'noText',
  'linesOne',
  'linesMany',
  'boxItem',
  'pointItem',
  'failed',
  'seconds',
  'hostStarting',
  'hostLoading',
  'hostRestarting',
  'hostFailed',
  'pasteTooLarge',
  'pasteWrongType',
  'pasteReading',
  'escapeHint',
] as const;
export type PanelStringKey = (typeof PANEL_STRING_KEYS)[number];
export type PanelStrings = Record<PanelStringKey, string>;

export const panelStringsCheck: Check<PanelStrings> = obj(
  Object.fromEntries(PANEL_STRING_KEYS.map((key) => [key, str({ max: 500 })])) as Record<PanelStringKey, Check<string>>,
);

/** Fills `{0}`, `{1}`… with the arguments; a placeholder without an argument stays as it is. */
export function formatString(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}
