import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LIMITS,
  PANEL_STRING_KEYS,
  base64Length,
  formatString,
  panelStringsCheck,
  parse,
  parseExtensionMessage,
  parsePersistedState,
  parseWebviewMessage,
  persistedImage,
} from '../../src/protocol/webviewMessages';

const ok = (result: { ok: boolean; error?: string }): void => assert.equal(result.ok, true, result.ok ? '' : result.error);
const rejected = (result: { ok: boolean; error?: string }, pattern?: RegExp): void => {
  assert.equal(result.ok, false, 'expected the message to be refused');
  if (pattern && !result.ok) assert.match(result.error ?? '', pattern);
};

describe('webview → extension messages', () => {
  it('accepts every well-formed message', () => {
    ok(parseWebviewMessage({ type: 'ready' }));
    ok(parseWebviewMessage({ type: 'run', requestId: 'r1-abc', request: { task: 'caption', length: 'short' } }));
    ok(parseWebviewMessage({ type: 'run', requestId: 'r2', request: { task: 'ask', question: 'What does the dialog say?' } }));
    ok(parseWebviewMessage({ type: 'run', requestId: 'r3', request: { task: 'detect', object: 'button' } }));
    ok(parseWebviewMessage({ type: 'run', requestId: 'r4', request: { task: 'point', object: 'close icon' } }));
    ok(parseWebviewMessage({ type: 'run', requestId: 'r5', request: { task: 'ocr' } }));
    ok(parseWebviewMessage({ type: 'cancel', requestId: 'r4' }));
    ok(parseWebviewMessage({ type: 'paste', mime: 'image/png', name: 'shot.png', base64: 'iVBORw0KGgo=' }));
    ok(parseWebviewMessage({ type: 'openUri', uri: 'file:///w/images/a.png' }));
    ok(parseWebviewMessage({ type: 'copy', text: 'A dialog.' }));
    ok(parseWebviewMessage({ type: 'showLogs' }));
  });

  it('keeps the checked values and nothing else', () => {
    const parsed = parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: 'Why?' } });
    assert.deepEqual(parsed, { ok: true, value: { type: 'run', requestId: 'r1', request: { task: 'ask', question: 'Why?' } } });
  });

  it('refuses unknown types and tasks', () => {
    rejected(parseWebviewMessage({ type: 'eval', code: '1' }), /not known/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'translate' } }), /request\.task/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'caption', length: 'huge' } }), /length/);
  });

  it('refuses values that are not plain objects', () => {
    for (const value of [null, undefined, 42, 'ready', [], ['ready'], new Date(), Object.create({ type: 'ready' })]) {
      rejected(parseWebviewMessage(value));
    }
    class Ready {
      type = 'ready';
    }
    rejected(parseWebviewMessage(new Ready()));
  });

  it('refuses missing, extra and mistyped fields', () => {
    rejected(parseWebviewMessage({ type: 'cancel' }), /requestId is missing/);
    rejected(parseWebviewMessage({ type: 'ready', extra: 1 }), /extra is not expected/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: 'x', length: 'short' } }), /request\.length/);
    rejected(parseWebviewMessage({ type: 'cancel', requestId: 7 }), /string/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: ['x'] } }), /question/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ocr', object: 'x' } }), /object is not expected/);
  });

  it('refuses request ids that could not be ours', () => {
    for (const requestId of ['', 'a b', '../x', 'x'.repeat(65), 'r1<script>', '__proto__.x']) {
      rejected(parseWebviewMessage({ type: 'cancel', requestId }), /requestId/);
    }
  });

  it('refuses blank and oversized text', () => {
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: '   ' } }), /blank/);
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: 'q'.repeat(LIMITS.question + 1) } }), /longer/);
    ok(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'ask', question: 'q'.repeat(LIMITS.question) } }));
    rejected(parseWebviewMessage({ type: 'run', requestId: 'r1', request: { task: 'detect', object: 'o'.repeat(LIMITS.object + 1) } }), /longer/);
    rejected(parseWebviewMessage({ type: 'copy', text: '' }), /shorter/);
    rejected(parseWebviewMessage({ type: 'copy', text: 'c'.repeat(LIMITS.copy + 1) }), /longer/);
    rejected(parseWebviewMessage({ type: 'openUri', uri: 'u'.repeat(LIMITS.uri + 1) }), /longer/);
  });

  it('checks pasted images: MIME type, base64 and size', () => {
    rejected(parseWebviewMessage({ type: 'paste', mime: 'image/svg+xml', name: 'a.svg', base64: 'PHN2Zz4=' }), /mime/);
    rejected(parseWebviewMessage({ type: 'paste', mime: 'text/html', name: 'a', base64: 'AAAA' }), /mime/);
    rejected(parseWebviewMessage({ type: 'paste', mime: 'image/png', name: 'a', base64: 'not base64!' }), /base64/);
    rejected(parseWebviewMessage({ type: 'paste', mime: 'image/png', name: 'a', base64: 'AAA' }), /shorter|base64/);
    const limit = base64Length(LIMITS.pasteBytes);
    rejected(parseWebviewMessage({ type: 'paste', mime: 'image/png', name: 'a', base64: 'A'.repeat(limit + 4) }), /longer/);
    ok(parseWebviewMessage({ type: 'paste', mime: 'image/png', name: 'a', base64: 'A'.repeat(limit) }));
  });
});

