// Runs inside the real extension host: the extension as VS Code loads it, the real model host, the real model.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'lunette.lunette';

function workspaceFile(...parts) {
  const folder = vscode.workspace.workspaceFolders[0];
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function api() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

async function waitFor(condition, what, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Lunette in VS Code', () => {
  it('activates and registers its commands', async () => {
    const { host } = await api();
    assert.ok(host);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['lunette.describeImage', 'lunette.askAboutImage', 'lunette.restartHost', 'lunette.showLogs']) {
      assert.ok(commands.includes(id), id);
    }
  });

  it('describes an image through the model host', async () => {
    await api();
    const caption = await vscode.commands.executeCommand('lunette.describeImage', workspaceFile('images', 'settings-dialog.png'));
    assert.equal(typeof caption, 'string');
    assert.ok(caption.length > 0, 'a caption');
    console.log(`lunette caption: ${caption}`);
  });

  it('answers a question and reuses the encoded image', async () => {
    const { host } = await api();
    const image = workspaceFile('images', 'settings-dialog.png');
    const answer = await vscode.commands.executeCommand('lunette.askAboutImage', image, 'What is this?');
    assert.equal(typeof answer, 'string');
    const chunks = [];
    const result = await host.run(image, { task: 'ask', question: 'What is shown?' }, { onPartial: (p) => p.kind === 'text' && chunks.push(p.text) });
    assert.equal(result.timings.image_cache_hit, true, 'the image was encoded once');
    assert.equal(chunks.join(''), result.answer, 'the answer streamed');
  });

  it('gives a clear error for a broken image', async () => {
    const { host } = await api();
    await assert.rejects(host.run(workspaceFile('images', 'broken.png'), { task: 'caption', length: 'short' }), /corrupt or truncated|not an image/);
  });

  it('recovers when the model host is killed mid-request', async () => {
    const { host } = await api();
    const image = workspaceFile('images', 'settings-dialog.png');
    await host.run(image, { task: 'caption', length: 'short' });
    const pid = host.status.pid;
    assert.ok(pid, 'the host runs');
    const pending = host.run(image, { task: 'caption', length: 'long' }, { onPartial: () => undefined });
    process.kill(pid, 'SIGKILL');
    await assert.rejects(pending, /stopped unexpectedly/);
    await waitFor(() => host.status.pid && host.status.pid !== pid, 'a restarted host');
    const again = await host.run(image, { task: 'caption', length: 'short' });
    assert.ok(again.caption.length > 0);
  });
});

describe('Lunette OCR in VS Code', () => {
  it('copies the text of a screenshot to the clipboard', async () => {
    await api();
    const text = await vscode.commands.executeCommand('lunette.copyTextFromImage', workspaceFile('images', 'settings-dialog.png'));
    assert.match(text, /Unsaved Changes/);
    assert.match(text, /Don't Save/);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });
});

describe('Copy Alt Text', () => {
  it('copies alt text for an image file: one line, no "image of", within the length limit', async () => {
    await api();
    const alt = await vscode.commands.executeCommand('lunette.copyAltText', workspaceFile('images', 'bar-chart.png'));
    assert.equal(typeof alt, 'string');
    assert.ok(alt.length > 0 && alt.length <= 125, alt);
    assert.doesNotMatch(alt, /\n|^(image|picture|photo) of/i);
    assert.equal(await vscode.env.clipboard.readText(), alt);
  });
});
