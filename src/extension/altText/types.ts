/**
 * Types shared by the alt-text core: image references found in a document, findings of the alt-text rules, and
 * the text edits that fix them. Everything here is plain data with document offsets (UTF-16 code units, as
 * `TextDocument.offsetAt`/`positionAt` count them), so this folder never imports `vscode`.
 */

/** The three families of documents we parse. `jsx` covers .jsx/.tsx and React .js files. */
export type ImageLanguage = 'markdown' | 'html' | 'jsx';

/** A half-open range of document offsets: `start` is the first code unit, `end` is one past the last. */
export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * How a `src` resolves:
 * - `relative`: relative to the document (`img/a.png`, `./a.png`, `../a.png`);
 * - `root`: relative to the site/workspace root (`/img/a.png`); for Next.js `Image`, the `public/` folder;
 * - `remote`: `http:`, `https:` or protocol-relative `//host/…` — never fetched, skip with a reason;
 * - `data`: a `data:` URI;
 * - `unknown`: empty, computed at run time, a template placeholder, an alias (`@/…`, `~/…`), another scheme.
 */
export type SrcKind = 'relative' | 'root' | 'remote' | 'data' | 'unknown';

/** Where the `src` of a reference came from. */
export type SrcOrigin =
  | 'src' // the element's src attribute / the Markdown destination
  | 'definition' // a Markdown link reference definition `[ref]: src`
  | 'srcset' // the img's srcset (no src)
  | 'picture-source' // a <source srcset> of the enclosing <picture> (the img has neither src nor srcset)
  | 'import' // JSX: `import hero from './hero.png'` used as src={hero} or src={hero.src}
  | 'require' // JSX: src={require('./hero.png')} or a const bound to it
  | 'const' // JSX: a module-level `const LOGO = '/logo.png'`
  | 'expression' // JSX: anything else computed at run time
  | 'none'; // no src at all

/** One candidate of a `srcset` (or a `<source srcset>` of a `<picture>`). */
export interface SrcCandidate {
  url: string;
  range: OffsetRange;
  /** `2x`, `800w` or '' (1x). */
  descriptor: string;
  /** The `type` and `media` of the `<source>` it came from, if any. */
  type?: string;
  media?: string;
}

export interface AltInfo {
  /**
   * - `missing`: no alt at all (HTML/JSX; also JSX `alt={undefined}` / `alt={null}`);
   * - `empty`: present but empty or only whitespace (`value` keeps the whitespace);
   * - `text`: present with text;
   * - `dynamic`: computed at run time, a template placeholder, or possibly set by a spread: cannot be checked.
   */
  kind: 'missing' | 'empty' | 'text' | 'dynamic';
  /** The decoded value (entities/escapes resolved) for `empty` and `text`. */
  value?: string;
  /**
   * The inner range of the value in the source: between the quotes of an attribute, between the brackets of a
   * Markdown image; for `dynamic`, the expression. Absent for `missing`.
   */
  range?: OffsetRange;
  /** HTML/JSX: the whole attribute (`alt="…"`, `alt={…}`, `alt`). Replacing it is how an alt is changed. */
  attributeRange?: OffsetRange;
  /** For `dynamic`: why the alt cannot be checked (English; show it in logs or a hover, not as a diagnostic). */
  reason?: string;
}

/** Something that marks an image as decorative (hidden from assistive technology). */
export interface DecorativeMarker {
  kind: 'alt-empty' | 'role-presentation' | 'role-none' | 'aria-hidden';
  range: OffsetRange;
}

/** Where in the document a new alt attribute goes: insert `prefix + 'alt="…"'` at `offset`. */
export interface InsertionPoint {
  offset: number;
  /** `' '`, or a newline plus the indentation of the attribute it follows when attributes sit one per line. */
  prefix: string;
}

/** Facts about the image's surroundings that the rules and the edit builders need. */
export interface ImageContext {
  /** Inside a link (`[…](…)`, `<a>`, JSX `<a>`/`<Link>`). */
  inLink: boolean;
  /** Whether that link has text of its own besides this image (`undefined`: cannot tell, e.g. an expression). */
  linkHasOtherText?: boolean;
  /** Markdown: inside a GFM table cell (a `|` in alt text must be escaped). */
  inTableCell?: boolean;
  /** The enclosing `<picture>`, whose `<source>`s give alternative files; the alt lives on the `<img>`. */
  picture?: { range: OffsetRange; sources: SrcCandidate[] };
  /**
   * The range to wrap or follow with a long description: the `<picture>` if any, else the image itself (HTML/JSX);
   * for Markdown, the block (paragraph, heading, table, HTML block) that holds the image.
   */
  container: OffsetRange;
  /** Markdown: text to put at the start of each line of a new block after `container` (`> `, list indentation). */
  blockPrefix?: string;
  /** HTML/JSX: the nearest enclosing element that only allows phrasing content (`p`, `a`, `span`, `h1`…). */
  phrasingAncestor?: { name: string; range: OffsetRange };
  /** HTML/JSX: the container sits directly in a `<figure>`. */
  figure?: { range: OffsetRange; hasFigcaption: boolean; endTagStart?: number };
}

