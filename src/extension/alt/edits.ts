/** From the alt-text core's offset edits to VS Code's WorkspaceEdit. */
import * as vscode from 'vscode';
import type { TextEdit } from '../altText';

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], metadata?: vscode.WorkspaceEditEntryMetadata, into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const edit of edits) {
    const range = new vscode.Range(document.positionAt(edit.range.start), document.positionAt(edit.range.end));
    if (metadata) into.replace(document.uri, range, edit.newText, metadata);
    else into.replace(document.uri, range, edit.newText);
  }
  return into;
}
