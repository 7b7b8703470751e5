/**
 * `<img>` references in HTML, with parse5 (the WHATWG parsing algorithm, with source locations for every
 * element and attribute). Used for .html documents and for the HTML blocks and inline tags of Markdown.
 *
 * What the parser gives for free: comments, `<script>`/`<style>` text and `<template>` content are never elements
 * of the tree we walk, attributes may span lines and use any quoting, entities are decoded in values.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { lineStart, PHRASING_ONLY, presentationalRole } from './attributes';
import { bestCandidate, classifySrc, parseSrcset } from './src';
import type { AltInfo, DecorativeMarker, FindResult, ImageContext, ImageLanguage, ImageReference, InsertionPoint, OffsetRange, SrcCandidate, SrcOrigin } from './types';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

const TEMPLATE = /\{\{|\{%|\$\{|<%|\[\[/;

export interface HtmlScanOptions {
  language: ImageLanguage;
  /** Parse as a fragment (Markdown HTML) rather than a document. */
  fragment: boolean;
  /** Document offset of `text[0]`. */
  offset: number;
  /** The whole document (for the container prefix of a new attribute line inside a Markdown block quote). */
  source: string;
}

/** All `<img>` elements of an HTML document. */
export function findHtmlImages(source: string): FindResult {
  return { references: scanHtml(source, { language: 'html', fragment: false, offset: 0, source }) };
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function children(node: ParentNode): Node[] {
  // A <template>'s children live in .content, which we deliberately do not walk: it is not rendered as is.
  return node.childNodes;
}

/** The image references in `text` (HTML), with offsets shifted by `options.offset`. */
export function scanHtml(text: string, options: HtmlScanOptions): ImageReference[] {
  const root = options.fragment
    ? parseFragment(text, { sourceCodeLocationInfo: true, scriptingEnabled: false })
    : parse(text, { sourceCodeLocationInfo: true, scriptingEnabled: false });
  const out: ImageReference[] = [];
  const ancestors: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of children(node)) {
      if (!isElement(child)) continue;
      if (child.tagName === 'template') continue;
      if (child.tagName === 'img' && child.sourceCodeLocation) {
        const ref = imageOf(child, ancestors, text, options);
        if (ref) out.push(ref);
      }
      ancestors.push(child);
      walk(child);
      ancestors.pop();
    }
  };
  walk(root);
  return out;
}

interface Attr {
  name: string;
  value: string;
  /** Whole attribute, document offsets. */
  range: OffsetRange;
  /** Inner value (between the quotes), document offsets; empty at the end when there is no value. */
  inner: OffsetRange;
  /** The raw value has character references, so value offsets do not map one to one. */
  hasEntities: boolean;
}

function attributesOf(el: Element, text: string, offset: number): Map<string, Attr> {
  const map = new Map<string, Attr>();
  const locs = el.sourceCodeLocation?.attrs ?? {};
  for (const a of el.attrs) {
    if (map.has(a.name)) continue;
    const loc = locs[a.name];
    if (!loc) continue;
    const raw = text.slice(loc.startOffset, loc.endOffset);
    const eq = raw.indexOf('=');
    let inner: OffsetRange;
    if (eq < 0) {
      inner = { start: loc.endOffset, end: loc.endOffset };
    } else {
      let i = eq + 1;
      while (i < raw.length && /\s/.test(raw[i]!)) i++;
      const q = raw[i];
      if (q === '"' || q === "'") {
        const end = raw.endsWith(q) && raw.length - 1 > i ? raw.length - 1 : raw.length;
        inner = { start: loc.startOffset + i + 1, end: loc.startOffset + end };
      } else {
        inner = { start: loc.startOffset + i, end: loc.endOffset };
      }
    }
    const rawInner = text.slice(inner.start, inner.end);
    map.set(a.name, {
      name: a.name,
      value: a.value,
      range: { start: loc.startOffset + offset, end: loc.endOffset + offset },
      inner: { start: inner.start + offset, end: inner.end + offset },
      hasEntities: rawInner.includes('&'),
    });
  }
  return map;
}

function rangeOf(el: Element, offset: number): OffsetRange {
  const loc = el.sourceCodeLocation!;
  return { start: loc.startOffset + offset, end: loc.endOffset + offset };
}

