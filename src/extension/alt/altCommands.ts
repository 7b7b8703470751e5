/** Commands behind the hover links and the "with intent…" quick fix. Every change is a WorkspaceEdit (undoable). */
import * as vscode from 'vscode';
import { describeError } from '../../protocol/errors';
import { type EditResult, type ImageReference, addLongDescription, markDecorative, setAltText } from '../altText';
import { isCancellation } from '../hostService';
import { type DocumentImages, resolveImage } from './documentImages';
import { toWorkspaceEdit } from './edits';
import type { AltSuggestions } from './suggestions';

type Intent = 'informative' | 'functional' | 'decorative' | 'complex';

export function registerAltCommands(context: vscode.ExtensionContext, images: DocumentImages, suggestions: AltSuggestions): void {
  const register = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };

  /** Sets the alt text of the image reference at `offset` (the hover's "Insert"). */
  register('lunette.altText.insert', async (uriText: string, offset: number, text: string) => {
    if (typeof uriText !== 'string' || typeof offset !== 'number' || typeof text !== 'string') return false;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    const ref = images.at(document, offset);
    if (!ref) return false;
    return apply(document, setAltText(document.getText(), ref, text, { t: vscode.l10n.t }));
  });

  register('lunette.altText.copy', async (text: string) => {
    if (typeof text !== 'string') return;
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Alt text copied'), 2000);
  });

  register('lunette.altText.generateWithIntent', async (uri: vscode.Uri, offset: number) => {
    const document = await vscode.workspace.openTextDocument(uri);
    const ref = images.at(document, offset);
    if (!ref) return false;
    const picked = await vscode.window.showQuickPick(
      [
        { intent: 'informative' as Intent, label: vscode.l10n.t('Informative'), detail: vscode.l10n.t('The image conveys information: describe what it shows.') },
        { intent: 'functional' as Intent, label: vscode.l10n.t('Link or button'), detail: vscode.l10n.t('The image is a link or a control: describe where it goes or what it does.') },
        { intent: 'decorative' as Intent, label: vscode.l10n.t('Decorative'), detail: vscode.l10n.t('The image adds nothing to the text: screen readers should skip it (alt="").') },
        { intent: 'complex' as Intent, label: vscode.l10n.t('Complex (chart, diagram)'), detail: vscode.l10n.t('A short alt text plus a long description next to the image.') },
      ],
      { title: vscode.l10n.t('What is this image for?'), placeHolder: vscode.l10n.t('The W3C images tutorial decision tree: what role does the image play?') },
    );
    if (!picked) return false;
    try {
      return await applyIntent(document, ref, picked.intent);
    } catch (error) {
      if (!isCancellation(error)) void vscode.window.showErrorMessage(vscode.l10n.t('Lunette: {0}', describeError(error)));
      return false;
    }
  });

  async function applyIntent(document: vscode.TextDocument, ref: ImageReference, intent: Intent): Promise<boolean> {
    const version = document.version;
    if (intent === 'decorative') return apply(document, markDecorative(document.getText(), ref, { t: vscode.l10n.t }));
    const image = await resolveImage(document, ref);
    if ('skip' in image) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lunette cannot describe this image: {0}', image.skip));
      return false;
    }
    const [alt, long] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Describing {0}', ref.src), cancellable: true }, (_, token) =>
      Promise.all([suggestions.suggest(image.uri, { token }), intent === 'complex' ? suggestions.longDescription(image.uri, { token }) : Promise.resolve('')]),
    );
    // The author decides: every suggestion is shown for editing before it is written.
    const prompt =
      intent === 'functional'
        ? vscode.l10n.t('Describe where the link goes or what the button does (the suggestion describes the picture).')
        : vscode.l10n.t('Alt text (edit as needed; at most about 125 characters).');
    const shortAlt = await vscode.window.showInputBox({ title: vscode.l10n.t('Alt text for {0}', ref.src), prompt, value: alt, ignoreFocusOut: true });
    if (shortAlt === undefined) return false;
    let longText = '';
    if (intent === 'complex') {
      const edited = await vscode.window.showInputBox({ title: vscode.l10n.t('Long description for {0}', ref.src), prompt: vscode.l10n.t('Placed next to the image for everyone to read.'), value: long, ignoreFocusOut: true });
      if (edited === undefined) return false;
      longText = edited;
    }
    const current = document.version === version ? ref : images.at(document, ref.range.start);
    if (!current) return false;
    const result = intent === 'complex' ? addLongDescription(document.getText(), current, shortAlt, longText, { t: vscode.l10n.t }) : setAltText(document.getText(), current, shortAlt, { t: vscode.l10n.t });
    return apply(document, result);
  }
}

async function apply(document: vscode.TextDocument, result: EditResult): Promise<boolean> {
  if (!result.ok) {
    void vscode.window.showWarningMessage(result.reason);
    return false;
  }
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document, result.edits));
  if (applied && result.note) void vscode.window.showInformationMessage(result.note);
  return applied;
}
