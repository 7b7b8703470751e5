/**
 * The image panel's script (bundled for the browser as an IIFE, no dependencies). It owns the transcript:
 * it starts requests with ids of its own, applies what the extension streams back through the reducer in
 * state.ts, persists the state with setState, and draws boxes and points over the image. Every message from
 * the extension is checked before use.
 */
import type { TaskRequest } from '../protocol/tasks';
import {
  LIMITS,
  PASTE_MIME_TYPES,
  type ExtensionToWebview,
  type PanelHostStatus,
  type PanelImage,
  type PanelStrings,
  type TranscriptEntry,
  type WebviewToExtension,
  formatString,
  panelStringsCheck,
  parse,
  parseExtensionMessage,
  parsePersistedState,
} from '../protocol/webviewMessages';
import { boxPercentages, boxToRect, labelPosition, overlaySize, pointPercentages, pointToXY, unitsForPixels, type Size } from './geometry';
import { type Action, type PanelState, copyText, drawsOnImage, initialState, reduce, runningIds, selectedEntry } from './state';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG_NS = 'http://www.w3.org/2000/svg';

// ── Elements and strings ─────────────────────────────────────────────────────────────────────────────────

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id} is missing from the page`);
  return element;
}

const ui = {
  dropZone: byId('drop-zone', HTMLElement),
  hint: byId('drop-hint', HTMLElement),
  figure: byId('figure', HTMLElement),
  image: byId('image', HTMLImageElement),
  imageLabel: byId('image-label', HTMLElement),
  imageProblem: byId('image-problem', HTMLElement),
  captionLength: byId('caption-length', HTMLSelectElement),
  caption: byId('caption', HTMLButtonElement),
  readText: byId('read-text', HTMLButtonElement),
  askForm: byId('ask-form', HTMLFormElement),
  question: byId('question', HTMLInputElement),
  ask: byId('ask', HTMLButtonElement),
  findForm: byId('find-form', HTMLFormElement),
  object: byId('object', HTMLInputElement),
  detect: byId('detect', HTMLButtonElement),
  point: byId('point', HTMLButtonElement),
  transcript: byId('transcript', HTMLElement),
  empty: byId('empty', HTMLElement),
  clear: byId('clear', HTMLButtonElement),
  hostStatus: byId('host-status', HTMLElement),
  notice: byId('notice', HTMLElement),
  announce: byId('announce', HTMLElement),
};
const overlay = document.getElementById('overlay') as unknown as SVGSVGElement;

const strings: PanelStrings = (() => {
  const parsed = parse(panelStringsCheck, JSON.parse(document.getElementById('lunette-strings')?.textContent ?? 'null'));
  if (!parsed.ok) throw new Error(`Panel strings: ${parsed.error}`);
  return parsed.value;
})();
const t = (key: keyof PanelStrings, ...args: (string | number)[]): string => formatString(strings[key], ...args);

// ── State ────────────────────────────────────────────────────────────────────────────────────────────────

const restored = parsePersistedState(vscode.getState());
let state: PanelState = restored.ok ? restored.value : initialState();
/** The URL the image loads from; it comes from the extension with every `init` and is not persisted. */
let imageSrc: string | undefined;
let imageFailed = false;
let host: PanelHostStatus = { state: 'idle' };
let highlighted: number | undefined;
let saveTimer: number | undefined;
let noticeTimer: number | undefined;

function post(message: WebviewToExtension): void {
  vscode.postMessage(message);
}

function save(): void {
  window.clearTimeout(saveTimer);
  saveTimer = undefined;
  vscode.setState(state);
}

/** Streamed text is saved at most every 250 ms; every other change at once. */
function dispatch(action: Action): void {
  const before = state;
  state = reduce(state, action);
  if (state === before) return;
  if (state.selected !== before.selected) highlighted = undefined;
  if (action.type === 'partial') saveTimer ??= window.setTimeout(save, 250);
  else save();
  render();
}

let sequence = 0;
function newRequestId(): string {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  return `r${(++sequence).toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}