describe('extension → webview messages', () => {
  const image = { kind: 'file', uri: 'file:///w/a.png', label: 'a.png', src: 'https://file+.vscode-resource.vscode-cdn.net/w/a.png' };
  const entry = { id: 'r1', request: { task: 'detect', object: 'cat' }, status: 'done', text: '', boxes: [{ x_min: 0.1, y_min: 0.2, x_max: 0.3, y_max: 0.4 }], points: [], lines: [], ms: 12 };

  it('accepts every well-formed message', () => {
    ok(parseExtensionMessage({ type: 'init', image, captionLength: 'normal', requests: [entry], host: { state: 'ready' } }));
    ok(parseExtensionMessage({ type: 'init', image: null, captionLength: 'long', requests: [], host: { state: 'failed', error: 'no runtime' } }));
    ok(parseExtensionMessage({ type: 'image', image: { ...image, kind: 'pasted', src: 'data:image/png;base64,AAAA' } }));
    ok(parseExtensionMessage({ type: 'start', request: { task: 'caption', length: 'short' } }));
    ok(parseExtensionMessage({ type: 'partial', requestId: 'r1', partial: { kind: 'text', text: 'A ' } }));
    ok(parseExtensionMessage({ type: 'partial', requestId: 'r1', partial: { kind: 'box', box: entry.boxes[0] } }));
    ok(parseExtensionMessage({ type: 'partial', requestId: 'r1', partial: { kind: 'point', point: { x: 0.5, y: 0.5 } } }));
    ok(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'caption', text: 'A cat.', ms: 40 } }));
    ok(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'detect', boxes: entry.boxes, ms: 40 } }));
    ok(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'point', points: [], ms: 40 } }));
    ok(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'ocr', lines: [{ text: 'Save', box: entry.boxes[0], confidence: 0.93 }], ms: 40 } }));
    ok(parseExtensionMessage({ type: 'failed', requestId: 'r1', message: 'The image is corrupt.', code: 'image-unreadable' }));
    ok(parseExtensionMessage({ type: 'cancelled', requestId: 'r1' }));
    ok(parseExtensionMessage({ type: 'notice', level: 'info', message: 'Copied.' }));
    ok(parseExtensionMessage({ type: 'host', host: { state: 'loading' } }));
  });

  it('refuses image URLs the CSP would not load (and script URLs)', () => {
    rejected(parseExtensionMessage({ type: 'image', image: { ...image, src: 'javascript:alert(1)' } }), /src/);
    rejected(parseExtensionMessage({ type: 'image', image: { ...image, src: 'file:///etc/passwd' } }), /src/);
  });

  it('refuses coordinates that are not finite numbers in range', () => {
    for (const x_min of [Number.NaN, Number.POSITIVE_INFINITY, 5, '0.1', null]) {
      rejected(parseExtensionMessage({ type: 'partial', requestId: 'r1', partial: { kind: 'box', box: { ...entry.boxes[0], x_min } } }), /x_min/);
    }
  });

  it('refuses oversized results', () => {
    const boxes = Array.from({ length: LIMITS.objects + 1 }, () => entry.boxes[0]);
    rejected(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'detect', boxes, ms: 1 } }), /more than/);
    rejected(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'ask', text: 'x'.repeat(LIMITS.text + 1), ms: 1 } }), /longer/);
    rejected(parseExtensionMessage({ type: 'notice', level: 'info', message: 'x'.repeat(LIMITS.message + 1) }), /longer/);
  });

  it('refuses a result for the wrong shape and unknown host states', () => {
    rejected(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'detect', points: [], ms: 1 } }));
    rejected(parseExtensionMessage({ type: 'host', host: { state: 'exploded' } }), /state/);
    rejected(parseExtensionMessage({ type: 'notice', level: 'warning', message: 'x' }), /level/);
    rejected(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'ocr', lines: [{ text: 'x', box: entry.boxes[0], confidence: 1.5 }], ms: 1 } }), /confidence/);
    rejected(parseExtensionMessage({ type: 'result', requestId: 'r1', result: { task: 'ocr', lines: [{ text: 'x'.repeat(LIMITS.line + 1), box: entry.boxes[0], confidence: 1 }], ms: 1 } }), /longer/);
  });
});

