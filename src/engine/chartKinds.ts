/**
 * A chart's kind read from the pixels (manifest `generation.chart_kinds: "pixels"`).
 *
 * Asked "What kind of chart is this?", the model called all three pie charts of the real set "A class hierarchy": at
 * 128 px a pie's slices with their labels outside look to it like a tree's boxes. Yet a pie is plain in the pixels:
 * two or more own-coloured slices within a round region (imageCounts.ts `things(image, { thing: 'slice' })`); and
 * so are a bar chart's bars standing on one base or growing from one axis (chartExtremes.ts).
 *
 * So when a question asks what kind of chart (graph, plot) an image is (`asksChartKind`), and the pixels show a pie
 * or bars (`chartKinds`), the answer is that kind, as the training data words it ("A pie chart", "A donut chart"
 * when the pie's middle is the background's colour, "A bar chart", "A horizontal bar chart"); otherwise the model
 * answers alone (line charts and scatter plots are not told apart here). The answer is the model's only candidate
 * (answerRanking.ts `bestAnswer` with `onlyCandidates`): the pixels answer. A pie's caption starts "A pie chart"
 * (`pieKind`), and the model ends the sentence.
 *
 * training/lunette/chart_kinds.py is the PyTorch reference, step for step; test/fixtures/chart-kinds.json holds
 * cases both sides must pass.
 */
import { type SnapImage, alike } from './boxSnapping';
import { barDirection, chartBars } from './chartExtremes';
import { things } from './imageCounts';
import { borderColour } from './regionProposals';

/**
 * A donut: of the pixels within a tenth of the pie's side of its middle (a square a fifth of its side), this share
 * is the background's colour (a pie's white slice borders meet there, but are thin).
 */
const HOLE_SHARE = 0.8;
const ASKS_KIND = /\b(kind|type|sort)s? of (chart|graph|plot)\b|\b(chart|graph|plot) type\b/;

/** Does `question` ask what kind of chart the image is ("What kind of chart is this?", "chart type?")? */
export function asksChartKind(question: string): boolean {
  return ASKS_KIND.test(question.toLowerCase());
}

/**
 * The kind of chart the pixels show, as an answer: a pie (or donut) when two or more slices lie within one round
 * region; else bars on one base (or from one axis); else none.
 */
export function chartKinds(image: SnapImage): string[] {
  const pie = pieKind(image);
  if (pie) return [pie];
  const direction = barDirection(chartBars(image));
  return direction === 'vertical' ? ['A bar chart'] : direction === 'horizontal' ? ['A horizontal bar chart'] : [];
}

/**
 * "A pie chart" or "A donut chart" when two or more slices lie within one round region. Also how a pie's caption
 * starts (the model ends the sentence; free, it called every pie of the real set "A class hierarchy"); bar charts it
 * names itself.
 */
export function pieKind(image: SnapImage): string | undefined {
  const slices = things(image, { thing: 'slice' });
  if (slices.length >= 2) {
    const [x0, y0] = [Math.min(...slices.map((s) => s[0])), Math.min(...slices.map((s) => s[1]))];
    const [x1, y1] = [Math.max(...slices.map((s) => s[2])), Math.max(...slices.map((s) => s[3]))];
    const background = borderColour(image);
    const r = Math.max(1, Math.floor(Math.min(x1 - x0, y1 - y0) / 10));
    const [cx, cy] = [Math.floor((x0 + x1) / 2), Math.floor((y0 + y1) / 2)];
    let hole = 0;
    let total = 0;
    if (background) {
      const isBackground = alike(image, background);
      // as numpy slices [c - r, c + r + 1), clipped to the image
      for (let y = Math.max(0, cy - r); y < Math.min(image.height, cy + r + 1); y++) {
        for (let x = Math.max(0, cx - r); x < Math.min(image.width, cx + r + 1); x++) {
          total++;
          if (isBackground(y * image.width + x)) hole++;
        }
      }
    }
    return total > 0 && hole / total >= HOLE_SHARE ? 'A donut chart' : 'A pie chart';
  }
  return undefined;
}

