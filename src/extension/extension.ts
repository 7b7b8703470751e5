/** Activation: wires the log channel, the model host service, the status item and the commands. */
import * as vscode from 'vscode';
import { registerAltText } from './alt/register';
import { registerCommands } from './commands';
import { SECTION } from './config';
import { HostService } from './hostService';
import { createLog } from './log';
import { registerImagePanel } from './panel/imagePanel';
import { HostStatusItem } from './statusItem';

let service: HostService | undefined;

export interface LunetteApi {
  host: HostService;
  /** Alt-text findings of a document, for tests and other extensions. */
  altTextFindings(document: vscode.TextDocument): ReturnType<ReturnType<typeof registerAltText>['diagnostics']['findings']>;
}

export function activate(context: vscode.ExtensionContext): LunetteApi {
  const log = createLog();
  const host = new HostService(context, log);
  const status = new HostStatusItem();
  service = host;
  context.subscriptions.push(log, status, host.onDidChangeStatus((s) => status.update(s)));
  registerCommands(context, host, log);
  registerImagePanel(context, host, log);
  // Settings first: the features below read them when the configuration changes.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        host.reloadSettings().catch((error: unknown) => log.error(`Applying settings failed: ${String(error)}`));
      }
    }),
  );
  const alt = registerAltText(context, host, () => host.currentSettings);
  log.info(`Lunette activated (VS Code ${vscode.version})`);
  // The returned API lets the integration tests reach the host service.
  return { host, altTextFindings: (document) => alt.diagnostics.findings(document) };
}

export async function deactivate(): Promise<void> {
  await service?.dispose();
  service = undefined;
}
