/**
 * The engine: one loaded model pack, its encoded-image cache, and the four tasks. No VS Code and no
 * process concerns here; the host and the CLI both drive this class.
 */
import { performance } from 'node:perf_hooks';
import { ErrorCode, LunetteError } from '../protocol/errors';
import { type Box, type SamplingOptions, type TaskPartial, type TaskRequest, type TaskResult, type Timings, emptyTimings } from '../protocol/tasks';
import type { AdapterFactory, DecoderState, ModelAdapter } from './adapter';
import { createLunetteAdapter } from './adapters/lunette';
import { throwIfCancelled } from './cancellation';
import { type GreedyRegionOptions, generateRegions, generateText } from './generate';
import { DEFAULT_IMAGE_LIMITS, type ImageBytes, type ImageInfo, type ImageLimits, prepareImage } from './image';
import { LruCache } from './lruCache';
import { loadModelPack } from './modelPack';
import { promptText, stripSpecialTokens } from './prompt';
import { type BlockLine, bestAnswer, blockLines } from './answerRanking';
import { asksButtonLabel, buttonBoxes, linesOnButtons } from './buttonLabels';
import { asksExtreme, chartBars, extremeLabel, sliceLabel } from './chartExtremes';
import { TokenTexts, quoteCandidates } from './quotes';
import { type SnapImage, snapImage } from './boxSnapping';
import { type HeldBackOptions, WordSpellings, wordsHeldBack } from './heldBackWords';
import { NUMBERS, countedThing, numbersHeldBack, thingCount } from './imageCounts';
import { colourAnswers, colouredThing } from './thingColours';
import { locatedThing, thingBoxes } from './locatedThings';
import { absenceAnswers, askedShape } from './absentShapes';
import { asksChartKind, captionKind, chartKinds } from './chartKinds';
import { askedOrder, orderAnswers } from './diagramOrder';
import { asksTitle, titleAnswers } from './titles';
import { askedWhere, isRefusal, positionName } from './positions';
import { asksWhatShape, shapeAnswers } from './whatShape';
import { askedTerminal, terminalAnswers } from './terminalLines';
import { askedFile, fileAnswers } from './fileNames';
import { askedError, errorAnswers } from './errorLines';
import { asksSelected, selectedItems } from './selectedItems';
import { EmojiIndex, type Recognised } from './emoji';
import { askedEmoji, captionStart, emojiAnswers, emojiObjectName, firstSentence, joinStart, locatedEmoji } from './emojiAnswers';
import { CHROMATIC, imageColours } from './imageColours';
import { SHAPES, imageShapes } from './imageShapes';
import { generateRankedRegions } from './rankedRegions';
import { regionProposals } from './regionProposals';
import { loadTokenizer } from './tokenizer';
import { OcrEngine, type OcrRunResult, formatOcrLines } from './ocr';

const ADAPTERS: Record<string, AdapterFactory> = {
  lunette: createLunetteAdapter,
};

export interface EngineOptions {
  /** ONNX Runtime intra-op threads; 0 lets it choose. */
  threads?: number;
  /** Budget for cached encoded images (their KV prefixes), in bytes. */
  imageCacheBytes?: number;
  imageLimits?: ImageLimits;
  verifyHashes?: boolean;
  /** Wraps the loaded adapter, e.g. to trace or slow down its calls. */
  wrapAdapter?: (adapter: ModelAdapter) => ModelAdapter;
  /** Where the OCR models are (a folder); absent: the ones installed with Lunette. */
  ocrModels?: string;
  /** Told about problems that do not stop a request (e.g. OCR unavailable for a caption). */
  onWarning?: (message: string) => void;
}

/** Context kept free after the OCR block for the task prompt and the answer. */
const RESERVED_FOR_TASK = 160;

type EngineSettings = Required<Omit<EngineOptions, 'wrapAdapter' | 'ocrModels' | 'onWarning'>> & Pick<EngineOptions, 'ocrModels' | 'onWarning'>;

