/**
 * A chart's kind read from the pixels (manifest `generation.chart_kinds: "pixels"`).
 *
 * Asked "What kind of chart is this?", the model called all three pie charts of the real set "A class hierarchy": at
 * 128 px a pie's slices with their labels outside look to it like a tree's boxes. Yet a pie is plain in the pixels:
 * two or more own-coloured slices within a round region (imageCounts.ts `things(image, { thing: 'slice' })`); and
 * so are a bar chart's bars standing on one base or growing from one axis (chartExtremes.ts).
 *
 * So when a question asks what kind of chart (graph, plot) an image is (`asksChartKind`), and the pixels show a pie,
 * bars, a line or a scatter of points (`chartKinds`), the answer is that kind, as the training data words it ("A pie
 * chart", "A donut chart" when the pie's middle is the background's colour, "A bar chart", "A horizontal bar chart",
 * "A line chart", "A scatter plot"); otherwise the model answers alone. Free, it called both line charts of the real
 * set a bar chart and its scatter plot a horizontal bar chart. A line is a coloured stroke across the plot, thin for
 * its box and not its frame (`isLine`); a scatter is many small solid marks of one colour and size (`isScatter`). The answer is the model's only candidate
 * (answerRanking.ts `bestAnswer` with `onlyCandidates`): the pixels answer. A pie's, line chart's or scatter plot's
 * caption starts with its kind (`captionKind`), and the model ends the sentence; bar charts it names itself.
 *
 * training/lunette/chart_kinds.py is the PyTorch reference, step for step; test/fixtures/chart-kinds.json holds
 * cases both sides must pass.
 */
import { type SnapImage, TOLERANCE, alike, dilated } from './boxSnapping';
import { barDirection, chartBars } from './chartExtremes';
import { things } from './imageCounts';
import { type Region, borderColour, components } from './regionProposals';

/**
 * A donut: of the pixels within a tenth of the pie's side of its middle (a square a fifth of its side), this share
 * is the background's colour (a pie's white slice borders meet there, but are thin).
 */
const HOLE_SHARE = 0.8;
/** A coloured pixel (a series' stroke or mark, not text, axes or grid): its channels this far apart (of 255). */
const CHROMA = 60;
/** A series' mark or stroke, with the coloured pixels grown by one each way (a thin diagonal stroke stays joined): at least this many pixels. */
const MIN_PIXELS = 6;
/**
 * A line: its box at least this share of the image's width, at most this share of it coloured, and no side of its
 * box coloured over half its length (a coloured frame or panel is not a line).
 */
const LINE_WIDTH = 0.3;
const LINE_FILL = 0.25;
const LINE_SIDE = 0.5;
/**
 * A scatter's mark: its box's sides at most this share of the image's longer side, at most twice as long one way as
 * the other, and at least this share of it coloured (a solid dot).
 */
const MARK_SIDE = 0.04;
const MARK_FILL = 0.7;
/**
 * A scatter: at least this many marks of one colour (within TOLERANCE) and size (within this share), and at least
 * this share of all the marks (syntax-coloured code has many marks, of many sizes).
 */
const MIN_MARKS = 8;
const SAME_SIZE = 0.25;
const MARKS_SHARE = 0.6;
const ASKS_KIND = /\b(kind|type|sort)s? of (chart|graph|plot)\b|\b(chart|graph|plot) type\b/;

/** Does `question` ask what kind of chart the image is ("What kind of chart is this?", "chart type?")? */
export function asksChartKind(question: string): boolean {
  return ASKS_KIND.test(question.toLowerCase());
}

/**
 * The kind of chart the pixels show, as an answer: a pie (or donut) when two or more slices lie within one round
 * region; else bars on one base (or from one axis); else a line; else a scatter of points; else none.
 */
