/**
 * Image elements in JSX/TSX with @babel/parser (jsx + typescript plugins, error recovery on).
 *
 * Found: `<img>`, the default import of `next/image` under whatever local name, and configured components.
 * `src` may be a string, a template literal without expressions, an imported image (`import hero from './hero.png'`,
 * `src={hero}` or `src={hero.src}`), `require('./x.png')`, or a module-level string constant; anything else is
 * `expression` with kind `unknown`. `alt` may be a string, `{"string"}`, missing, empty, or dynamic (not checked);
 * a `{...spread}` without an explicit alt may carry one, so the alt is reported as dynamic and never flagged.
 */
import { parse, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { PHRASING_ONLY, presentationalRole, startsLine, lineIndent } from './attributes';
import { bestCandidate, classifySrc, parseSrcset } from './src';
import type { AltInfo, ComponentSpec, DecorativeMarker, FindOptions, FindResult, ImageContext, ImageReference, InsertionPoint, OffsetRange, SrcCandidate, SrcOrigin } from './types';

const NEXT_IMAGE = new Set(['next/image', 'next/legacy/image', 'next/future/image']);
const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'errors']);

type AnyNode = t.Node;

const rangeOf = (n: AnyNode): OffsetRange => ({ start: n.start!, end: n.end! });
const innerOf = (n: AnyNode): OffsetRange => ({ start: n.start! + 1, end: Math.max(n.start! + 1, n.end! - 1) });

function elementName(name: t.JSXOpeningElement['name']): string {
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type === 'JSXNamespacedName') return `${name.namespace.name}:${name.name.name}`;
  return `${elementName(name.object)}.${name.property.name}`;
}

function attrName(a: t.JSXAttribute): string {
  return a.name.type === 'JSXIdentifier' ? a.name.name : `${a.name.namespace.name}:${a.name.name.name}`;
}

interface Binding {
  value: string;
  range: OffsetRange;
  origin: SrcOrigin;
}

/** Strings that a plain value gives: 'x', `x`, {"x"}, {`x`}. */
function staticString(node: AnyNode | null | undefined): { value: string; range: OffsetRange; raw: string } | undefined {
  if (!node) return undefined;
  if (node.type === 'JSXExpressionContainer') return staticString(node.expression);
  if (node.type === 'StringLiteral') return { value: node.value, range: innerOf(node), raw: (node.extra?.raw as string | undefined) ?? '' };
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis.length === 1) {
    const q = node.quasis[0]!;
    return { value: q.value.cooked ?? q.value.raw, range: innerOf(node), raw: q.value.raw };
  }
  return undefined;
}

function unwrap(node: AnyNode): AnyNode {
  let n = node;
  while (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TypeCastExpression') {
    n = n.expression;
  }
  return n;
}

function requireOf(node: AnyNode): Binding | undefined {
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) {
    const s = staticString(n.arguments[0]);
    if (s) return { value: s.value, range: s.range, origin: 'require' };
  }
  return undefined;
}

export function findJsxImages(source: string, options: FindOptions = {}): FindResult {
  const plugins: ParserPlugin[] = options.typescript === false ? ['jsx', 'decorators-legacy'] : ['jsx', 'typescript', 'decorators-legacy'];
  // Babel recovers from many errors by itself. For the rest (a half-typed line), blank the offending line and try
  // again, a few times, so that the rest of the file still gets its diagnostics; the error is reported anyway.
  let text = source;
  let ast: t.File | undefined;
  let error: string | undefined;
  for (let attempt = 0; attempt < 4 && !ast; attempt++) {
    try {
      ast = parse(text, {
        sourceType: 'module',
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowAwaitOutsideFunction: true,
        allowUndeclaredExports: true,
        plugins,
      }) as unknown as t.File;
    } catch (e) {
      error ??= e instanceof Error ? e.message : String(e);
      const pos = (e as { pos?: unknown }).pos;
      if (typeof pos !== 'number') break;
      const start = text.lastIndexOf('\n', pos - 1) + 1;
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      if (start === end || /^\s*$/.test(text.slice(start, end))) break;
      text = text.slice(0, start) + text.slice(start, end).replace(/[^\r]/g, ' ') + text.slice(end);
    }
  }
  if (!ast) return { references: [], error: error ?? 'parse error' };
  const result = findInAst(ast, source, options);
  return error ? { ...result, error } : result;
}