describe('persisted state', () => {
  const state = {
    v: 1,
    image: { kind: 'pasted', uri: 'file:///g/pasted/abc.png', label: 'Pasted image' },
    entries: [{ id: 'r1', request: { task: 'ask', question: 'Why?' }, status: 'running', text: 'Bec', boxes: [], points: [], lines: [] }],
    captionLength: 'short',
    question: '',
    object: 'button',
    selected: null,
  };

  it('round-trips through JSON', () => {
    assert.deepEqual(parsePersistedState(JSON.parse(JSON.stringify(state))), { ok: true, value: state });
  });

  it('refuses another version or too many entries', () => {
    rejected(parsePersistedState({ ...state, v: 2 }), /v must be 1/);
    rejected(parsePersistedState({ ...state, entries: Array.from({ length: LIMITS.entries + 1 }, (_, i) => ({ ...state.entries[0], id: `r${i}` })) }), /more than/);
  });

  it('gives the image back even when the rest no longer checks', () => {
    assert.deepEqual(persistedImage({ ...state, v: 0, entries: 'garbage' }), state.image);
    assert.equal(persistedImage({ image: { kind: 'elsewhere', uri: 'x', label: '' } }), null);
    assert.equal(persistedImage(undefined), null);
    assert.equal(persistedImage('state'), null);
  });
});

describe('panel strings', () => {
  it('need every key, as strings', () => {
    const strings = Object.fromEntries(PANEL_STRING_KEYS.map((k) => [k, k]));
    ok(parse(panelStringsCheck, strings));
    const { dropHint: _dropped, ...missing } = strings;
    rejected(parse(panelStringsCheck, missing), /dropHint is missing/);
    rejected(parse(panelStringsCheck, { ...strings, caption: 3 }), /caption/);
  });

  it('fill numbered placeholders and keep unfilled ones', () => {
    assert.equal(formatString('Box {0}: left {1}%', 2, 10), 'Box 2: left 10%');
    assert.equal(formatString('{0} and {1}', 'a'), 'a and {1}');
    assert.equal(formatString('{1}{0}{1}', 'x', 'y'), 'yxy');
  });
});
