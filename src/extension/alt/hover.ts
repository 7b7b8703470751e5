/**
 * Hover on an image reference: a small thumbnail (a data: URI the host makes with sharp, never the full
 * file), the current alt text, a suggestion (cached, or computed within a short budget and then cached), and
 * links to insert or copy it, or to ask about the image.
 */
import * as vscode from 'vscode';
import { describeError } from '../../protocol/errors';
import type { ImageReference } from '../altText';
import type { HostService } from '../hostService';
import { type DocumentImages, resolveImage } from './documentImages';
import type { AltSuggestions } from './suggestions';

/** How long a hover waits for a new suggestion before showing without it (it is cached for the next hover). */
const SUGGESTION_BUDGET_MS = 2500;
const THUMBNAIL_SIZE = 160;

export class ImageReferenceHover implements vscode.HoverProvider {
  constructor(
    private readonly images: DocumentImages,
    private readonly host: HostService,
    private readonly suggestions: AltSuggestions,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const ref = this.images.at(document, document.offsetAt(position));
    if (!ref) return undefined;
    const range = new vscode.Range(document.positionAt(ref.range.start), document.positionAt(ref.range.end));
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['lunette.altText.insert', 'lunette.altText.copy', 'lunette.askAboutImage', 'lunette.openImagePanel'] };
    md.supportHtml = false;

    const image = await resolveImage(document, ref);
    if ('skip' in image) {
      md.appendMarkdown(`**${vscode.l10n.t('Lunette')}**: ${escape(image.skip)}\n\n`);
      appendCurrentAlt(md, ref);
      return new vscode.Hover(md, range);
    }
    const [thumbnail, suggestion] = await Promise.all([
      this.host.thumbnail(image.uri, THUMBNAIL_SIZE).catch((error: unknown) => error as Error),
      this.suggestionWithinBudget(image.uri, token),
    ]);
    if (token.isCancellationRequested) return undefined;
    if (thumbnail instanceof Error) {
      md.appendMarkdown(`$(warning) ${escape(describeError(thumbnail))}\n\n`);
    } else {
      md.appendMarkdown(`![${escape(vscode.l10n.t('Thumbnail of {0}', ref.src))}](${thumbnail.dataUri})\n\n`);
      md.appendMarkdown(`${escape(ref.src)} · ${thumbnail.width}×${thumbnail.height} ${thumbnail.format.toUpperCase()}\n\n`);
    }
    appendCurrentAlt(md, ref);
    if (typeof suggestion === 'string' && suggestion) {
      md.appendMarkdown(`**${vscode.l10n.t('Suggested alt')}:** ${escape(suggestion)}\n\n`);
      const links = [];
      if (ref.alt.kind !== 'dynamic' && suggestion !== ref.alt.value) {
        links.push(commandLink(`$(check) ${vscode.l10n.t('Insert')}`, 'lunette.altText.insert', [document.uri.toString(), ref.range.start, suggestion]));
      }
      links.push(commandLink(`$(copy) ${vscode.l10n.t('Copy')}`, 'lunette.altText.copy', [suggestion]));
      links.push(commandLink(`$(comment-discussion) ${vscode.l10n.t('Ask about this image…')}`, 'lunette.askAboutImage', [image.uri]));
      md.appendMarkdown(links.join(' · '));
    } else {
      const why = suggestion instanceof Error ? escape(describeError(suggestion)) : vscode.l10n.t('Describing… hover again in a moment.');
      md.appendMarkdown(`*${why}*\n\n`);
      md.appendMarkdown(commandLink(`$(comment-discussion) ${vscode.l10n.t('Ask about this image…')}`, 'lunette.askAboutImage', [image.uri]));
    }
    return new vscode.Hover(md, range);
  }

  /** The suggestion if it is cached or ready within the budget; the request goes on and fills the cache. */
  private async suggestionWithinBudget(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string | Error | undefined> {
    const cached = await this.suggestions.cached(uri);
    if (cached !== undefined) return cached;
    const pending = this.suggestions.suggest(uri, { priority: 'interactive' }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    const timeout = new Promise<undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), SUGGESTION_BUDGET_MS);
      token.onCancellationRequested(() => {
        clearTimeout(timer);
        resolve(undefined);
      });
    });
    return Promise.race([pending, timeout]);
  }
}

function appendCurrentAlt(md: vscode.MarkdownString, ref: ImageReference): void {
  const label = vscode.l10n.t('Current alt');
  switch (ref.alt.kind) {
    case 'missing':
      md.appendMarkdown(`**${label}:** *${vscode.l10n.t('none')}*\n\n`);
      break;
    case 'empty':
      md.appendMarkdown(`**${label}:** *${ref.decorativeMarker || ref.language !== 'markdown' ? vscode.l10n.t('empty (decorative)') : vscode.l10n.t('empty')}*\n\n`);
      break;
    case 'text':
      md.appendMarkdown(`**${label}:** ${escape(ref.alt.value ?? '')}\n\n`);
      break;
    case 'dynamic':
      md.appendMarkdown(`**${label}:** *${vscode.l10n.t('set at run time')}*\n\n`);
      break;
  }
}

function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

/** Model output and file names are text, never Markdown. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