/** Attribute names through which frameworks bind a value at run time (Vue, Angular, Alpine). */
function boundAttribute(attrs: Map<string, Attr>, name: string): Attr | undefined {
  for (const key of [`:${name}`, `v-bind:${name}`, `[${name}]`, `[attr.${name}]`, `x-bind:${name}`, `ng-attr-${name}`, `ng-${name}`]) {
    const a = attrs.get(key);
    if (a) return a;
  }
  return undefined;
}

function altOf(attrs: Map<string, Attr>): AltInfo {
  const alt = attrs.get('alt');
  if (alt) {
    const base = { range: alt.inner, attributeRange: alt.range };
    if (TEMPLATE.test(alt.value)) return { kind: 'dynamic', value: alt.value, ...base, reason: 'The alt text is a template placeholder.' };
    if (alt.value.trim() === '') return { kind: 'empty', value: alt.value, ...base };
    return { kind: 'text', value: alt.value, ...base };
  }
  const bound = boundAttribute(attrs, 'alt');
  if (bound) return { kind: 'dynamic', range: bound.inner, attributeRange: bound.range, reason: `The alt text is bound at run time (${bound.name}).` };
  return { kind: 'missing' };
}

function textOfLink(link: Element, except: Element): boolean {
  const visit = (node: ParentNode): boolean => {
    for (const child of node.childNodes) {
      if (child === except) continue;
      if (child.nodeName === '#text' && 'value' in child && child.value.trim() !== '') return true;
      if (isElement(child)) {
        if (child.tagName === 'img') {
          const alt = child.attrs.find((a) => a.name === 'alt');
          if (alt && alt.value.trim() !== '') return true;
          continue;
        }
        if (child.attrs.some((a) => (a.name === 'aria-label' && a.value.trim() !== '') || (a.name === 'title' && a.value.trim() !== ''))) return true;
        if (visit(child)) return true;
      }
    }
    return false;
  };
  if (link.attrs.some((a) => (a.name === 'aria-label' || a.name === 'aria-labelledby') && a.value.trim() !== '')) return true;
  return visit(link);
}

