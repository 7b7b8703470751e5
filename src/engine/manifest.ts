/** The typed shape of a model pack's manifest.json and its validation (see docs/model-pack.md). */
import type { CaptionLength } from '../protocol/tasks';

export const MANIFEST_FORMAT = 1;

export interface ManifestFile {
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: number;
  name: string;
  version: string;
  family: string;
  description?: string;
  image: {
    size: number;
    patch_size: number;
    mean: [number, number, number];
    std: [number, number, number];
    resize: 'fill';
    kernel: string;
    background: [number, number, number];
  };
  text: {
    dim: number;
    n_layers: number;
    n_heads: number;
    head_dim: number;
    vocab_size: number;
    max_context: number;
    /** Key width of the copy head; present when decoder.onnx has one (docs/model-pack.md "Copy head"). */
    copy_dim?: number;
    /** The copy keys have an induction term: the decoder carries `past_copy.prev` ("Copy head"). */
    copy_prev?: boolean;
  };
  region?: { coord_bins: number; size_bins: number; size_scale: 'log2'; size_log2_min: number };
  tokens: { bos: number; eos: number; coord?: number; size?: number; pad?: number };
  templates: {
    caption: Record<CaptionLength, string>;
    query: string;
    detect?: string;
    point?: string;
    ocr?: string;
  };
  generation: {
    max_tokens: Record<CaptionLength | 'answer', number>;
    max_objects: number;
    /** No n-gram of this many tokens is generated twice in one answer; 0 or absent: no such rule. */
    no_repeat_ngram?: number;
    /**
     * "ocr_lines": a greedy answer is compared with each OCR line in the prompt as a whole answer, and the one
     * the model rates most probable is given (answerRanking.ts). Absent: the greedy answer as it is.
     */
    answer_candidates?: 'ocr_lines';
    /** Greedy quotes held to the OCR lines (quotes.ts). */
    quotes?: 'ocr_lines';
    /** "pixels": each detected box snapped to the region of the image it covers (boxSnapping.ts). */
    snap_boxes?: 'pixels';
    /** "pixels": detect and point choose among the image's regions, ranked by the model (rankedRegions.ts). */
    region_proposals?: 'pixels';
    /** "pixels": captions and answers name only the colours the image shows, or the prompt names (heldBackWords.ts). */
    colours?: 'pixels';
    /** "pixels": captions and answers name only the drawn shapes the image shows, or the prompt names (heldBackWords.ts). */
    shapes?: 'pixels';
    /** "pixels": an answer to how many of a drawn shape there are writes no number but the pixels' count (imageCounts.ts). */
    counts?: 'pixels';
    /** "pixels": asked what a button says, the answer is one of the OCR lines that start on a button (buttonLabels.ts). */
    button_labels?: 'pixels';
    /** "pixels": asked which bar of a bar chart is highest or lowest, the answer is its label's OCR line (chartExtremes.ts). */
    chart_extremes?: 'pixels';
    /** "pixels": an answer to a drawn shape's, bar's or box's colour names only its own colours (thingColours.ts). */
    thing_colours?: 'pixels';
    /** "pixels": asked to detect or point at a drawn shape, bar, slice or box, every region that is it is given (locatedThings.ts). */
    thing_regions?: 'pixels';
    /** "pixels": asked whether there is a drawn shape that no region of the image could be, the answer is "No" (absentShapes.ts). */
    absent_shapes?: 'pixels';
    /** "pixels": asked what kind of chart it is, the answer is the pie or bars the pixels show, if they show one (chartKinds.ts). */
    chart_kinds?: 'pixels';
    /** "pixels": asked a diagram's first, last, next or previous box, the answer is that box's OCR line (diagramOrder.ts). */
    diagram_order?: 'pixels';
    /** "pixels": asked a chart's or document's title, the answer is the OCR block's top line (titles.ts). */
    titles?: 'pixels';
    /** "ocr_lines": asked the command run, how many commits or the latest one, the OCR lines answer (terminalLines.ts). */
    terminal?: 'ocr_lines';
    /** "ocr_lines": asked which file, the open file or the code's language, the OCR lines' file names answer (fileNames.ts). */
    file_names?: 'ocr_lines';
    /** "ocr_lines": asked whether there is an error, its code or the missing package, the OCR lines answer (errorLines.ts). */
    errors?: 'ocr_lines';
    /** "pixels": asked which tab, menu or item is selected, the line that stands out of its row or column (selectedItems.ts). */
    selected_items?: 'pixels';
    /** "detect": asked where a thing is, the answer is the place of the box detect gives it, unless the model refuses (positions.ts). */
    positions?: 'detect';
    /** "pixels": asked what shape this is, the answer is one of the names the picture's one shape could be (whatShape.ts). */
    what_shape?: 'pixels';
    /** "pixels": emoji are named, counted and located by the pack's glyph index, emoji.json and emoji.bin (emoji.ts). */
    emoji?: 'pixels';
    /** true: captions and answers are never given a token whose text holds a line break. */
    single_line?: boolean;
  };
  files: Record<string, ManifestFile>;
}

/** Collects every problem in one pass so a broken manifest is fixed in one go. */
class Checker {
  readonly problems: string[] = [];
  constructor(private readonly root: unknown) {}

