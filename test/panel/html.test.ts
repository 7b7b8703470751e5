import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, escapeHtml, jsonForScript, makeNonce, renderPanelHtml } from '../../src/extension/panel/html';
import { PANEL_STRING_KEYS, type PanelStrings } from '../../src/protocol/webviewMessages';

const strings = Object.fromEntries(PANEL_STRING_KEYS.map((k) => [k, `«${k}»`])) as PanelStrings;
const page = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'abc123+/=',
  scriptUri: 'https://file.vscode-cdn.net/ext/dist/webview/panel.js',
  styleUri: 'https://file.vscode-cdn.net/ext/dist/webview/panel.css',
  codiconUri: 'https://file.vscode-cdn.net/ext/dist/webview/codicons/codicon.css',
  strings,
  lang: 'en',
};

describe('panel page', () => {
  it('has the CSP: nothing by default, scripts by nonce only, no connections', () => {
    const csp = contentSecurityPolicy(page.cspSource, 'N');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-N'"]);
    assert.deepEqual(directives.get('style-src'), [page.cspSource]);
    assert.deepEqual(directives.get('img-src'), [page.cspSource, 'data:', 'blob:']);
    assert.deepEqual(directives.get('font-src'), [page.cspSource]);
    assert.deepEqual(directives.get('connect-src'), ["'none'"]);
    assert.ok(!csp.includes('unsafe'));
  });

  it('runs only the nonce-bearing script, with no inline handlers or styles', () => {
    const html = renderPanelHtml(page);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 2);
    assert.ok(scripts.some((a) => a.includes(`nonce="${page.nonce}"`) && a.includes(`src="${page.scriptUri}"`)));
    assert.ok(scripts.some((a) => a.includes('type="application/json"')), 'the other one is data, which CSP never runs');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /\sstyle\s*=|<style/i, 'no inline styles');
    assert.match(html, new RegExp(`<meta http-equiv="Content-Security-Policy" content="[^"]*'nonce-${page.nonce.replace(/[+/=]/g, (c) => `\\${c}`)}'`));
  });

  it('labels every control', () => {
    const html = renderPanelHtml(page);
    for (const id of ['caption-length', 'question', 'object']) assert.match(html, new RegExp(`<label for="${id}">`));
    assert.match(html, /role="log" aria-live="polite"/);
    assert.match(html, /role="status"/);
  });

  it('escapes strings into the markup and the JSON block', () => {
    const hostile = { ...strings, caption: '<img src=x onerror=alert(1)>', dropHint: '</script><script>alert(1)</script>' };
    const html = renderPanelHtml({ ...page, strings: hostile });
    assert.ok(!html.includes('<img src=x'));
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real closing tags');
    const json = /<script type="application\/json" id="lunette-strings">(.*?)<\/script>/s.exec(html)![1]!;
    assert.deepEqual(JSON.parse(json), hostile);
    assert.equal(escapeHtml(`"'&<>`), `&quot;'&amp;&lt;&gt;`);
    assert.equal(JSON.parse(jsonForScript({ a: '</script>&' })).a, '</script>&');
  });

  it('uses a fresh nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  });

  it('works without codicons', () => {
    const { codiconUri: _unused, ...rest } = page;
    assert.ok(!renderPanelHtml(rest).includes('codicon.css'));
  });
});
