/**
 * Alt-text diagnostics: missing, empty-but-not-decorative, file names, default screenshot names, "image of",
 * too long. Each links to the WAI tutorial. Where markdownlint (MD045) or eslint-plugin-jsx-a11y (alt-text)
 * already report a missing alt, ours is left out and our quick fixes attach to theirs.
 */
import * as vscode from 'vscode';
import { type AltFinding, type Severity, checkImages } from '../altText';
import type { AltTextSettings } from '../config';
import type { DocumentImages } from './documentImages';

export const DIAGNOSTIC_SOURCE = 'Lunette';

/** Other linters' diagnostics that mean "this image has no alt text". */
export function isForeignAltDiagnostic(d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
  if (d.source === 'markdownlint' && /MD045/.test(code)) return true;
  if ((d.source === 'eslint' || d.source === 'ESLint') && /jsx-a11y\/alt-text/.test(code)) return true;
  return false;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class AltTextDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lunette-alt-text');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly images: DocumentImages,
    private readonly settings: () => AltTextSettings,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.images.forget(d);
      }),
      // Another linter's findings arriving changes which of ours to show.
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const uri of e.uris) {
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          if (doc && vscode.languages.getDiagnostics(uri).some(isForeignAltDiagnostic)) this.schedule(doc);
        }
      }),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    this.collection.clear();
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  /** Findings of a document, as the quick fixes see them (also when diagnostics are off). */
  findings(document: vscode.TextDocument): AltFinding[] {
    const found = this.images.find(document);
    if (!found || found.error) return [];
    const settings = this.settings();
    return checkImages(found.references, { maxLength: settings.maxLength, t: vscode.l10n.t });
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, 300),
    );
  }

  private update(document: vscode.TextDocument): void {
    const settings = this.settings();
    if (settings.severity === 'off' || !settings.languages.includes(document.languageId) || document.isClosed) {
      this.collection.delete(document.uri);
      return;
    }
    const found = this.images.find(document);
    // A file that does not parse right now (typing) keeps its previous diagnostics.
    if (!found || found.error) return;
    const foreign = vscode.languages.getDiagnostics(document.uri).filter(isForeignAltDiagnostic);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const finding of checkImages(found.references, { maxLength: settings.maxLength, t: vscode.l10n.t })) {
      const range = new vscode.Range(document.positionAt(finding.range.start), document.positionAt(finding.range.end));
      if (finding.ruleId === 'missing-alt' && foreign.some((f) => f.range.intersection(range))) continue;
      const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[settings.severity === 'default' ? finding.severity : settings.severity]);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(finding.helpUrl) };
      diagnostics.push(diagnostic);
    }
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}
