import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findImageReferences, findMarkdownImages } from '../../src/extension/altText';
import { fixture, refs, refWith, slice } from './util';

describe('Markdown image references (README fixture)', () => {
  const source = fixture('readme.md');
  const list = refs(source, 'markdown');

  it('finds every image and nothing in code, inline code, indented code or comments', () => {
    assert.deepEqual(
      list.map((r) => r.src),
      [
        'https://github.com/example/lunette/actions/workflows/ci.yml/badge.svg',
        'https://img.shields.io/npm/v/lunette.svg',
        'https://img.shields.io/badge/license-MIT-blue',
        'docs/logo.png',
        'docs/screenshots/settings.png',
        'docs/architecture.svg',
        'docs/data flow.png',
        './docs/logo.png',
        'docs/warning.png',
        'docs/quote.png',
        'docs/step-1.png',
        'docs/step-2.png',
        'docs/caption.png',
        'docs/home.png',
        'docs/docs-icon.png',
        'docs/with space.png',
      ],
    );
    for (const r of list) assert.ok(!r.src.startsWith('nope'), `${r.src} is in code or a comment`);
  });

  it('gives exact ranges for the image, the bracket text and the destination', () => {
    for (const r of list) {
      const text = slice(source, r.range)!;
      if (r.syntax === 'html') {
        assert.match(text, /^<img[\s\S]*>$/);
      } else {
        assert.ok(text.startsWith('!['), text);
        assert.equal(slice(source, r.alt.range), text.slice(2, 2 + (r.alt.range!.end - r.alt.range!.start)));
      }
    }
    const settings = refWith(source, list, 'settings.png');
    assert.equal(slice(source, settings.alt.range), 'Screen Shot 2024-03-02 at 10.41.30 AM');
    assert.equal(slice(source, settings.srcRange), 'docs/screenshots/settings.png');
    assert.equal(settings.title, 'Settings');
    assert.equal(settings.syntax, 'markdown-image');
    assert.equal(settings.resolvedSrcKind, 'relative');

    const spaced = refWith(source, list, 'with space');
    assert.equal(slice(source, spaced.srcRange), 'docs/with space.png', 'angle-bracket destination: inner range');
    assert.equal(spaced.alt.value, 'An emphasised [bracketed] alt', 'alt is the plain text, escapes resolved');
    assert.equal(slice(source, spaced.alt.range), 'An *emphasised* \\[bracketed\\] alt');
    assert.equal(spaced.title, 'Single-quoted title');
  });

  it('resolves reference-style images through their definitions (full, collapsed, shortcut)', () => {
    const arch = refWith(source, list, '[arch]');
    assert.equal(arch.syntax, 'markdown-reference');
    assert.deepEqual({ label: arch.reference!.label, kind: arch.reference!.kind }, { label: 'arch', kind: 'full' });
    assert.equal(arch.src, 'docs/architecture.svg');
    assert.equal(arch.srcOrigin, 'definition');
    assert.equal(slice(source, arch.srcRange), 'docs/architecture.svg');
    assert.equal(slice(source, arch.reference!.definitionRange), '[arch]: docs/architecture.svg "Architecture"');
    assert.equal(arch.title, 'Architecture');

    const flow = refWith(source, list, '![dataflow.png][]');
    assert.equal(flow.reference!.kind, 'collapsed');
    assert.equal(flow.src, 'docs/data flow.png');
    assert.equal(slice(source, flow.srcRange), 'docs/data flow.png');

    const logo = list.find((r) => slice(source, r.range) === '![logo]')!;
    assert.equal(logo.reference!.kind, 'shortcut');
    assert.equal(logo.src, './docs/logo.png');
  });

  it('classifies badges as remote and empty alt as empty', () => {
    const badges = list.filter((r) => r.resolvedSrcKind === 'remote');
    assert.equal(badges.length, 3);
    const build = badges[0]!;
    assert.equal(build.context.inLink, true);
    assert.equal(build.context.linkHasOtherText, false);
    assert.equal(build.alt.kind, 'text');
    const license = badges[2]!;
    assert.equal(license.alt.kind, 'empty');
    assert.equal(license.context.inLink, false);
    assert.equal(license.decorativeMarker, undefined, 'Markdown image syntax cannot be marked decorative');
  });

  it('parses <img> in HTML blocks and inline HTML, also across block-quote lines', () => {
    const logo = refWith(source, list, 'docs/logo.png"');
    assert.equal(logo.syntax, 'html');
    assert.equal(logo.language, 'markdown');
    assert.equal(logo.alt.kind, 'missing');
    assert.equal(slice(source, logo.context.container), '<p align="center">\n  <img src="docs/logo.png" width="120">\n</p>');

    const quote = refWith(source, list, 'docs/quote.png');
    assert.equal(slice(source, quote.range), '<img\n>   src="docs/quote.png"\n>   alt="">');
    assert.equal(slice(source, quote.srcRange), 'docs/quote.png');
    assert.equal(quote.alt.kind, 'empty');
    assert.equal(quote.decorativeMarker?.kind, 'alt-empty');
    assert.equal(slice(source, quote.alt.attributeRange), 'alt=""');
    assert.deepEqual(quote.altInsert.prefix, '\n>   ', 'a new attribute line keeps the block-quote marker');
    assert.equal(quote.context.blockPrefix, '> ');

    const step2 = refWith(source, list, 'docs/step-2.png');
    assert.equal(step2.alt.value, 'Second step');
    assert.equal(slice(source, step2.alt.range), 'Second step');
    assert.equal(step2.context.blockPrefix, '  ', 'list item indentation');
  });

  it('knows links: a Markdown link around inline HTML, an inline <a> … </a> around an image', () => {
    const home = refWith(source, list, 'docs/home.png');
    assert.equal(home.context.inLink, true);
    assert.equal(home.context.linkHasOtherText, false);
    const icon = refWith(source, list, 'docs/docs-icon.png');
    assert.equal(icon.context.inLink, true);
    assert.equal(icon.context.linkHasOtherText, false, '"Read the docs." is outside the </a>');
  });

  it('marks images in GFM table cells', () => {
    const cell = refWith(source, list, 'docs/caption.png');
    assert.equal(cell.context.inTableCell, true);
    assert.equal(cell.alt.value, 'Caption | preview');
    assert.match(slice(source, cell.context.container)!, /^\| Feature \| Preview \|[\s\S]*caption\.png\) \|$/);
  });

  it('keeps offsets exact with CRLF line endings and a BOM', () => {
    const crlf = '\uFEFF' + source.replace(/\n/g, '\r\n');
    const other = refs(crlf, 'markdown');
    assert.equal(other.length, list.length);
    for (let i = 0; i < list.length; i++) {
      assert.equal(slice(crlf, other[i]!.range)!.replace(/\r\n/g, '\n'), slice(source, list[i]!.range));
      assert.equal(slice(crlf, other[i]!.srcRange), slice(source, list[i]!.srcRange));
      assert.equal(slice(crlf, other[i]!.alt.range)?.replace(/\r\n/g, '\n'), slice(source, list[i]!.alt.range));
    }
  });
});

