/**
 * Quick fixes on image references: Generate alt text (the model runs in resolveCodeAction, only when the fix is
 * chosen), Refine alt text, Mark as decorative, and Generate alt text with intent… (informative, link or
 * button, decorative, complex). They attach to our diagnostics and to markdownlint's / jsx-a11y's.
 */
import * as vscode from 'vscode';
import { describeError } from '../../protocol/errors';
import { describeSkipReason, markDecorative, setAltText } from '../altText';
import { isCancellation } from '../hostService';
import { DIAGNOSTIC_SOURCE, isForeignAltDiagnostic } from './diagnostics';
import { type DocumentImages, resolveImage } from './documentImages';
import { toWorkspaceEdit } from './edits';
import type { AltSuggestions } from './suggestions';

type Mode = 'generate' | 'refine';

class GenerateAltAction extends vscode.CodeAction {
  constructor(
    title: string,
    readonly document: vscode.TextDocument,
    readonly version: number,
    readonly offset: number,
    readonly mode: Mode,
  ) {
    super(title, vscode.CodeActionKind.QuickFix);
  }
}

export class AltTextCodeActions implements vscode.CodeActionProvider<vscode.CodeAction> {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly images: DocumentImages,
    private readonly suggestions: AltSuggestions,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const found = this.images.find(document);
    if (!found) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const actions: vscode.CodeAction[] = [];
    for (const ref of found.references) {
      if (ref.range.end < start || ref.range.start > end) continue;
      const refRange = new vscode.Range(document.positionAt(ref.range.start), document.positionAt(ref.range.end));
      const diagnostics = context.diagnostics.filter((d) => d.range.intersection(refRange) && (d.source === DIAGNOSTIC_SOURCE || isForeignAltDiagnostic(d)));
      const skip = describeSkipReason(ref, { t: vscode.l10n.t });
      const decorative = ref.decorativeMarker !== undefined || (ref.alt.kind === 'empty' && ref.language !== 'markdown');
      const needsAlt = ref.alt.kind === 'missing' || (ref.alt.kind === 'empty' && !decorative) || diagnostics.length > 0;
      if (!skip && ref.alt.kind !== 'dynamic') {
        if (needsAlt && ref.alt.kind !== 'text') {
          const action = new GenerateAltAction(vscode.l10n.t('Generate alt text (Lunette)'), document, document.version, ref.range.start, 'generate');
          action.diagnostics = diagnostics;
          action.isPreferred = true;
          actions.push(action);
        } else if (ref.alt.kind === 'text') {
          const action = new GenerateAltAction(vscode.l10n.t('Refine alt text (Lunette)'), document, document.version, ref.range.start, 'refine');
          action.diagnostics = diagnostics;
          action.isPreferred = diagnostics.length > 0;
          actions.push(action);
        }
        const intent = new vscode.CodeAction(vscode.l10n.t('Generate alt text with intent… (Lunette)'), vscode.CodeActionKind.QuickFix);
        intent.command = { command: 'lunette.altText.generateWithIntent', title: intent.title, arguments: [document.uri, ref.range.start] };
        intent.diagnostics = diagnostics;
        actions.push(intent);
      }
      if (!decorative && ref.alt.kind !== 'dynamic') {
        const result = markDecorative(document.getText(), ref, { t: vscode.l10n.t });
        if (result.ok) {
          const action = new vscode.CodeAction(vscode.l10n.t('Mark as decorative (alt="") (Lunette)'), vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document, result.edits);
          action.diagnostics = diagnostics;
          actions.push(action);
        }
      }
    }
    return actions;
  }

  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    if (!(action instanceof GenerateAltAction)) return action;
    const { document } = action;
    const ref = this.images.at(document, action.offset);
    if (!ref || document.version !== action.version) return action;
    try {
      const image = await resolveImage(document, ref);
      if ('skip' in image) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lunette cannot describe this image: {0}', image.skip));
        return action;
      }
      const alt = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Lunette: describing {0}', ref.src) },
        () => this.suggestions.suggest(image.uri, { token }),
      );
      if (!alt) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lunette could not describe {0}.', ref.src));
        return action;
      }
      const current = this.images.at(document, action.offset);
      if (!current || document.version !== action.version) return action;
      const result = setAltText(document.getText(), current, alt, { t: vscode.l10n.t });
      if (result.ok) action.edit = toWorkspaceEdit(document, result.edits);
      else void vscode.window.showWarningMessage(result.reason);
    } catch (error) {
      if (!isCancellation(error)) void vscode.window.showErrorMessage(vscode.l10n.t('Lunette: {0}', describeError(error)));
    }
    return action;
  }
}

