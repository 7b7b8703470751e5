/**
 * Pasted and dropped images are written to the extension's global storage, named by their content hash, and
 * from then on handled like any image file: the host reads them by path, the webview loads them with
 * asWebviewUri, and a restored panel finds them again after a reload. Files older than a week, or beyond the
 * newest 50, are deleted (never one an open panel shows).
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_FILES = 50;
const NAME = /^[0-9a-f]{32}\.(png|jpg|gif|webp|bmp)$/;

export class PasteStore {
  readonly dir: vscode.Uri;

  constructor(storageUri: vscode.Uri) {
    this.dir = vscode.Uri.joinPath(storageUri, 'pasted');
  }

  async save(bytes: Uint8Array, extension: string): Promise<vscode.Uri> {
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${extension}`;
    const uri = vscode.Uri.joinPath(this.dir, name);
    await vscode.workspace.fs.createDirectory(this.dir);
    // Written again when it exists, so its age counts from the latest paste.
    await vscode.workspace.fs.writeFile(uri, bytes);
    return uri;
  }

  /** Whether `uri` names a file this store wrote (checked before trusting a Uri from a restored state). */
  contains(uri: vscode.Uri): boolean {
    if (uri.scheme !== this.dir.scheme || uri.authority !== this.dir.authority) return false;
    const prefix = `${this.dir.path}/`;
    return uri.path.startsWith(prefix) && NAME.test(uri.path.slice(prefix.length));
  }

  async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
    } catch {
      return false;
    }
  }

  /** Deletes old pastes; `keep` holds the Uris (as strings) that open panels show. */
  async prune(keep: ReadonlySet<string>, now = Date.now()): Promise<void> {
    let names: [string, vscode.FileType][];
    try {
      names = await vscode.workspace.fs.readDirectory(this.dir);
    } catch {
      return; // nothing pasted yet
    }
    const files: { uri: vscode.Uri; mtime: number }[] = [];
    for (const [name, type] of names) {
      if (type !== vscode.FileType.File || !NAME.test(name)) continue;
      const uri = vscode.Uri.joinPath(this.dir, name);
      try {
        files.push({ uri, mtime: (await vscode.workspace.fs.stat(uri)).mtime });
      } catch {
        // gone meanwhile
      }
    }
    files.sort((a, b) => b.mtime - a.mtime);
    const doomed = files.filter((f, index) => (index >= MAX_FILES || now - f.mtime > MAX_AGE_MS) && !keep.has(f.uri.toString()));
    await Promise.all(doomed.map((f) => Promise.resolve(vscode.workspace.fs.delete(f.uri)).catch(() => undefined)));
  }
}