function findInAst(ast: t.File, source: string, options: FindOptions): FindResult {
  // Module-level bindings: default imports, require() and string constants.
  const bindings = new Map<string, Binding>();
  const nextImage = new Set<string>();
  for (const stmt of ast.program.body) {
    if (stmt.type === 'ImportDeclaration') {
      const from = stmt.source.value;
      for (const spec of stmt.specifiers) {
        const isDefault = spec.type === 'ImportDefaultSpecifier' || (spec.type === 'ImportSpecifier' && (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) === 'default');
        if (!isDefault) continue;
        if (NEXT_IMAGE.has(from)) nextImage.add(spec.local.name);
        else bindings.set(spec.local.name, { value: from, range: innerOf(stmt.source), origin: 'import' });
      }
    }
    const decl = stmt.type === 'VariableDeclaration' ? stmt : stmt.type === 'ExportNamedDeclaration' && stmt.declaration?.type === 'VariableDeclaration' ? stmt.declaration : undefined;
    if (decl && decl.kind === 'const') {
      for (const d of decl.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue;
        const req = requireOf(d.init);
        const s = staticString(unwrap(d.init));
        if (req) bindings.set(d.id.name, req);
        else if (s) bindings.set(d.id.name, { value: s.value, range: s.range, origin: 'const' });
      }
    }
  }

  const specs = new Map<string, Required<ComponentSpec>>();
  specs.set('img', { name: 'img', srcProp: 'src', altProp: 'alt' });
  for (const name of nextImage) specs.set(name, { name, srcProp: 'src', altProp: 'alt' });
  for (const c of options.components ?? []) {
    const spec = typeof c === 'string' ? { name: c } : c;
    if (!specs.has(spec.name)) specs.set(spec.name, { name: spec.name, srcProp: spec.srcProp ?? 'src', altProp: spec.altProp ?? 'alt' });
  }
  const linkNames = new Set(options.linkComponents ?? ['a', 'Link']);

  const out: ImageReference[] = [];
  const ancestors: AnyNode[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'JSXElement') {
      const name = elementName(node.openingElement.name);
      const spec = specs.get(name);
      if (spec) out.push(imageOf(node, name, spec, nextImage.has(name)));
    }
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && typeof (v as AnyNode).type === 'string') visit(v as AnyNode);
      } else if (value && typeof value === 'object' && typeof (value as AnyNode).type === 'string') {
        visit(value as AnyNode);
      }
    }
    ancestors.pop();
  };

  const resolveSrc = (value: t.JSXAttribute['value']): Binding | undefined => {
    const s = staticString(value);
    if (s) return { value: s.value, range: s.range, origin: 'src' };
    if (!value || value.type !== 'JSXExpressionContainer' || value.expression.type === 'JSXEmptyExpression') return undefined;
    const expr = unwrap(value.expression);
    const req = requireOf(expr);
    if (req) return req;
    if (expr.type === 'Identifier' && bindings.has(expr.name)) return bindings.get(expr.name);
    if (expr.type === 'MemberExpression' && expr.object.type === 'Identifier' && bindings.get(expr.object.name)?.origin === 'import' && expr.property.type === 'Identifier' && expr.property.name === 'src') {
      return bindings.get(expr.object.name);
    }
    return { value: source.slice(expr.start!, expr.end!), range: rangeOf(expr), origin: 'expression' };
  };

  const jsxParents = (): t.JSXElement[] => ancestors.filter((a): a is t.JSXElement => a.type === 'JSXElement');

  function imageOf(el: t.JSXElement, name: string, spec: Required<ComponentSpec>, isNext: boolean): ImageReference {
    const opening = el.openingElement;
    const attrs = new Map<string, t.JSXAttribute>();
    let lastSpread: t.JSXSpreadAttribute | undefined;
    for (const a of opening.attributes) {
      if (a.type === 'JSXSpreadAttribute') lastSpread = a;
      else if (!attrs.has(attrName(a))) attrs.set(attrName(a), a);
    }
    const srcAttr = attrs.get(spec.srcProp);
    const srcsetAttr = attrs.get('srcSet') ?? attrs.get('srcset');

    // Candidates: the element's srcSet and, in a <picture>, its <source srcSet>s.
    const candidates: SrcCandidate[] = [];
    const parents = jsxParents();
    const parent = parents[parents.length - 1];
    const picture = parent && elementName(parent.openingElement.name) === 'picture' ? parent : undefined;
    const ownSet = staticString(srcsetAttr?.value);
    const own = ownSet ? parseSrcset(ownSet.value, ownSet.range.start, ownSet.raw.includes('&')) : [];
    candidates.push(...own);
    const pictureSources: SrcCandidate[] = [];
    if (picture) {
      for (const child of picture.children) {
        if (child.type !== 'JSXElement' || elementName(child.openingElement.name) !== 'source') continue;
        const sattrs = new Map<string, t.JSXAttribute>();
        for (const a of child.openingElement.attributes) if (a.type === 'JSXAttribute') sattrs.set(attrName(a), a);
        const ss = staticString((sattrs.get('srcSet') ?? sattrs.get('srcset') ?? sattrs.get('src'))?.value);
        if (!ss) continue;
        const type = staticString(sattrs.get('type')?.value)?.value;
        const media = staticString(sattrs.get('media')?.value)?.value;
        for (const c of parseSrcset(ss.value, ss.range.start, ss.raw.includes('&'))) pictureSources.push({ ...c, ...(type ? { type } : {}), ...(media ? { media } : {}) });
      }
      candidates.push(...pictureSources);
    }

    let src = '';
    let srcRange: OffsetRange | undefined;
    let srcOrigin: SrcOrigin = 'none';
    const bound = srcAttr ? resolveSrc(srcAttr.value) : undefined;
    if (bound && !(bound.origin === 'src' && bound.value.trim() === '')) {
      src = bound.origin === 'expression' ? bound.value : bound.value.trim();
      srcRange = bound.range;
      srcOrigin = bound.origin;
    } else {
      const chosen = bestCandidate(own) ?? bestCandidate(pictureSources);
      if (chosen) {
        src = chosen.url;
        srcRange = chosen.range;
        srcOrigin = bestCandidate(own) ? 'srcset' : 'picture-source';
      }
    }
    const resolvedSrcKind = srcOrigin === 'expression' ? 'unknown' : classifySrc(src);

    // alt
    const altAttr = attrs.get(spec.altProp);
    let alt: AltInfo;
    if (altAttr) {
      alt = altOf(altAttr);
    } else if (lastSpread) {
      alt = { kind: 'dynamic', range: rangeOf(lastSpread), reason: 'A spread attribute may set alt.' };
    } else {
      alt = { kind: 'missing' };
    }

    // decorative markers and other names
    let decorativeMarker: DecorativeMarker | undefined;
    const role = attrs.get('role');
    const roleKind = presentationalRole(staticString(role?.value)?.value);
    const hidden = attrs.get('aria-hidden');
    if (role && roleKind) decorativeMarker = { kind: roleKind, range: rangeOf(role) };
    else if (hidden && isTrue(hidden)) decorativeMarker = { kind: 'aria-hidden', range: rangeOf(hidden) };
    else if (alt.kind === 'empty' && alt.value === '') decorativeMarker = { kind: 'alt-empty', range: alt.attributeRange! };
    const label = attrs.get('aria-label');
    const labelText = staticString(label?.value);
    const ariaName = label && (!labelText || labelText.value.trim() !== '') ? 'aria-label' : attrs.get('aria-labelledby') ? 'aria-labelledby' : undefined;

    // Insertion: after src (or after the last spread, so an explicit alt wins), else after the name.
    let after: AnyNode = opening.name;
    if (srcAttr) after = srcAttr;
    if (lastSpread && lastSpread.start! > after.start!) after = lastSpread;
    const altInsert: InsertionPoint = after !== opening.name && startsLine(source, after.start!)
      ? { offset: after.end!, prefix: '\n' + lineIndent(source, after.start!) }
      : { offset: after.end!, prefix: ' ' };

    // context
    const containerEl = picture ?? el;
    const above = picture ? parents.slice(0, -1) : parents;
    const link = [...parents].reverse().find((p) => linkNames.has(elementName(p.openingElement.name)));
    const context: ImageContext = { inLink: Boolean(link), container: rangeOf(containerEl) };
    if (link) {
      const other = linkText(link, el);
      if (other !== undefined) context.linkHasOtherText = other;
    }
    if (picture) context.picture = { range: rangeOf(picture), sources: pictureSources };
    const phrasing = above.find((p) => PHRASING_ONLY.has(elementName(p.openingElement.name)));
    if (phrasing) context.phrasingAncestor = { name: elementName(phrasing.openingElement.name), range: rangeOf(phrasing) };
    const fig = above[above.length - 1];
    if (fig && elementName(fig.openingElement.name) === 'figure') {
      context.figure = {
        range: rangeOf(fig),
        hasFigcaption: fig.children.some((c) => c.type === 'JSXElement' && elementName(c.openingElement.name) === 'figcaption'),
        ...(fig.closingElement ? { endTagStart: fig.closingElement.start! } : {}),
      };
    }

    const ref: ImageReference = {
      language: 'jsx',
      syntax: 'jsx',
      tagName: name,
      altAttributeName: spec.altProp,
      src,
      srcOrigin,
      resolvedSrcKind,
      alt,
      range: rangeOf(el),
      openingRange: rangeOf(opening),
      altInsert,
      context,
    };
    if (isNext) ref.component = 'next/image';
    if (srcRange) ref.srcRange = srcRange;
    if (candidates.length) ref.srcCandidates = candidates;
    const title = staticString(attrs.get('title')?.value);
    if (title) ref.title = title.value;
    if (decorativeMarker) ref.decorativeMarker = decorativeMarker;
    if (ariaName) ref.ariaName = ariaName;
    if (lastSpread) ref.hasSpread = true;
    return ref;
  }

  visit(ast);
  out.sort((a, b) => a.range.start - b.range.start);
  return { references: out };
}