function start(request: TaskRequest): string | undefined {
  if (!state.image) return undefined;
  const id = newRequestId();
  dispatch({ type: 'start', id, request });
  post({ type: 'run', requestId: id, request });
  views.get(id)?.element.scrollIntoView({ block: 'nearest' });
  return id;
}

function stop(id: string): void {
  post({ type: 'cancel', requestId: id });
}

function announce(text: string): void {
  // Clearing first makes a repeated message announced again.
  ui.announce.textContent = '';
  window.setTimeout(() => (ui.announce.textContent = text), 50);
}

function showNotice(level: 'info' | 'error', message: string): void {
  window.clearTimeout(noticeTimer);
  ui.notice.textContent = message;
  ui.notice.dataset['level'] = level;
  ui.notice.hidden = false;
  announce(message);
  noticeTimer = window.setTimeout(() => (ui.notice.hidden = true), level === 'info' ? 4000 : 10_000);
}

// ── Messages from the extension ──────────────────────────────────────────────────────────────────────────

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseExtensionMessage(event.data);
  if (!parsed.ok) {
    console.warn(`Lunette panel: ignored a malformed message (${parsed.error})`);
    return;
  }
  handle(parsed.value);
});

function handle(message: ExtensionToWebview): void {
  switch (message.type) {
    case 'init':
      host = message.host;
      if (!restored.ok && state.entries.length === 0) dispatch({ type: 'draft', captionLength: message.captionLength });
      setImage(message.image);
      dispatch({ type: 'init', image: message.image && refOf(message.image), requests: message.requests });
      render();
      return;
    case 'image':
      setImage(message.image);
      dispatch({ type: 'image', image: refOf(message.image) });
      render();
      ui.caption.focus();
      return;
    case 'start':
      start(message.request);
      return;
    case 'partial':
      dispatch({ type: 'partial', id: message.requestId, partial: message.partial });
      return;
    case 'result': {
      dispatch({ type: 'result', id: message.requestId, result: message.result });
      const result = message.result;
      if (result.task === 'detect') announce(result.boxes.length === 1 ? t('boxesOne') : t('boxesMany', result.boxes.length));
      if (result.task === 'point') announce(result.points.length === 1 ? t('pointsOne') : t('pointsMany', result.points.length));
      if (result.task === 'ocr') announce(result.lines.length === 0 ? t('noText') : result.lines.length === 1 ? t('linesOne') : t('linesMany', result.lines.length));
      return;
    }
    case 'failed':
      dispatch({ type: 'failed', id: message.requestId, message: message.message, code: message.code });
      announce(t('failed', message.message));
      return;
    case 'cancelled':
      dispatch({ type: 'cancelled', id: message.requestId });
      announce(t('stopped'));
      return;
    case 'notice':
      showNotice(message.level, message.message);
      return;
    case 'host':
      host = message.host;
      renderHost();
      return;
  }
}

function refOf(image: PanelImage): { kind: PanelImage['kind']; uri: string; label: string } {
  return { kind: image.kind, uri: image.uri, label: image.label };
}

function setImage(image: PanelImage | null): void {
  const src = image?.src;
  if (src === imageSrc) return;
  imageSrc = src;
  imageFailed = false;
  highlighted = undefined;
  if (src) ui.image.src = src;
  else ui.image.removeAttribute('src');
}

// ── Rendering ────────────────────────────────────────────────────────────────────────────────────────────

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function button(action: string, iconName: string, label: string, extra: Record<string, string> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: 'secondary', 'data-action': action, ...extra }, icon(iconName), h('span', {}, label));
}

function render(): void {
  renderImage();
  renderControls();
  renderTranscript();
  renderOverlay();
  renderHost();
}

