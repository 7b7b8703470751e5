import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Box } from '../../src/protocol/tasks';
import { DIST, ROOT, TEST_PACK, badImageFixtures, copyTestPack, quadrantImage, tempDir, writeFixture } from '../helpers';

const CLI = path.join(DIST, 'cli.js');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A bad input must end with one clear line on stderr, no stack trace, and the given exit code. */
function assertCleanFailure(result: ReturnType<typeof cli>, code: number, pattern: RegExp): void {
  assert.equal(result.code, code, `exit code (stderr: ${result.stderr})`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, code === 2 ? 2 : 1, `one line on stderr, got: ${result.stderr}`);
  assert.match(lines[0]!, /^lunette: /);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

describe('lunette CLI', () => {
  let image: string;
  let bad: Record<string, string>;
  before(async () => {
    const dir = tempDir();
    image = await writeFixture(dir, 'picture.png', await quadrantImage(64, 48));
    bad = await badImageFixtures(dir);
  });

  it('captions an image as JSON with timings', () => {
    const result = cli(['caption', image, '--model', TEST_PACK, '--json', '--length', 'short', '--max-tokens', '6']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { caption: string; timings: Record<string, number> };
    assert.deepEqual(Object.keys(json), ['caption', 'timings']);
    assert.equal(typeof json.caption, 'string');
    for (const key of ['load_ms', 'preprocess_ms', 'encode_ms', 'image_prefill_ms', 'prompt_prefill_ms', 'decode_ms', 'total_ms']) {
      assert.equal(typeof json.timings[key], 'number', key);
    }
  });

  it('prints the shapes of ask, detect and point', () => {
    const ask = JSON.parse(cli(['ask', image, 'What', 'colour?', '--model', TEST_PACK, '--json', '--max-tokens', '3']).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ask), ['answer', 'timings']);
    const detect = JSON.parse(cli(['detect', image, 'red square', '--model', TEST_PACK, '--json']).stdout) as { objects: unknown[] };
    assert.ok(Array.isArray(detect.objects));
    const point = JSON.parse(cli(['point', image, 'red square', '--model', TEST_PACK, '--json']).stdout) as { points: unknown[] };
    assert.ok(Array.isArray(point.points));
  });

  it('prints plain text without --json', () => {
    const result = cli(['caption', image, '--model', TEST_PACK, '--max-tokens', '4']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.trimStart().startsWith('{'));
    const detect = cli(['detect', image, 'square', '--model', TEST_PACK]);
    assert.match(detect.stdout, /^(No objects found\.|1\. x_min=)/);
  });

  it('fails cleanly on bad images', () => {
    assertCleanFailure(cli(['caption', bad.missing!, '--model', TEST_PACK]), 3, /not found/);
    assertCleanFailure(cli(['caption', bad.directory!, '--model', TEST_PACK]), 3, /is a directory/);
    assertCleanFailure(cli(['caption', bad.text!, '--model', TEST_PACK]), 3, /not an image/);
    assertCleanFailure(cli(['caption', bad.truncated!, '--model', TEST_PACK]), 3, /corrupt or truncated/);
    assertCleanFailure(cli(['caption', bad.empty!, '--model', TEST_PACK]), 3, /empty/);
    assertCleanFailure(cli(['caption', bad.bomb!, '--model', TEST_PACK]), 3, /pixel/);
  });

  it('rasterizes an SVG that references an external URL without fetching it', async () => {
    const svg = await writeFixture(tempDir(), 'remote.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><image href="http://198.51.100.7/x.png" width="50" height="50"/><circle cx="25" cy="25" r="20" fill="blue"/></svg>');
    const started = Date.now();
    const result = cli(['caption', svg, '--model', TEST_PACK, '--json', '--max-tokens', '2']);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Date.now() - started < 20_000);
  });

  it('fails cleanly on a missing or damaged model', async () => {
    assertCleanFailure(cli(['caption', image, '--model', path.join(tempDir(), 'nothing-here')]), 4, /manifest\.json is missing/);
    const damaged = await copyTestPack();
    const file = path.join(damaged, 'decoder.onnx');
    const bytes = await fs.readFile(file);
    bytes[100] ^= 0xff;
    await fs.writeFile(file, bytes);
    assertCleanFailure(cli(['caption', image, '--model', damaged]), 4, /decoder\.onnx fails its checksum/);
    await fs.rm(path.join(damaged, 'region.onnx'));
    assertCleanFailure(cli(['caption', image, '--model', damaged]), 4, /region\.onnx is missing/);
  });

  it('explains usage errors', () => {
    assertCleanFailure(cli([]), 2, /No command given/);
    assertCleanFailure(cli(['describe', image]), 2, /Unknown command "describe"/);
    assertCleanFailure(cli(['ask', image]), 2, /needs a question/);
    assertCleanFailure(cli(['caption', image, '--length', 'huge']), 2, /--length must be one of/);
    assertCleanFailure(cli(['caption', image, '--threads', 'many']), 2, /--threads must be a positive integer/);
    assertCleanFailure(cli(['caption', image, '--bogus']), 2, /Unknown option/);
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: lunette/);
  });
});