function isTrue(a: t.JSXAttribute): boolean {
  if (a.value == null) return true; // <img aria-hidden />
  const s = staticString(a.value);
  if (s) return s.value.trim().toLowerCase() === 'true';
  return a.value.type === 'JSXExpressionContainer' && a.value.expression.type === 'BooleanLiteral' && a.value.expression.value;
}

function altOf(a: t.JSXAttribute): AltInfo {
  const attributeRange = rangeOf(a);
  if (a.value == null) return { kind: 'dynamic', attributeRange, range: attributeRange, reason: 'An alt attribute without a value is alt={true}.' };
  const s = staticString(a.value);
  if (s) return { kind: s.value.trim() === '' ? 'empty' : 'text', value: s.value, range: s.range, attributeRange };
  if (a.value.type === 'JSXExpressionContainer') {
    const e = a.value.expression;
    if (e.type === 'JSXEmptyExpression') return { kind: 'missing', attributeRange };
    const u = unwrap(e);
    if ((u.type === 'Identifier' && u.name === 'undefined') || u.type === 'NullLiteral') return { kind: 'missing', attributeRange };
    return { kind: 'dynamic', range: rangeOf(e), attributeRange, reason: 'The alt text is computed at run time.' };
  }
  return { kind: 'dynamic', range: rangeOf(a.value), attributeRange, reason: 'The alt text is an element.' };
}

