/**
 * A bar chart's highest and lowest bar, and a pie's largest and smallest slice, read from the pixels (manifest
 * `generation.chart_extremes: "pixels"`).
 *
 * Asked "Which month is the highest?", the model answered with the first label of the axis ("Jan", "Q1", "W1") on
 * three of four bar charts of the real set: it cannot compare bars it sees at 128 px. Yet the bars are plain
 * regions of the pixels (imageCounts.ts: filled rectangles), the tallest is the one whose top is highest, and its
 * label is the OCR line under it.
 *
 * So when a question asks which is highest or lowest (`asksExtreme`) and the image holds two or more bars standing
 * on one base line, or growing from one axis (`chartBars`), the answer is the label of the extreme bar
 * (`extremeLabel`): of the OCR lines under a vertical bar's base (or left of a horizontal bar's start), the one
 * starting furthest on (the later one on a tie) but no further than the bar's middle, and further on than the
 * middle of the bar before it, less a tick mark read into it ("cli-"). The pixels answer here, not the model:
 * that line is its only candidate (answerRanking.ts `bestAnswer` with `onlyCandidates`).
 *
 * A pie's slices are regions too (imageCounts.ts `things(image, { thing: "slice" })`), the largest is the one with
 * most pixels, and its label is the OCR line in its direction from the pie's middle (`sliceLabel`): of the lines that
 * are not numbers (a share printed on a slice), less the top one when there are more of them than slices (the
 * title), the one whose corner is at the angle nearest the slice's centroid, within SLICE_ANGLE. Free, the model
 * named the largest slice of neither pie of the real set.
 *
 * training/lunette/charts.py is the PyTorch reference, step for step; test/fixtures/charts.json holds cases both
 * sides must pass.
 */
import type { BlockLine } from './answerRanking';
import type { SnapImage } from './boxSnapping';
import { plural } from './heldBackWords';
import { things } from './imageCounts';
import { SHAPES } from './imageShapes';
import { imageRegions } from './regionProposals';

/** "Most recent" is a time, not an extreme (a terminal's last command). */
const MOST = /\b(highest|largest|most(?! recent)|biggest|tallest|longest|greatest|maximum)\b/;
const LEAST = /\b(lowest|smallest|least|fewest|shortest|minimum)\b/;
const ASKS_WHICH = /\b(which|what)\b/;
/** Bars stand on one base (or start at one axis) when their bottoms (lefts) are within this many percent. */
const SAME_BASE = 2;
/** Of the bars, one at least this many times as long as thick (in percent of the image's sides): not a legend's swatches nor a row of squares. */
const ELONGATED = 1.5;
/** A vertical bar's label starts at most this many percent below its base. */
const LABEL_BELOW = 12;
/** An OCR line's corner is in whole percent. */
const CORNER_NUDGE = 0.5;
/** An axis's tick mark beside a label, read into its line ("cli-"). */
const TICK = /[\s\-\u2013\u2014|]+$/;
/**
 * A slice's label is an OCR line whose corner is within this many degrees of the slice's direction from the pie's
 * middle (a label left of the pie ends, not starts, at that direction).
 */
const SLICE_ANGLE = 45;
/** A share printed on a slice ("45%", "12.5"), not a label. */
const NUMBER = /^[\d\s.,%]+$/;

/** x0, y0, x1, y1 in percent of the image. */
type PercentBox = readonly [number, number, number, number];

/** "most" or "least" when `question` asks which thing is highest or lowest (not a drawn shape's size, nor a colour). */
export function asksExtreme(question: string): 'most' | 'least' | undefined {
  const text = question.toLowerCase();
  const words = new Set(text.match(/[a-z]+/g) ?? []);
  if (!ASKS_WHICH.test(text) || words.has('colour') || words.has('color')) return undefined;
  if ([...SHAPES, 'shape'].some((s) => words.has(s) || words.has(plural(s)))) return undefined;
  if (MOST.test(text)) return 'most';
  if (LEAST.test(text)) return 'least';
  return undefined;
}

/** The image's bars (imageCounts.ts `things(image, { thing: "bar" })`) as boxes in percent of the image. */
export function chartBars(image: SnapImage): PercentBox[] {
  const { width: W, height: H } = image;
  return things(image, { thing: 'bar' }).map(([x0, y0, x1, y1]) => [(100 * x0) / W, (100 * y0) / H, (100 * x1) / W, (100 * y1) / H] as const);
}

/**
 * "vertical" when two or more bars stand on one base line (their bottoms within SAME_BASE) and one is ELONGATED
 * times as high as wide, else "horizontal" when they grow from one axis (their left edges within SAME_BASE) and one
 * is ELONGATED times as wide as high, else undefined (a legend's swatches, a row of squares).
 */