function renderImage(): void {
  const hasImage = Boolean(imageSrc) && !imageFailed;
  ui.figure.hidden = !imageSrc;
  ui.hint.hidden = Boolean(imageSrc);
  ui.imageLabel.textContent = state.image?.label ?? '';
  ui.imageProblem.hidden = !(imageFailed || (!state.image && state.entries.length > 0));
  ui.imageProblem.textContent = imageFailed ? t('imageLoadFailed') : t('imageUnavailable');
  // The newest caption is the best alt text the panel has.
  const caption = [...state.entries].reverse().find((e) => e.request.task === 'caption' && e.status === 'done' && e.text);
  ui.image.alt = caption?.text ?? state.image?.label ?? '';
  ui.dropZone.classList.toggle('has-image', hasImage);
}

function renderControls(): void {
  const disabled = !state.image;
  for (const control of [ui.caption, ui.readText, ui.ask, ui.detect, ui.point]) control.disabled = disabled;
  ui.clear.disabled = state.entries.every((e) => e.status === 'running');
  if (ui.captionLength.value !== state.captionLength) ui.captionLength.value = state.captionLength;
}

const views = new Map<string, { element: HTMLElement; entry: TranscriptEntry; selected: boolean }>();

function renderTranscript(): void {
  const ids = new Set(state.entries.map((e) => e.id));
  for (const [id, view] of views) {
    if (!ids.has(id)) {
      view.element.remove();
      views.delete(id);
    }
  }
  state.entries.forEach((entry, index) => {
    const selected = state.selected === entry.id;
    let view = views.get(entry.id);
    if (!view) {
      view = { element: h('article', { class: 'entry', tabindex: '-1', 'data-id': entry.id }), entry, selected };
      views.set(entry.id, view);
      fillEntry(view.element, entry, selected);
    } else if (view.entry !== entry || view.selected !== selected) {
      const onlyText = view.entry.status === 'running' && entry.status === 'running' && view.selected === selected && view.entry.boxes === entry.boxes && view.entry.points === entry.points;
      if (onlyText) updateText(view.element, entry);
      else fillEntry(view.element, entry, selected);
      view.entry = entry;
      view.selected = selected;
    }
    if (ui.transcript.children[index] !== view.element) ui.transcript.insertBefore(view.element, ui.transcript.children[index] ?? null);
  });
  ui.empty.hidden = state.entries.length > 0;
}

function heading(request: TaskRequest): string {
  switch (request.task) {
    case 'caption':
      return t('captionHeading', t(request.length === 'short' ? 'lengthShort' : request.length === 'long' ? 'lengthLong' : 'lengthNormal'));
    case 'ask':
      return request.question;
    case 'detect':
      return t('detectHeading', request.object);
    case 'point':
      return t('pointHeading', request.object);
    case 'ocr':
      return t('ocrHeading');
  }
}

const TASK_ICONS: Record<TaskRequest['task'], string> = { caption: 'eye', ask: 'comment-discussion', detect: 'symbol-field', point: 'location', ocr: 'whole-word' };

/** Rebuilds an entry's content, keeping the keyboard focus on the same action when it still exists. */
function fillEntry(element: HTMLElement, entry: TranscriptEntry, selected: boolean): void {
  const focused = element.contains(document.activeElement) ? ((document.activeElement as HTMLElement).dataset['action'] ?? '') : undefined;
  element.dataset['status'] = entry.status;
  const headingId = `h-${entry.id}`;
  element.setAttribute('aria-labelledby', headingId);
  const meta = entry.status === 'done' && entry.ms !== undefined ? t('seconds', (entry.ms / 1000).toFixed(1)) : '';
  const header = h('header', {}, icon(TASK_ICONS[entry.request.task]), h('h3', { id: headingId }, heading(entry.request)), h('span', { class: 'meta' }, meta));
  const body = h('div', { class: 'body', 'aria-busy': entry.status === 'running' ? 'true' : 'false' });
  fillBody(body, entry);
  const actions = h('div', { class: 'actions' });
  switch (entry.status) {
    case 'running':
      actions.append(button('stop', 'debug-stop', t('stop'), { title: t('escapeHint') }));
      break;
    case 'done': {
      const json = entry.request.task === 'detect' || entry.request.task === 'point';
      actions.append(button('copy', 'copy', json ? t('copyJson') : t('copy')));
      if (drawsOnImage(entry.request)) actions.append(button('select', 'eye', t('showOnImage'), { 'aria-pressed': String(selected) }));
      break;
    }
    case 'error':
      actions.append(button('retry', 'refresh', t('retry')), button('logs', 'output', t('showLogs')));
      break;
    case 'cancelled':
    case 'interrupted':
      actions.append(button('retry', 'refresh', t('retry')));
      break;
  }
  element.replaceChildren(header, body, actions);
  element.classList.toggle('selected', selected);
  if (focused !== undefined) {
    const target = (focused && element.querySelector<HTMLElement>(`[data-action="${focused}"]`)) || element;
    target.focus();
  }
}

