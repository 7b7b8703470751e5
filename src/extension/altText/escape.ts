/**
 * Writing text into each language so that it reads back exactly:
 * - Markdown alt (bracket text) and paragraphs: backslash escapes, as few as needed — each candidate is re-parsed
 *   with the same parser and kept only if it reads back as the same text;
 * - HTML attribute values and text: character references;
 * - JSX attributes: `alt="…"`, or `alt={"…"}` when the text has quotes, braces, backslashes or entity-like `&…;`
 *   (JSX strings have no escapes, and `&amp;`-style references in them are decoded);
 * - JSX text: raw, or `{"…"}` when it has `{`, `}`, `<`, `>` or `&`.
 */
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from './markdown';

/** One line: line breaks become spaces, runs of white space one space, no space at either end. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const ENTITY_LIKE = /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

function firstImageAlt(tree: Root): string | undefined {
  let alt: string | undefined;
  const walk = (n: Nodes) => {
    if (alt !== undefined) return;
    if (n.type === 'image') alt = n.alt ?? '';
    else if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return alt;
}

const escapeChars = (chars: string) => (s: string) => s.replace(new RegExp(`[${chars.replace(/[\]\\^-]/g, '\\$&')}]`, 'g'), '\\$&');
const ALL_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The bracket text of a Markdown image that reads back as `text` (one line). */
export function escapeMarkdownAlt(text: string, inTableCell = false): string {
  const clean = singleLine(text);
  const pipe = inTableCell ? '|' : '';
  const attempts = [escapeChars('\\[]' + pipe), escapeChars('\\[]*_`<&!~' + pipe), escapeChars(ALL_PUNCTUATION)];
  for (const attempt of attempts) {
    const escaped = attempt(clean);
    const doc = inTableCell ? `| ![${escaped}](x) |\n| --- |\n` : `![${escaped}](x)\n`;
    if (firstImageAlt(parseMarkdown(doc)) === clean) return escaped;
  }
  return escapeChars(ALL_PUNCTUATION)(clean);
}

/**
 * A Markdown paragraph (one line, after `prefix` such as `> `) that reads back as `text`: no emphasis, links,
 * HTML, entities or block syntax (a leading `#`, `-`, `1.` …) made by accident.
 */
export function escapeMarkdownParagraph(text: string, prefix = ''): string {
  const clean = singleLine(text);
  const lead = (s: string) => {
    const num = /^(\d{1,9})([.)])/.exec(s);
    if (num) return `${num[1]}\\${num[2]}${s.slice(num[0].length)}`;
    return /^[#>+\-=|~*]/.test(s) ? '\\' + s : s;
  };
  const attempts = [
    (s: string) => lead(escapeChars('\\[]*_`<')(s).replace(/&(?=(#\d+|#x[\da-f]+|[a-z][a-z\d]*);)/gi, '\\&')),
    (s: string) => escapeChars(ALL_PUNCTUATION)(s),
  ];
  for (const attempt of attempts) {
    const escaped = attempt(clean);
    // Only the block-quote markers of the prefix matter; its spaces could make an indented code block on their own.
    const quote = prefix.replace(/[ \t]/g, '');
    const tree = parseMarkdown((quote ? quote + ' ' : '') + escaped + '\n');
    let node: Nodes = tree;
    while ('children' in node && node.children.length === 1 && node.type !== 'paragraph') node = node.children[0] as Nodes;
    if (node.type === 'paragraph' && textOf(node) === clean) return escaped;
  }
  return escapeChars(ALL_PUNCTUATION)(clean);
}

/** An HTML attribute value, with its double quotes. */
export function htmlAttributeValue(text: string, extra?: RegExp): string {
  let v = text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (extra) v = v.replace(extra, (c) => `&#${c.codePointAt(0)};`);
  return `"${v}"`;
}

/** HTML text content. */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A JSX attribute `name="…"` or `name={"…"}`. */
export function jsxAttribute(name: string, text: string): string {
  if (/["\\{}\u0000-\u001f\u2028\u2029]/.test(text) || ENTITY_LIKE.test(text)) return `${name}={${JSON.stringify(text)}}`;
  return `${name}="${text}"`;
}

/** JSX children text. */
export function jsxText(text: string): string {
  if (/[{}<>&]/.test(text) || text !== text.trim() || text === '') return `{${JSON.stringify(text)}}`;
  return text;
}