export interface RunOptions {
  sampling?: SamplingOptions;
  signal?: AbortSignal;
  onPartial?: (partial: TaskPartial) => void;
}

interface EncodedImage {
  state: DecoderState;
  info: ImageInfo;
  /** The texts of the OCR lines in the prompt (answer candidates); empty without an OCR block. */
  ocrLines: string[];
  /** The same lines with their top-left corners, as the block gives them. */
  blockLines: BlockLine[];
  /** The colour and shape names the image shows (imageColours.ts, imageShapes.ts), found when first needed. */
  shownWords?: { colours: readonly string[]; shapes: readonly string[] };
  /** The emoji the pack's glyph index names in the image (emoji.ts), found when first needed. */
  emoji?: Recognised;
}

export interface EngineStats {
  imageEncodes: number;
  cachedImages: number;
  cacheBytes: number;
}

export class Engine {
  private readonly imageCache: LruCache<string, EncodedImage>;
  private imageEncodes = 0;
  private ocr: Promise<OcrEngine> | undefined;
  /** Token texts for quotes and line breaks (quotes.ts), decoded as they are needed, kept for the engine's life. */
  private decodedTokens: TokenTexts | undefined;
  private wordSpellings: WordSpellings | undefined;
  /** The last image the pixel rules looked at (`snapOf`). */
  private lastSnap: { hash: string; pixels: Promise<SnapImage> } | undefined;

  private constructor(
    readonly adapter: ModelAdapter,
    private readonly options: EngineSettings,
    readonly loadMs: number,
    /** The pack's emoji glyph index, where its manifest has `generation.emoji: "pixels"`. */
    private readonly emoji: EmojiIndex | undefined,
  ) {
    this.imageCache = new LruCache(options.imageCacheBytes);
  }