function fillBody(body: HTMLElement, entry: TranscriptEntry): void {
  const status = (text: string, cls: string): HTMLElement => h('p', { class: cls }, text);
  if (entry.status === 'error') {
    body.append(h('p', { class: 'error' }, icon('error'), h('span', {}, entry.error?.message ?? '')));
    return;
  }
  const task = entry.request.task;
  if (task === 'caption' || task === 'ask') {
    body.append(h('p', { class: 'text' }, entry.text));
    if (entry.status === 'running' && !entry.text) body.append(status(t('working'), 'status'));
  } else {
    const { items, summary } = regionList(entry);
    body.append(status(entry.status === 'running' && items.length === 0 ? t('working') : summary, 'summary'));
    if (items.length > 0) body.append(h('ol', { class: task === 'ocr' ? 'objects lines' : 'objects' }, ...items));
  }
  if (entry.status === 'cancelled') body.append(status(t('stopped'), 'status'));
  if (entry.status === 'interrupted') body.append(status(t('interrupted'), 'status'));
}

/** The boxes, points or text lines of an entry as list items (what a screen reader reads), and a summary line. */
function regionList(entry: TranscriptEntry): { items: HTMLElement[]; summary: string } {
  const count = (n: number, none: string, one: string, many: string): string => (n === 0 ? none : n === 1 ? one : many);
  const request = entry.request;
  switch (request.task) {
    case 'detect': {
      const items = entry.boxes.map((b, i) => {
        const p = boxPercentages(b);
        return listItem(i, t('boxItem', i + 1, p.left, p.top, p.right, p.bottom));
      });
      return { items, summary: count(items.length, t('noneFound', request.object), t('boxesOne'), t('boxesMany', items.length)) };
    }
    case 'point': {
      const items = entry.points.map((point, i) => {
        const p = pointPercentages(point);
        return listItem(i, t('pointItem', i + 1, p.x, p.y));
      });
      return { items, summary: count(items.length, t('noneFound', request.object), t('pointsOne'), t('pointsMany', items.length)) };
    }
    case 'ocr': {
      const items = entry.lines.map((line, i) => listItem(i, line.text));
      return { items, summary: count(items.length, t('noText'), t('linesOne'), t('linesMany', items.length)) };
    }
    case 'caption':
    case 'ask':
      return { items: [], summary: '' };
  }
}

function listItem(index: number, text: string): HTMLElement {
  return h('li', { 'data-index': String(index) }, text);
}

function updateText(element: HTMLElement, entry: TranscriptEntry): void {
  const text = element.querySelector('.body .text');
  if (text) text.textContent = entry.text;
  if (entry.text) element.querySelector('.body .status')?.remove();
}

function renderHost(): void {
  const message =
    host.state === 'starting'
      ? t('hostStarting')
      : host.state === 'loading'
        ? t('hostLoading')
        : host.state === 'restarting'
          ? t('hostRestarting')
          : host.state === 'failed' || host.state === 'error'
            ? t('hostFailed', host.error ?? '')
            : '';
  ui.hostStatus.hidden = !message;
  ui.hostStatus.textContent = message;
  ui.hostStatus.dataset['level'] = host.state === 'failed' || host.state === 'error' ? 'error' : 'info';
}

