/**
 * What OCR lines look like to the rest of Lunette: their type, reading order, text normalization and the
 * prompt block of docs/model-pack.md ("OCR lines in the prompt"). The order, the normalization and the
 * block mirror training/synth/ocr.py (reading_order, normalize_chars, format_lines), which simulates this
 * output for training: keep the two in step.
 */
import type { Box, OcrLine } from '../../protocol/tasks';

export type { OcrLine };

export interface OcrLines {
  lines: OcrLine[];
}

/** Top-to-bottom rows, a line joining a row when its vertical centre lies inside the vertical span of the
 * row's first line; left-to-right within a row. Stable for equal keys. */
export function readingOrder<T>(items: readonly T[], box: (item: T) => Box): T[] {
  const sorted = [...items].sort((a, b) => box(a).y_min - box(b).y_min || box(a).x_min - box(b).x_min);
  const rows: { first: Box; items: T[] }[] = [];
  for (const item of sorted) {
    const b = box(item);
    const cy = (b.y_min + b.y_max) / 2;
    const row = rows[rows.length - 1];
    if (row && row.first.y_min <= cy && cy <= row.first.y_max) row.items.push(item);
    else rows.push({ first: b, items: [item] });
  }
  return rows.flatMap((row) => row.items.sort((a, b) => box(a).x_min - box(b).x_min));
}

const CHAR_MAP: Record<string, string> = {
  '…': '...', '—': '-', '–': '-', '’': "'", '‘': "'", '“': '"', '”': '"', '×': 'x', '•': '-', '·': '.',
  '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '▸': '>', '▾': 'v', '❯': '>', '➜': '->', '✓': '', '✔': '',
  '✗': 'x', '✖': 'x', '●': '', '○': 'o', '⚠': '', '★': '', '☆': '', '▶': '>', '⏵': '>', '│': '|', '─': '-',
  '├': '|', '└': 'L', '┌': '', '┐': '', '┘': '', '┬': '', '┴': '', '┼': '+', '°': 'o',
  // The recognizer is PaddleOCR's Chinese model: its CJK punctuation is ASCII punctuation in a Latin UI.
  '。': '.', '、': ',', '「': '"', '」': '"', '『': '"', '』': '"', '【': '[', '】': ']', '《': '<', '》': '>', '〈': '<', '〉': '>',
};

/**
 * Text as the model was trained to see it (training/synth/ocr.py normalize_chars): full-width forms folded
 * to ASCII (NFKC), typographic punctuation mapped to ASCII, characters outside Latin (U+0250 and up)
 * dropped, whitespace collapsed.
 */
export function normalizeOcrText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    const code = ch.codePointAt(0)!;
    const mapped = code > 126 ? (CHAR_MAP[ch] ?? ch) : ch;
    for (const m of mapped) if (m.codePointAt(0)! < 0x250) out += m;
  }
  return collapse(out);
}

/**
 * A recognized line as Lunette reports it. The recognizer also knows Chinese: a line that is mostly
 * non-Latin (at least two such characters, and more of them than Latin ones) keeps them, NFKC-folded;
 * elsewhere a stray non-Latin character is an icon or a misread glyph, and the line is normalized as for
 * the prompt.
 */
export function cleanOcrText(text: string): string {
  const folded = collapse(text.normalize('NFKC'));
  let other = 0;
  let latin = 0;
  for (const ch of folded) {
    if (ch === ' ') continue;
    if (ch.codePointAt(0)! >= 0x250) other++;
    else latin++;
  }
  return other >= 2 && other > latin ? folded : normalizeOcrText(folded);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export const OCR_BLOCK_MAX_LINES = 24;
export const OCR_BLOCK_MAX_CHARS = 600;

/** `<x>,<y> <text>`: the box's top-left corner in whole percent of the image, 0–99 (text as given). */
export function formatOcrLine(line: OcrLine): string {
  const pct = (v: number): number => Math.max(0, Math.min(99, Math.floor(100 * v)));
  return `${pct(line.box.x_min)},${pct(line.box.y_min)} ${line.text}`;
}

/**
 * The `{lines}` value of the manifest's `ocr` template: lines in reading order, their text normalized as
 * in training (`normalizeOcrText`), at most 24 lines and 600 characters (newlines counted), cut at a line
 * boundary. Undefined when there is nothing to say, in which
 * case the prompt gets no OCR block at all.
 */
export function formatOcrLines(lines: readonly OcrLine[], maxLines = OCR_BLOCK_MAX_LINES, maxChars = OCR_BLOCK_MAX_CHARS): string | undefined {
  const out: string[] = [];
  let n = 0;
  for (const line of lines) {
    const text = normalizeOcrText(line.text);
    if (!text) continue;
    const s = formatOcrLine({ ...line, text });
    const add = s.length + (out.length ? 1 : 0);
    if (out.length >= maxLines || n + add > maxChars) break;
    out.push(s);
    n += add;
  }
  return out.length ? out.join('\n') : undefined;
}
