import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { Engine } from '../../src/engine/engine';
import { imageFromBytes, readImageFile } from '../../src/engine/image';
import { loadModelPack } from '../../src/engine/modelPack';
import { floats } from '../../src/engine/onnx';
import { loadTokenizer } from '../../src/engine/tokenizer';
import { promptText } from '../../src/engine/prompt';
import { ErrorCode, LunetteError } from '../../src/protocol/errors';
import type { AskResult, Box, CaptionResult, DetectResult, PointResult, TaskPartial } from '../../src/protocol/tasks';
import { BoxSnapper, snapImage } from '../../src/engine/boxSnapping';
import { TEST_PACK, copyTestPack, quadrantImage, readReference } from '../helpers';

const reference = readReference();

describe('tokenizer', () => {
  it('matches the Python tokenizer on the shared vectors', async () => {
    const tokenizer = await loadTokenizer(path.join(TEST_PACK, 'tokenizer.json'));
    const vectors = JSON.parse(readFileSync(path.join(TEST_PACK, 'tokenizer-vectors.json'), 'utf8')) as { text: string; ids: number[] }[];
    assert.ok(vectors.length >= 10);
    for (const { text, ids } of vectors) {
      assert.deepEqual(tokenizer.encode(text), ids, `encode ${JSON.stringify(text)}`);
      // Special tokens are dropped when decoding, so only plain text round-trips.
      if (!ids.some((id) => id < 4)) assert.equal(tokenizer.decode(ids), text, `decode ${JSON.stringify(text)}`);
    }
  });

  it('keeps special tokens out of user text', async () => {
    const tokenizer = await loadTokenizer(path.join(TEST_PACK, 'tokenizer.json'));
    const pack = await loadModelPack(TEST_PACK);
    assert.ok(tokenizer.encode('<|endoftext|>').includes(0), 'the raw tokenizer maps the string to the special token');
    const prompt = promptText(pack.manifest.templates, { task: 'ask', question: 'Is <|endoftext|> it <|coord|>?' });
    const ids = tokenizer.encode(prompt);
    for (const special of [0, 1, 2, 3]) assert.ok(!ids.includes(special), `special token ${special} in ${ids}`);
  });
});

