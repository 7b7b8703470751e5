// Alt-text features in the real extension host: diagnostics, quick fixes at the right place, hover.
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'lunette.lunette';

function workspaceFile(...parts) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...parts);
}

async function api() {
  return vscode.extensions.getExtension(EXTENSION_ID).activate();
}

async function waitFor(condition, what, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await condition();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function lunetteDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Lunette');
}

async function open(...parts) {
  const document = await vscode.workspace.openTextDocument(workspaceFile(...parts));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The quick fixes at a position, resolved (the model runs in resolveCodeAction). */
async function quickFixes(document, position) {
  return vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, new vscode.Range(position, position), vscode.CodeActionKind.QuickFix.value, 10);
}

describe('Alt text in VS Code', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports images without good alt text in Markdown, with WAI links', async () => {
    const document = await open('docs', 'README.md');
    const diagnostics = await waitFor(() => (lunetteDiagnostics(document.uri).length >= 3 ? lunetteDiagnostics(document.uri) : undefined), 'Markdown diagnostics');
    const rules = diagnostics.map((d) => d.code.value).sort();
    assert.deepEqual(rules, ['alt-is-default-name', 'alt-redundant-prefix', 'empty-alt']);
    for (const d of diagnostics) assert.match(d.code.target.toString(), /^https:\/\/www\.w3\.org\/WAI\/tutorials\/images/);
    // Nothing inside the code fence, nothing for the remote badge.
    assert.ok(diagnostics.every((d) => d.range.start.line < 12));
  });

  it('generates alt text into a Markdown image at the right place, and the diagnostic clears', async () => {
    const document = await open('docs', 'README.md');
    await waitFor(() => lunetteDiagnostics(document.uri).some((d) => d.code.value === 'empty-alt'), 'the empty-alt diagnostic');
    const line = document.lineAt(4); // ![](../images/settings-dialog.png)
    assert.equal(line.text, '![](../images/settings-dialog.png)');
    const actions = await quickFixes(document, new vscode.Position(4, 5));
    const generate = actions.find((a) => a.title.startsWith('Generate alt text (Lunette)'));
    assert.ok(generate, `actions: ${actions.map((a) => a.title)}`);
    assert.ok(generate.edit, 'resolved with an edit');
    assert.ok(await vscode.workspace.applyEdit(generate.edit));
    const after = document.lineAt(4).text;
    assert.match(after, /^!\[[^\]]+\]\(\.\.\/images\/settings-dialog\.png\)$/);
    assert.equal(document.lineAt(3).text, '', 'the line before is untouched');
    assert.equal(document.lineAt(6).text, 'The build failed like this:', 'the lines after are untouched');
    console.log(`lunette markdown alt: ${after}`);
    await waitFor(() => !lunetteDiagnostics(document.uri).some((d) => d.code.value === 'empty-alt'), 'the diagnostic to clear');
  });

  it('inserts alt text into a multi-line HTML <img>', async () => {
    const document = await open('docs', 'page.html');
    await waitFor(() => lunetteDiagnostics(document.uri).some((d) => d.code.value === 'missing-alt'), 'the missing-alt diagnostic');
    const imgLine = document.getText().split('\n').findIndex((l) => l.trim() === '<img');
    const actions = await quickFixes(document, new vscode.Position(imgLine, 6));
    const generate = actions.find((a) => a.title.startsWith('Generate alt text (Lunette)'));
    assert.ok(generate && generate.edit, `actions: ${actions.map((a) => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(generate.edit));
    const text = document.getText();
    // alt goes on its own line after src, indented like its neighbours.
    assert.match(text, /\n    <img\n      src="\.\.\/images\/settings-dialog\.png"\n      alt="[^"]+"\n      width="400"\n    >\n/);
    assert.match(text, /<img src="\.\.\/images\/bar-chart\.png" alt="">/, 'the decorative image is untouched');
  });

  it('marks an image as decorative', async () => {
    const document = await open('src', 'Gallery.tsx');
    await waitFor(() => lunetteDiagnostics(document.uri).some((d) => d.code.value === 'missing-alt'), 'the JSX diagnostic');
    const line = document.getText().split('\n').findIndex((l) => l.includes('terminal-error.png'));
    const actions = await quickFixes(document, new vscode.Position(line, 10));
    const decorative = actions.find((a) => a.title.startsWith('Mark as decorative'));
    assert.ok(decorative && decorative.edit);
    assert.ok(await vscode.workspace.applyEdit(decorative.edit));
    assert.match(document.lineAt(line).text, /<img src="\.\.\/images\/terminal-error\.png" alt="" \/>/);
  });

  it('shows a thumbnail and a suggestion on hover', async () => {
    const document = await open('docs', 'README.md');
    const hovers = await waitFor(async () => {
      const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(4, 8));
      const text = result.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Suggested alt/.test(text) ? text : undefined;
    }, 'a hover with a suggestion', 60_000);
    assert.match(hovers, /!\[[^\]]*\]\(data:image\/png;base64,/);
    assert.match(hovers, /command:lunette\.altText\.insert/);
  });
});

describe('Refine alt text', () => {
  it('replaces existing alt text with the suggestion, in a reference-style Markdown image', async () => {
    await api();
    const document = await open('docs', 'README.md');
    const line = document.getText().split('\n').findIndex((l) => l.includes('image of a chart'));
    const column = document.lineAt(line).text.indexOf('image of');
    const actions = await quickFixes(document, new vscode.Position(line, column + 2));
    const refine = actions.find((a) => a.title.startsWith('Refine alt text (Lunette)'));
    assert.ok(refine && refine.edit, `actions: ${actions.map((a) => a.title)}`);
    assert.ok(await vscode.workspace.applyEdit(refine.edit));
    const after = document.lineAt(line).text;
    assert.match(after, /^Monthly users: !\[[^\]]+\]\[chart\]$/);
    assert.doesNotMatch(after, /image of a chart/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