// ── Overlay ──────────────────────────────────────────────────────────────────────────────────────────────

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function renderOverlay(): void {
  const entry = selectedEntry(state);
  const displayed: Size = { width: ui.image.clientWidth, height: ui.image.clientHeight };
  const size = overlaySize({ width: ui.image.naturalWidth, height: ui.image.naturalHeight }, displayed);
  overlay.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  const children: SVGElement[] = [];
  if (entry && imageSrc && !imageFailed) {
    const fontSize = unitsForPixels(12, size, displayed);
    if (entry.request.task === 'detect' || entry.request.task === 'ocr') {
      const boxes = entry.request.task === 'ocr' ? entry.lines.map((l) => l.box) : entry.boxes;
      boxes.forEach((box, index) => {
        const rect = boxToRect(box, size);
        const cls = index === highlighted ? 'box active' : 'box';
        // A halo in the background colour under each box keeps it visible on light and dark images alike.
        children.push(svg('rect', { class: 'halo', x: rect.x, y: rect.y, width: rect.width, height: rect.height }));
        children.push(svg('rect', { class: cls, x: rect.x, y: rect.y, width: rect.width, height: rect.height }));
        const at = labelPosition(rect, fontSize * 1.2, size);
        const label = svg('text', { class: 'label', x: at.x + fontSize * 0.3, y: at.y - fontSize * 0.25, 'font-size': fontSize });
        label.textContent = String(index + 1);
        children.push(label);
      });
    } else if (entry.request.task === 'point') {
      const radius = unitsForPixels(6, size, displayed);
      entry.points.forEach((point, index) => {
        const at = pointToXY(point, size);
        children.push(svg('circle', { class: index === highlighted ? 'point active' : 'point', cx: at.x, cy: at.y, r: radius }));
        const label = svg('text', { class: 'label', x: at.x + radius * 1.4, y: at.y - radius * 1.4, 'font-size': fontSize });
        label.textContent = String(index + 1);
        children.push(label);
      });
    }
  }
  overlay.replaceChildren(...children);
}

// ── Input ────────────────────────────────────────────────────────────────────────────────────────────────

ui.captionLength.addEventListener('change', () => {
  const value = ui.captionLength.value;
  if (value === 'short' || value === 'normal' || value === 'long') dispatch({ type: 'draft', captionLength: value });
});
ui.caption.addEventListener('click', () => start({ task: 'caption', length: state.captionLength }));
ui.readText.addEventListener('click', () => start({ task: 'ocr' }));

ui.question.addEventListener('input', () => dispatch({ type: 'draft', question: ui.question.value }));
ui.askForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = ui.question.value.trim();
  if (!question) {
    ui.question.focus();
    return;
  }
  if (start({ task: 'ask', question: question.slice(0, LIMITS.question) })) {
    ui.question.value = '';
    dispatch({ type: 'draft', question: '' });
  }
});

ui.object.addEventListener('input', () => dispatch({ type: 'draft', object: ui.object.value }));
function find(task: 'detect' | 'point'): void {
  const object = ui.object.value.trim();
  if (!object) {
    ui.object.focus();
    return;
  }
  start({ task, object: object.slice(0, LIMITS.object) });
}
ui.findForm.addEventListener('submit', (event) => {
  event.preventDefault();
  find('detect');
});
ui.point.addEventListener('click', () => find('point'));
ui.clear.addEventListener('click', () => {
  dispatch({ type: 'clear' });
  ui.question.focus();
});

