/** Which image a command is about, and how its bytes reach the host. */
import * as vscode from 'vscode';
import type { ImageSource } from '../protocol/messages';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'jpe', 'gif', 'webp', 'avif', 'bmp', 'tif', 'tiff', 'svg'];
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export function isImageUri(uri: vscode.Uri): boolean {
  const ext = uri.path.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_EXTENSIONS.includes(ext);
}

/**
 * The image from the command's argument (explorer or editor menus pass a Uri), else the image open in the
 * active tab (the built-in image preview), else one the user picks.
 */
export async function resolveImageTarget(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  // Command links (hovers) pass their arguments as JSON: a URI string or a serialized Uri.
  if (typeof arg === 'string' && /^[a-z][\w+.-]*:/i.test(arg)) return vscode.Uri.parse(arg);
  if (isUriLike(arg)) return vscode.Uri.from(arg);
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) {
    if (isImageUri(input.uri)) return input.uri;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Choose Image'),
    filters: { [vscode.l10n.t('Images')]: IMAGE_EXTENSIONS },
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return picked?.[0];
}

function isUriLike(value: unknown): value is { scheme: string; path: string; authority?: string; query?: string; fragment?: string } {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v['scheme'] === 'string' && typeof v['path'] === 'string';
}

/** Local files go by path (the host reads them); anything else is read through the workspace file system. */
export async function imageSource(uri: vscode.Uri): Promise<ImageSource> {
  if (uri.scheme === 'file') return { path: uri.fsPath };
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_IMAGE_BYTES) throw new Error(vscode.l10n.t('{0} is too large ({1} MiB).', uri.path, (stat.size / 1048576).toFixed(1)));
  const bytes = await vscode.workspace.fs.readFile(uri);
  return { base64: Buffer.from(bytes).toString('base64'), label: uri.path.split('/').pop() ?? uri.toString() };
}

export function imageLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}
