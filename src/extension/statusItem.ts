/** The status bar item: what the model host is doing, and a menu of what can be done about it. */
import * as vscode from 'vscode';
import type { ClientStatus } from '../host/client';

export class HostStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('lunette.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Lunette Model Host');
    this.item.command = 'lunette.showHostMenu';
    this.update({ state: 'stopped', pending: 0 });
    this.item.show();
  }

  update(status: ClientStatus): void {
    const { text, tooltip, error } = describe(status);
    this.item.text = text;
    this.item.tooltip = new vscode.MarkdownString(tooltip);
    this.item.backgroundColor = error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: tooltip.replace(/[*`]/g, '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}

function describe(status: ClientStatus): { text: string; tooltip: string; error: boolean } {
  const model = status.model ? `\n\nModel: ${status.model}` : '';
  switch (status.state) {
    case 'stopped':
    case 'idle':
      return { text: '$(eye) Lunette', tooltip: vscode.l10n.t('Lunette: ready (the model loads on first use)') + model, error: false };
    case 'starting':
      return { text: '$(loading~spin) Lunette', tooltip: vscode.l10n.t('Lunette: starting the model host'), error: false };
    case 'loading':
      return { text: '$(loading~spin) Lunette', tooltip: vscode.l10n.t('Lunette: loading the model'), error: false };
    case 'ready':
      return { text: '$(eye) Lunette', tooltip: vscode.l10n.t('Lunette: model loaded') + model, error: false };
    case 'busy':
      return {
        text: `$(sync~spin) Lunette ${status.pending}`,
        tooltip: vscode.l10n.t('Lunette: working ({0} request(s) pending)', status.pending) + model,
        error: false,
      };
    case 'restarting':
      return { text: '$(debug-restart) Lunette', tooltip: vscode.l10n.t('Lunette: {0}', status.error ?? 'restarting'), error: true };
    case 'error':
    case 'failed':
      return { text: '$(error) Lunette', tooltip: vscode.l10n.t('Lunette: {0}', status.error ?? 'error') + '\n\n' + vscode.l10n.t('Click for options.'), error: true };
  }
}