export function chartKinds(image: SnapImage): string[] {
  const pie = pieKind(image);
  if (pie) return [pie];
  const direction = barDirection(chartBars(image));
  if (direction) return [direction === 'vertical' ? 'A bar chart' : 'A horizontal bar chart'];
  const marks = colouredMarks(image);
  if (marks.some((mark) => isLine(image, mark))) return ['A line chart'];
  if (isScatter(image, marks)) return ['A scatter plot'];
  return [];
}

interface Mark {
  region: Region;
  /** The largest share of a side of its box the grown pixels cover. */
  sides: number;
}

/**
 * The 4-connected regions (regionProposals.ts `components`) of the coloured pixels (CHROMA) grown by one pixel each
 * way, of MIN_PIXELS or more.
 */
function colouredMarks(image: SnapImage): Mark[] {
  const { width: W, height: H, data } = image;
  const coloured = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) {
    const [r, g, b] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
    coloured[i] = Math.max(r, g, b) - Math.min(r, g, b) >= CHROMA ? 1 : 0;
  }
  const grown = dilated(coloured, W, H, 1);
  const share = (x0: number, y0: number, dx: number, dy: number, n: number): number => {
    let on = 0;
    for (let k = 0; k < n; k++) on += grown[(y0 + k * dy) * W + x0 + k * dx]!;
    return on / n;
  };
  return components((i) => grown[i] === 1, W, H).filter((r) => r.pixels >= MIN_PIXELS).map((region) => {
    const { minX: x0, minY: y0, maxX: x1, maxY: y1 } = region;
    const [w, h] = [x1 - x0, y1 - y0];
    return { region, sides: Math.max(share(x0, y0, 1, 0, w), share(x0, y1 - 1, 1, 0, w), share(x0, y0, 0, 1, h), share(x1 - 1, y0, 0, 1, h)) };
  });
}

/** A stroke across the plot: LINE_WIDTH of the image wide, at most LINE_FILL of its box, no side of its box covered over LINE_SIDE. */
function isLine(image: SnapImage, { region: r, sides }: Mark): boolean {
  const [w, h] = [r.maxX - r.minX, r.maxY - r.minY];
  return w >= LINE_WIDTH * image.width && r.pixels <= LINE_FILL * w * h && sides <= LINE_SIDE;
}

/** MIN_MARKS or more solid dots alike in colour (their middle pixel's) and size, MARKS_SHARE of all the dots. */
function isScatter(image: SnapImage, marks: readonly Mark[]): boolean {
  const { width: W, height: H, data } = image;
  const dots: { w: number; h: number; colour: [number, number, number] }[] = [];
  for (const { region: r } of marks) {
    const [w, h] = [r.maxX - r.minX, r.maxY - r.minY];
    if (Math.max(w, h) <= MARK_SIDE * Math.max(W, H) && h <= 2 * w && w <= 2 * h && r.pixels >= MARK_FILL * w * h) {
      const i = Math.floor(r.sumY / r.pixels) * W + Math.floor(r.sumX / r.pixels);
      dots.push({ w, h, colour: [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!] });
    }
  }
  let alike = 0;
  for (const a of dots) {
    const same = dots.filter((b) => b.colour.every((c, k) => Math.abs(c - a.colour[k]!) < TOLERANCE)
      && Math.abs(b.w - a.w) <= SAME_SIZE * a.w && Math.abs(b.h - a.h) <= SAME_SIZE * a.h).length;
    alike = Math.max(alike, same);
  }
  return alike >= MIN_MARKS && alike >= MARKS_SHARE * dots.length;
}

/**
 * How a chart's caption starts, where the pixels show a pie, a line or a scatter (`chartKinds`, not bars: the model
 * names bar charts itself). Free, it captioned every pie of the real set "A class hierarchy", both line charts a bar
 * chart and the scatter plot a horizontal bar chart.
 */
export function captionKind(image: SnapImage): string | undefined {
  const [kind] = chartKinds(image);
  return kind === 'A bar chart' || kind === 'A horizontal bar chart' ? undefined : kind;
}

/** "A pie chart" or "A donut chart" when two or more slices lie within one round region. */
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

