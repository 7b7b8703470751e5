/**
 * Alt-text suggestions from the model: a short caption turned into alt text (WAI guidance), cached per image
 * file version so hovers, quick fixes and batches never describe the same file twice.
 */
import * as vscode from 'vscode';
import type { Priority } from '../../protocol/messages';
import { captionToAltText } from '../altText';
import type { HostService } from '../hostService';

export interface SuggestOptions {
  token?: vscode.CancellationToken;
  priority?: Priority;
}

export class AltSuggestions {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly host: HostService,
    private readonly maxLength: () => number,
  ) {}

  /** The cached suggestion for this file version, if any (no model run). */
  async cached(uri: vscode.Uri): Promise<string | undefined> {
    const key = await this.key(uri);
    return key ? this.cache.get(key) : undefined;
  }

  /** Alt text for an image: short, no "image of", no file name, at most the configured length. */
  async suggest(uri: vscode.Uri, options: SuggestOptions = {}): Promise<string> {
    const key = await this.key(uri);
    const hit = key ? this.cache.get(key) : undefined;
    if (hit !== undefined) return hit;
    const { caption } = await this.host.run(uri, { task: 'caption', length: 'short' }, { ...(options.token ? { token: options.token } : {}), priority: options.priority ?? 'interactive' });
    const alt = captionToAltText(caption, { maxLength: this.maxLength(), fileNames: [fileName(uri)] });
    if (key && alt) this.cache.set(key, alt);
    return alt;
  }

  /** A long description for a complex image (charts, diagrams): the model's long caption, one paragraph. */
  async longDescription(uri: vscode.Uri, options: SuggestOptions = {}): Promise<string> {
    const { caption } = await this.host.run(uri, { task: 'caption', length: 'long' }, { ...(options.token ? { token: options.token } : {}), priority: options.priority ?? 'interactive' });
    return caption.replace(/\s+/g, ' ').trim();
  }

  private async key(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return `${uri.toString()}|${stat.mtime}|${stat.size}`;
    } catch {
      return undefined;
    }
  }
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? '';
}
