/**
 * A button's label read from the pixels (manifest `generation.button_labels: "pixels"`).
 *
 * Asked "What does the button say?", the model often answered with another line of the page: a field's label
 * ("Password", "Full name") or a plan's feature ("Email support"), five of six times on the real set, though the
 * button's own line was in its OCR block. Which lines sit on a button is plain in the pixels: a button is a filled,
 * coloured, wide region of moderate size, and its label's line starts inside it.
 *
 * So when a question asks what a button says (`asksButtonLabel`) and some OCR lines start inside a button
 * (`buttonBoxes`, `linesOnButtons`), the answer is the one of those lines the model rates most probable as a whole
 * answer (answerRanking.ts `bestAnswer` with `onlyCandidates`): the model still chooses among the buttons.
 *
 * training/lunette/buttons.py is the PyTorch reference, step for step; test/fixtures/buttons.json holds cases both
 * sides must pass.
 */
import type { BlockLine } from './answerRanking';
import type { SnapImage } from './boxSnapping';
import { BOXY, MIN_SHARE, countedNames, ownColours } from './imageCounts';
import { centroidOffset } from './imageShapes';
import { imageRegions } from './regionProposals';

/** A button's box as a share of the image: at most this (a panel or a banner is larger). */
const MAX_SHARE = 0.1;
/** A button is at least this many times as wide as high. */
const MIN_ASPECT = 1.5;
/** An OCR line's top-left corner is given in whole percent: its line starts inside a box holding this point. */
export const CORNER_NUDGE = 0.5;
const ASKS_LABEL = /\b(say|says|said|read|reads|label|labelled|labeled|text|written|caption)\b/;

/** Does `question` ask what a button says ("What does the button say?", "What is the button's label?")? */
export function asksButtonLabel(question: string): boolean {
  const text = question.toLowerCase();
  return /\bbuttons?\b/.test(text) && ASKS_LABEL.test(text) && !text.includes('how many');
}

/**
 * The boxes (in percent of the image: x0, y0, x1, y1) of the regions that look like buttons: a box of MIN_SHARE to
 * MAX_SHARE of the image, MIN_ASPECT times as wide as high, a BOXY shape (a label cut out of it lowers its fill),
 * and a colour of its own (a filled button, not a white one).
 */
export function buttonBoxes(image: SnapImage): [number, number, number, number][] {
  const { width: W, height: H } = image;
  const out: [number, number, number, number][] = [];
  for (const r of imageRegions(image, true)) {
    const [w, h] = [r.maxX - r.minX, r.maxY - r.minY];
    if (w * h < MIN_SHARE * W * H || w * h > MAX_SHARE * W * H || w < MIN_ASPECT * h) continue;
    if (!countedNames(r.pixels, w, h, centroidOffset(r)).some((name) => BOXY.includes(name))) continue;
    if (ownColours(image, [r.minX, r.minY, r.maxX, r.maxY]).length) out.push([(100 * r.minX) / W, (100 * r.minY) / H, (100 * r.maxX) / W, (100 * r.maxY) / H]);
  }
  return out;
}

/** The texts of the OCR lines that start inside one of `boxes`, in their order. */
export function linesOnButtons(lines: readonly BlockLine[], boxes: readonly (readonly number[])[]): string[] {
  return lines.filter(({ x, y }) => boxes.some((b) => b[0]! <= x + CORNER_NUDGE && x + CORNER_NUDGE <= b[2]! && b[1]! <= y + CORNER_NUDGE && y + CORNER_NUDGE <= b[3]!)).map((line) => line.text);
}