/** Whether a link element has text besides `image`: true, false, or undefined when an expression makes it unknowable. */
function linkText(link: t.JSXElement, image: t.JSXElement): boolean | undefined {
  for (const a of link.openingElement.attributes) {
    if (a.type === 'JSXAttribute' && (attrName(a) === 'aria-label' || attrName(a) === 'aria-labelledby' || attrName(a) === 'title')) return true;
  }
  let unknown = false;
  const walk = (children: t.JSXElement['children']): boolean => {
    for (const c of children) {
      if (c === image) continue;
      if (c.type === 'JSXText' && c.value.trim() !== '') return true;
      if (c.type === 'JSXExpressionContainer' && c.expression.type !== 'JSXEmptyExpression') {
        const s = staticString(c.expression);
        if (s) {
          if (s.value.trim() !== '') return true;
        } else unknown = true;
      }
      if ((c.type === 'JSXElement' || c.type === 'JSXFragment') && walk(c.children)) return true;
      if (c.type === 'JSXElement') {
        for (const a of c.openingElement.attributes) {
          if (a.type === 'JSXAttribute' && attrName(a) === 'alt') {
            const s = staticString(a.value);
            if (!s || s.value.trim() !== '') return true;
          }
        }
      }
    }
    return false;
  };
  if (walk(link.children)) return true;
  return unknown ? undefined : false;
}
