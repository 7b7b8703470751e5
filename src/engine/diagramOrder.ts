/**
 * A diagram's first, last, next and previous box read from the pixels (manifest `generation.diagram_order: "pixels"`).
 *
 * Asked "What is the last step?" of a pipeline or "What comes after Start?" of a flowchart, the model gave a box from
 * the wrong end ("Build", "Brows") or read a garbled line, on 8 of 8 such questions of the real set. Yet a diagram's
 * boxes are plain regions of the pixels (imageCounts.ts `things(image, { thing: 'node' })`), their labels are the OCR
 * lines that start in them, and a flow runs along the axis its boxes spread along: top to bottom, or left to right.
 *
 * So when a question asks for the first or last step (state, box, node, stage) or what comes after or before a named
 * box (`askedOrder`), and the image has two or more boxes holding an OCR line (`orderedLabels`), the answer is the
 * label at that place in the flow (`orderAnswers`): the pixels answer, as the model's only candidate (answerRanking.ts
 * `bestAnswer` with `onlyCandidates`). After and before need the boxes in one row or column (a branch makes "next" a
 * guess). Terminals count as steps: the first step of a flowchart that begins with "Start" is "Start".
 *
 * training/lunette/diagram_order.py is the PyTorch reference, step for step; test/fixtures/diagram-order.json holds
 * cases both sides must pass.
 */
import type { BlockLine } from './answerRanking';
import type { SnapImage } from './boxSnapping';
import { CORNER_NUDGE } from './buttonLabels';
import { things } from './imageCounts';

const ORDINAL = /\b(first|last|final)\b/;
const NOUN = /\b(steps?|states?|boxe?s?|nodes?|stages?)\b/;
const NEIGHBOUR = /\b(?:what|which)\b.*?\b(after|before)\s+(.+?)[\s?.!]*$/;
/**
 * A flow runs left to right only where its boxes spread this many times as far across as down: top to bottom is the
 * rule, and a branch widens a flowchart's rows.
 */
const ACROSS = 2;
/** Boxes are in one row (column) when their middles are within this many percent of the image across the flow. */
const ALIGNED = 5;

export type OrderQuestion = { place: 'first' } | { place: 'last' } | { place: 'after' | 'before'; label: string };

/** The place in the flow `question` asks for: the first or last step (state, box, node, stage), or after or before a named box. */
export function askedOrder(question: string): OrderQuestion | undefined {
  const text = question.toLowerCase();
  const ordinal = ORDINAL.exec(text);
  if (ordinal && NOUN.test(text) && /\b(what|which)\b/.test(text)) return ordinal[1] === 'first' ? { place: 'first' } : { place: 'last' };
  const neighbour = NEIGHBOUR.exec(question.trim().toLowerCase());
  if (!neighbour) return undefined;
  const label = neighbour[2]!.trim().replace(/^["'\u201c\u201d]+|["'\u201c\u201d]+$/g, '');
  return label ? { place: neighbour[1] as 'after' | 'before', label } : undefined;
}

/**
 * The labels of the diagram's boxes in flow order, and whether the boxes lie in one row or column. A box's label is
 * the first OCR line starting in it; boxes without one are left out. The flow runs top to bottom, or left to right
 * where the boxes' middles spread ACROSS times as far across as down (a row); the other axis breaks a tie.
 */
export function orderedLabels(image: SnapImage, lines: readonly BlockLine[]): { labels: string[]; aligned: boolean } {
  const { width: W, height: H } = image;
  const labelled: { x: number; y: number; label: string }[] = [];
  for (const [x0, y0, x1, y1] of things(image, { thing: 'node' })) {
    const box = [(100 * x0) / W, (100 * y0) / H, (100 * x1) / W, (100 * y1) / H] as const;
    const inside = lines.find(({ x, y }) => box[0] <= x + CORNER_NUDGE && x + CORNER_NUDGE <= box[2] && box[1] <= y + CORNER_NUDGE && y + CORNER_NUDGE <= box[3]);
    if (inside) labelled.push({ x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2, label: inside.text });
  }
  if (labelled.length < 2) return { labels: [], aligned: false };
  const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);
  const down = ACROSS * spread(labelled.map((m) => m.y)) >= spread(labelled.map((m) => m.x));
  const ordered = [...labelled].sort((a, b) => (down ? a.y - b.y || a.x - b.x : a.x - b.x || a.y - b.y));
  return { labels: ordered.map((m) => m.label), aligned: spread(labelled.map((m) => (down ? m.x : m.y))) <= ALIGNED };
}

/** The label at the asked place in the flow (names compared without case), as the only answer; none when the boxes do not tell. */
export function orderAnswers(image: SnapImage, lines: readonly BlockLine[], question: OrderQuestion): string[] {
  const { labels, aligned } = orderedLabels(image, lines);
  if (labels.length === 0) return [];
  if (question.place === 'first') return [labels[0]!];
  if (question.place === 'last') return [labels[labels.length - 1]!];
  const wanted = question.label.toLowerCase();
  const named = labels.flatMap((text, i) => (text.toLowerCase() === wanted ? [i] : []));
  if (!aligned || named.length !== 1) return [];
  const i = named[0]! + (question.place === 'after' ? 1 : -1);
  return i >= 0 && i < labels.length ? [labels[i]!] : [];
}