  private at(path: string): unknown {
    let value: unknown = this.root;
    for (const key of path.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  string(path: string, optional = false): void {
    const v = this.at(path);
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v.length === 0) this.problems.push(`"${path}" must be a non-empty string`);
  }

  bool(path: string, optional = false): void {
    const v = this.at(path);
    if (v === undefined && optional) return;
    if (typeof v !== 'boolean') this.problems.push(`"${path}" must be true or false`);
  }

  int(path: string, min: number, optional = false): void {
    const v = this.at(path);
    if (v === undefined && optional) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.problems.push(`"${path}" must be an integer ≥ ${min}`);
  }

  numbers(path: string, length: number): void {
    const v = this.at(path);
    if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.problems.push(`"${path}" must be an array of ${length} numbers`);
    }
  }

  object(path: string, optional = false): boolean {
    const v = this.at(path);
    if (v === undefined && optional) return false;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      this.problems.push(`"${path}" must be an object`);
      return false;
    }
    return true;
  }
}

/** Returns the list of problems; empty when the manifest is valid. */
export function validateManifest(value: unknown): string[] {
  const c = new Checker(value);
  if (!c.object('image') || !c.object('text') || !c.object('tokens') || !c.object('templates') || !c.object('files') || !c.object('generation')) {
    return c.problems;
  }
  const v = value as Manifest;
  if (v.format !== MANIFEST_FORMAT) c.problems.push(`"format" is ${String(v.format)}; this version of Lunette reads format ${MANIFEST_FORMAT}`);
  c.string('name');
  c.string('version');
  c.string('family');
  c.int('image.size', 1);
  c.int('image.patch_size', 1);
  c.numbers('image.mean', 3);
  c.numbers('image.std', 3);
  c.numbers('image.background', 3);
  if (v.image.resize !== 'fill') c.problems.push('"image.resize" must be "fill"');
  if (Array.isArray(v.image.std) && v.image.std.some((s) => s === 0)) c.problems.push('"image.std" must not contain 0');
  for (const key of ['dim', 'n_layers', 'n_heads', 'head_dim', 'vocab_size', 'max_context']) c.int(`text.${key}`, 1);
  c.int('text.copy_dim', 1, true);
  c.bool('text.copy_prev', true);
  if (v.text.copy_prev === true && v.text.copy_dim === undefined) c.problems.push('"text.copy_prev" needs "text.copy_dim"');
  c.int('tokens.bos', 0);
  c.int('tokens.eos', 0);
  for (const key of ['coord', 'size', 'pad']) c.int(`tokens.${key}`, 0, true);
  if (c.object('templates.caption')) for (const len of ['short', 'normal', 'long']) c.string(`templates.caption.${len}`);
  c.string('templates.query');
  for (const key of ['detect', 'point', 'ocr']) c.string(`templates.${key}`, true);
  if (typeof v.templates.query === 'string' && !v.templates.query.includes('{question}')) c.problems.push('"templates.query" must contain {question}');
  for (const key of ['detect', 'point'] as const) {
    const t = v.templates[key];
    if (typeof t === 'string' && !t.includes('{object}')) c.problems.push(`"templates.${key}" must contain {object}`);
  }
  if (c.object('generation.max_tokens')) for (const key of ['short', 'normal', 'long', 'answer']) c.int(`generation.max_tokens.${key}`, 1);
  c.int('generation.max_objects', 1);
  c.int('generation.no_repeat_ngram', 0, true);
  // each optional decoding rule: its one value, or absent (docs/model-pack.md)
  const rules = [
    ['answer_candidates', 'ocr_lines'], ['quotes', 'ocr_lines'], ['snap_boxes', 'pixels'], ['region_proposals', 'pixels'],
    ['colours', 'pixels'], ['shapes', 'pixels'], ['counts', 'pixels'], ['button_labels', 'pixels'],
    ['chart_extremes', 'pixels'], ['thing_colours', 'pixels'], ['thing_regions', 'pixels'],
    ['absent_shapes', 'pixels'], ['chart_kinds', 'pixels'], ['diagram_order', 'pixels'], ['titles', 'pixels'], ['positions', 'detect'], ['what_shape', 'pixels'], ['emoji', 'pixels'],
    ['terminal', 'ocr_lines'], ['file_names', 'ocr_lines'], ['errors', 'ocr_lines'], ['selected_items', 'pixels'],
  ] as const;
  for (const [key, value] of rules) {
    const given = v.generation?.[key];
    if (given !== undefined && given !== value) c.problems.push(`"generation.${key}" must be "${value}" or absent`);
  }
  const singleLine = v.generation?.single_line;
  if (singleLine !== undefined && typeof singleLine !== 'boolean') c.problems.push('"generation.single_line" must be true, false or absent');
  if (c.object('region', true)) {
    c.int('region.coord_bins', 2);
    c.int('region.size_bins', 2);
    if (typeof v.region?.size_log2_min !== 'number' || v.region.size_log2_min >= 0) c.problems.push('"region.size_log2_min" must be a negative number');
  }
  for (const [name, file] of Object.entries(v.files)) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) c.problems.push(`"files" names "${name}", which is not a plain file name`);
    if (typeof file?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(file.sha256)) c.problems.push(`"files.${name}.sha256" must be 64 hex digits`);
    if (typeof file?.bytes !== 'number' || !Number.isInteger(file.bytes) || file.bytes < 0) c.problems.push(`"files.${name}.bytes" must be a byte count`);
  }
  return c.problems;
}
