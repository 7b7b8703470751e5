/**
 * Image references in Markdown with micromark (CommonMark + GFM), through mdast-util-from-markdown.
 *
 * - `![alt](src "title")` and `![alt][ref]`, `![alt][]`, `![alt]` with their `[ref]: src` definitions;
 * - `<img>` in HTML blocks and inline HTML, parsed by parse5 (./html.ts);
 * - never inside code (fenced, indented, inline): the parser makes those code nodes, never images.
 *
 * The tree gives decoded values (alt text, destination, title); a small extension of the compiler records the
 * exact source ranges of the bracket text and the destination, which the tree does not keep.
 */
import type { Definition, Image, ImageReference as MdImageReference, Nodes, Parents, Root } from 'mdast';
import { fromMarkdown, type CompileContext, type Extension as MdastExtension, type Token } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { lineStart } from './attributes';
import { scanHtml } from './html';
import { classifySrc } from './src';
import type { FindResult, ImageContext, ImageReference, OffsetRange } from './types';

interface Ranges {
  label?: OffsetRange;
  destination?: OffsetRange;
}

/** Parses Markdown to mdast with GFM; `ranges` receives the bracket text and destination ranges per node. */
export function parseMarkdown(source: string, ranges?: WeakMap<object, Ranges>): Root {
  const record = (key: keyof Ranges, inner: boolean, depth: number) =>
    function (this: CompileContext, token: Token): undefined {
      if (!ranges) return;
      const node = this.stack[this.stack.length - depth];
      if (!node) return;
      const start = token.start.offset + (inner ? 1 : 0);
      const end = token.end.offset - (inner ? 1 : 0);
      const entry = ranges.get(node) ?? {};
      entry[key] = { start, end: Math.max(start, end) };
      ranges.set(node, entry);
    };
  const extension: MdastExtension = {
    enter: {
      // The label is buffered: the stack holds [… image|link|reference, fragment].
      labelText: record('label', false, 2),
      resourceDestinationRaw: record('destination', false, 1),
      resourceDestinationLiteral: record('destination', true, 1),
      definitionDestinationRaw: record('destination', false, 1),
      definitionDestinationLiteral: record('destination', true, 1),
    },
  };
  return fromMarkdown(source, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown(), extension] });
}

/** Text to put before each line of a new block after `block` (block-quote markers kept, list markers blanked). */
export function blockPrefixAt(source: string, blockStart: number): string {
  const prefix = source.slice(lineStart(source, blockStart), blockStart);
  if (!/^[ \t>*+\-\d.)]*$/.test(prefix)) return '';
  return prefix.replace(/(^|[ \t>])([-+*]|\d{1,9}[.)])(?=[ \t]|$)/g, (_m, before: string, marker: string) => before + ' '.repeat(marker.length));
}

/**
 * The HTML of an html node with container prefixes of continuation lines (`> ` in block quotes, list indentation)
 * replaced by spaces of the same length, so that offsets stay those of the document.
 */
function maskedHtml(source: string, start: number, end: number, value: string): string {
  const raw = source.slice(start, end);
  const rawLines = raw.split('\n');
  const valueLines = value.split('\n');
  if (rawLines.length !== valueLines.length) return raw;
  return rawLines
    .map((line, i) => {
      const v = valueLines[i]!;
      if (i === 0 || !line.endsWith(v)) return line;
      return ' '.repeat(line.length - v.length) + v;
    })
    .join('\n');
}

function plainText(node: Nodes, except: Nodes): boolean {
  if (node === except) return false;
  if (node.type === 'text' || node.type === 'inlineCode') return node.value.trim() !== '';
  if (node.type === 'image') return (node.alt ?? '').trim() !== '';
  if (node.type === 'imageReference') return (node.alt ?? '').trim() !== '';
  if (node.type === 'html') return false;
  if ('children' in node) return node.children.some((c) => plainText(c as Nodes, except));
  return false;
}

/** Adds `by` to every offset in a reference (ranges, insertion points). */
function shiftOffsets<T>(value: T, by: number): T {
  if (Array.isArray(value)) return value.map((v) => shiftOffsets(v, by)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'number' && (k === 'start' || k === 'end' || k === 'offset' || k === 'endTagStart') ? v + by : shiftOffsets(v, by);
  }
  return out as T;
}