ui.transcript.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action]') : null;
  const id = target?.closest<HTMLElement>('.entry')?.dataset['id'];
  const entry = id ? state.entries.find((e) => e.id === id) : undefined;
  if (!target || !entry) return;
  switch (target.dataset['action']) {
    case 'stop':
      stop(entry.id);
      return;
    case 'copy':
      post({ type: 'copy', text: copyText(entry).slice(0, LIMITS.copy) || ' ' });
      return;
    case 'select':
      dispatch({ type: 'select', id: state.selected === entry.id ? null : entry.id });
      return;
    case 'retry': {
      dispatch({ type: 'remove', id: entry.id });
      const newId = start(entry.request);
      if (newId) views.get(newId)?.element.focus();
      return;
    }
    case 'logs':
      post({ type: 'showLogs' });
      return;
  }
});

// Pointing at a box's line in the list highlights that box on the image.
function highlightFrom(event: Event): void {
  const item = event.target instanceof Element ? event.target.closest<HTMLElement>('li[data-index]') : null;
  const id = item?.closest<HTMLElement>('.entry')?.dataset['id'];
  const next = item && id === state.selected ? Number(item.dataset['index']) : undefined;
  if (next !== highlighted) {
    highlighted = next;
    renderOverlay();
  }
}
ui.transcript.addEventListener('mouseover', highlightFrom);

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const running = runningIds(state);
  if (running.length === 0) return;
  event.preventDefault();
  for (const id of running) stop(id);
});

ui.image.addEventListener('load', () => {
  imageFailed = false;
  render();
});
ui.image.addEventListener('error', () => {
  if (!imageSrc) return;
  imageFailed = true;
  render();
});
new ResizeObserver(() => renderOverlay()).observe(ui.image);

// ── Paste and drop ───────────────────────────────────────────────────────────────────────────────────────

function isPasteMime(type: string): type is (typeof PASTE_MIME_TYPES)[number] {
  return (PASTE_MIME_TYPES as readonly string[]).includes(type);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function sendImageFile(file: File): Promise<void> {
  if (!isPasteMime(file.type)) {
    showNotice('error', t('pasteWrongType'));
    return;
  }
  if (file.size > LIMITS.pasteBytes) {
    showNotice('error', t('pasteTooLarge', Math.round(LIMITS.pasteBytes / 1048576)));
    return;
  }
  announce(t('pasteReading'));
  const bytes = new Uint8Array(await file.arrayBuffer());
  post({ type: 'paste', mime: file.type, name: file.name.slice(0, LIMITS.label), base64: toBase64(bytes) });
}

function imageFileOf(items: DataTransferItemList | undefined, files: FileList | undefined): File | undefined {
  for (const item of Array.from(items ?? [])) {
    if (item.kind === 'file' && item.type.startsWith('image/')) return item.getAsFile() ?? undefined;
  }
  return Array.from(files ?? []).find((f) => f.type.startsWith('image/')) ?? Array.from(files ?? [])[0];
}

document.addEventListener('paste', (event) => {
  const file = imageFileOf(event.clipboardData?.items, event.clipboardData?.files);
  if (!file) return; // plain text pasted into a field goes through
  event.preventDefault();
  void sendImageFile(file);
});

ui.dropZone.addEventListener('dragover', (event) => {
  const types = Array.from(event.dataTransfer?.types ?? []);
  if (!types.includes('Files') && !types.includes('text/uri-list')) return;
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  ui.dropZone.classList.add('dragging');
});
ui.dropZone.addEventListener('dragleave', () => ui.dropZone.classList.remove('dragging'));
ui.dropZone.addEventListener('drop', (event) => {
  ui.dropZone.classList.remove('dragging');
  const data = event.dataTransfer;
  if (!data) return;
  event.preventDefault();
  const file = imageFileOf(data.items, data.files);
  if (file) {
    void sendImageFile(file);
    return;
  }
  const uri = data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('#'));
  if (uri) post({ type: 'openUri', uri: uri.slice(0, LIMITS.uri) });
});

// ── Start ────────────────────────────────────────────────────────────────────────────────────────────────

ui.question.value = state.question;
ui.object.value = state.object;
render();
post({ type: 'ready' });
