// Bundles each entry point into dist/. Native modules stay external: both load their .node files by
// dynamic path, so they ship in node_modules next to the bundles.
import { readdir } from 'node:fs/promises';
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

const builds = [
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
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
