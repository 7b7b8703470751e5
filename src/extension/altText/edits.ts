/**
 * Edit builders: set or insert alt text, mark an image decorative, and give a complex image a short alt plus a
 * long description. Each returns edits in offsets of the original document (apply them all at once, as a
 * `WorkspaceEdit` does) or a reason why it cannot be done safely.
 *
 * Decisions:
 * - Markdown image syntax cannot say "decorative". "Mark as decorative" converts `![…](src "t")` into
 *   `<img src="src" alt="" title="t">` (inline HTML is part of CommonMark and GitHub keeps `alt`), and says so in
 *   the result's `note`. A reference-style image keeps its definition, which other references may use.
 * - Long descriptions follow the WAI complex-images tutorial:
 *   - Markdown: the short alt ends with a pointer ("Described in detail below.") and the long description is a new
 *     paragraph right after the block holding the image (same block-quote/list indentation);
 *   - HTML and JSX: the image (or its `<picture>`) is wrapped in `<figure role="group">` with the long description in
 *     `<figcaption>` ("structurally associating the image and its adjacent long description"); in a `<figure>`
 *     without a caption, a `<figcaption>` is added;
 *   - HTML where a figure cannot go (inside `<p>`, `<a>`, `<h1>`…): `aria-describedby` on the image and a
 *     `<p id>` with the description after that element (WAI: fine for text-only descriptions);
 *   - JSX inside such an element: refused with a reason (adding a sibling could break the expression).
 */
import { lineIndent, startsLine } from './attributes';
import { escapeMarkdownAlt, escapeMarkdownParagraph, htmlAttributeValue, htmlText, jsxAttribute, jsxText, singleLine } from './escape';
import { format } from './l10n';
import { srcFileName } from './src';
import type { EditResult, ImageReference, Localize, TextEdit } from './types';

/** Applies non-overlapping edits (offsets of `source`) and returns the new text. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.range.start < at) throw new Error(`overlapping edits at ${e.range.start}`);
    out += source.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + source.slice(at);
}

export interface EditOptions {
  /** Localizer for reasons and notes (pass `vscode.l10n.t`). */
  t?: Localize;
}

const isMarkdownSyntax = (ref: ImageReference) => ref.syntax === 'markdown-image' || ref.syntax === 'markdown-reference';

function attribute(ref: ImageReference, name: string, value: string): string {
  if (ref.syntax === 'jsx') return jsxAttribute(name, value);
  return `${name}=${htmlAttributeValue(value, ref.context.inTableCell ? /\|/g : undefined)}`;
}

/**
 * Set the alt text (replacing any, inserting if missing). Line breaks become spaces. '' gives `alt=""` (HTML/JSX)
 * or `![]` (Markdown). Refused when the alt is computed at run time (change it where it is computed).
 */
export function setAltText(source: string, ref: ImageReference, text: string, options: EditOptions = {}): EditResult {
  const l10n = { t: options.t ?? format };
  const clean = singleLine(text);
  if (isMarkdownSyntax(ref)) {
    const escaped = escapeMarkdownAlt(clean, ref.context.inTableCell);
    const reference = ref.reference;
    if (reference && reference.kind !== 'full') {
      // ![alt][] and ![alt] use the alt as the reference label: keep the label, make the reference explicit.
      return { ok: true, edits: [{ range: ref.range, newText: `![${escaped}][${reference.label}]` }] };
    }
    return { ok: true, edits: [{ range: ref.alt.range!, newText: escaped }] };
  }
  const name = ref.altAttributeName ?? 'alt';
  if (ref.alt.kind === 'dynamic' && ref.alt.attributeRange) {
    return { ok: false, reason: l10n.t('The alt text is computed at run time ({0}); change it where it is computed.', source.slice(ref.alt.attributeRange.start, ref.alt.attributeRange.end)) };
  }
  const attr = attribute(ref, name, clean);
  if (ref.alt.attributeRange) return { ok: true, edits: [{ range: ref.alt.attributeRange, newText: attr }] };
  return { ok: true, edits: [{ range: { start: ref.altInsert.offset, end: ref.altInsert.offset }, newText: ref.altInsert.prefix + attr }] };
}

/**
 * Mark the image decorative: `alt=""` (HTML/JSX). Markdown image syntax becomes an HTML `<img … alt="">` (see the
 * module comment), refused when that would turn the rest of its paragraph into raw HTML.
 */
