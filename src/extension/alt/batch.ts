/**
 * "Add Missing Alt Text in File / in Workspace": describe every image that lacks alt text, with cancellable
 * progress and bounded concurrency, and propose the result as one WorkspaceEdit whose entries need
 * confirmation, so the author reviews each suggestion in the Refactor Preview before anything is written.
 */
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';
import { describeError } from '../../protocol/errors';
import { type ImageReference, languageForId, setAltText } from '../altText';
import { isCancellation } from '../hostService';
import { type DocumentImages, resolveImage } from './documentImages';
import { toWorkspaceEdit } from './edits';
import type { AltSuggestions } from './suggestions';

const FILE_GLOB = '**/*.{md,markdown,html,htm,jsx,tsx}';
const MAX_FILES = 5000;

interface Target {
  document: vscode.TextDocument;
  ref: ImageReference;
  image: vscode.Uri;
}

export interface BatchSummary {
  files: number;
  added: number;
  skipped: Map<string, number>;
  applied: boolean;
}

/** Whether a reference needs alt text: none at all, or an empty Markdown alt (which cannot mean decorative). */
export function needsAltText(ref: ImageReference): boolean {
  if (ref.alt.kind === 'missing') return ref.ariaName === undefined && !ref.hasSpread && ref.decorativeMarker === undefined;
  if (ref.alt.kind === 'empty') return ref.language === 'markdown';
  return false;
}

export async function addMissingAltText(scope: 'file' | 'workspace', images: DocumentImages, suggestions: AltSuggestions, concurrency: number): Promise<BatchSummary | undefined> {
  const prepared = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Lunette: adding missing alt text'), cancellable: true },
    (progress, token) => prepareEdit(scope, images, suggestions, concurrency, progress, token),
  );
  if (!prepared) return undefined;
  const { edit, summary } = prepared;
  // Outside the progress: the Refactor Preview waits for the author, however long they take.
  if (summary.added > 0) summary.applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  showSummary(summary, scope);
  return summary;
}

async function prepareEdit(
  scope: 'file' | 'workspace',
  images: DocumentImages,
  suggestions: AltSuggestions,
  concurrency: number,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<{ edit: vscode.WorkspaceEdit; summary: BatchSummary } | undefined> {
  const summary: BatchSummary = { files: 0, added: 0, skipped: new Map(), applied: false };
  const skip = (reason: string): void => void summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + 1);
  const edit = new vscode.WorkspaceEdit();

  progress.report({ message: vscode.l10n.t('finding images…') });
  const documents = scope === 'file' ? activeDocument() : await workspaceDocuments(token);
  if (!documents) return undefined;
  const targets: Target[] = [];
  for (const document of documents) {
    if (token.isCancellationRequested) return undefined;
    const found = images.find(document, { force: true });
    if (!found) continue;
    summary.files++;
    if (found.error) {
      skip(vscode.l10n.t('the file does not parse'));
      continue;
    }
    for (const ref of found.references.filter(needsAltText)) {
      const resolved = await resolveImage(document, ref);
      if ('skip' in resolved) skip(ref.resolvedSrcKind === 'remote' ? vscode.l10n.t('remote image (never downloaded)') : resolved.skip);
      else targets.push({ document, ref, image: resolved.uri });
    }
  }
  if (targets.length === 0) return { edit, summary };

  // One description per image file, however often it is used.
  const unique = [...new Map(targets.map((t) => [t.image.toString(), t.image])).values()];
  const alts = new Map<string, string>();
  let done = 0;
  const step = 100 / unique.length;
  await pool(unique, concurrency, async (image) => {
    if (token.isCancellationRequested) return;
    progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', done + 1, unique.length, vscode.workspace.asRelativePath(image)) });
    try {
      const alt = await suggestions.suggest(image, { token, priority: 'batch' });
      if (alt) alts.set(image.toString(), alt);
      else skip(vscode.l10n.t('the model gave no description'));
    } catch (error) {
      if (!isCancellation(error)) skip(describeError(error));
    }
    done++;
    progress.report({ increment: step });
  });
  if (token.isCancellationRequested) return undefined;

  for (const target of targets) {
    const alt = alts.get(target.image.toString());
    if (!alt) continue;
    const result = setAltText(target.document.getText(), target.ref, alt, { t: vscode.l10n.t });
    if (!result.ok) {
      skip(result.reason);
      continue;
    }
    toWorkspaceEdit(target.document, result.edits, { needsConfirmation: true, label: vscode.l10n.t('Alt text for {0}', target.ref.src), description: alt }, edit);
    summary.added++;
  }
  return { edit, summary };
}

function activeDocument(): vscode.TextDocument[] | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !languageForId(document.languageId)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown, HTML, JSX or TSX file first.'));
    return undefined;
  }
  return [document];
}

/** Markdown, HTML, JSX and TSX files of the workspace, without files.exclude'd and .gitignore'd ones. */
async function workspaceDocuments(token: vscode.CancellationToken): Promise<vscode.TextDocument[]> {
  const uris = await vscode.workspace.findFiles(FILE_GLOB, undefined, MAX_FILES, token);
  const ignores = new Map<string, Ignore>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) ignores.set(folder.uri.toString(), await gitignore(folder.uri));
  const documents: vscode.TextDocument[] = [];
  for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const relative = folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
    if (folder && relative && ignores.get(folder.uri.toString())?.ignores(relative)) continue;
    documents.push(await vscode.workspace.openTextDocument(uri));
  }
  return documents;
}

async function gitignore(folder: vscode.Uri): Promise<Ignore> {
  const rules = ignore();
  try {
    rules.add(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.gitignore'))));
  } catch {
    // no .gitignore
  }
  return rules;
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

function showSummary(summary: BatchSummary, scope: 'file' | 'workspace'): void {
  const skipped = [...summary.skipped.entries()].map(([reason, n]) => `${n} × ${reason}`).join('; ');
  const where = scope === 'file' ? vscode.l10n.t('this file') : vscode.l10n.t('{0} file(s)', summary.files);
  let message: string;
  if (summary.added === 0) message = vscode.l10n.t('No missing alt text to add in {0}.', where);
  else if (summary.applied) message = vscode.l10n.t('Suggested alt text for {0} image(s) in {1}: review them in the Refactor Preview.', summary.added, where);
  else message = vscode.l10n.t('Suggested alt text for {0} image(s) in {1}, but nothing was applied.', summary.added, where);
  void vscode.window.showInformationMessage(skipped ? `${message} ${vscode.l10n.t('Skipped: {0}.', skipped)}` : message);
}
