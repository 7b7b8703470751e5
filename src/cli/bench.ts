/**
 * `npm run bench`: where the time and memory go, and how that compares with what this machine can do.
 * Prints a table and writes JSON to .bench/. Not a test: nothing here passes or fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { Engine } from '../engine/engine';
import { imageFromBytes } from '../engine/image';
import { DEFAULT_RESTART, HostClient } from '../host/client';
import { benchOcr, ocrFixtureImages } from '../engine/ocr';
import type { DetectResult, Timings } from '../protocol/tasks';

const ROOT = path.join(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const MODEL = path.resolve(flag('--model') ?? path.join(ROOT, 'models', 'lunette-nano'));
const THREADS = Number(flag('--threads') ?? 0);
const BATCH = Number(flag('--batch') ?? 40);

interface Row {
  what: string;
  value: number;
  unit: string;
  target?: string;
  note?: string;
}
const rows: Row[] = [];
const record = (row: Row): void => {
  rows.push(row);
  const target = row.target ? `  (target ${row.target})` : '';
  console.log(`${row.what.padEnd(38)} ${formatValue(row.value).padStart(10)} ${row.unit.padEnd(9)}${target}${row.note ? `  ${row.note}` : ''}`);
};

function formatValue(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A screenshot-like test image: panels, bars and text. Distinct per seed, so caches do not help. */
async function syntheticImage(seed: number, width = 800, height = 600): Promise<Buffer> {
  const hue = (seed * 47) % 360;
  const bars = Array.from({ length: 6 }, (_, i) => {
    const h = 60 + ((seed * 31 + i * 53) % 300);
    return `<rect x="${80 + i * 100}" y="${520 - h}" width="60" height="${h}" fill="hsl(${(hue + i * 40) % 360},60%,50%)"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${seed % 2 ? '#1e1e1e' : '#ffffff'}"/>
    <rect x="0" y="0" width="${width}" height="40" fill="hsl(${hue},40%,35%)"/>
    <text x="20" y="27" font-family="sans-serif" font-size="18" fill="#fff">Report ${seed}: quarterly results</text>
    ${bars}
    <text x="80" y="560" font-family="monospace" font-size="14" fill="#888">Q1 Q2 Q3 Q4 Q5 Q6</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function measureGemm(): Promise<number> {
  const session = await ort.InferenceSession.create(path.join(ROOT, 'test', 'fixtures', 'bench', 'matmul.onnx'), {
    intraOpNumThreads: THREADS,
    executionMode: 'sequential',
  });
  const n = 512;
  const a = new ort.Tensor('float32', Float32Array.from({ length: n * n }, (_, i) => (i % 7) * 0.1), [n, n]);
  const b = new ort.Tensor('float32', Float32Array.from({ length: n * n }, (_, i) => (i % 5) * 0.1), [n, n]);
  await session.run({ a, b });
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await session.run({ a, b });
    times.push(performance.now() - t);
  }
  await session.release();
  return (2 * n ** 3) / (median(times) / 1000) / 1e9;
}

function measureBandwidth(): number {
  const n = 32 * 1024 * 1024; // 256 MiB of float64
  const src = new Float64Array(n).fill(1);
  const dst = new Float64Array(n);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    dst.set(src);
    times.push(performance.now() - t);
  }
  // A copy reads and writes every byte.
  return (2 * n * 8) / (median(times) / 1000) / 1e9;
}

/** Approximate parameter counts from the graph sizes (fp32: 4 bytes each). */
function graphParams(file: string): number {
  return existsSync(file) ? statSync(file).size / 4 : 0;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(MODEL, 'manifest.json'))) {
    console.error(`No model pack at ${MODEL}; pass --model DIR.`);
    process.exit(1);
  }
  console.log(`Lunette bench — model ${MODEL}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, threads ${THREADS || 'auto'}\n`);

  console.log('Machine');
  const gflops = await measureGemm();
  record({ what: 'GEMM (ORT MatMul 512³, fp32)', value: gflops, unit: 'GFLOP/s' });
  const bandwidth = measureBandwidth();
  record({ what: 'Memory bandwidth (256 MiB copy)', value: bandwidth, unit: 'GB/s' });

  console.log('\nStages (engine in-process, warm, median of 10)');
  const loadStart = performance.now();
  const engine = await Engine.open(MODEL, { threads: THREADS });
  record({ what: 'Model load (verify + sessions)', value: performance.now() - loadStart, unit: 'ms' });
  const manifest = engine.adapter.manifest;
  const visionParams = graphParams(path.join(MODEL, 'vision.onnx'));
  const decoderParams = graphParams(path.join(MODEL, 'decoder.onnx'));
  const imageTokens = (manifest.image.size / manifest.image.patch_size) ** 2;
  const images = await Promise.all(Array.from({ length: 10 }, (_, i) => syntheticImage(i)));
  const stageTimes: Timings[] = [];
  for (const [i, bytes] of images.entries()) {
    const result = await engine.run(imageFromBytes(bytes, `bench-${i}.png`), { task: 'caption', length: 'short' });
    if (i > 0) stageTimes.push(result.timings); // the first run warms up
  }
  const stage = (key: keyof Timings): number => median(stageTimes.map((t) => Number(t[key])));
  const tokens = stage('tokens');
  const decodePerToken = stage('decode_ms') / Math.max(1, tokens);
  const fraction = (flops: number, ms: number): string => `${((flops / (ms / 1000) / 1e9 / gflops) * 100).toFixed(1)}% of GEMM peak`;
  record({ what: 'Preprocess (800×600 PNG)', value: stage('preprocess_ms'), unit: 'ms' });
  if (manifest.templates.ocr) record({ what: 'OCR for the prompt (the pack reads text)', value: stage('ocr_ms'), unit: 'ms' });
  record({ what: 'Vision encode', value: stage('encode_ms'), unit: 'ms', note: fraction(2 * visionParams * imageTokens, stage('encode_ms')) });
  record({ what: `Image prefill (${imageTokens + 1} tokens)`, value: stage('image_prefill_ms'), unit: 'ms', note: fraction(2 * decoderParams * (imageTokens + 1), stage('image_prefill_ms')) });
  record({ what: 'Prompt prefill', value: stage('prompt_prefill_ms'), unit: 'ms' });
  const weightBytes = decoderParams * 4;
  record({
    what: 'Decode per token',
    value: decodePerToken,
    unit: 'ms',
    note: `${fraction(2 * decoderParams, decodePerToken)}; weights read at ${((weightBytes / (decodePerToken / 1000) / 1e9 / bandwidth) * 100).toFixed(1)}% of bandwidth`,
  });
  record({ what: `Warm short caption total (${tokens} tokens)`, value: stage('total_ms'), unit: 'ms', target: '≤ 150 ms' });
  if (manifest.templates.ocr) record({ what: 'Warm short caption without OCR', value: stage('total_ms') - stage('ocr_ms'), unit: 'ms', target: '≤ 150 ms' });
  if (manifest.region) {
    // Detect pays for its pixels (snapping, region proposals) and, where the pack ranks regions, ~20 decoder steps an object.
    const chart = imageFromBytes(readFileSync(path.join(ROOT, 'media', 'examples', 'bar-chart.png')), 'bar-chart.png');
    const detectTimes: Timings[] = [];
    let boxes = 0;
    for (let i = 0; i < 6; i++) {
      const result = (await engine.run(chart, { task: 'detect', object: 'bar' })) as DetectResult;
      if (i > 0) detectTimes.push(result.timings); // the first run warms up
      boxes = result.objects.length;
    }
    const detectStage = (key: keyof Timings): number => median(detectTimes.map((t) => Number(t[key])));
    record({
      what: `Warm detect, bar chart (${boxes} boxes)`,
      value: detectStage('total_ms'),
      unit: 'ms',
      note: `${detectStage('tokens')} decoder steps; pixels and regions ${detectStage('preprocess_ms').toFixed(0)} ms of it`,
    });
  }
  await engine.dispose();

  console.log('\nOCR (PP-OCRv4, the 800×600 screenshots in test/fixtures/ocr)');
  const ocr = await benchOcr(ocrFixtureImages(ROOT), { threads: THREADS, repeats: 5 });
  for (const image of ocr.images) {
    record({ what: `  ${path.basename(image.image)}`, value: image.ms, unit: 'ms', note: `${image.lines} lines, ${image.cpuMs.toFixed(0)} ms CPU` });
  }
  record({ what: 'OCR per screenshot', value: ocr.msPerImage, unit: 'ms', target: '≤ 300 ms', note: `${ocr.cpuMsPerImage.toFixed(0)} ms CPU` });
  record({ what: 'OCR character accuracy', value: 100 * ocr.charAccuracy, unit: '%', target: '≥ 95%' });

  console.log('\nHost process');
  const dir = path.join(tmpdir(), `lunette-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const files = await Promise.all(
    Array.from({ length: BATCH }, async (_, i) => {
      const file = path.join(dir, `image-${i}.png`);
      writeFileSync(file, await syntheticImage(100 + i));
      return file;
    }),
  );
  const client = new HostClient({
    hostScript: path.join(__dirname, 'host.js'),
    config: { modelDir: MODEL, threads: THREADS, idleUnloadMs: 0, imageCacheBytes: 256 * 2 ** 20, queueLimit: BATCH + 4 },
    requestTimeoutMs: 120_000,
    hungGraceMs: 10_000,
    restart: DEFAULT_RESTART,
  });
  await client.run({ task: 'caption', length: 'short' }, { image: { path: files[0]! } });
  const followUps: number[] = [];
  for (const question of ['What is the title?', 'How many bars are there?', 'Is it dark?', 'What colour is the header?']) {
    const r = await client.run({ task: 'ask', question }, { image: { path: files[0]! } });
    followUps.push(r.timings.first_token_ms);
  }
  record({ what: 'Follow-up question, time to 1st token', value: median(followUps), unit: 'ms', target: '≤ 60 ms', note: 'cached image, in the host' });
  const batchStart = performance.now();
  await Promise.all(files.slice(1).map((file) => client.run({ task: 'caption', length: 'short' }, { image: { path: file }, priority: 'batch' })));
  const perSecond = (files.length - 1) / ((performance.now() - batchStart) / 1000);
  record({ what: `Batch short captions (${files.length - 1} images)`, value: perSecond, unit: 'images/s', target: '≥ 10/s' });
  const stats = await client.stats();
  record({ what: 'Host RSS with the model loaded', value: stats.rssBytes / 2 ** 20, unit: 'MiB', target: '≤ 300 MB' });
  await client.stop();

  console.log('\nCold CLI (new processes, median of 5)');
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const run = spawnSync(process.execPath, [path.join(__dirname, 'cli.js'), 'caption', files[i]!, '--model', MODEL, '--length', 'short', '--json'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cli failed: ${run.stderr}`);
    cold.push(performance.now() - t);
  }
  record({ what: 'Cold `node dist/cli.js caption`', value: median(cold), unit: 'ms', target: '≤ 1000 ms' });

  const outDir = path.join(ROOT, '.bench');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify({ model: MODEL, threads: THREADS, cores: cpus().length, rows }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