function imageOf(img: Element, ancestors: Element[], text: string, options: HtmlScanOptions): ImageReference | undefined {
  const { offset, source } = options;
  const attrs = attributesOf(img, text, offset);
  const loc = img.sourceCodeLocation!;
  const range = rangeOf(img, offset);
  const tagNameStart = loc.startOffset + 1;
  const tagName = text.slice(tagNameStart, tagNameStart + 3);

  const parent = ancestors[ancestors.length - 1];
  const picture = parent?.tagName === 'picture' && parent.sourceCodeLocation ? parent : undefined;

  // Candidates: the img's srcset, then each <source srcset> of the picture.
  const candidates: SrcCandidate[] = [];
  const srcset = attrs.get('srcset');
  if (srcset) candidates.push(...parseSrcset(srcset.value, srcset.inner.start, srcset.hasEntities));
  const pictureSources: SrcCandidate[] = [];
  if (picture) {
    for (const child of picture.childNodes) {
      if (!isElement(child) || child.tagName !== 'source' || !child.sourceCodeLocation) continue;
      const sattrs = attributesOf(child, text, offset);
      const ss = sattrs.get('srcset') ?? sattrs.get('src');
      if (!ss) continue;
      const type = sattrs.get('type')?.value;
      const media = sattrs.get('media')?.value;
      for (const c of parseSrcset(ss.value, ss.inner.start, ss.hasEntities)) {
        pictureSources.push({ ...c, ...(type ? { type } : {}), ...(media ? { media } : {}) });
      }
    }
    candidates.push(...pictureSources);
  }

  let src = '';
  let srcRange: OffsetRange | undefined;
  let srcOrigin: SrcOrigin = 'none';
  const srcAttr = attrs.get('src');
  if (srcAttr && srcAttr.value.trim() !== '') {
    src = srcAttr.value.trim();
    srcRange = srcAttr.inner;
    srcOrigin = 'src';
  } else {
    const own = srcset ? bestCandidate(parseSrcset(srcset.value, srcset.inner.start, srcset.hasEntities)) : undefined;
    const fromPicture = own ? undefined : bestCandidate(pictureSources);
    const chosen = own ?? fromPicture;
    if (chosen) {
      src = chosen.url;
      srcRange = chosen.range;
      srcOrigin = own ? 'srcset' : 'picture-source';
    } else {
      const bound = boundAttribute(attrs, 'src') ?? boundAttribute(attrs, 'srcset');
      if (bound) {
        src = bound.value;
        srcRange = bound.inner;
        srcOrigin = 'expression';
      }
    }
  }
  const resolvedSrcKind = srcOrigin === 'expression' ? 'unknown' : classifySrc(src);

  const alt = altOf(attrs);
  let decorativeMarker: DecorativeMarker | undefined;
  const role = attrs.get('role');
  const roleKind = presentationalRole(role?.value);
  const hidden = attrs.get('aria-hidden');
  if (roleKind && role) decorativeMarker = { kind: roleKind, range: role.range };
  else if (hidden && hidden.value.trim().toLowerCase() === 'true') decorativeMarker = { kind: 'aria-hidden', range: hidden.range };
  else if (alt.kind === 'empty' && alt.value === '') decorativeMarker = { kind: 'alt-empty', range: alt.attributeRange! };

  const label = attrs.get('aria-label');
  const ariaName = label && label.value.trim() !== '' ? 'aria-label' : attrs.get('aria-labelledby') ? 'aria-labelledby' : undefined;

  // A new alt goes after src (or srcset, or the tag name); on its own line when that attribute is on its own line.
  const anchor = srcAttr ?? srcset;
  const altInsert = anchor
    ? insertion(text, source, anchor.range, offset)
    : { offset: tagNameStart + tagName.length + offset, prefix: ' ' };

  // Context: link, picture, figure, phrasing ancestor.
  const containerEl = picture ?? img;
  const containerIndex = picture ? ancestors.length - 1 : ancestors.length;
  const above = ancestors.slice(0, containerIndex);
  const link = [...ancestors].reverse().find((a) => a.tagName === 'a');
  let phrasingAncestor: ImageContext['phrasingAncestor'];
  for (const a of above) {
    if (PHRASING_ONLY.has(a.tagName) && a.sourceCodeLocation) {
      phrasingAncestor = { name: a.tagName, range: rangeOf(a, offset) };
      break; // the outermost one: a long description goes after it
    }
  }
  const container = rangeOf(containerEl, offset);
  const figureEl = above[above.length - 1];
  const context: ImageContext = { inLink: Boolean(link), container };
  if (link) context.linkHasOtherText = textOfLink(link, img);
  if (picture) context.picture = { range: rangeOf(picture, offset), sources: pictureSources };
  if (phrasingAncestor) context.phrasingAncestor = phrasingAncestor;
  if (figureEl?.tagName === 'figure' && figureEl.sourceCodeLocation) {
    const endTag = figureEl.sourceCodeLocation.endTag;
    context.figure = {
      range: rangeOf(figureEl, offset),
      hasFigcaption: figureEl.childNodes.some((c) => isElement(c) && c.tagName === 'figcaption'),
      ...(endTag ? { endTagStart: endTag.startOffset + offset } : {}),
    };
  }

  const title = attrs.get('title')?.value;
  const ref: ImageReference = {
    language: options.language,
    syntax: 'html',
    tagName,
    altAttributeName: 'alt',
    src,
    srcOrigin,
    resolvedSrcKind,
    alt,
    range,
    openingRange: { start: loc.startTag!.startOffset + offset, end: loc.startTag!.endOffset + offset },
    altInsert,
    context,
  };
  if (srcRange) ref.srcRange = srcRange;
  if (candidates.length) ref.srcCandidates = candidates;
  if (title !== undefined) ref.title = title;
  if (decorativeMarker) ref.decorativeMarker = decorativeMarker;
  if (ariaName) ref.ariaName = ariaName;
  return ref;
}

/**
 * After `attr` (document offsets). When it starts its line in the parsed text (masked for Markdown containers),
 * the new attribute gets a line of its own, prefixed like the attribute's line in the real source (`>   ` in a
 * block quote).
 */
function insertion(text: string, source: string, attr: OffsetRange, offset: number): InsertionPoint {
  const local = attr.start - offset;
  const ls = text.lastIndexOf('\n', local - 1) + 1;
  if (ls > 0 && /^[ \t]*$/.test(text.slice(ls, local))) {
    return { offset: attr.end, prefix: '\n' + source.slice(lineStart(source, attr.start), attr.start) };
  }
  return { offset: attr.end, prefix: ' ' };
}
