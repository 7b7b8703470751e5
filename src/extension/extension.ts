/** Activation: wires the log channel, the model host service, the status item and the commands. */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { SECTION } from './config';
import { HostService } from './hostService';
import { createLog } from './log';
import { HostStatusItem } from './statusItem';

let service: HostService | undefined;

export function activate(context: vscode.ExtensionContext): { host: HostService } {
  const log = createLog();
  const host = new HostService(context, log);
  const status = new HostStatusItem();
  service = host;
  context.subscriptions.push(log, status, host.onDidChangeStatus((s) => status.update(s)));
  registerCommands(context, host, log);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SECTION)) {
        host.reloadSettings().catch((error: unknown) => log.error(`Applying settings failed: ${String(error)}`));
      }
    }),
  );
  log.info(`Lunette activated (VS Code ${vscode.version})`);
  // The returned API lets the integration tests reach the host service.
  return { host };
}

export async function deactivate(): Promise<void> {
  await service?.dispose();
  service = undefined;
}