  static async open(dir: string, options: EngineOptions = {}): Promise<Engine> {
    const started = performance.now();
    const full: EngineSettings = {
      threads: options.threads ?? 0,
      imageCacheBytes: options.imageCacheBytes ?? 256 * 1024 * 1024,
      imageLimits: options.imageLimits ?? DEFAULT_IMAGE_LIMITS,
      verifyHashes: options.verifyHashes ?? true,
      ...(options.ocrModels ? { ocrModels: options.ocrModels } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    };
    const pack = await loadModelPack(dir, { verifyHashes: full.verifyHashes });
    const factory = ADAPTERS[pack.manifest.family];
    if (!factory) {
      throw new LunetteError(ErrorCode.ModelInvalid, `Model pack ${pack.dir} is of family "${pack.manifest.family}", which this version of Lunette cannot run (known: ${Object.keys(ADAPTERS).join(', ')}).`);
    }
    const tokenizer = await loadTokenizer(pack.file('tokenizer.json'));
    const loaded = await factory(pack, tokenizer, { threads: full.threads });
    const adapter = options.wrapAdapter ? options.wrapAdapter(loaded) : loaded;
    const emoji = pack.manifest.generation.emoji === 'pixels' ? await EmojiIndex.load(pack.file('emoji.json'), pack.file('emoji.bin')) : undefined;
    return new Engine(adapter, full, performance.now() - started, emoji);
  }

  get name(): string {
    return `${this.adapter.manifest.name} ${this.adapter.manifest.version}`;
  }

  stats(): EngineStats {
    return { imageEncodes: this.imageEncodes, cachedImages: this.imageCache.size, cacheBytes: this.imageCache.bytes };
  }

  async run(image: ImageBytes, request: TaskRequest, options: RunOptions = {}): Promise<TaskResult> {
    const started = performance.now();
    const timings: Timings = emptyTimings();
    const { signal } = options;
    const manifest = this.adapter.manifest;
    if (request.task === 'ocr') {
      const { lines } = await this.readText(image, timings, signal);
      timings.total_ms = performance.now() - started;
      return { lines, timings };
    }
    // Validate the request before spending time on the image.
    let promptIds = this.adapter.tokenizer.encode(promptText(manifest.templates, request));

    const encoded = await this.encodedImage(image, timings, signal);
    throwIfCancelled(signal);
    // A picture of emoji the glyph index names all of, or a pie chart: the caption starts as the pixels say.
    const start = request.task === 'caption' ? await this.captionStart(image, encoded, timings) : undefined;
    if (start?.endsWith('.')) {
      options.onPartial?.({ kind: 'text', text: start });
      timings.total_ms = performance.now() - started;
      return { caption: start, timings };
    }
    if (start) promptIds = this.adapter.tokenizer.encode(promptText(manifest.templates, request) + start);

    let t = performance.now();
    const prompt = await this.adapter.step(encoded.state, await this.adapter.embedTokens(promptIds), promptIds);
    timings.prompt_prefill_ms = performance.now() - t;
    timings.context_tokens = prompt.state.position;

    t = performance.now();
    const onFirstToken = (): void => {
      timings.first_token_ms = performance.now() - started;
    };
    const { tokens } = manifest;
    let result: TaskResult;
    if (request.task === 'caption' || request.task === 'ask') {
      const sampling = options.sampling ?? {};
      // Greedy answers of a model with answer candidates are ranked against the OCR lines once complete, so
      // they are sent whole rather than streamed (a streamed greedy answer could be replaced). A sampled answer
      // is meant to vary and is not ranked.
      const greedy = (sampling.temperature ?? 0) <= 0;
      // Some questions (what a button says, which bar is highest, a chart's kind, …) have answers the pixels leave.
      const labels = request.task === 'ask' && greedy ? await this.pixelAnswers(image, encoded, request.question, timings) : [];
      const ranked = request.task === 'ask' && greedy && (labels.length > 0 || (manifest.generation.answer_candidates === 'ocr_lines' && encoded.ocrLines.length > 0));
      // Where a thing is may be answered from its detected box (positions.ts), after the model's own answer.
      const where = request.task === 'ask' && greedy && manifest.generation.positions === 'detect' ? askedWhere(request.question) : undefined;
      // A caption with a start is cut after its first sentence, and a place may replace the answer: sent whole.
      const whole = ranked || start !== undefined || where !== undefined;
      const defaultMax = request.task === 'caption' ? manifest.generation.max_tokens[request.length] : manifest.generation.max_tokens.answer;
      const out = await generateText(this.adapter, prompt, {
        // Never run past the model's context: the last generated token needs no decoder step of its own.
        maxTokens: clampInt(sampling.maxTokens ?? defaultMax, 1, Math.max(1, manifest.text.max_context - prompt.state.position + 1)),
        temperature: sampling.temperature ?? 0,
        topP: sampling.topP ?? 1,
        suppress: [
          ...[tokens.coord, tokens.size, tokens.pad, tokens.bos].filter((id): id is number => id !== undefined && id !== tokens.eos),
          ...(manifest.generation.single_line ? this.tokenTexts().lineBreaks : []),
        ],
        stop: [tokens.eos],
        noRepeatNgram: manifest.generation.no_repeat_ngram ?? 0,
        ...(manifest.generation.quotes === 'ocr_lines' && encoded.ocrLines.length > 0
          ? { quotes: { candidates: quoteCandidates(encoded.ocrLines), tokens: this.tokenTexts() } } : {}),
        ...(manifest.generation.colours === 'pixels' || manifest.generation.shapes === 'pixels' || manifest.generation.counts === 'pixels'
          ? { heldBack: this.heldBackWords(image, encoded, request.task === 'ask' ? request.question : '', timings) } : {}),
        ...(signal ? { signal } : {}),
        onFirstToken,
        ...(whole ? {} : { onText: (text: string) => options.onPartial?.({ kind: 'text', text }) }),
      });
      timings.tokens = out.ids.length;
      let text = start ? joinStart(start, firstSentence(out.text)) : out.text;
      if (start) options.onPartial?.({ kind: 'text', text });
      if (ranked) {
        const best = labels.length
          ? await bestAnswer(this.adapter, prompt, out.ids, out.logprob, labels, tokens.eos, signal, undefined, true)
          : await bestAnswer(this.adapter, prompt, out.ids, out.logprob, encoded.ocrLines, tokens.eos, signal);
        if (best.fromCandidate) text = this.adapter.tokenizer.decode(best.ids).trim();
      }
      if (where !== undefined && !isRefusal(text)) text = (await this.placeOf(image, where, signal)) ?? text;
      if ((ranked || where !== undefined) && text) options.onPartial?.({ kind: 'text', text });
      result = request.task === 'caption' ? { caption: text, timings } : { answer: text, timings };
    } else {
      if (tokens.coord === undefined) throw new LunetteError(ErrorCode.InvalidRequest, `The model ${this.name} cannot ${request.task}.`);
      // Asked for a drawn shape, bar, slice or box, or an emoji the glyph index knows, every region that is it is
      // given; the model only orders them.
      const thingRegions = await this.thingRegions(image, encoded, request.object, timings);
      const snapping = request.task === 'detect' && manifest.generation.snap_boxes === 'pixels' && !thingRegions;
      const ranked = manifest.generation.region_proposals === 'pixels' && !thingRegions;
      const pixels = snapping || ranked ? await this.pixelsOf(image, ranked, timings) : undefined;
      const regionOptions: GreedyRegionOptions = {
        kind: request.task,
        maxObjects: manifest.generation.max_objects,
        eos: tokens.eos,
        coord: tokens.coord,
        ...(signal ? { signal } : {}),
        onFirstToken,
        onObject: (o) => options.onPartial?.('x' in o ? { kind: 'point', point: o } : { kind: 'box', box: o }),
      };
      if (snapping && pixels) regionOptions.snapImage = pixels.image;
      const out = thingRegions
        ? await generateRankedRegions(this.adapter, prompt, { ...regionOptions, proposals: thingRegions, everyRegion: true })
        : ranked && pixels
          ? await generateRankedRegions(this.adapter, prompt, { ...regionOptions, proposals: pixels.proposals })
          : await generateRegions(this.adapter, prompt, regionOptions);
      timings.tokens = out.steps;
      result = request.task === 'detect' ? { objects: out.objects, timings } : { points: out.points, timings };
    }
    timings.decode_ms = performance.now() - t;
    timings.total_ms = performance.now() - started;
    return result;
  }

  private tokenTexts(): TokenTexts {
    this.decodedTokens ??= new TokenTexts(this.adapter.tokenizer);
    return this.decodedTokens;
  }

  /**
   * What keeps the colour and shape names the image does not show, and the question and OCR lines do not name, out
   * of a caption or answer (heldBackWords.ts); and, in the answer to how many of a drawn thing there are, every
   * number but the count of it the pixels show (imageCounts.ts). The pixels are looked at only when the model
   * starts such a word, once per image for the names; that counts as preprocessing.
   */
  private heldBackWords(image: ImageBytes, encoded: EncodedImage, question: string, timings: Timings): HeldBackOptions {
    const { generation } = this.adapter.manifest;
    const colours = generation.colours === 'pixels';
    const shapes = generation.shapes === 'pixels';
    const counted = generation.counts === 'pixels' ? countedThing(question) : undefined;
    const texts = [question, ...encoded.ocrLines];
    let words: Promise<readonly string[]> | undefined;
    const held = async (): Promise<readonly string[]> => {
      const t = performance.now();
      let pixels: SnapImage | undefined;
      if (!encoded.shownWords) {
        pixels = await this.snapOf(image);
        encoded.shownWords = { colours: colours ? imageColours(pixels) : [], shapes: shapes ? imageShapes(pixels) : [] };
      }
      if (counted) pixels ??= await this.snapOf(image);
      const numbers = counted && pixels ? numbersHeldBack(thingCount(pixels, counted)) : [];
      timings.preprocess_ms += performance.now() - t;
      return [
        ...(colours ? wordsHeldBack(CHROMATIC, encoded.shownWords.colours, texts) : []),
        ...(shapes ? wordsHeldBack(SHAPES, encoded.shownWords.shapes, texts) : []),
        ...numbers,
      ];
    };
    this.wordSpellings ??= new WordSpellings(this.adapter.tokenizer);
    return {
      vocabulary: [...(colours ? CHROMATIC : []), ...(shapes ? SHAPES : []), ...(counted ? NUMBERS : [])],
      heldBack: () => (words ??= held()),
      spellings: this.wordSpellings,
      tokens: this.tokenTexts(),
    };
  }

  /**
   * The answers the pixels leave (the first rule the question is for decides; docs/model-pack.md): asked what a
   * button says, the OCR lines that start on a button (buttonLabels.ts); asked which bar (or slice) is highest or
   * lowest, its label (chartExtremes.ts); asked a drawn thing's colour, its regions' colours (thingColours.ts);
   * asked whether there is a shape no region could be, "No" (absentShapes.ts); asked what kind of chart it is, the
   * pie, bars, line or scatter the pixels show (chartKinds.ts); asked a chart's or document's title, its top line
   * (titles.ts); asked a diagram's first, last, next or previous box, its label (diagramOrder.ts); asked what shape
   * this is, the names its one shape could be (whatShape.ts); asked the command run, how many commits or the
   * latest, the OCR lines' answer (terminalLines.ts); asked which file, the open file or the code's language, the
   * OCR lines' file names (fileNames.ts); asked whether there is an error, its code or the missing package, the OCR
   * lines' answer (errorLines.ts); asked which tab, menu or item is selected, the lines that stand out of their row
   * or column (selectedItems.ts); asked what emoji this is, how many or whether there is one, from the emoji the
   * glyph index names (emojiAnswers.ts). That counts as preprocessing.
   */
  private async pixelAnswers(image: ImageBytes, encoded: EncodedImage, question: string, timings: Timings): Promise<string[]> {
    const rule = this.pixelRule(question, encoded);
    if (!rule) return [];
    const t = performance.now();
    const answers = rule(await this.snapOf(image));
    timings.preprocess_ms += performance.now() - t;
    return answers;
  }

  private pixelRule(question: string, encoded: EncodedImage): ((pixels: SnapImage) => string[]) | undefined {
    const { generation } = this.adapter.manifest;
    const lines = encoded.blockLines;
    if (lines.length > 0 && generation.button_labels === 'pixels' && asksButtonLabel(question)) return (pixels) => linesOnButtons(lines, buttonBoxes(pixels));
    const extreme = lines.length > 0 && generation.chart_extremes === 'pixels' ? asksExtreme(question) : undefined;
    if (extreme) {
      return (pixels) => {
        const label = extremeLabel(chartBars(pixels), lines, extreme) ?? sliceLabel(pixels, lines, extreme);
        return label ? [label] : [];
      };
    }
    const coloured = generation.thing_colours === 'pixels' ? colouredThing(question) : undefined;
    if (coloured) return (pixels) => colourAnswers(pixels, coloured);
    const shape = generation.absent_shapes === 'pixels' ? askedShape(question) : undefined;
    if (shape) return (pixels) => absenceAnswers(pixels, shape);
    if (generation.chart_kinds === 'pixels' && asksChartKind(question)) return chartKinds;
    if (lines.length > 0 && generation.titles === 'pixels' && asksTitle(question)) return () => titleAnswers(lines);
    const order = lines.length > 0 && generation.diagram_order === 'pixels' ? askedOrder(question) : undefined;
    if (order) return (pixels) => orderAnswers(pixels, lines, order);
    if (generation.what_shape === 'pixels' && asksWhatShape(question)) return shapeAnswers;
    const terminal = lines.length > 0 && generation.terminal === 'ocr_lines' ? askedTerminal(question) : undefined;
    if (terminal) return () => terminalAnswers(lines, terminal);
    const file = lines.length > 0 && generation.file_names === 'ocr_lines' ? askedFile(question) : undefined;
    if (file) return () => fileAnswers(lines, file);
    const error = lines.length > 0 && generation.errors === 'ocr_lines' ? askedError(question) : undefined;
    if (error) return () => errorAnswers(lines, error);
    if (lines.length > 0 && generation.selected_items === 'pixels' && asksSelected(question)) return (pixels) => selectedItems(pixels, lines);
    const asked = this.emoji ? askedEmoji(question, this.emoji.names) : undefined;
    if (asked) return (pixels) => emojiAnswers(asked, this.recognised(encoded, pixels));
    return undefined;
  }

  /**
   * The regions of the drawn thing `object` names, where the pack locates such things from the pixels and the image
   * shows any (locatedThings.ts), or else of the emoji it names (emojiAnswers.ts); that counts as preprocessing.
   */
  private async thingRegions(image: ImageBytes, encoded: EncodedImage, object: string, timings: Timings): Promise<Box[] | undefined> {
    const located = this.adapter.manifest.generation.thing_regions === 'pixels' ? locatedThing(object) : undefined;
    // the image's emoji are looked at only for an object the index has a glyph of ("dog", not "button")
    if (!located && !(this.emoji && emojiObjectName(object, this.emoji.names))) return undefined;
    const t = performance.now();
    const pixels = await this.snapOf(image);
    const boxes = located ? thingBoxes(pixels, located) : locatedEmoji(object, this.recognised(encoded, pixels));
    timings.preprocess_ms += performance.now() - t;
    return boxes.length > 0 ? boxes : undefined;
  }

  /**
   * How the caption starts where every object of the picture is an emoji the glyph index names (emojiAnswers.ts
   * `captionStart`), or else where it is a pie, line or scatter chart (chartKinds.ts `captionKind`); that counts as
   * preprocessing.
   */
  private async captionStart(image: ImageBytes, encoded: EncodedImage, timings: Timings): Promise<string | undefined> {
    const charts = this.adapter.manifest.generation.chart_kinds === 'pixels';
    if (!this.emoji && !charts) return undefined;
    const t = performance.now();
    const pixels = await this.snapOf(image);
    const start = (this.emoji ? captionStart(this.recognised(encoded, pixels)) : undefined) ?? (charts ? captionKind(pixels) : undefined);
    timings.preprocess_ms += performance.now() - t;
    return start;
  }

  /**
   * The image as the pixel rules see it (boxSnapping.ts `snapImage`), decoded once for a run of requests on the same
   * image: a caption or answer may need it for several rules.
   */
  private snapOf(image: ImageBytes): Promise<SnapImage> {
    if (this.lastSnap?.hash !== image.hash) this.lastSnap = { hash: image.hash, pixels: snapImage(image, this.options.imageLimits) };
    const { pixels } = this.lastSnap;
    // a failed decode is not kept: the next request tries again and reports its own error
    pixels.catch(() => { if (this.lastSnap?.pixels === pixels) this.lastSnap = undefined; });
    return pixels;
  }

  /** The place (positions.ts `positionName`) of the first box detect gives for `object`, if it gives one. */
  private async placeOf(image: ImageBytes, object: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const result = await this.run(image, { task: 'detect', object }, signal ? { signal } : {});
    const box = 'objects' in result ? result.objects[0] : undefined;
    return box ? positionName((box.x_min + box.x_max) / 2, (box.y_min + box.y_max) / 2) : undefined;
  }

  /** The emoji the glyph index names in the image, recognised once per image. */
  private recognised(encoded: EncodedImage, pixels: SnapImage): Recognised {
    encoded.emoji ??= this.emoji!.recognise(pixels);
    return encoded.emoji;
  }

  /**
   * The image as box snapping sees it (boxSnapping.ts) and, when asked, its regions (regionProposals.ts); this
   * counts as preprocessing.
   */
  private async pixelsOf(image: ImageBytes, withProposals: boolean, timings: Timings): Promise<{ image: SnapImage; proposals: Box[] }> {
    const t = performance.now();
    const pixels = await this.snapOf(image);
    const proposals = withProposals ? regionProposals(pixels) : [];
    timings.preprocess_ms += performance.now() - t;
    return { image: pixels, proposals };
  }

  /** The KV prefix of [BOS][image], from the cache or computed now. */
  private async encodedImage(image: ImageBytes, timings: Timings, signal: AbortSignal | undefined): Promise<EncodedImage> {
    const cached = this.imageCache.get(image.hash);
    if (cached) {
      timings.image_cache_hit = true;
      return cached;
    }
    let t = performance.now();
    const prepared = await prepareImage(image, this.adapter.manifest.image, this.options.imageLimits);
    timings.preprocess_ms = performance.now() - t;
    throwIfCancelled(signal);

    t = performance.now();
    const imageEmbeds = await this.adapter.encodeImage(prepared.pixels);
    timings.encode_ms = performance.now() - t;
    this.imageEncodes++;
    throwIfCancelled(signal);

    t = performance.now();
    const bos = await this.adapter.embedTokens([this.adapter.manifest.tokens.bos]);
    const prefix = await this.adapter.step(this.adapter.initialState(), this.adapter.concat([bos, imageEmbeds]));
    timings.image_prefill_ms = performance.now() - t;

    let state = prefix.state;
    let lines: BlockLine[] = [];
    const ocrTemplate = this.adapter.manifest.templates.ocr;
    if (ocrTemplate) {
      const block = await this.ocrBlock(ocrTemplate, state.position, image, timings, signal);
      if (block) {
        t = performance.now();
        state = (await this.adapter.step(state, await this.adapter.embedTokens(block.ids), block.ids)).state;
        timings.image_prefill_ms += performance.now() - t;
        lines = blockLines(block.lines);
      }
    }

    const encoded = { state, info: prepared.info, ocrLines: lines.map((line) => line.text), blockLines: lines };
    this.imageCache.set(image.hash, encoded, state.bytes);
    return encoded;
  }

  /** OCR lines of an image (cached by the OCR engine). */
  async readText(image: ImageBytes, timings: Timings, signal: AbortSignal | undefined): Promise<OcrRunResult> {
    const t = performance.now();
    this.ocr ??= OcrEngine.open(this.options.ocrModels, { threads: this.options.threads, imageLimits: this.options.imageLimits });
    let ocr: OcrEngine;
    try {
      ocr = await this.ocr;
    } catch (error) {
      this.ocr = undefined; // try again next time (e.g. after a reinstall)
      throw error;
    }
    const result = await ocr.recognize(image, signal ? { signal } : {});
    timings.ocr_ms = result.timings.cache_hit ? 0 : performance.now() - t;
    return result;
  }

  /**
   * The OCR block for a model that reads OCR lines (its `{lines}` text and token ids): as many lines as fit in
   * the context while leaving room for the task. Without OCR (models missing, or nothing to read) the block is
   * left out, as the model saw for some images in training, and it answers from the pixels.
   */
  private async ocrBlock(template: string, position: number, image: ImageBytes, timings: Timings, signal: AbortSignal | undefined): Promise<{ lines: string; ids: number[] } | undefined> {
    let lines: OcrRunResult['lines'];
    try {
      lines = (await this.readText(image, timings, signal)).lines;
    } catch (error) {
      if (error instanceof LunetteError && error.code === ErrorCode.Cancelled) throw error;
      this.options.onWarning?.(`Reading text failed, answering from the pixels alone: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const { max_context } = this.adapter.manifest.text;
    const budget = max_context - position - RESERVED_FOR_TASK;
    for (let count = lines.length; count > 0; count--) {
      const block = formatOcrLines(lines.slice(0, count));
      if (block === undefined) return undefined;
      const text = stripSpecialTokens(block);
      const ids = this.adapter.tokenizer.encode(template.replace('{lines}', () => text));
      if (ids.length <= budget) return { lines: text, ids };
    }
    return undefined;
  }

  async dispose(): Promise<void> {
    this.imageCache.clear();
    const ocr = this.ocr;
    this.ocr = undefined;
    await Promise.all([this.adapter.dispose(), ocr?.then((o) => o.dispose(), () => undefined)]);
  }
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return max;
  return Math.min(max, Math.max(min, Math.round(value)));
}
