// `npm run test:vscode`: the same mocha suite (e2e/suite) under @vscode/test-electron, in a desktop VS Code that
// it downloads. Machines without access to Microsoft's download service (like ours and CI) cannot run it; it says
// so and exits 2. The code-server run (`npm run test:e2e`) is the one CI depends on.
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.LUNETTE_VSCODE_VERSION ?? 'stable', timeout: 30_000 });
} catch (error) {
  console.error(`test:vscode: VS Code could not be downloaded (${error instanceof Error ? error.message.split('\n')[0] : error}).`);
  console.error('test:vscode: this machine cannot reach update.code.visualstudio.com; run `npm run test:e2e` (code-server) instead.');
  process.exit(2);
}

const workspace = mkdtempSync(path.join(tmpdir(), 'lunette-vscode-'));
cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
if (!existsSync(path.join(root, 'models', 'lunette-nano', 'manifest.json'))) {
  mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'lunette.model.path': path.join(root, 'models', 'test-tiny') }));
}
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(here, 'suite'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
} catch (error) {
  console.error(`test:vscode: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
