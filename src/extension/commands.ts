/** The commands: Describe Image, Ask About Image…, and the host's restart / logs / menu. */
import * as vscode from 'vscode';
import { describeError } from '../protocol/errors';
import { type HostService, isCancellation } from './hostService';
import { captionToAltText } from './altText';
import { chooseModel } from './chooseModel';
import { imageLabel, resolveImageTarget } from './imageTarget';
import { imagePanelTarget, openImagePanel } from './panel/imagePanel';

export function registerCommands(context: vscode.ExtensionContext, host: HostService, log: vscode.LogOutputChannel): void {
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  register('lunette.describeImage', async (arg: unknown) => {
    const uri = await resolveImageTarget(arg);
    if (!uri) return undefined;
    const caption = await withStreamingProgress(vscode.l10n.t('Describing {0}', imageLabel(uri)), (token, onText) =>
      host.run(uri, { task: 'caption', length: host.captionLength }, { token, onPartial: (p) => p.kind === 'text' && onText(p.text) }).then((r) => r.caption),
    );
    if (caption === undefined) return undefined;
    log.info(`Caption of ${imageLabel(uri)}: ${caption}`);
    void showResult(caption, uri);
    return caption;
  });

  register('lunette.askAboutImage', async (arg: unknown, presetQuestion?: unknown) => {
    const uri = await resolveImageTarget(arg);
    if (!uri) return undefined;
    const question =
      typeof presetQuestion === 'string'
        ? presetQuestion
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Ask about {0}', imageLabel(uri)),
            prompt: vscode.l10n.t('What do you want to know about this image?'),
            placeHolder: vscode.l10n.t('e.g. What does the error message say?'),
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Type a question.')),
          });
    if (!question?.trim()) return undefined;
    const answer = await withStreamingProgress(vscode.l10n.t('Asking about {0}', imageLabel(uri)), (token, onText) =>
      host.run(uri, { task: 'ask', question }, { token, onPartial: (p) => p.kind === 'text' && onText(p.text) }).then((r) => r.answer),
    );
    if (answer === undefined) return undefined;
    log.info(`Q: ${question} — A: ${answer}`);
    void showResult(answer, uri);
    return answer;
  });

  register('lunette.copyAltText', async (arg: unknown) => {
    const uri = await resolveImageTarget(arg);
    if (!uri) return undefined;
    const caption = await withStreamingProgress(vscode.l10n.t('Writing alt text for {0}', imageLabel(uri)), (token) =>
      host.run(uri, { task: 'caption', length: 'short' }, { token }).then((r) => r.caption),
    );
    if (caption === undefined) return undefined;
    const alt = captionToAltText(caption, { maxLength: host.currentSettings.altText.maxLength, fileNames: [uri.path.split('/').pop() ?? ''] });
    if (!alt) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lunette could not describe {0}.', imageLabel(uri)));
      return '';
    }
    await vscode.env.clipboard.writeText(alt);
    void vscode.window.showInformationMessage(vscode.l10n.t('Alt text copied: {0}', alt));
    return alt;
  });

  register('lunette.copyTextFromImage', async (arg: unknown) => {
    const uri = await resolveImageTarget(arg);
    if (!uri) return undefined;
    const lines = await withStreamingProgress(vscode.l10n.t('Reading the text in {0}', imageLabel(uri)), (token) =>
      host.run(uri, { task: 'ocr' }, { token }).then((r) => r.lines.map((l) => l.text).join('\n')),
    );
    if (lines === undefined) return undefined;
    if (!lines) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No text found in {0}.', imageLabel(uri)));
      return '';
    }
    await vscode.env.clipboard.writeText(lines);
    const count = lines.split('\n').length;
    void vscode.window.showInformationMessage(vscode.l10n.t('Copied {0} line(s) of text from {1}.', count, imageLabel(uri)));
    return lines;
  });

  // From a menu: that image. From the palette: the image in the active tab, else an empty panel to paste into.
  register('lunette.openImagePanel', (arg: unknown) => void openImagePanel(context, host, imagePanelTarget(arg)));

  register('lunette.restartHost', () => host.restart().catch((e: unknown) => void vscode.window.showErrorMessage(describeError(e))));
  register('lunette.showLogs', () => log.show(true));
  register('lunette.showHostMenu', async () => {
    const status = host.status;
    const items: (vscode.QuickPickItem & { command: string })[] = [
      { label: `$(debug-restart) ${vscode.l10n.t('Restart Model Host')}`, command: 'lunette.restartHost' },
      { label: `$(output) ${vscode.l10n.t('Show Logs')}`, command: 'lunette.showLogs' },
      { label: `$(package) ${vscode.l10n.t('Choose Model…')}`, command: 'lunette.chooseModel' },
      { label: `$(gear) ${vscode.l10n.t('Settings')}`, command: 'lunette.openSettings' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: status.error ? `Lunette: ${status.error}` : vscode.l10n.t('Lunette model host: {0}', status.state),
    });
    if (picked) await vscode.commands.executeCommand(picked.command);
  });
  register('lunette.chooseModel', () => chooseModel(context));
  register('lunette.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:lunette.lunette'));
}

/** Runs a request with a cancellable notification that shows the text as it streams. */
async function withStreamingProgress(title: string, work: (token: vscode.CancellationToken, onText: (chunk: string) => void) => Promise<string>): Promise<string | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      let text = '';
      return work(token, (chunk) => {
        text += chunk;
        progress.report({ message: truncate(text, 200) });
      });
    });
  } catch (error) {
    if (isCancellation(error)) return undefined;
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Lunette: {0}', describeError(error)), vscode.l10n.t('Show Logs'));
    if (choice) await vscode.commands.executeCommand('lunette.showLogs');
    return undefined;
  }
}

async function showResult(text: string, uri: vscode.Uri): Promise<void> {
  const copy = vscode.l10n.t('Copy');
  const ask = vscode.l10n.t('Ask a Question…');
  const choice = await vscode.window.showInformationMessage(text || vscode.l10n.t('(no answer)'), copy, ask);
  if (choice === copy) await vscode.env.clipboard.writeText(text);
  if (choice === ask) await vscode.commands.executeCommand('lunette.askAboutImage', uri);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max)}`;
}
