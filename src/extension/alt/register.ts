/** Wires the alt-text features: diagnostics, quick fixes, hover, batch commands. */
import * as vscode from 'vscode';
import type { Settings } from '../config';
import type { HostService } from '../hostService';
import { registerAltCommands } from './altCommands';
import { addMissingAltText } from './batch';
import { AltTextCodeActions } from './codeActions';
import { AltTextDiagnostics } from './diagnostics';
import { DocumentImages } from './documentImages';
import { ImageReferenceHover } from './hover';
import { AltSuggestions } from './suggestions';

const LANGUAGES = ['markdown', 'html', 'javascriptreact', 'typescriptreact'];

export function registerAltText(context: vscode.ExtensionContext, host: HostService, settings: () => Settings): { diagnostics: AltTextDiagnostics } {
  const images = new DocumentImages(() => settings().altText.jsxComponents);
  const suggestions = new AltSuggestions(host, () => settings().altText.maxLength);
  const diagnostics = new AltTextDiagnostics(images, () => settings().altText);
  const selector = LANGUAGES.flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }, { language, scheme: 'vscode-remote' }]);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new AltTextCodeActions(images, suggestions), { providedCodeActionKinds: AltTextCodeActions.kinds }),
    vscode.languages.registerHoverProvider(selector, new ImageReferenceHover(images, host, suggestions)),
    vscode.commands.registerCommand('lunette.altText.addMissingInFile', () => addMissingAltText('file', images, suggestions, settings().altText.batchConcurrency)),
    vscode.commands.registerCommand('lunette.altText.addMissingInWorkspace', () => addMissingAltText('workspace', images, suggestions, settings().altText.batchConcurrency)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lunette.altText')) {
        images.clear();
        diagnostics.refreshAll();
      }
    }),
  );
  registerAltCommands(context, images, suggestions);
  return { diagnostics };
}
