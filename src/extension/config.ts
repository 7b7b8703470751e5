/** Lunette's settings, read in one place. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostConfig } from '../protocol/messages';
import type { CaptionLength } from '../protocol/tasks';

export const SECTION = 'lunette';

export interface Settings {
  host: HostConfig;
  /** Node.js executable for the host; undefined runs it on VS Code's own runtime. */
  runtime: string | undefined;
  requestTimeoutMs: number;
  captionLength: CaptionLength;
  maxTokens: number | undefined;
}

export function readSettings(context: vscode.ExtensionContext): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const modelPath = config.get<string>('model.path', '').trim();
  const runtime = config.get<string>('host.runtime', '').trim();
  const maxTokens = config.get<number>('generation.maxTokens', 0);
  return {
    host: {
      modelDir: modelPath ? resolveUserPath(modelPath) : context.asAbsolutePath(path.join('models', 'lunette-nano')),
      threads: Math.max(0, config.get<number>('host.threads', 0)),
      idleUnloadMs: Math.max(0, config.get<number>('host.idleUnloadMinutes', 10)) * 60_000,
      imageCacheBytes: Math.max(16, config.get<number>('host.imageCacheMegabytes', 256)) * 1024 * 1024,
      queueLimit: 256,
    },
    runtime: runtime ? resolveUserPath(runtime) : undefined,
    requestTimeoutMs: Math.max(5, config.get<number>('host.requestTimeoutSeconds', 120)) * 1000,
    captionLength: config.get<CaptionLength>('caption.length', 'normal'),
    maxTokens: maxTokens > 0 ? maxTokens : undefined,
  };
}

/** Expands `~` and workspace-relative paths. */
function resolveUserPath(value: string): string {
  if (value.startsWith('~/')) return path.join(process.env['HOME'] ?? '', value.slice(2));
  if (path.isAbsolute(value) || !value.includes(path.sep)) return value;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, value) : value;
}