export function barDirection(bars: readonly PercentBox[]): 'vertical' | 'horizontal' | undefined {
  if (bars.length < 2) return undefined;
  const spread = (k: 0 | 3): number => Math.max(...bars.map((b) => b[k])) - Math.min(...bars.map((b) => b[k]));
  if (spread(3) <= SAME_BASE && bars.some((b) => b[3] - b[1] >= ELONGATED * (b[2] - b[0]))) return 'vertical';
  if (spread(0) <= SAME_BASE && bars.some((b) => b[2] - b[0] >= ELONGATED * (b[3] - b[1]))) return 'horizontal';
  return undefined;
}

/**
 * The text of the OCR line that labels the tallest bar ("most") or the shortest ("least"); undefined unless two
 * or more bars share a base line or an axis and such a line is found.
 */
export function extremeLabel(bars: readonly PercentBox[], lines: readonly BlockLine[], extreme: 'most' | 'least'): string | undefined {
  const direction = barDirection(bars);
  const most = extreme === 'most';
  // the line starting furthest on, by `along` (the later one on a tie), of those `fits` takes
  const furthest = (along: (line: BlockLine) => number, fits: (line: BlockLine) => boolean): string | undefined => {
    let best: BlockLine | undefined;
    for (const line of lines) if (fits(line) && (!best || along(line) >= along(best))) best = line;
    return best ? best.text.replace(TICK, '') || undefined : undefined;
  };
  if (direction === 'vertical') {
    const ordered = [...bars].sort((a, b) => a[0] - b[0]);
    const tops = ordered.map((b) => b[1]);
    const pick = tops.indexOf(most ? Math.min(...tops) : Math.max(...tops));
    const bar = ordered[pick]!;
    const middle = (bar[0] + bar[2]) / 2;
    const before = pick ? (ordered[pick - 1]![0] + ordered[pick - 1]![2]) / 2 : -1;
    return furthest((l) => l.x, (l) => bar[3] - CORNER_NUDGE <= l.y && l.y <= bar[3] + LABEL_BELOW && before < l.x && l.x <= middle + CORNER_NUDGE);
  }
  if (direction === 'horizontal') {
    const ordered = [...bars].sort((a, b) => a[1] - b[1]);
    const ends = ordered.map((b) => b[2]);
    const pick = ends.indexOf(most ? Math.max(...ends) : Math.min(...ends));
    const bar = ordered[pick]!;
    const middle = (bar[1] + bar[3]) / 2;
    const before = pick ? (ordered[pick - 1]![1] + ordered[pick - 1]![3]) / 2 : -1;
    return furthest((l) => l.y, (l) => l.x < bar[0] && before < l.y && l.y <= middle + CORNER_NUDGE);
  }
  return undefined;
}

/**
 * The text of the OCR line that labels a pie's largest slice ("most") or its smallest ("least"); undefined unless the
 * image holds two or more slices and such a line is found.
 */
export function sliceLabel(image: SnapImage, lines: readonly BlockLine[], extreme: 'most' | 'least'): string | undefined {
  const boxes = things(image, { thing: 'slice' });
  if (boxes.length < 2) return undefined;
  const { width: W, height: H } = image;
  const regions = imageRegions(image, true);
  const slices = boxes.map((b) => regions.find((r) => r.minX === b[0] && r.minY === b[1] && r.maxX === b[2] && r.maxY === b[3])!);
  const sizes = slices.map((r) => r.pixels);
  const slice = slices[sizes.indexOf(extreme === 'most' ? Math.max(...sizes) : Math.min(...sizes))]!;
  const cx = (Math.min(...boxes.map((b) => b[0])) + Math.max(...boxes.map((b) => b[2]))) / 2;
  const cy = (Math.min(...boxes.map((b) => b[1])) + Math.max(...boxes.map((b) => b[3]))) / 2;
  const toward = Math.atan2(slice.sumY / slice.pixels + 0.5 - cy, slice.sumX / slice.pixels + 0.5 - cx);
  let labels = lines.filter((line) => !NUMBER.test(line.text));
  if (labels.length > boxes.length) {
    const top = labels.reduce((best, line, i) => (line.y < labels[best]!.y ? i : best), 0);
    labels = labels.filter((_, i) => i !== top);
  }
  let best: string | undefined;
  let nearest = SLICE_ANGLE;
  for (const { x, y, text } of labels) {
    let off = Math.abs((Math.atan2((y * H) / 100 - cy, (x * W) / 100 - cx) - toward) * (180 / Math.PI)) % 360;
    off = Math.min(off, 360 - off);
    if (off <= nearest) [best, nearest] = [text, off];
  }
  return best ? best.replace(TICK, '') || undefined : undefined;
}
