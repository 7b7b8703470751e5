/** Image sources: how a `src` resolves, the file path in it, and `srcset` candidates (per the HTML standard). */
import type { SrcCandidate, SrcKind } from './types';

/** Template placeholders of common site generators and frameworks: `{{ x }}`, `{% x %}`, `${x}`, `<%= x %>`. */
const TEMPLATE = /\{\{|\{%|\$\{|<%/;

export function classifySrc(src: string): SrcKind {
  const s = src.trim();
  if (s === '' || TEMPLATE.test(s)) return 'unknown';
  if (/^data:/i.test(s)) return 'data';
  if (/^https?:/i.test(s) || s.startsWith('//')) return 'remote';
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return 'unknown'; // file:, blob:, C:\, mailto:, …
  if (s.startsWith('/') || s.startsWith('\\')) return 'root';
  if (/^[~@#]/.test(s)) return 'unknown'; // bundler aliases (~/…, @/…) and fragments
  return 'relative';
}

/**
 * The file path of a `relative` or `root` src: query and fragment removed (`a.png?raw`, `a.png#gh-dark-mode-only`),
 * percent-escapes decoded (`my%20shot.png`). Join it to the document's folder (or the workspace root) with
 * `Uri.joinPath`; never with `path`, which breaks virtual workspaces.
 */
export function srcPath(src: string): string {
  let s = src.trim();
  const cut = s.search(/[?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  try {
    s = decodeURI(s);
  } catch {
    // a lone % stays as written
  }
  return s;
}

/** The file name of a src (`img/hero.png?x` → `hero.png`), '' if there is none. */
export function srcFileName(src: string): string {
  const p = srcPath(src).replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/**
 * Parses a `srcset` value (HTML standard "parse a srcset attribute", simplified: descriptors are kept as text).
 * `offset` is the document offset of the value's first character, so each candidate's range points into the document.
 * Valid only when the attribute value is written without character references (true of nearly every real srcset);
 * if it has any, ranges fall back to the whole value.
 */
export function parseSrcset(value: string, offset: number, rawHasEntities = false): SrcCandidate[] {
  const out: SrcCandidate[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (isSpace(value[i]!) || value[i] === ',')) i++;
    if (i >= n) break;
    const urlStart = i;
    while (i < n && !isSpace(value[i]!)) i++;
    let urlEnd = i;
    let url = value.slice(urlStart, urlEnd);
    let descriptor = '';
    if (url.endsWith(',')) {
      while (url.endsWith(',')) url = url.slice(0, -1);
      urlEnd = urlStart + url.length;
    } else {
      // descriptors up to the next comma outside parentheses
      let depth = 0;
      const dStart = i;
      while (i < n) {
        const c = value[i]!;
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
      descriptor = value.slice(dStart, i).trim();
      i++; // the comma
    }
    if (url === '') continue;
    const range = rawHasEntities ? { start: offset, end: offset + value.length } : { start: offset + urlStart, end: offset + urlEnd };
    out.push({ url, range, descriptor });
  }
  return out;
}

/** The scale of a descriptor for choosing the most detailed candidate: `800w` → 800, `2x` → 2 × 1000, '' → 1000. */
function weight(descriptor: string): number {
  const w = /(\d+(?:\.\d+)?)w\b/.exec(descriptor);
  if (w) return Number(w[1]);
  const x = /(\d+(?:\.\d+)?)x\b/.exec(descriptor);
  if (x) return Number(x[1]) * 1000;
  return 1000;
}

/**
 * The candidate to describe: the most detailed one (largest width or density). The model downsizes anyway, but a
 * 1x thumbnail of a screenshot may be too small to read its text.
 */
export function bestCandidate(candidates: readonly SrcCandidate[]): SrcCandidate | undefined {
  let best: SrcCandidate | undefined;
  for (const c of candidates) if (!best || weight(c.descriptor) > weight(best.descriptor)) best = c;
  return best;
}
