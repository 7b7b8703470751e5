/**
 * Image references of open documents, parsed once per document version, and where their files are.
 * Paths resolve relative to the document, or for `/`-paths to the workspace folder (and `public/` for
 * next/image), always through `vscode.Uri` and `workspace.fs` so remote and virtual workspaces work.
 */
import * as vscode from 'vscode';
import { type FindResult, type ImageReference, describeSkipReason, findImageReferences, languageForId, srcPath } from '../altText';
import { isImageUri } from '../imageTarget';

/** Documents larger than this are not parsed on every change (a 330 KB README took seconds here). */
const MAX_LIVE_BYTES = 512 * 1024;

export class DocumentImages {
  private readonly cache = new Map<string, { version: number; result: FindResult }>();

  constructor(private readonly jsxComponents: () => string[]) {}

  /** References of a document, or undefined for languages without images or documents too large to parse live. */
  find(document: vscode.TextDocument, options: { force?: boolean } = {}): FindResult | undefined {
    const language = languageForId(document.languageId);
    if (!language) return undefined;
    const text = document.getText();
    if (text.length > MAX_LIVE_BYTES && !options.force) return undefined;
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const result = findImageReferences(text, language.language, { typescript: language.typescript, components: this.jsxComponents() });
    this.cache.set(key, { version: document.version, result });
    return result;
  }

  /** The reference whose image range contains the offset. */
  at(document: vscode.TextDocument, offset: number): ImageReference | undefined {
    return this.find(document)?.references.find((r) => r.range.start <= offset && offset <= r.range.end);
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }
}

export type ResolvedImage = { uri: vscode.Uri } | { skip: string };

/** The image file a reference points to, or why it cannot be described. */
export async function resolveImage(document: vscode.TextDocument, ref: ImageReference): Promise<ResolvedImage> {
  const reason = describeSkipReason(ref, { t: vscode.l10n.t });
  if (reason) return { skip: reason };
  const relative = srcPath(ref.src);
  if (!relative) return { skip: vscode.l10n.t('The image has no source.') };
  const candidates: vscode.Uri[] = [];
  if (ref.resolvedSrcKind === 'root') {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return { skip: vscode.l10n.t('{0} is relative to a site root, and no workspace folder is open.', ref.src) };
    const path = relative.replace(/^\/+/, '');
    const roots = ref.component === 'next/image' ? ['public', '', 'static'] : ['', 'public', 'static'];
    for (const root of roots) candidates.push(root ? vscode.Uri.joinPath(folder.uri, root, path) : vscode.Uri.joinPath(folder.uri, path));
  } else {
    candidates.push(vscode.Uri.joinPath(document.uri, '..', relative));
  }
  for (const uri of candidates) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.File) {
        if (!isImageUri(uri)) return { skip: vscode.l10n.t('{0} is not an image file Lunette reads.', ref.src) };
        return { uri };
      }
    } catch {
      // try the next candidate
    }
  }
  return { skip: vscode.l10n.t('{0} was not found.', ref.src) };
}
