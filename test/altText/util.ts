/** Helpers for the alt-text tests: fixtures, slicing, and round-trip checks of edits. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, findImageReferences, type EditResult, type FindOptions, type ImageLanguage, type ImageReference, type OffsetRange } from '../../src/extension/altText';
import { ROOT } from '../helpers';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'altText');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const slice = (source: string, r: OffsetRange | undefined) => (r ? source.slice(r.start, r.end) : undefined);

export function refs(source: string, language: ImageLanguage, options?: FindOptions): ImageReference[] {
  const result = findImageReferences(source, language, options);
  assert.equal(result.error, undefined, `parse error: ${result.error}`);
  return result.references;
}

/** The reference whose source text contains `needle` (exactly one). */
export function refWith(source: string, list: ImageReference[], needle: string): ImageReference {
  const found = list.filter((r) => slice(source, r.range)!.includes(needle));
  assert.equal(found.length, 1, `one reference containing ${needle}, got ${found.length}`);
  return found[0]!;
}

export function ok(result: EditResult): Extract<EditResult, { ok: true }> {
  if (!result.ok) assert.fail(`edit refused: ${result.reason}`);
  return result;
}

/** A stable description of a reference that does not depend on its offsets. */
export function identity(source: string, r: ImageReference): string {
  return JSON.stringify([r.syntax, r.tagName, r.src, r.srcOrigin, r.alt.kind, r.alt.value ?? null, slice(source, r.srcRange) ?? null]);
}

/**
 * Applies `result` to `source`, re-parses, and checks that every other reference is unchanged and that the text
 * outside the edited ranges is byte for byte the same. Returns the new text and the references that changed.
 */
export function roundTrip(source: string, language: ImageLanguage, target: ImageReference, result: EditResult, options?: FindOptions) {
  const { edits } = ok(result);
  const before = refs(source, language, options);
  const after = applyEdits(source, edits);
  const now = refs(after, language, options);
  // Outside the edits nothing changed: the text between and around the edits is the same, in the same order.
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  let cursor = 0;
  let afterCursor = 0;
  for (const e of sorted) {
    const keep = source.slice(cursor, e.range.start);
    assert.equal(after.slice(afterCursor, afterCursor + keep.length), keep, 'text before an edit is unchanged');
    afterCursor += keep.length + e.newText.length;
    cursor = e.range.end;
  }
  assert.equal(after.slice(afterCursor), source.slice(cursor), 'text after the edits is unchanged');
  // Every other reference reads the same.
  const others = (list: ImageReference[], text: string) => list.map((r) => identity(text, r));
  const index = before.findIndex((r) => r.range.start === target.range.start);
  assert.ok(index >= 0, 'the target is a reference of the document');
  assert.equal(now.length, before.length, 'as many references after the edit');
  const expectOthers = others(before, source).filter((_, i) => i !== index);
  const gotOthers = others(now, after).filter((_, i) => i !== index);
  assert.deepEqual(gotOthers, expectOthers, 'other references unchanged');
  return { text: after, ref: now[index]!, refs: now };
}