export function findMarkdownImages(source: string): FindResult {
  // micromark drops a byte order mark and counts offsets after it; parse without it and shift back.
  if (source.charCodeAt(0) === 0xfeff) {
    const inner = findMarkdownImages(source.slice(1));
    return { ...inner, references: inner.references.map((r) => shiftOffsets(r, 1)) };
  }
  const ranges = new WeakMap<object, Ranges>();
  let tree: Root;
  try {
    tree = parseMarkdown(source, ranges);
  } catch (e) {
    // micromark accepts any input; this is only a safety net.
    return { references: [], error: e instanceof Error ? e.message : String(e) };
  }
  const definitions = new Map<string, Definition>();
  const collect = (node: Nodes) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const c of node.children) collect(c as Nodes);
  };
  collect(tree);

  const out: ImageReference[] = [];
  const ancestors: Parents[] = [];

  const contextFor = (node: Nodes, htmlLink?: { hasOtherText: boolean }): ImageContext => {
    const link = [...ancestors].reverse().find((a) => a.type === 'link' || a.type === 'linkReference');
    let block: Nodes | undefined;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if (a.type === 'table' || a.type === 'paragraph' || a.type === 'heading') {
        block = a;
        break;
      }
    }
    if (!block && node.type === 'html') block = node;
    const start = block?.position?.start.offset ?? node.position!.start.offset!;
    const end = block?.position?.end.offset ?? node.position!.end.offset!;
    const context: ImageContext = {
      inLink: Boolean(link) || Boolean(htmlLink),
      container: { start: start!, end: end! },
      blockPrefix: blockPrefixAt(source, start!),
    };
    if (link) context.linkHasOtherText = plainText(link as Nodes, node);
    else if (htmlLink) context.linkHasOtherText = htmlLink.hasOtherText;
    if (ancestors.some((a) => a.type === 'tableCell')) context.inTableCell = true;
    return context;
  };

  const imageRef = (node: Image | MdImageReference): ImageReference => {
    const r = ranges.get(node) ?? {};
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    const label = r.label ?? { start: start + 2, end: start + 2 };
    const altValue = node.alt ?? '';
    const ref: ImageReference = {
      language: 'markdown',
      syntax: node.type === 'image' ? 'markdown-image' : 'markdown-reference',
      src: '',
      srcOrigin: 'none',
      resolvedSrcKind: 'unknown',
      alt: { kind: altValue.trim() === '' ? 'empty' : 'text', value: altValue, range: label },
      range: { start, end },
      altInsert: { offset: label.start, prefix: '' },
      context: contextFor(node),
    };
    if (node.type === 'image') {
      ref.src = node.url;
      if (node.url !== '') ref.srcOrigin = 'src';
      if (r.destination) ref.srcRange = r.destination;
      if (node.title != null) ref.title = node.title;
    } else {
      const def = definitions.get(node.identifier);
      ref.reference = { label: node.label ?? node.identifier, kind: node.referenceType };
      if (def) {
        ref.src = def.url;
        if (def.url !== '') ref.srcOrigin = 'definition';
        const dr = ranges.get(def);
        if (dr?.destination) ref.srcRange = dr.destination;
        if (def.position) ref.reference.definitionRange = { start: def.position.start.offset!, end: def.position.end.offset! };
        if (def.title != null) ref.title = def.title;
      }
    }
    ref.resolvedSrcKind = classifySrc(ref.src);
    return ref;
  };

  const htmlRefs = (node: Extract<Nodes, { type: 'html' }>, htmlLink?: { hasOtherText: boolean }) => {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    const text = maskedHtml(source, start, end, node.value);
    const refs = scanHtml(text, { language: 'markdown', fragment: true, offset: start, source });
    const context = contextFor(node, htmlLink);
    for (const ref of refs) {
      // Context from the Markdown around the HTML, unless the HTML itself says more (a link or picture inside it).
      ref.context = {
        ...ref.context,
        inLink: ref.context.inLink || context.inLink,
        container: context.container,
        ...(context.blockPrefix !== undefined ? { blockPrefix: context.blockPrefix } : {}),
        ...(context.inTableCell ? { inTableCell: true } : {}),
      };
      if (!ref.context.linkHasOtherText && context.linkHasOtherText !== undefined) ref.context.linkHasOtherText = context.linkHasOtherText;
      delete ref.context.phrasingAncestor;
      delete ref.context.figure;
      out.push(ref);
    }
  };

  const walk = (node: Parents) => {
    ancestors.push(node);
    const kids = node.children as Nodes[];
    for (let i = 0; i < kids.length; i++) {
      const child = kids[i]!;
      if (child.type === 'image' || child.type === 'imageReference') {
        out.push(imageRef(child));
      } else if (child.type === 'html') {
        htmlRefs(child, inlineAnchor(kids, i));
      }
      if ('children' in child) walk(child as Parents);
    }
    ancestors.pop();
  };
  walk(tree);
  out.sort((a, b) => a.range.start - b.range.start);
  return { references: out };
}

/**
 * Inline HTML tags are separate nodes (`<a href>`, `<img>`, `</a>`), so an `<img>` inside an inline `<a>` is found by
 * looking at its siblings: an `<a …>` before it that is not closed yet.
 */
function inlineAnchor(siblings: Nodes[], index: number): { hasOtherText: boolean } | undefined {
  let open = -1;
  for (let i = index - 1; i >= 0; i--) {
    const s = siblings[i]!;
    if (s.type !== 'html') continue;
    if (/^<\/a\s*>/i.test(s.value)) return undefined;
    if (/^<a[\s>]/i.test(s.value)) {
      open = i;
      break;
    }
  }
  if (open < 0) return undefined;
  let close = siblings.length;
  for (let i = index + 1; i < siblings.length; i++) {
    const s = siblings[i]!;
    if (s.type === 'html' && /^<\/a\s*>/i.test(s.value)) {
      close = i;
      break;
    }
  }
  const current = siblings[index]!;
  const hasOtherText = siblings.slice(open + 1, close).some((s) => s !== current && plainText(s, current));
  return { hasOtherText };
}
