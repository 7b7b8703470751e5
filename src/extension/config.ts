/** Lunette's settings, read in one place. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostConfig } from '../protocol/messages';
import type { CaptionLength } from '../protocol/tasks';
import type { Severity } from './altText';

export const SECTION = 'lunette';

export interface Settings {
  host: HostConfig;
  /** Node.js executable for the host; undefined runs it on VS Code's own runtime. */
  runtime: string | undefined;
  requestTimeoutMs: number;
  captionLength: CaptionLength;
  maxTokens: number | undefined;
  altText: AltTextSettings;
}

export interface AltTextSettings {
  /** Longest alt text to write or accept without a finding. */
  maxLength: number;
  /** Severity of alt-text findings: each rule's own ('default'), one for all, or 'off'. */
  severity: Severity | 'default' | 'off';
  /** VS Code language ids to check. */
  languages: string[];
  /** JSX components that render images, besides <img> and next/image. */
  jsxComponents: string[];
  /** Images described at once in a batch. */
  batchConcurrency: number;
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
    altText: readAltTextSettings(config),
  };
}

function readAltTextSettings(config: vscode.WorkspaceConfiguration): AltTextSettings {
  const severities = ['default', 'error', 'warning', 'information', 'hint', 'off'];
  const severity = config.get<string>('altText.severity', 'default');
  return {
    maxLength: Math.min(1000, Math.max(40, config.get<number>('altText.maxLength', 125))),
    severity: (severities.includes(severity) ? severity : 'default') as AltTextSettings['severity'],
    languages: config.get<string[]>('altText.languages', ['markdown', 'html', 'javascriptreact', 'typescriptreact']),
    jsxComponents: config.get<string[]>('altText.jsxComponents', []).filter((c) => typeof c === 'string' && c.length > 0),
    batchConcurrency: Math.min(8, Math.max(1, config.get<number>('altText.batchConcurrency', 2))),
  };
}

/** Expands `~` and workspace-relative paths. */
function resolveUserPath(value: string): string {
  if (value.startsWith('~/')) return path.join(process.env['HOME'] ?? '', value.slice(2));
  if (path.isAbsolute(value) || !value.includes(path.sep)) return value;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, value) : value;
}
