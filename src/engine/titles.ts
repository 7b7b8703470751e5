/**
 * A chart's or document's title read from the top line (manifest `generation.titles: "pixels"`).
 *
 * Asked "What is the title of the chart?", the model wrote a garbled mix of lines ("Response time time time time,14")
 * or a part of the title ("Downloads") on five of twelve charts of the real set, though the title was a line of its
 * OCR block. A chart's or a document's title is its top line: the OCR line whose corner is highest (the leftmost of
 * those as high).
 *
 * So when a question asks the title of a chart, graph, plot or document (`asksTitle`), the answer is that line
 * (`titleAnswers`): the model's only candidate (answerRanking.ts `bestAnswer` with `onlyCandidates`). Pages, dialogs
 * and windows are left to the model: a page's top line is often its navigation, a dialog's the window behind it.
 *
 * training/lunette/titles.py is the PyTorch reference, step for step; test/fixtures/titles.json holds cases both
 * sides must pass.
 */
import type { BlockLine } from './answerRanking';

const ASKS = /\b(title|heading)\b.*\b(chart|graph|plot|document|readme)\b|\b(chart|graph|plot|document)('s)? (title|heading)\b/;

/** Does `question` ask the title of a chart, graph, plot or document ("What is the title of the chart?")? */
export function asksTitle(question: string): boolean {
  return ASKS.test(question.toLowerCase());
}

/** The top line of the OCR block: the highest corner, the leftmost on a tie. */
export function titleAnswers(lines: readonly BlockLine[]): string[] {
  if (lines.length === 0) return [];
  return [lines.reduce((best, line) => (line.y < best.y || (line.y === best.y && line.x < best.x) ? line : best)).text];
}
