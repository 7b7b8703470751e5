// Bundles each entry point into dist/. Native modules stay external: both load their .node files by
// dynamic path, so they ship in node_modules next to the bundles.
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const nativeExternals = ['sharp', 'onnxruntime-node'];

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

// The image panel's script and styles run in the webview: a browser bundle, no Node APIs.
const webview = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  entryPoints: ['src/webview/panel.ts', 'src/webview/panel.css'],
  outdir: 'dist/webview',
};

/** The codicon font and its stylesheet for the panel, in dist/webview/codicons (the font is CC-BY-4.0: its LICENSE goes along). */
async function copyCodicons() {
  await mkdir('dist/webview/codicons', { recursive: true });
  for (const [from, to] of [['dist/codicon.css', 'codicon.css'], ['dist/codicon.ttf', 'codicon.ttf'], ['LICENSE', 'LICENSE']]) {
    await copyFile(`node_modules/@vscode/codicons/${from}`, `dist/webview/codicons/${to}`);
  }
}

const builds = [
  webview,
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ...nativeExternals] },
  { ...node, entryPoints: ['src/host/main.ts'], outfile: 'dist/host.js', external: nativeExternals },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: nativeExternals, banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/cli/bench.ts'], outfile: 'dist/bench.js', external: nativeExternals },
];

// Tests are bundled too (one file per test), so they import the sources exactly as the bundles do.
if (process.argv.includes('--tests')) {
  const entryPoints = (await readdir('test', { recursive: true }))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${f}`);
  await esbuild.build({ ...node, entryPoints, outdir: 'out/test', outbase: 'test', external: ['vscode', ...nativeExternals], logLevel: 'warning' });
} else if (watch) {
  await copyCodicons();
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all([...builds.map((b) => esbuild.build(b)), copyCodicons()]);
}