export function markDecorative(source: string, ref: ImageReference, options: EditOptions = {}): EditResult {
  const l10n = { t: options.t ?? format };
  const linkNote = ref.context.inLink && ref.context.linkHasOtherText === false
    ? l10n.t('This image is the only content of a link: with an empty alt the link has no name. Describe where the link goes instead.')
    : undefined;
  if (!isMarkdownSyntax(ref)) {
    const result = setAltText(source, ref, '', options);
    if (result.ok && linkNote) result.note = linkNote;
    return result;
  }
  if (ref.src === '') return { ok: false, reason: l10n.t('This image has no source to keep in an HTML <img>.') };
  const pipe = ref.context.inTableCell ? /\|/g : undefined;
  let tag = `<img src=${htmlAttributeValue(ref.src, pipe)} alt=""`;
  if (ref.title) tag += ` title=${htmlAttributeValue(ref.title, pipe)}`;
  tag += '>';
  // An <img> that starts a line, with nothing after it on that line, starts an HTML block (CommonMark type 7) when
  // it is also the start of a paragraph: the following lines of the paragraph would become raw HTML.
  const lineEnd = source.indexOf('\n', ref.range.end);
  const restOfLine = source.slice(ref.range.end, lineEnd < 0 ? source.length : lineEnd);
  if (ref.range.start === ref.context.container.start && /^[ \t\r]*$/.test(restOfLine) && ref.context.container.end > (lineEnd < 0 ? source.length : lineEnd)) {
    return { ok: false, reason: l10n.t('As HTML at the start of this paragraph, the image would turn the rest of the paragraph into raw HTML. Put the image in a paragraph of its own first.') };
  }
  const note = l10n.t('Markdown cannot mark an image as decorative, so the image becomes an HTML <img> with alt="".');
  return { ok: true, edits: [{ range: ref.range, newText: tag }], note: linkNote ? `${note} ${linkNote}` : note };
}

export interface LongDescriptionOptions extends EditOptions {
  /**
   * Appended to the short alt so that screen-reader users know where the details are (WAI: "indicate the location
   * of the long description"). Default "Described in detail below."; '' for none.
   */
  locationHint?: string;
  /** HTML `aria-describedby` fallback: the id of the description (default: from the file name, made unique). */
  id?: string;
}

function withPeriod(s: string): string {
  const c = singleLine(s);
  return c === '' || /[.!?…:]$/.test(c) ? c : c + '.';
}

function indentUnit(indent: string): string {
  return indent.includes('\t') ? '\t' : '  ';
}

