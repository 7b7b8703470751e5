/**
 * The selected tab, menu or list item read from the pixels around the OCR lines (manifest
 * `generation.selected_items: "pixels"`).
 *
 * Asked "Which tab is selected?", "Which menu is open?", "Which item is selected?" or "Which settings section is
 * selected?", the model named another item of the row or column four times of four ("Settings" for the underlined,
 * blue "Overview"). Yet the selected one looks different from its siblings: its text is in the accent colour, or it
 * sits on a highlight.
 *
 * So each OCR line is looked at in a window at its corner (WINDOW of the image's sides each way): its background is
 * the window's most common colour (pixels binned by 8 per channel; the bin's mean) and its ink the mean of the pixels
 * at least INK_SHARE as far from that background as the farthest (none when that is within INK_REACH). Lines whose
 * corners are within ROW percent of one another's y form a row, within ROW of x a column; of each row or column of
 * three lines or more, a line whose background, or ink, differs (some channel more than DIFFERENT apart) from every
 * other's while those are all alike is the selected one, where there is exactly one. Asked which tab, menu, item,
 * section, page or option is selected, active, open, highlighted or current (`asksSelected`), the answers are those
 * lines, each once, and the model ranks them (answerRanking.ts `bestAnswer` with `onlyCandidates`); none: the model
 * answers.
 *
 * training/lunette/selected_items.py is the PyTorch reference, step for step; test/fixtures/selected-items.json holds
 * cases both sides must pass.
 */
import type { BlockLine } from './answerRanking';
import type { SnapImage } from './boxSnapping';

const WINDOW = 0.03;
const INK_SHARE = 0.75;
const INK_REACH = 80;
const DIFFERENT = 40;
const ROW = 1;
const ASKS = /\b(which|what)\b.*\b(tab|menu|item|section|page|option|entry|link)s?\b.*\b(selected|active|open|opened|highlighted|current|chosen)\b|\b(selected|active|open|highlighted|current)\s+(tab|menu|item|section|page|option|entry|link)\b/;

type Colour = [number, number, number];
interface Look {
  background: Colour | undefined;
  ink: Colour | undefined;
}

/** Does `question` ask which tab, menu or item is selected (active, open, highlighted, current)? */
export function asksSelected(question: string): boolean {
  return ASKS.test(question.toLowerCase());
}

/** The texts of the lines that stand out of their row or column, each once. */
export function selectedItems(image: SnapImage, lines: readonly BlockLine[]): string[] {
  const looks = lines.map((line) => look(image, line.x, line.y));
  const found: string[] = [];
  for (const axis of ['y', 'x'] as const) { // rows (the same y), then columns (the same x)
    const seen = new Set<string>();
    for (const line of lines) {
      const group = lines.flatMap((other, j) => (Math.abs(other[axis] - line[axis]) <= ROW ? [j] : []));
      const key = group.join(',');
      if (group.length < 3 || seen.has(key)) continue;
      seen.add(key);
      const odd = group.filter((j) => (['background', 'ink'] as const).some((part) => standsOut(looks, j, group.filter((k) => k !== j), part)));
      if (odd.length === 1 && !found.includes(lines[odd[0]!]!.text)) found.push(lines[odd[0]!]!.text);
    }
  }
  return found;
}

/** Does line j's background (or ink) differ from each of `others`', which are all alike? */
function standsOut(looks: readonly Look[], j: number, others: readonly number[], part: keyof Look): boolean {
  return others.every((k) => differs(looks[j]![part], looks[k]![part]))
    && !others.some((a) => others.some((b) => differs(looks[a]![part], looks[b]![part])));
}

function differs(a: Colour | undefined, b: Colour | undefined): boolean {
  if (!a || !b) return !a !== !b;
  return Math.max(...a.map((v, c) => Math.abs(v - b[c]!))) > DIFFERENT;
}

/** Background and ink of the window at a line's corner; no ink where nothing is INK_REACH from the background. */
function look(image: SnapImage, x: number, y: number): Look {
  const { width: W, height: H, data } = image;
  const [x0, y0] = [Math.floor((x * W) / 100), Math.floor((y * H) / 100)];
  const [x1, y1] = [Math.min(W, x0 + Math.max(2, Math.floor(WINDOW * W))), Math.min(H, y0 + Math.max(2, Math.floor(WINDOW * H)))];
  const window: Colour[] = [];
  for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) {
    const i = (py * W + px) * 3;
    window.push([data[i]!, data[i + 1]!, data[i + 2]!]);
  }
  if (window.length === 0) return { background: undefined, ink: undefined };
  const keyOf = ([r, g, b]: Colour): number => Math.floor(r / 8) * 1024 + Math.floor(g / 8) * 32 + Math.floor(b / 8);
  const counts = new Map<number, number>();
  for (const p of window) counts.set(keyOf(p), (counts.get(keyOf(p)) ?? 0) + 1);
  let best = -1;
  for (const [key, count] of counts) {
    const top = counts.get(best) ?? 0;
    if (count > top || (count === top && key < best)) best = key;
  }
  const background = mean(window.filter((p) => keyOf(p) === best));
  const distance = window.map((p) => Math.max(...p.map((v, c) => Math.abs(v - background[c]!))));
  const far = Math.max(...distance);
  const ink = far > INK_REACH ? mean(window.filter((_, i) => distance[i]! >= INK_SHARE * far)) : undefined;
  return { background, ink };
}

function mean(pixels: readonly Colour[]): Colour {
  const sum: Colour = [0, 0, 0];
  for (const p of pixels) for (let c = 0; c < 3; c++) sum[c] += p[c]!;
  return [sum[0] / pixels.length, sum[1] / pixels.length, sum[2] / pixels.length];
}
