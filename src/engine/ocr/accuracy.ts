/** Character accuracy of OCR output against ground truth, for tests and the bench. */
import type { Box } from '../../protocol/tasks';
import { readingOrder } from './lines';

/** Levenshtein distance (insertions, deletions, substitutions all cost 1), over UTF-16 code units. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let curr = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** Lines in reading order joined by single spaces, whitespace collapsed. */
export function joinLines(lines: readonly { text: string; box: Box }[]): string {
  return readingOrder(lines, (l) => l.box)
    .map((l) => l.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * 1 − CER: one minus the edit distance between the expected and the recognized text over the expected
 * length, floored at 0. Both sides are their lines joined by spaces; the recognized lines in reading order,
 * the expected lines in the order of the recognized line that covers each best (so a multi-column layout,
 * where reading order depends on box heights, does not count as misread; `readingOrder` has its own tests).
 * Expected lines that no recognized line covers keep their own reading-order place and count as missed.
 */
export function charAccuracy(expected: readonly { text: string; box: Box }[], actual: readonly { text: string; box: Box }[]): number {
  const got = joinLines(actual);
  const ordered = readingOrder(actual, (l) => l.box);
  const keyed = readingOrder(expected, (l) => l.box).map((line, index) => {
    let best = -1;
    let bestCover = 0.3;
    ordered.forEach((candidate, j) => {
      const cover = intersection(line.box, candidate.box) / Math.max(1e-9, area(line.box));
      if (cover > bestCover) {
        bestCover = cover;
        best = j;
      }
    });
    return { line, slot: best, index };
  });
  // Unmatched lines go after the matched line that precedes them in their own order.
  let last = -1;
  for (const k of keyed) {
    if (k.slot >= 0) last = k.slot;
    else k.slot = last + 0.5;
  }
  keyed.sort((a, b) => a.slot - b.slot || a.line.box.x_min - b.line.box.x_min || a.index - b.index);
  const want = keyed
    .map((k) => k.line.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!want.length) return got.length ? 0 : 1;
  return Math.max(0, 1 - levenshtein(want, got) / want.length);
}

function area(b: Box): number {
  return Math.max(0, b.x_max - b.x_min) * Math.max(0, b.y_max - b.y_min);
}

function intersection(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x_max, b.x_max) - Math.max(a.x_min, b.x_min)) * Math.max(0, Math.min(a.y_max, b.y_max) - Math.max(a.y_min, b.y_min));
}
