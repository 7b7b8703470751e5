/**
 * The image panel's page: a static skeleton with localized labels, the strings the script needs, and a CSP
 * with a fresh nonce for every render. No `vscode` import, so the tests check the page and its CSP directly.
 */
import { randomBytes } from 'node:crypto';
import { LIMITS, type PanelStrings } from '../../protocol/webviewMessages';

export interface PanelPage {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** Webview URLs (`asWebviewUri`) of the bundled script and styles. */
  scriptUri: string;
  styleUri: string;
  /** The codicon stylesheet; absent: buttons show their text only. */
  codiconUri?: string;
  strings: PanelStrings;
  /** `vscode.env.language`. */
  lang: string;
}

/** 128 random bits, base64: a nonce no page has used before. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Escapes text for element content and double-quoted attribute values (the only kind this page uses). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** JSON that is safe inside a <script type="application/json"> block (no `</script>`, no comment openers). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function renderPanelHtml(page: PanelPage): string {
  const s = (key: keyof PanelStrings): string => escapeHtml(page.strings[key]);
  const attr = escapeHtml;
  const codicons = page.codiconUri ? `\n  <link rel="stylesheet" href="${attr(page.codiconUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="${attr(page.lang)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, page.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">${codicons}
  <link rel="stylesheet" href="${attr(page.styleUri)}">
  <title>Lunette</title>
</head>
<body>
  <main id="lunette-panel">
    <section id="drop-zone" class="image-area" aria-label="${s('imageRegion')}">
      <p id="drop-hint" class="hint"><span class="codicon codicon-file-media" aria-hidden="true"></span> ${s('dropHint')}</p>
      <figure id="figure" hidden>
        <div class="frame">
          <img id="image" alt="">
          <svg id="overlay" class="overlay" aria-hidden="true" preserveAspectRatio="none" viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"></svg>
        </div>
        <figcaption id="image-label"></figcaption>
      </figure>
      <p id="image-problem" class="problem" role="status" hidden></p>
    </section>

    <section class="controls" aria-label="${s('controls')}">
      <div class="row">
        <label for="caption-length">${s('captionLength')}</label>
        <select id="caption-length">
          <option value="short">${s('lengthShort')}</option>
          <option value="normal">${s('lengthNormal')}</option>
          <option value="long">${s('lengthLong')}</option>
        </select>
        <button id="caption" type="button"><span class="codicon codicon-eye" aria-hidden="true"></span><span>${s('caption')}</span></button>
        <button id="read-text" type="button" class="secondary"><span class="codicon codicon-whole-word" aria-hidden="true"></span><span>${s('readText')}</span></button>
      </div>
      <form id="ask-form" class="row" novalidate>
        <label for="question">${s('question')}</label>
        <input id="question" type="text" autocomplete="off" spellcheck="true" maxlength="${LIMITS.question}" placeholder="${s('questionPlaceholder')}">
        <button id="ask" type="submit"><span class="codicon codicon-send" aria-hidden="true"></span><span>${s('ask')}</span></button>
      </form>
      <form id="find-form" class="row" novalidate>
        <label for="object">${s('object')}</label>
        <input id="object" type="text" autocomplete="off" spellcheck="false" maxlength="${LIMITS.object}" placeholder="${s('objectPlaceholder')}">
        <button id="detect" type="submit"><span class="codicon codicon-symbol-field" aria-hidden="true"></span><span>${s('detect')}</span></button>
        <button id="point" type="button" class="secondary"><span class="codicon codicon-location" aria-hidden="true"></span><span>${s('point')}</span></button>
      </form>
      <p id="host-status" class="host-status" hidden></p>
      <p id="notice" class="notice" hidden></p>
    </section>

    <section class="results" aria-labelledby="transcript-heading">
      <div class="results-header">
        <h2 id="transcript-heading">${s('transcript')}</h2>
        <button id="clear" type="button" class="secondary"><span class="codicon codicon-clear-all" aria-hidden="true"></span><span>${s('clear')}</span></button>
      </div>
      <p id="empty" class="hint">${s('emptyTranscript')}</p>
      <div id="transcript" role="log" aria-live="polite" aria-relevant="additions text" aria-labelledby="transcript-heading"></div>
    </section>
    <div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
  </main>
  <script type="application/json" id="lunette-strings">${jsonForScript(page.strings)}</script>
  <script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>`;
}
