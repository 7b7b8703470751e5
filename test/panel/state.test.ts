import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, type TranscriptEntry } from '../../src/protocol/webviewMessages';
import { type PanelState, copyText, initialState, reduce, runningIds, selectedEntry } from '../../src/webview/state';

const image = { kind: 'file' as const, uri: 'file:///w/a.png', label: 'a.png' };
const withImage = (): PanelState => reduce(initialState(), { type: 'init', image, requests: [] });

function run(state: PanelState, ...actions: Parameters<typeof reduce>[1][]): PanelState {
  return actions.reduce(reduce, state);
}

describe('panel state reducer', () => {
  it('streams text into the entry with the matching id', () => {
    const state = run(
      withImage(),
      { type: 'start', id: 'a', request: { task: 'ask', question: 'What?' } },
      { type: 'start', id: 'b', request: { task: 'caption', length: 'short' } },
      { type: 'partial', id: 'a', partial: { kind: 'text', text: 'A ' } },
      { type: 'partial', id: 'b', partial: { kind: 'text', text: 'Short' } },
      { type: 'partial', id: 'a', partial: { kind: 'text', text: 'dialog' } },
    );
    assert.equal(state.entries[0]!.text, 'A dialog');
    assert.equal(state.entries[1]!.text, 'Short');
    assert.deepEqual(runningIds(state), ['b', 'a']);
  });

  it('lets the final result replace what streamed, and ignores late partials', () => {
    const state = run(
      withImage(),
      { type: 'start', id: 'a', request: { task: 'ask', question: 'What?' } },
      { type: 'partial', id: 'a', partial: { kind: 'text', text: 'A dia' } },
      { type: 'result', id: 'a', result: { task: 'ask', text: 'A dialog.', ms: 120 } },
      { type: 'partial', id: 'a', partial: { kind: 'text', text: ' late' } },
    );
    assert.deepEqual({ status: state.entries[0]!.status, text: state.entries[0]!.text, ms: state.entries[0]!.ms }, { status: 'done', text: 'A dialog.', ms: 120 });
  });

  it('ignores messages for unknown ids and results of another task', () => {
    const start = run(withImage(), { type: 'start', id: 'a', request: { task: 'detect', object: 'cat' } });
    assert.equal(reduce(start, { type: 'partial', id: 'zzz', partial: { kind: 'text', text: 'x' } }), start);
    assert.equal(reduce(start, { type: 'result', id: 'zzz', result: { task: 'caption', text: 'x', ms: 1 } }), start);
    assert.equal(reduce(start, { type: 'result', id: 'a', result: { task: 'caption', text: 'x', ms: 1 } }), start);
    assert.equal(reduce(start, { type: 'start', id: 'a', request: { task: 'ask', question: 'dup' } }), start, 'a repeated id is not a new entry');
  });

  it('collects streamed boxes and selects a detect entry for the overlay', () => {
    const box = { x_min: 0.1, y_min: 0.1, x_max: 0.2, y_max: 0.2 };
    const state = run(
      withImage(),
      { type: 'start', id: 'd', request: { task: 'detect', object: 'cat' } },
      { type: 'partial', id: 'd', partial: { kind: 'box', box } },
      { type: 'partial', id: 'd', partial: { kind: 'box', box } },
    );
    assert.equal(state.selected, 'd');
    assert.equal(selectedEntry(state)?.boxes.length, 2);
    const done = reduce(state, { type: 'result', id: 'd', result: { task: 'detect', boxes: [box], ms: 5 } });
    assert.equal(selectedEntry(done)?.boxes.length, 1, 'the final list wins');
    assert.equal(reduce(done, { type: 'select', id: null }).selected, null);
    const asked = run(done, { type: 'start', id: 'q', request: { task: 'ask', question: 'x' } });
    assert.equal(asked.selected, 'd', 'a text request keeps the drawn boxes');
    assert.equal(reduce(asked, { type: 'select', id: 'q' }), asked, 'text entries cannot be drawn');
  });

  it('records failures and cancellations once', () => {
    let state = run(withImage(), { type: 'start', id: 'a', request: { task: 'caption', length: 'long' } }, { type: 'failed', id: 'a', message: 'The model host stopped.', code: 'host-crashed' });
    assert.deepEqual(state.entries[0]!.error, { message: 'The model host stopped.', code: 'host-crashed' });
    assert.equal(reduce(state, { type: 'cancelled', id: 'a' }), state, 'a failed request stays failed');
    state = run(state, { type: 'start', id: 'b', request: { task: 'caption', length: 'long' } }, { type: 'cancelled', id: 'b' });
    assert.equal(state.entries[1]!.status, 'cancelled');
    assert.deepEqual(runningIds(state), []);
  });

  it('merges the extension snapshots after the webview was re-created', () => {
    const saved = run(
      withImage(),
      { type: 'start', id: 'a', request: { task: 'ask', question: 'One?' } },
      { type: 'partial', id: 'a', partial: { kind: 'text', text: 'Par' } },
      { type: 'start', id: 'b', request: { task: 'ask', question: 'Two?' } },
      { type: 'start', id: 'c', request: { task: 'ask', question: 'Three?' } },
      { type: 'result', id: 'c', result: { task: 'ask', text: 'Done before.', ms: 1 } },
    );
    const snapshot = (id: string, patch: Partial<TranscriptEntry>): TranscriptEntry => ({ ...saved.entries.find((e) => e.id === id)!, ...patch });
    const unsaved: TranscriptEntry = { id: 'd', request: { task: 'caption', length: 'short' }, status: 'running', text: 'Str', boxes: [], points: [], lines: [] };
    const merged = reduce(saved, {
      type: 'init',
      image,
      requests: [snapshot('a', { status: 'done', text: 'Part two.', ms: 9 }), snapshot('c', { text: 'stale' }), unsaved],
    });
    const byId = new Map(merged.entries.map((e) => [e.id, e]));
    assert.equal(byId.get('a')?.text, 'Part two.', 'a request that finished while hidden shows its result');
    assert.equal(byId.get('b')?.status, 'interrupted', 'a running request the extension no longer knows was lost');
    assert.equal(byId.get('c')?.text, 'Done before.', 'finished entries keep their own text');
    assert.equal(byId.get('d')?.text, 'Str', 'a request the webview never saved is added');
  });

  it('starts a new transcript for another image, keeps it when the image is gone', () => {
    const state = run(withImage(), { type: 'start', id: 'a', request: { task: 'caption', length: 'short' } }, { type: 'result', id: 'a', result: { task: 'caption', text: 'x', ms: 1 } });
    const other = { kind: 'pasted' as const, uri: 'file:///g/pasted/b.png', label: 'Pasted image' };
    assert.deepEqual(reduce(state, { type: 'image', image: other }).entries, []);
    assert.deepEqual(reduce(state, { type: 'init', image: other, requests: [] }).entries, []);
    const gone = reduce(state, { type: 'init', image: null, requests: [] });
    assert.equal(gone.image, null);
    assert.equal(gone.entries.length, 1);
    assert.equal(reduce(state, { type: 'image', image }).entries.length, 1, 'the same image keeps its transcript');
  });

  it('keeps at most the newest entries, and bounded drafts', () => {
    let state = withImage();
    for (let i = 0; i < LIMITS.entries + 5; i++) state = reduce(state, { type: 'start', id: `r${i}`, request: { task: 'point', object: 'x' } });
    assert.equal(state.entries.length, LIMITS.entries);
    assert.equal(state.entries[0]!.id, 'r5');
    assert.equal(state.selected, `r${LIMITS.entries + 4}`);
    state = reduce(state, { type: 'draft', question: 'q'.repeat(LIMITS.question + 10), captionLength: 'long' });
    assert.equal(state.question.length, LIMITS.question);
    assert.equal(state.captionLength, 'long');
  });

  it('clears finished entries but not running ones; removes one entry', () => {
    let state = run(
      withImage(),
      { type: 'start', id: 'a', request: { task: 'detect', object: 'x' } },
      { type: 'result', id: 'a', result: { task: 'detect', boxes: [], ms: 1 } },
      { type: 'start', id: 'b', request: { task: 'ask', question: 'x' } },
    );
    state = reduce(state, { type: 'clear' });
    assert.deepEqual(state.entries.map((e) => e.id), ['b']);
    assert.equal(state.selected, null);
    assert.deepEqual(reduce(state, { type: 'remove', id: 'b' }).entries, []);
  });

  it('draws the boxes of text lines read by OCR, and copies their text', () => {
    const line = (text: string, y: number) => ({ text, box: { x_min: 0.1, y_min: y, x_max: 0.5, y_max: y + 0.05 }, confidence: 0.9 });
    const state = run(
      withImage(),
      { type: 'start', id: 'o', request: { task: 'ocr' } },
      { type: 'result', id: 'o', result: { task: 'ocr', lines: [line('Save changes?', 0.2), line('Cancel', 0.4)], ms: 30 } },
    );
    assert.equal(state.selected, 'o');
    assert.equal(selectedEntry(state)?.lines.length, 2);
    assert.equal(copyText(state.entries[0]!), 'Save changes?\nCancel');
  });

  it('copies text, or the boxes and points as JSON', () => {
    const box = { x_min: 0.1, y_min: 0.2, x_max: 0.3, y_max: 0.4 };
    const state = run(
      withImage(),
      { type: 'start', id: 'a', request: { task: 'detect', object: 'cat' } },
      { type: 'result', id: 'a', result: { task: 'detect', boxes: [box], ms: 1 } },
      { type: 'start', id: 'b', request: { task: 'caption', length: 'short' } },
      { type: 'result', id: 'b', result: { task: 'caption', text: 'A cat.', ms: 1 } },
    );
    assert.deepEqual(JSON.parse(copyText(state.entries[0]!)), { object: 'cat', boxes: [box] });
    assert.equal(copyText(state.entries[1]!), 'A cat.');
  });
});
