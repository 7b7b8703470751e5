/**
 * The panel's state and its reducer: pure functions, no DOM, so the node tests run them and the extension
 * reuses the entry updates for its own snapshots of running requests.
 */
import { LIMITS, type PanelImageRef, type PanelResult, type PersistedPanelState, type TranscriptEntry } from '../protocol/webviewMessages';
import type { CaptionLength, TaskPartial, TaskRequest } from '../protocol/tasks';

export type PanelState = PersistedPanelState;

export type Action =
  /** The extension's answer to `ready`: the panel's image and its snapshots of recent requests. */
  | { type: 'init'; image: PanelImageRef | null; requests: TranscriptEntry[] }
  /** Another image replaced the panel's: the transcript belonged to the old one. */
  | { type: 'image'; image: PanelImageRef }
  | { type: 'start'; id: string; request: TaskRequest }
  | { type: 'partial'; id: string; partial: TaskPartial }
  | { type: 'result'; id: string; result: PanelResult }
  | { type: 'failed'; id: string; message: string; code: string }
  | { type: 'cancelled'; id: string }
  | { type: 'select'; id: string | null }
  | { type: 'remove'; id: string }
  | { type: 'clear' }
  | { type: 'draft'; question?: string; object?: string; captionLength?: CaptionLength };

export function initialState(captionLength: CaptionLength = 'normal'): PanelState {
  return { v: 1, image: null, entries: [], captionLength, question: '', object: '', selected: null };
}

export function newEntry(id: string, request: TaskRequest): TranscriptEntry {
  return { id, request, status: 'running', text: '', boxes: [], points: [], lines: [] };
}

/** Adds a streamed piece to a running entry; pieces for a finished entry are late and ignored. */
export function applyPartial(entry: TranscriptEntry, partial: TaskPartial): TranscriptEntry {
  if (entry.status !== 'running') return entry;
  switch (partial.kind) {
    case 'text':
      return { ...entry, text: (entry.text + partial.text).slice(0, LIMITS.text) };
    case 'box':
      return entry.boxes.length >= LIMITS.objects ? entry : { ...entry, boxes: [...entry.boxes, partial.box] };
    case 'point':
      return entry.points.length >= LIMITS.objects ? entry : { ...entry, points: [...entry.points, partial.point] };
  }
}

/** The final result replaces what streamed (it is the authoritative, complete answer). */
export function applyResult(entry: TranscriptEntry, result: PanelResult): TranscriptEntry {
  if (entry.status !== 'running') return entry;
  const done = { ...entry, status: 'done' as const, ms: result.ms };
  switch (result.task) {
    case 'caption':
    case 'ask':
      return { ...done, text: result.text.slice(0, LIMITS.text) };
    case 'detect':
      return { ...done, boxes: result.boxes.slice(0, LIMITS.objects) };
    case 'point':
      return { ...done, points: result.points.slice(0, LIMITS.objects) };
    case 'ocr':
      return { ...done, lines: result.lines.slice(0, LIMITS.objects) };
  }
}

export function applyFailure(entry: TranscriptEntry, message: string, code: string): TranscriptEntry {
  if (entry.status !== 'running') return entry;
  return { ...entry, status: 'error', error: { message, code } };
}

export function applyCancel(entry: TranscriptEntry): TranscriptEntry {
  return entry.status === 'running' ? { ...entry, status: 'cancelled' } : entry;
}

function updateEntry(state: PanelState, id: string, update: (entry: TranscriptEntry) => TranscriptEntry): PanelState {
  const index = state.entries.findIndex((e) => e.id === id);
  if (index < 0) return state; // a message for a request this panel does not know: ignore it
  const before = state.entries[index]!;
  const after = update(before);
  if (after === before) return state;
  const entries = state.entries.slice();
  entries[index] = after;
  return { ...state, entries };
}

/** Keeps the newest entries within the limit; the selection goes if its entry went. */
function bounded(state: PanelState): PanelState {
  if (state.entries.length <= LIMITS.entries) return state;
  const entries = state.entries.slice(state.entries.length - LIMITS.entries);
  const selected = state.selected && entries.some((e) => e.id === state.selected) ? state.selected : null;
  return { ...state, entries, selected };
}