describe('the bundled model reads real screenshots', () => {
  // The product path end to end: the default pack, the engine's own OCR lines fused into the prompt, and the
  // copy head quoting them. Questions the shipped model answers right (the model card lists those it does not).
  const ask = (image: string, question: string): string => {
    const result = cli(['ask', path.join(ROOT, image), question, '--json']);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { answer: string }).answer;
  };

  it('quotes a dialog and the failing test in pytest output', () => {
    const dialog = 'media/examples/unsaved-changes-dialog.png';
    assert.match(ask(dialog, 'What does the dialog say?'), /Do you want to save the changes you made to report\.md\?/);
    assert.match(ask(dialog, 'What is the title of the dialog?'), /^Unsaved changes$/i);
    assert.match(ask('training/eval_real/images/term-pytest.png', 'Which test failed?'), /test_parse_date/);
  });

  it('quotes the error in a terminal, whole', () => {
    // Greedy decoding alone wandered off this line ("npm run build@box:~/lunette$ …"); ranked against the OCR
    // lines (generation.answer_candidates), the model's most probable answer is the error line itself.
    assert.equal(ask('media/examples/terminal-error.png', 'What does the error say?'), "Error: Cannot find module 'sharp'");
  });

  it('captions on one line (generation.single_line)', () => {
    // The model copied the OCR block's line breaks into this caption ("…shows branch 1\n terminal uses…");
    // no training caption or answer holds one.
    for (const length of ['short', 'normal', 'long']) {
      const result = cli(['caption', path.join(ROOT, 'media/examples/terminal-error.png'), '--length', length, '--json']);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch((JSON.parse(result.stdout) as { caption: string }).caption, /[\r\n]/, length);
    }
  });

  it('quotes a chart title whole from the OCR lines', () => {
    // Token by token the model wrote 'titled "GitHalf of users, June half of 2025'; with generation.quotes each OCR
    // line is scored as the whole quote and the most probable one is written (src/engine/quotes.ts).
    const result = cli(['caption', path.join(ROOT, 'media/examples/bar-chart.png'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match((JSON.parse(result.stdout) as { caption: string }).caption, /^A bar chart titled "Monthly Active Users"\./);
  });

  it('names only the colours and shapes an image shows (generation.colours, generation.shapes)', () => {
    // Free, the model captioned this blue square "There is a red circle.", a green triangle "There is a red circle
    // and a green rectangle." and called the login page's blue button "Teal"; src/engine/heldBackWords.ts holds
    // back the colours and shapes the pixels do not show.
    const caption = (image: string): string => {
      const result = cli(['caption', path.join(ROOT, 'training/eval_real/images', image), '--json']);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as { caption: string }).caption;
    };
    const square = caption('shapes-blue-square.png');
    assert.match(square, /\bblue square\b/i);
    assert.doesNotMatch(square, /\b(red|orange|yellow|green|teal|purple|pink|brown|circle|oval|triangle|star|heart)\b/i);
    const triangle = caption('shapes-green-triangle.png');
    assert.match(triangle, /\bgreen triangle\b/i);
    assert.doesNotMatch(triangle, /\b(red|blue|circle|oval|square|rectangle|heart)s?\b/i);
    assert.equal(ask('training/eval_real/images/ui-login.png', 'What colour is the button?'), 'Blue');
  });

  it('counts the shapes, bars, slices and boxes an image shows (generation.counts)', () => {
    // Free, the model answered 5 for these four stars, 4 for the three bars, 5 for the three slices and 5 for the
    // six boxes of the tree; src/engine/imageCounts.ts holds every number but the pixels' count back.
    assert.equal(ask('training/eval_real/images/shapes-stars.png', 'How many stars are there?'), '4');
    assert.equal(ask('training/eval_real/images/chart-hbar.png', 'How many bars are there?'), '3');
    assert.equal(ask('training/eval_real/images/chart-pie.png', 'How many slices are there?'), '3');
    assert.equal(ask('training/eval_real/images/diagram-tree.png', 'How many boxes are there?'), '6');
  });

  it("reads a button's label from the button (generation.button_labels)", () => {
    // Free, the model answered "Password", "Full name" and "Email support": other lines of these pages. The answer
    // is now the line on the filled button the model rates most probable (src/engine/buttonLabels.ts).
    assert.equal(ask('training/eval_real/images/ui-login.png', 'What does the button say?'), 'Log in');
    assert.equal(ask('training/eval_real/images/ui-signup-dark.png', 'What does the button say?'), 'Sign up');
    assert.equal(ask('training/eval_real/images/ui-pricing.png', 'What does the button say?'), 'Get started');
  });

  it("reads a bar chart's highest and lowest bar from its bars (generation.chart_extremes)", () => {
    // Free, the model answered with the axis's first label ("Jan", "Q1"); src/engine/chartExtremes.ts finds the
    // bars, the tallest and the shortest, and the label under each.
    assert.equal(ask('training/eval_real/images/chart-bar.png', 'Which month is the highest?'), 'Feb');
    assert.equal(ask('training/eval_real/images/chart-revenue.png', 'Which quarter is the lowest?'), 'Q1');
    assert.equal(ask('training/eval_real/images/chart-hbar.png', 'Which package has the highest coverage?'), 'cli');
  });

  it("reads a drawn thing's colour from its regions (generation.thing_colours)", () => {
    // Free, the model called the red circle beside a blue square "Blue", and the purple circles "Orange".
    assert.equal(ask('training/eval_real/images/shapes-circle-square.png', 'What colour is the circle?'), 'Red');
    assert.equal(ask('training/eval_real/images/shapes-star-circles.png', 'What colour are the circles?'), 'Purple');
    assert.equal(ask('training/eval_real/images/shapes-row.png', 'What colour is the triangle?'), 'Green');
  });

  it("reads a shape's absence, a chart's kind, a diagram's order and a lone shape from the pixels", () => {
    // Free, the model said "Yes" to circles over triangles (generation.absent_shapes), called pies "A class
    // hierarchy" (chart_kinds), gave "Build" as a pipeline's last step (diagram_order) and "The large square" for
    // what shape a lone square is (what_shape).
    assert.equal(ask('training/eval_real/images/shapes-triangles.png', 'Are there any circles?'), 'No');
    assert.equal(ask('training/eval_real/images/chart-pie.png', 'What kind of chart is this?'), 'A pie chart');
    const pie = cli(['caption', path.join(ROOT, 'training/eval_real/images/chart-pie.png')]);
    assert.match(pie.stdout.trim(), /^A pie chart\b/, pie.stderr);
    assert.equal(ask('training/eval_real/images/diagram-pipeline.png', 'What is the last step?'), 'Deploy');
    assert.equal(ask('training/eval_real/images/diagram-pipeline.png', 'What comes after Build?'), 'Test');
    assert.equal(ask('training/eval_real/images/diagram-login-flow.png', 'What is the first step?'), 'Start');
    assert.equal(ask('training/eval_real/images/shapes-blue-square.png', 'What shape is this?'), 'A square');
    // free, "Bottom left" (generation.positions: the place of its detected box); a refusal stands
    assert.equal(ask('training/eval_real/images/ui-saved-toast.png', 'Where is the notification?'), 'Top right');
    assert.match(ask('training/eval_real/images/ui-tabs.png', 'Where is the bicycle?'), /^There is no bicycle/);
    // free, "Response time time time time,14" (generation.titles: the top line)
    assert.equal(ask('training/eval_real/images/chart-line.png', 'What is the title of the chart?'), 'Response time');
  });

  it("reads line charts, scatter plots and a pie's largest slice from the pixels (chart_kinds, chart_extremes)", () => {
    // Free, the model called a line chart "A bar chart", a scatter plot "A horizontal bar chart" and a pie's largest
    // slice "Windows"; lines and dots are coloured marks, slices are labelled by the line in their direction.
    assert.equal(ask('training/eval_real/images/chart-line.png', 'What kind of chart is this?'), 'A line chart');
    assert.equal(ask('training/eval_real/images/chart-scatter.png', 'What kind of chart is this?'), 'A scatter plot');
    const line = cli(['caption', path.join(ROOT, 'training/eval_real/images/chart-memory.png')]);
    assert.match(line.stdout.trim(), /^A line chart\b/, line.stderr);
    assert.equal(ask('training/eval_real/images/chart-pie-os.png', 'Which slice is the largest?'), 'Linux');
    assert.equal(ask('training/eval_real/images/chart-languages.png', 'Which slice is the smallest?'), 'Rust');
  });

  it('reads commands, commits, file names, languages, errors and the selected tab (terminal, file_names, errors, selected_items)', () => {
    // Free, the model answered "git log" for "git log --oneline", 2 commits of 3, "main.go" over a tab reading
    // "main.rs", "Delete report.pdf?" for which file, "No" to an error banner and "pip install" for the missing package.
    // Lines of a row or column: the one drawn in another colour or on a highlight is the selected one.
    const image = (name: string): string => `training/eval_real/images/${name}.png`;
    assert.equal(ask(image('term-git-log'), 'What command was run?'), 'git log --oneline');
    assert.equal(ask(image('term-git-log'), 'How many commits are shown?'), '3');
    assert.equal(ask(image('term-git-log'), 'What is the latest commit message?'), 'Fix login redirect');
    assert.equal(ask(image('code-rust-light'), 'What is the name of the open file?'), 'main.rs');
    assert.equal(ask(image('code-rust-light'), 'Which language is the code written in?'), 'Rust');
    assert.equal(ask(image('ui-delete-dialog'), 'Which file will be deleted?'), 'report.pdf');
    assert.equal(ask(image('ui-error-banner'), 'Is there an error?'), 'Yes');
    assert.equal(ask(image('ui-404'), 'What error code is shown?'), '404');
    assert.equal(ask(image('term-pip-error'), 'Which package could not be found?'), 'torchvizard');
    // free, "Settings" for the blue, underlined "Overview" tab
    assert.equal(ask(image('ui-tabs'), 'Which tab is selected?'), 'Overview');
    assert.equal(ask(image('ui-menu'), 'Which menu is open?'), 'Edit');
  });

  it('names, counts and finds emoji by the glyph index (generation.emoji)', () => {
    // Free, the model captioned the dog "There is a red circle and a brown rectangle.", called it "A mouse icon",
    // counted one car of two and found no dog; src/engine/emoji.ts matches each object with the font's glyphs.
    const image = (name: string): string => `training/eval_real/images/${name}.png`;
    const caption = (name: string): string => {
      const result = cli(['caption', path.join(ROOT, image(name))]);
      assert.equal(result.code, 0, result.stderr);
      return result.stdout.trim();
    };
    assert.match(caption('objects-dog'), /^A dog emoji\b/);
    assert.equal(caption('objects-fruit'), 'Two emoji in a row: apple and banana.');
    assert.equal(ask(image('objects-dog-ball'), 'What animal is this?'), 'A dog');
    assert.equal(ask(image('objects-dog-ball'), 'Is there a cat?'), 'No');
    assert.equal(ask(image('objects-car'), 'How many cars are there?'), '2');
    const detect = cli(['detect', path.join(ROOT, image('objects-car')), 'car', '--json']);
    const { objects } = JSON.parse(detect.stdout) as { objects: Box[] };
    assert.equal(objects.length, 2, detect.stdout);
    // a drawn red circle is as near a stop sign's glyph as a ball's: nothing names it, and the model captions it
    assert.doesNotMatch(caption('shapes-two-circles'), /emoji/);
  });

  it('finds every drawn shape and slice asked for, and only those (generation.thing_regions)', () => {
    // Free, the model gave one star of four and the square when asked for the circle beside it; now every region
    // that is the thing is given (src/engine/locatedThings.ts). Boxes as measured in the pictures (800 × 600).
    const detect = (image: string, object: string): Box[] => {
      const result = cli(['detect', path.join(ROOT, 'training/eval_real/images', image), object, '--json']);
      assert.equal(result.code, 0, result.stderr);
      return (JSON.parse(result.stdout) as { objects: Box[] }).objects;
    };
    const matches = (got: Box[], want: number[][]): void => {
      assert.equal(got.length, want.length, JSON.stringify(got));
      for (const [x0, y0, x1, y1] of want) {
        assert.ok(got.some((b) => Math.abs(b.x_min - x0!) < 0.01 && Math.abs(b.y_min - y0!) < 0.01 && Math.abs(b.x_max - x1!) < 0.01 && Math.abs(b.y_max - y1!) < 0.01), `${JSON.stringify([x0, y0, x1, y1])} in ${JSON.stringify(got)}`);
      }
    };
    matches(detect('shapes-stars.png', 'star'), [[0.0975, 0.15, 0.3525, 0.4733], [0.5725, 0.15, 0.8275, 0.4733], [0.0975, 0.55, 0.3525, 0.8733], [0.5725, 0.55, 0.8275, 0.8733]]);
    matches(detect('shapes-circle-square.png', 'circle'), [[0.15, 0.3167, 0.425, 0.6833]]);
    matches(detect('shapes-circle-square.png', 'blue square'), [[0.5875, 0.3333, 0.8375, 0.6667]]);
    const point = cli(['point', path.join(ROOT, 'training/eval_real/images/shapes-circle-square.png'), 'circle', '--json']);
    const { points } = JSON.parse(point.stdout) as { points: { x: number; y: number }[] };
    assert.equal(points.length, 1, point.stdout);
    assert.ok(Math.hypot(points[0]!.x * 800 - 230, points[0]!.y * 600 - 300) < 110, `inside the circle: ${point.stdout}`);
  });

  it('snaps detected boxes to the bars of a chart', () => {
    // The box heads see 128 px and miss a bar's edge by a few pixels of the original; generation.snap_boxes
    // moves each box to the flat-coloured region it covers (src/engine/boxSnapping.ts). The six bars of the
    // 800 × 600 chart, measured in its pixels: x from–to, top; every bar ends on the axis at y = 430.
    const bars = [[120, 180, 280], [225, 285, 240], [330, 390, 210], [435, 495, 170], [540, 600, 190], [645, 705, 140]]
      .map(([x0, x1, top]) => ({ x_min: x0! / 800, y_min: top! / 600, x_max: x1! / 800, y_max: 430 / 600 }));
    const result = cli(['detect', path.join(ROOT, 'media/examples/bar-chart.png'), 'bar', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { objects } = JSON.parse(result.stdout) as { objects: Box[] };
    const exact = objects.filter((box) => bars.some((bar) => Object.keys(bar).every((k) => Math.abs(bar[k as keyof Box] - box[k as keyof Box]) < 0.004)));
    assert.equal(exact.length, 6, `all six bars to within 3 px, got ${JSON.stringify(objects)}`);
  });

  it('points at the bars of a chart', () => {
    // The point heads alone land inside a bar about half the time; generation.region_proposals has the model
    // choose among the picture's regions (src/engine/rankedRegions.ts), and each point is a region's centre.
    const bars = [[120, 180, 280], [225, 285, 240], [330, 390, 210], [435, 495, 170], [540, 600, 190], [645, 705, 140]];
    const result = cli(['point', path.join(ROOT, 'media/examples/bar-chart.png'), 'bar', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const { points } = JSON.parse(result.stdout) as { points: { x: number; y: number }[] };
    const hit = bars.filter(([x0, x1, top]) => points.some((p) => p.x * 800 > x0! && p.x * 800 < x1! && p.y * 600 > top! && p.y * 600 < 430));
    assert.ok(hit.length >= 5, `at least five of the six bars have a point inside, got ${JSON.stringify(points)}`);
  });

  it('streams nothing it would take back: the printed answer is the ranked one', () => {
    const result = cli(['ask', path.join(ROOT, 'media/examples/terminal-error.png'), 'What does the error say?']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), "Error: Cannot find module 'sharp'");
  });
});

describe('lunette ocr', () => {
  it('reads the text of a screenshot', () => {
    const screenshot = path.join(DIST, '..', 'test', 'fixtures', 'ocr', 'terminal-dark.png');
    const json = cli(['ocr', screenshot, '--model', TEST_PACK, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { lines: { text: string; box: Record<string, number>; confidence: number }[] };
    assert.ok(result.lines.length > 3);
    for (const line of result.lines) {
      assert.deepEqual(Object.keys(line), ['text', 'box', 'confidence']);
      assert.ok(line.box['x_min']! >= 0 && line.box['x_max']! <= 1);
    }
    const plain = cli(['ocr', screenshot, '--model', TEST_PACK]);
    assert.equal(plain.stdout.trim().split('\n').length, result.lines.length);
  });

  it('fails cleanly on a bad image', async () => {
    const files = await badImageFixtures(tempDir());
    assertCleanFailure(cli(['ocr', files.truncated!, '--model', TEST_PACK]), 3, /corrupt or truncated|could not be decoded/);
  });
});