function uniqueId(source: string, base: string): string {
  const slug = base.toLowerCase().replace(/\.[a-z0-9]+$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
  let id = `${slug}-description`;
  for (let n = 2; new RegExp(`\\bid\\s*=\\s*["']?${id}["'\\s>]`).test(source); n++) id = `${slug}-description-${n}`;
  return id;
}

function shift(edits: readonly TextEdit[], by: number): TextEdit[] {
  return edits.map((e) => ({ range: { start: e.range.start - by, end: e.range.end - by }, newText: e.newText }));
}

/**
 * Give a complex image a short alt and a long description next to it (see the module comment for where it goes).
 * `shortAlt` identifies the image; `longDescription` may have several paragraphs (blank-line separated) in Markdown,
 * and is one paragraph elsewhere.
 */
export function addLongDescription(source: string, ref: ImageReference, shortAlt: string, longDescription: string, options: LongDescriptionOptions = {}): EditResult {
  const l10n = { t: options.t ?? format };
  const hint = options.locationHint ?? l10n.t('Described in detail below.');
  const alt = hint ? `${withPeriod(shortAlt)} ${hint}` : singleLine(shortAlt);
  if (singleLine(longDescription) === '') return { ok: false, reason: l10n.t('The long description is empty.') };

  if (ref.language === 'markdown') {
    const altEdit = setAltText(source, ref, alt, options);
    if (!altEdit.ok) return altEdit;
    const prefix = ref.context.blockPrefix ?? '';
    const paragraphs = longDescription.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean).map((p) => prefix + escapeMarkdownParagraph(p, prefix));
    const eol = source.includes('\r\n') ? '\r\n' : '\n';
    const separator = eol + prefix.trimEnd() + eol;
    const at = ref.context.container.end;
    return { ok: true, edits: [...altEdit.edits, { range: { start: at, end: at }, newText: separator + paragraphs.join(separator) }] };
  }

  const jsx = ref.syntax === 'jsx';
  const caption = jsx ? jsxText(singleLine(longDescription)) : htmlText(singleLine(longDescription));
  const { figure, phrasingAncestor, container } = ref.context;

  if (figure) {
    if (figure.hasFigcaption) return { ok: false, reason: l10n.t('This image is already in a <figure> with a <figcaption>: put the long description there.') };
    if (figure.endTagStart === undefined) return { ok: false, reason: l10n.t('The enclosing <figure> has no end tag.') };
    const altEdit = setAltText(source, ref, alt, options);
    if (!altEdit.ok) return altEdit;
    const at = figure.endTagStart;
    const own = startsLine(source, at);
    const indent = lineIndent(source, at);
    const newText = own ? `${indentUnit(indent)}<figcaption>${caption}</figcaption>\n${indent}` : `<figcaption>${caption}</figcaption>`;
    return { ok: true, edits: [...altEdit.edits, { range: { start: at, end: at }, newText }] };
  }

  if (phrasingAncestor) {
    if (jsx) {
      return { ok: false, reason: l10n.t('The image is inside <{0}>, where a <figure> cannot go. Move the image out of it, or write the long description by hand.', phrasingAncestor.name) };
    }
    // aria-describedby and a paragraph after the enclosing element.
    const id = options.id ?? uniqueId(source, srcFileName(ref.src) || 'image');
    const name = ref.altAttributeName ?? 'alt';
    if (ref.alt.kind === 'dynamic' && ref.alt.attributeRange) return setAltText(source, ref, alt, options);
    const attrs = `${name}=${htmlAttributeValue(singleLine(alt))} aria-describedby="${id}"`;
    const altEdit: TextEdit = ref.alt.attributeRange
      ? { range: ref.alt.attributeRange, newText: attrs }
      : { range: { start: ref.altInsert.offset, end: ref.altInsert.offset }, newText: ref.altInsert.prefix + attrs };
    const at = phrasingAncestor.range.end;
    const indent = lineIndent(source, phrasingAncestor.range.start);
    return { ok: true, edits: [altEdit, { range: { start: at, end: at }, newText: `\n${indent}<p id="${id}">${caption}</p>` }] };
  }

  // Wrap the image (or its <picture>) in <figure role="group"> … <figcaption>.
  const altEdit = setAltText(source, ref, alt, options);
  if (!altEdit.ok) return altEdit;
  const inner = altEdit.edits.every((e) => e.range.start >= container.start && e.range.end <= container.end);
  if (!inner) return { ok: false, reason: l10n.t('The alt text is outside the element to wrap.') };
  const wrapped = applyEdits(source.slice(container.start, container.end), shift(altEdit.edits, container.start));
  let newText: string;
  if (startsLine(source, container.start)) {
    const indent = lineIndent(source, container.start);
    const unit = indentUnit(indent);
    // Re-indent the element's own continuation lines, unless a line break there is content (template literal, <pre>).
    const body = /`|<pre|<textarea/i.test(wrapped) ? wrapped : wrapped.replace(/\n(?=[^\n])/g, `\n${unit}`);
    newText = `<figure role="group">\n${indent}${unit}${body}\n${indent}${unit}<figcaption>${caption}</figcaption>\n${indent}</figure>`;
  } else {
    newText = `<figure role="group">${wrapped}<figcaption>${caption}</figcaption></figure>`;
  }
  return { ok: true, edits: [{ range: container, newText }] };
}

/** Why an image cannot be described by the local model, or undefined if its file can be looked up. */
export function describeSkipReason(ref: ImageReference, options: EditOptions = {}): string | undefined {
  const l10n = { t: options.t ?? format };
  switch (ref.resolvedSrcKind) {
    case 'remote':
      return l10n.t('The image is remote ({0}); Lunette never downloads images.', ref.src);
    case 'data':
      return l10n.t('The image is an inline data: URI.');
    case 'unknown':
      if (ref.srcOrigin === 'none') return l10n.t('The image has no source.');
      if (ref.srcOrigin === 'expression') return l10n.t('The image source is computed at run time.');
      return l10n.t('The image source {0} is not a file path.', ref.src);
    default:
      return undefined;
  }
}