export interface ImageReference {
  language: ImageLanguage;
  /** `markdown-image` (`![alt](src)`), `markdown-reference` (`![alt][ref]`, `![alt][]`, `![alt]`), `html`, `jsx`. */
  syntax: 'markdown-image' | 'markdown-reference' | 'html' | 'jsx';
  /** HTML/JSX: the element name as written (`img`, `Image`, `ui.Img`). */
  tagName?: string;
  /** HTML/JSX: the attribute (prop) that holds the alt text: `alt`, or a component's configured `altProp`. */
  altAttributeName?: string;
  /** JSX: the element is the default export of `next/image` (root paths resolve against `public/`). */
  component?: 'next/image';
  /** The image to describe, as written (entities and Markdown escapes decoded); '' when there is none. */
  src: string;
  /** Where `src` is written: in the attribute, the definition, the srcset candidate or the import statement. */
  srcRange?: OffsetRange;
  srcOrigin: SrcOrigin;
  resolvedSrcKind: SrcKind;
  /** Every candidate of the img's srcset, and of the `<source>`s of its `<picture>`. */
  srcCandidates?: SrcCandidate[];
  /** Markdown: the title (`![a](b "title")`); HTML/JSX: the title attribute. */
  title?: string;
  alt: AltInfo;
  /** The first marker that hides the image from assistive technology, if any. */
  decorativeMarker?: DecorativeMarker;
  /** HTML/JSX: an accessible name other than alt (`aria-label`, `aria-labelledby`). */
  ariaName?: 'aria-label' | 'aria-labelledby';
  /** JSX: a `{...spread}` attribute that might set alt (or anything else). */
  hasSpread?: boolean;
  /** The whole image: `![…](…)`, the element including children/end tag. */
  range: OffsetRange;
  /** HTML/JSX: the start tag (opening element). */
  openingRange?: OffsetRange;
  /** Where a missing alt attribute is inserted. For Markdown it is the start of the (always present) bracket text. */
  altInsert: InsertionPoint;
  /** Markdown references: the label (`ref` of `![alt][ref]`, or the alt itself for `![alt][]`/`![alt]`). */
  reference?: { label: string; kind: 'full' | 'collapsed' | 'shortcut'; definitionRange?: OffsetRange };
  context: ImageContext;
}

/** Result of a finder: references in document order, and a parse problem if the document could not be parsed. */
export interface FindResult {
  references: ImageReference[];
  /** Set when the parser gave up (a JSX file with a syntax error); the references are then empty or partial. */
  error?: string;
}

/** A JSX component that renders an image: a name and, optionally, other prop names for src and alt. */
export interface ComponentSpec {
  name: string;
  srcProp?: string;
  altProp?: string;
}

export interface FindOptions {
  /** JSX: parse TypeScript syntax (for .tsx). Default: true (TypeScript is a superset for our purposes). */
  typescript?: boolean;
  /** JSX: component names checked besides `<img>` and next/image's default import. Default: none. */
  components?: Array<string | ComponentSpec>;
  /** JSX: components that render links (an image inside one describes the destination). Default: `['a', 'Link']`. */
  linkComponents?: string[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type AltRuleId =
  | 'missing-alt'
  | 'empty-alt'
  | 'alt-is-file-name'
  | 'alt-is-default-name'
  | 'alt-redundant-prefix'
  | 'alt-too-long';

export interface AltFinding {
  ruleId: AltRuleId;
  /** User-facing, actionable, already localized through `options.t`. */
  message: string;
  severity: Severity;
  range: OffsetRange;
  /** The WAI tutorial page for this problem (https://www.w3.org/WAI/tutorials/images/…). */
  helpUrl: string;
  reference: ImageReference;
}

/** A replacement in the original document. Edits of one result never overlap. */
export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export type EditResult =
  | { ok: true; edits: TextEdit[]; note?: string }
  | { ok: false; reason: string };

/**
 * A localizer with `vscode.l10n.t`'s signature: `{0}`, `{1}` … in `message` are replaced by `args`.
 * Pass `vscode.l10n.t` from the extension; the default only substitutes.
 */
export type Localize = (message: string, ...args: Array<string | number | boolean>) => string;