describe('Markdown edge cases', () => {
  it('ignores image syntax in every kind of code', () => {
    const md = [
      '```md', '![a](fenced.png)', '```', '',
      '~~~', '<img src="tilde.png">', '~~~', '',
      '    ![b](indented.png)', '',
      'Text `![c](inline.png)` and ``<img src="double.png">``.', '',
      '- item', '', '  ```', '  ![d](in-list-fence.png)', '  ```', '',
      '> ```', '> ![e](in-quote-fence.png)', '> ```',
    ].join('\n');
    assert.deepEqual(findMarkdownImages(md).references, []);
  });

  it('reads escaped brackets, nested images, and link-wrapped images', () => {
    const md = '[![Logo \\] of us](logo.png)](https://x.test) ![outer ![inner](in.png) text](out.png)';
    const list = refs(md, 'markdown');
    assert.equal(list[0]!.alt.value, 'Logo ] of us');
    assert.equal(slice(md, list[0]!.alt.range), 'Logo \\] of us');
    assert.equal(list[0]!.context.inLink, true);
    // CommonMark: an image inside an image's bracket text is only part of the outer alt, never rendered.
    const outer = list.find((r) => r.src === 'out.png')!;
    assert.equal(outer.alt.value, 'outer inner text');
    assert.ok(!list.some((r) => r.src === 'in.png'));
  });

  it('a reference without a definition is not an image', () => {
    assert.deepEqual(refs('![alt][missing] and ![alone]', 'markdown'), []);
  });

  it('entities and escapes in destinations are decoded in src, not in srcRange', () => {
    const md = '![x](a\\_b&amp;c.png)';
    const [r] = refs(md, 'markdown');
    assert.equal(r!.src, 'a_b&c.png');
    assert.equal(slice(md, r!.srcRange), 'a\\_b&amp;c.png');
  });

  it('dispatches through findImageReferences', () => {
    assert.equal(findImageReferences('![a](b.png)', 'markdown').references.length, 1);
  });
});