describe('engine on the tiny test pack', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.open(TEST_PACK, { threads: 1 });
  });
  after(async () => engine.dispose());

  const referenceImage = () => readImageFile(path.join(TEST_PACK, reference.image));

  it('encodes the task prompts as the Python side does', () => {
    const tokenizer = engine.adapter.tokenizer;
    const templates = engine.adapter.manifest.templates;
    for (const c of reference.cases) {
      const text =
        c.task === 'caption'
          ? templates.caption[c.length!]
          : c.task === 'query'
            ? templates.query.replace('{question}', c.question!)
            : templates[c.task]!.replace('{object}', c.object!);
      assert.deepEqual(tokenizer.encode(text), c.prompt_ids, `${c.task} prompt`);
    }
  });

  it('reproduces the PyTorch reference outputs', async () => {
    for (const c of reference.cases) {
      const image = await referenceImage();
      if (c.task === 'caption' || c.task === 'query') {
        const partials: string[] = [];
        const request = c.task === 'caption' ? { task: 'caption' as const, length: c.length! } : { task: 'ask' as const, question: c.question! };
        const result = (await engine.run(image, request, {
          sampling: { maxTokens: c.max_tokens! },
          onPartial: (p: TaskPartial) => p.kind === 'text' && partials.push(p.text),
        })) as CaptionResult | AskResult;
        assert.equal(result.timings.tokens, c.ids!.length, `${c.task}: token count`);
        const expected = engine.adapter.tokenizer.decode(c.ids!).trim();
        assert.equal('caption' in result ? result.caption : result.answer, expected, `${c.task}: text`);
        assert.equal(partials.join(''), expected, `${c.task}: the streamed text adds up to the result`);
      } else {
        (engine.adapter.manifest.generation as { max_objects: number }).max_objects = c.max_objects!;
        const result = (await engine.run(image, { task: c.task, object: c.object! })) as DetectResult | PointResult;
        if (c.task === 'detect') {
          const objects = (result as DetectResult).objects;
          assert.equal(objects.length, c.objects!.length, 'detect: object count');
          objects.forEach((o, i) => {
            for (const key of ['x_min', 'y_min', 'x_max', 'y_max'] as const) assert.ok(Math.abs(o[key] - c.objects![i]![key]) < 1e-5, `detect ${i} ${key}`);
          });
        } else {
          const points = (result as PointResult).points;
          assert.equal(points.length, c.points!.length, 'point: count');
          points.forEach((p, i) => {
            assert.ok(Math.abs(p.x - c.points![i]!.x) < 1e-6 && Math.abs(p.y - c.points![i]!.y) < 1e-6, `point ${i}`);
          });
        }
      }
    }
  });

  it('matches the reference first-step logits within tolerance', async () => {
    const c = reference.cases.find((x) => x.task === 'caption')!;
    const adapter = engine.adapter;
    const image = await referenceImage();
    const { prepareImage } = await import('../../src/engine/image');
    const prepared = await prepareImage(image, adapter.manifest.image);
    const bos = await adapter.embedTokens([adapter.manifest.tokens.bos]);
    const prefix = await adapter.step(adapter.initialState(), adapter.concat([bos, await adapter.encodeImage(prepared.pixels)]));
    // The prompt's tokens are copy sources, as the engine marks them.
    const step = await adapter.step(prefix.state, await adapter.embedTokens(c.prompt_ids), c.prompt_ids);
    for (const [id, logit] of c.first_logits_top!) assert.ok(Math.abs(step.logits[id]! - logit) < 1e-3, `logit ${id}: ${step.logits[id]} vs ${logit}`);
  });

  it('gives the same result with the KV cache as with one full pass', async () => {
    const adapter = engine.adapter;
    const image = await quadrantImage(50, 40);
    const { prepareImage } = await import('../../src/engine/image');
    const prepared = await prepareImage(imageFromBytes(image, 'q.png'), adapter.manifest.image);
    const embedsImage = await adapter.encodeImage(prepared.pixels);
    const bos = await adapter.embedTokens([adapter.manifest.tokens.bos]);
    const ids = adapter.tokenizer.encode('\n\nQuestion: what is this?\n\nAnswer: a');
    // Cached: prefix, then the prompt, then one token at a time.
    // The first three prompt tokens are copy sources (the copy head's cache must carry them too).
    const prefix = await adapter.step(adapter.initialState(), adapter.concat([bos, embedsImage]));
    let cached = await adapter.step(prefix.state, await adapter.embedTokens(ids.slice(0, 3)), ids.slice(0, 3));
    for (const id of ids.slice(3)) cached = await adapter.step(cached.state, await adapter.embedTokens([id]));
    // Uncached: everything in one pass from an empty cache.
    const notSources = (n: number): number[] => new Array<number>(n).fill(-1);
    const sources = [...notSources(prefix.state.position), ...ids.slice(0, 3), ...notSources(ids.length - 3)];
    const full = await adapter.step(adapter.initialState(), adapter.concat([bos, embedsImage, await adapter.embedTokens(ids)]), sources);
    assert.equal(cached.state.position, full.state.position);
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    assert.ok(maxDiff(cached.logits, full.logits) < 1e-4, `logits differ by ${maxDiff(cached.logits, full.logits)}`);
    assert.ok(maxDiff(cached.hidden, full.hidden) < 1e-4);
    assert.ok(maxDiff(floats(cached.state.kv[0]!), floats(full.state.kv[0]!)) < 1e-4);
  });

  it('encodes an image once for several questions', async () => {
    const image = imageFromBytes(await quadrantImage(30, 30), 'same.png');
    const before = engine.stats().imageEncodes;
    const first = await engine.run(image, { task: 'ask', question: 'What colour is the top left?' }, { sampling: { maxTokens: 4 } });
    const second = await engine.run(image, { task: 'ask', question: 'How many squares?' }, { sampling: { maxTokens: 4 } });
    assert.equal(engine.stats().imageEncodes, before + 1);
    assert.equal(first.timings.image_cache_hit, false);
    assert.ok(first.timings.encode_ms > 0);
    assert.equal(second.timings.image_cache_hit, true);
    assert.equal(second.timings.encode_ms, 0);
    assert.equal(second.timings.image_prefill_ms, 0);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const image = imageFromBytes(await quadrantImage(31, 30), 'c.png');
    let chunks = 0;
    await assert.rejects(
      engine.run(image, { task: 'caption', length: 'long' }, {
        sampling: { maxTokens: 100 },
        signal: controller.signal,
        onPartial: () => {
          chunks++;
          controller.abort();
        },
      }),
      (e: unknown) => e instanceof LunetteError && e.code === ErrorCode.Cancelled,
    );
    assert.ok(chunks >= 1);
  });

  it('rejects empty and oversized questions before touching the image', async () => {
    const image = imageFromBytes(Buffer.from('not an image'), 'x.png');
    await assert.rejects(engine.run(image, { task: 'ask', question: '   ' }), /question is empty/);
    await assert.rejects(engine.run(image, { task: 'ask', question: 'x'.repeat(5000) }), /too long/);
  });

  it('snaps detected boxes when the pack asks for it, and streams the boxes it returns', async () => {
    // The test pack's boxes are arbitrary (its first is near x 0.14–0.20, y 0–0.06 whatever the picture); what
    // is checked is that the engine applies boxSnapping.ts to the model's own boxes (those of the same pack
    // without the setting) and streams exactly what it returns. A flat rectangle drawn under that first box
    // gives it an edge to snap to.
    const rectangle = await sharp({ create: { width: 24, height: 10, channels: 3, background: { r: 30, g: 90, b: 200 } } }).png().toBuffer();
    const png = await sharp({ create: { width: 160, height: 120, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .composite([{ input: rectangle, left: 16, top: 0 }]).png().toBuffer();
    const image = imageFromBytes(png, 'rectangle.png');
    (engine.adapter.manifest.generation as { max_objects: number }).max_objects = 6;
    const raw = (await engine.run(image, { task: 'detect', object: 'square' })) as DetectResult;
    assert.ok(raw.objects.length > 0, 'the test pack emits boxes');
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { generation: Record<string, unknown> };
    manifest.generation['snap_boxes'] = 'pixels';
    manifest.generation['max_objects'] = 6;
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    const snapping = await Engine.open(dir, { threads: 1 });
    try {
      const streamed: Box[] = [];
      const result = (await snapping.run(image, { task: 'detect', object: 'square' }, { onPartial: (p) => p.kind === 'box' && streamed.push(p.box) })) as DetectResult;
      const snapper = new BoxSnapper(await snapImage(image));
      assert.deepEqual(result.objects, raw.objects.map((b) => snapper.add(b)).filter((b) => b !== undefined));
      assert.deepEqual(streamed, result.objects);
      assert.deepEqual(result.objects[0], { x_min: 16 / 160, y_min: 0, x_max: 40 / 160, y_max: 10 / 120 }, 'the first box snapped to the rectangle');
    } finally {
      await snapping.dispose();
    }
  });

  it('samples with temperature and stays within max tokens', async () => {
    const image = await referenceImage();
    const result = (await engine.run(image, { task: 'caption', length: 'normal' }, { sampling: { maxTokens: 5, temperature: 1, topP: 0.9 } })) as CaptionResult;
    assert.ok(result.timings.tokens <= 5);
  });
});

describe('model pack checks', () => {
  it('loads the test pack', async () => {
    const pack = await loadModelPack(TEST_PACK);
    assert.equal(pack.manifest.family, 'lunette');
  });

  it('names a missing file', async () => {
    const dir = await copyTestPack();
    await fs.rm(path.join(dir, 'decoder.onnx'));
    await assert.rejects(Engine.open(dir), (e: unknown) => e instanceof LunetteError && e.code === ErrorCode.ModelInvalid && /decoder\.onnx is missing/.test(e.message));
  });

  it('names a corrupted file', async () => {
    const dir = await copyTestPack();
    const file = path.join(dir, 'vision.onnx');
    const bytes = await fs.readFile(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await fs.writeFile(file, bytes);
    await assert.rejects(Engine.open(dir), (e: unknown) => e instanceof LunetteError && /vision\.onnx fails its checksum/.test(e.message));
  });

  it('names a corrupted file that ONNX Runtime cannot even parse by its checksum', async () => {
    // The checksum is checked before ONNX Runtime sees the file, whose own error would only say "Protobuf parsing failed".
    const dir = await copyTestPack();
    const file = path.join(dir, 'decoder.onnx');
    const bytes = await fs.readFile(file);
    bytes.fill(0xff, 0, 64);
    await fs.writeFile(file, bytes);
    await assert.rejects(Engine.open(dir), (e: unknown) => e instanceof LunetteError && /decoder\.onnx fails its checksum/.test(e.message));
  });

  it('names a truncated file', async () => {
    const dir = await copyTestPack();
    const file = path.join(dir, 'embed.onnx');
    await fs.truncate(file, 100);
    await assert.rejects(Engine.open(dir), /embed\.onnx is 100 bytes; the manifest says/);
  });

  it('reports every manifest problem at once', async () => {
    const dir = await copyTestPack();
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    delete manifest['name'];
    (manifest['image'] as Record<string, unknown>)['size'] = -1;
    await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    await assert.rejects(Engine.open(dir), /"name" must be a non-empty string; "image.size" must be an integer/);
  });

  it('accepts only the answer candidates, quote sources, box snapping, region proposals, colours, shapes, counts, button labels, chart extremes, thing colours and single_line it knows', async () => {
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { generation: Record<string, unknown> };
    manifest.generation['answer_candidates'] = 'any_text';
    manifest.generation['quotes'] = true;
    manifest.generation['snap_boxes'] = 'edges';
    manifest.generation['region_proposals'] = 'segments';
    manifest.generation['colours'] = 'names';
    manifest.generation['shapes'] = 'outlines';
    manifest.generation['counts'] = 'regions';
    manifest.generation['button_labels'] = 'ocr';
    manifest.generation['chart_extremes'] = 'bars';
    manifest.generation['thing_colours'] = 'regions';
    manifest.generation['thing_regions'] = 'boxes';
    manifest.generation['absent_shapes'] = 'shapes';
    manifest.generation['chart_kinds'] = 'bars';
    manifest.generation['diagram_order'] = 'boxes';
    manifest.generation['titles'] = 'top';
    manifest.generation['positions'] = 'pixels';
    manifest.generation['what_shape'] = 'names';
    manifest.generation['terminal'] = 'prompt';
    manifest.generation['file_names'] = 'extensions';
    manifest.generation['errors'] = 'lines';
    manifest.generation['selected_items'] = 'accent';
    manifest.generation['single_line'] = 'yes';
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    await assert.rejects(
      Engine.open(dir),
      /"generation.answer_candidates" must be "ocr_lines" or absent; "generation.quotes" must be "ocr_lines" or absent; "generation.snap_boxes" must be "pixels" or absent; "generation.region_proposals" must be "pixels" or absent; "generation.colours" must be "pixels" or absent; "generation.shapes" must be "pixels" or absent; "generation.counts" must be "pixels" or absent; "generation.button_labels" must be "pixels" or absent; "generation.chart_extremes" must be "pixels" or absent; "generation.thing_colours" must be "pixels" or absent; "generation.thing_regions" must be "pixels" or absent; "generation.absent_shapes" must be "pixels" or absent; "generation.chart_kinds" must be "pixels" or absent; "generation.diagram_order" must be "pixels" or absent; "generation.titles" must be "pixels" or absent; "generation.positions" must be "detect" or absent; "generation.what_shape" must be "pixels" or absent; "generation.terminal" must be "ocr_lines" or absent; "generation.file_names" must be "ocr_lines" or absent; "generation.errors" must be "ocr_lines" or absent; "generation.selected_items" must be "pixels" or absent; "generation.single_line" must be true, false or absent/,
    );
    manifest.generation['answer_candidates'] = 'ocr_lines';
    manifest.generation['quotes'] = 'ocr_lines';
    manifest.generation['snap_boxes'] = 'pixels';
    manifest.generation['region_proposals'] = 'pixels';
    manifest.generation['colours'] = 'pixels';
    manifest.generation['shapes'] = 'pixels';
    manifest.generation['counts'] = 'pixels';
    manifest.generation['button_labels'] = 'pixels';
    manifest.generation['chart_extremes'] = 'pixels';
    manifest.generation['thing_colours'] = 'pixels';
    manifest.generation['thing_regions'] = 'pixels';
    manifest.generation['absent_shapes'] = 'pixels';
    manifest.generation['chart_kinds'] = 'pixels';
    manifest.generation['diagram_order'] = 'pixels';
    manifest.generation['titles'] = 'pixels';
    manifest.generation['positions'] = 'detect';
    manifest.generation['what_shape'] = 'pixels';
    manifest.generation['terminal'] = 'ocr_lines';
    manifest.generation['file_names'] = 'ocr_lines';
    manifest.generation['errors'] = 'ocr_lines';
    manifest.generation['selected_items'] = 'pixels';
    manifest.generation['single_line'] = true;
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    await (await Engine.open(dir)).dispose();
  });

  it('checks the copy head: its key width must be a positive integer, and the decoder must match the manifest', async () => {
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { text: Record<string, unknown> };
    const write = (): Promise<void> => fs.writeFile(manifestPath, JSON.stringify(manifest));
    assert.equal(typeof manifest.text['copy_dim'], 'number', 'the test pack has a copy head');
    assert.equal(manifest.text['copy_prev'], true, 'with the induction term');
    manifest.text['copy_dim'] = 0;
    manifest.text['copy_prev'] = 'yes';
    await write();
    await assert.rejects(Engine.open(dir), /"text.copy_dim" must be an integer ≥ 1; "text.copy_prev" must be true or false/);
    manifest.text['copy_dim'] = 16;
    delete manifest.text['copy_prev'];
    await write();
    await assert.rejects(Engine.open(dir), /decoder\.onnx does not match the model pack format: unexpected inputs past_copy\.prev/);
    delete manifest.text['copy_dim'];
    await write();
    await assert.rejects(Engine.open(dir), /decoder\.onnx does not match the model pack format: unexpected inputs copy_ids, past_copy\.keys, past_copy\.ids, past_copy\.prev/);
    manifest.text['copy_prev'] = true;
    await write();
    await assert.rejects(Engine.open(dir), /"text.copy_prev" needs "text.copy_dim"/);
  });

  it('refuses a folder without a manifest, and a manifest that is not JSON', async () => {
    const dir = await copyTestPack();
    await fs.writeFile(path.join(dir, 'manifest.json'), '{ not json');
    await assert.rejects(Engine.open(dir), /manifest\.json is not valid JSON/);
    await fs.rm(path.join(dir, 'manifest.json'));
    await assert.rejects(Engine.open(dir), /manifest\.json is missing/);
  });

  it('refuses a graph with the wrong signature even when its checksum matches', async () => {
    const dir = await copyTestPack();
    // Swap two graphs and fix the manifest up: the checksums pass, the signature check must not.
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { files: Record<string, unknown> };
    await fs.copyFile(path.join(dir, 'embed.onnx'), path.join(dir, 'vision.onnx'));
    manifest.files['vision.onnx'] = manifest.files['embed.onnx'];
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    await assert.rejects(Engine.open(dir), /vision\.onnx does not match the model pack format: missing inputs pixels/);
  });
});

describe('OCR fused into the prompt', () => {
  it('reads the text of a screenshot into the prompt when the pack asks for it', async () => {
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { templates: Record<string, unknown>; text: Record<string, number> };
    manifest.templates['ocr'] = '\n\nText:\n{lines}';
    manifest.text['max_context'] = 1024; // rotary positions: the limit is the manifest's, not the weights'
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    const withOcr = await Engine.open(dir, { threads: 1 });
    const plain = await Engine.open(TEST_PACK, { threads: 1 });
    try {
      const screenshot = await readImageFile(path.join(TEST_PACK, '..', '..', 'test', 'fixtures', 'ocr', 'dialog-light.png'));
      const request = { task: 'caption' as const, length: 'short' as const };
      const fused = await withOcr.run(screenshot, request, { sampling: { maxTokens: 2 } });
      const alone = await plain.run(screenshot, request, { sampling: { maxTokens: 2 } });
      assert.ok(fused.timings.ocr_ms > 0);
      assert.equal(alone.timings.ocr_ms, 0);
      // The dialog's text ("Unsaved Changes", "Do you want to save…") adds many tokens to the context.
      assert.ok(fused.timings.context_tokens > alone.timings.context_tokens + 20, `${fused.timings.context_tokens} vs ${alone.timings.context_tokens}`);
      const ocr = await withOcr.run(screenshot, { task: 'ocr' });
      assert.ok('lines' in ocr && ocr.lines.some((l) => l.text.includes('Unsaved Changes')));
      assert.equal(ocr.timings.ocr_ms, 0, 'the OCR result was cached');
      // An image without text gets no block.
      const blank = imageFromBytes(await quadrantImage(40, 40), 'blank.png');
      const noText = await withOcr.run(blank, request, { sampling: { maxTokens: 1 } });
      const noTextPlain = await plain.run(blank, request, { sampling: { maxTokens: 1 } });
      assert.equal(noText.timings.context_tokens, noTextPlain.timings.context_tokens);
    } finally {
      await Promise.all([withOcr.dispose(), plain.dispose()]);
    }
  });
});

describe('OCR block and a short context', () => {
  it('keeps only the OCR lines that fit', async () => {
    const dir = await copyTestPack();
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as { templates: Record<string, unknown>; text: Record<string, number> };
    manifest.templates['ocr'] = '\n\nText:\n{lines}';
    manifest.text['max_context'] = 260;
    await fs.writeFile(manifestPath, JSON.stringify(manifest));
    const engine = await Engine.open(dir, { threads: 1 });
    try {
      const screenshot = await readImageFile(path.join(TEST_PACK, '..', '..', 'test', 'fixtures', 'ocr', 'settings-small.png'));
      const result = await engine.run(screenshot, { task: 'caption', length: 'short' }, { sampling: { maxTokens: 4 } });
      assert.ok(result.timings.context_tokens <= 260 - 100, `context ${result.timings.context_tokens}`);
      assert.ok(result.timings.context_tokens > 40, 'some OCR lines are in');
    } finally {
      await engine.dispose();
    }
  });
});