/** Whether an entry's result is drawn over the image (boxes, points, or the boxes of text lines). */
export const drawsOnImage = (request: TaskRequest): boolean => request.task === 'detect' || request.task === 'point' || request.task === 'ocr';

export function reduce(state: PanelState, action: Action): PanelState {
  switch (action.type) {
    case 'init': {
      // A different image starts a new transcript. No image at all (a restored pasted image that was pruned)
      // keeps the transcript, whose text is still worth reading.
      if (action.image && state.image && action.image.uri !== state.image.uri) {
        return { ...state, image: action.image, entries: [], selected: null };
      }
      const snapshots = new Map(action.requests.map((r) => [r.id, r]));
      // Entries that were running when the webview went away: the extension's snapshot says how they went on;
      // without one, the extension host went away too (a window reload) and the request is lost.
      const entries = state.entries.map((entry) => {
        if (entry.status !== 'running') return entry;
        const snapshot = snapshots.get(entry.id);
        return snapshot ?? { ...entry, status: 'interrupted' as const };
      });
      // Requests the webview never saved (it went away right after starting them).
      const known = new Set(entries.map((e) => e.id));
      for (const snapshot of action.requests) if (!known.has(snapshot.id)) entries.push(snapshot);
      return bounded({ ...state, image: action.image, entries });
    }
    case 'image':
      if (state.image?.uri === action.image.uri) return { ...state, image: action.image };
      return { ...state, image: action.image, entries: [], selected: null };
    case 'start': {
      if (state.entries.some((e) => e.id === action.id)) return state;
      const entries = [...state.entries, newEntry(action.id, action.request)];
      return bounded({ ...state, entries, selected: drawsOnImage(action.request) ? action.id : state.selected });
    }
    case 'partial':
      return updateEntry(state, action.id, (e) => applyPartial(e, action.partial));
    case 'result':
      return updateEntry(state, action.id, (e) => (e.request.task === action.result.task ? applyResult(e, action.result) : e));
    case 'failed':
      return updateEntry(state, action.id, (e) => applyFailure(e, action.message, action.code));
    case 'cancelled':
      return updateEntry(state, action.id, applyCancel);
    case 'select': {
      if (action.id === null) return { ...state, selected: null };
      const entry = state.entries.find((e) => e.id === action.id);
      return entry && drawsOnImage(entry.request) ? { ...state, selected: action.id } : state;
    }
    case 'remove': {
      const entries = state.entries.filter((e) => e.id !== action.id);
      if (entries.length === state.entries.length) return state;
      return { ...state, entries, selected: state.selected === action.id ? null : state.selected };
    }
    case 'clear':
      return { ...state, entries: state.entries.filter((e) => e.status === 'running'), selected: null };
    case 'draft':
      return {
        ...state,
        ...(action.question !== undefined ? { question: action.question.slice(0, LIMITS.question) } : {}),
        ...(action.object !== undefined ? { object: action.object.slice(0, LIMITS.object) } : {}),
        ...(action.captionLength !== undefined ? { captionLength: action.captionLength } : {}),
      };
  }
}

/** The entries still running, newest first (Escape stops them all). */
export function runningIds(state: PanelState): string[] {
  return state.entries.filter((e) => e.status === 'running').map((e) => e.id).reverse();
}

/** The entry drawn over the image. */
export function selectedEntry(state: PanelState): TranscriptEntry | undefined {
  return state.selected ? state.entries.find((e) => e.id === state.selected) : undefined;
}

/** The text "Copy" puts on the clipboard for an entry: the caption, answer or text read; boxes/points as JSON. */
export function copyText(entry: TranscriptEntry): string {
  switch (entry.request.task) {
    case 'caption':
    case 'ask':
      return entry.text;
    case 'detect':
      return JSON.stringify({ object: entry.request.object, boxes: entry.boxes }, null, 2);
    case 'point':
      return JSON.stringify({ object: entry.request.object, points: entry.points }, null, 2);
    case 'ocr':
      return entry.lines.map((l) => l.text).join('\n');
  }
}
