import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findImageReferences, findJsxImages, languageForId } from '../../src/extension/altText';
import { fixture, refs, refWith, slice } from './util';

const components = ['Img', 'ui.Picture'];

describe('JSX/TSX image references (Gallery fixture)', () => {
  const source = fixture('Gallery.tsx');
  const list = refs(source, 'jsx', { components });

  it('finds <img>, next/image under any local name, and configured components; not comments', () => {
    assert.deepEqual(
      list.map((r) => [r.tagName, r.src]),
      [
        ['Image', './hero.png'],
        ['Image', './hero.png'],
        ['NextImg', '/photos/team.jpg'],
        ['img', '/brand/logo.svg'],
        ['img', '../assets/diagram.png'],
        ['img', '/static/plain.png'],
        ['img', '/banner.png'],
        ['img', 'item.src'],
        ['img', '/spread.png'],
        ['img', '/explicit.png'],
        ['Img', './local.png'],
        ['img', '/home.png'],
        ['img', '/docs.png'],
        ['img', '/inline.png'],
        ['img', '/pic.jpg'],
        ['img', 'https://example.com/remote.png'],
        ['ui.Picture', '/ns.png'],
        ['img', '/a.png'],
      ],
    );
    assert.equal(list[0]!.component, 'next/image');
    assert.equal(list[2]!.component, 'next/image', 'next/legacy/image too');
    assert.equal(list[10]!.component, undefined);
  });

  it('resolves imported images, require(), constants and template literals', () => {
    const heroes = list.filter((r) => r.tagName === 'Image');
    for (const hero of heroes) {
      assert.equal(hero.srcOrigin, 'import');
      assert.equal(slice(source, hero.srcRange), './hero.png', 'the range is in the import statement');
    }
    const logo = refWith(source, list, 'src={LOGO}');
    assert.deepEqual([logo.srcOrigin, logo.resolvedSrcKind, slice(source, logo.srcRange)], ['const', 'root', '/brand/logo.svg']);
    const diagram = refWith(source, list, 'src={diagram}');
    assert.deepEqual([diagram.srcOrigin, diagram.resolvedSrcKind], ['require', 'relative']);
    const plain = refWith(source, list, 'plain.png');
    assert.deepEqual([plain.srcOrigin, slice(source, plain.srcRange)], ['src', '/static/plain.png']);
    const dynamic = refWith(source, list, 'item.src');
    assert.deepEqual([dynamic.srcOrigin, dynamic.resolvedSrcKind], ['expression', 'unknown']);
  });

  it('reads alt as string, {"string"}, {`template`}, missing, empty, undefined, valueless and dynamic', () => {
    const alt = (needle: string) => refWith(source, list, needle).alt;
    assert.deepEqual([alt('Hero banner').kind, alt('Hero banner').value], ['text', 'Hero banner: three friends hiking at sunset']);
    assert.equal(alt('hero.src').kind, 'missing');
    assert.deepEqual([alt('team.jpg').kind, alt('team.jpg').value], ['empty', '']);
    assert.deepEqual([alt('src={LOGO}').kind, alt('src={LOGO}').value], ['text', 'Lunette']);
    assert.equal(slice(source, alt('src={LOGO}').range), 'Lunette');
    assert.equal(slice(source, alt('src={LOGO}').attributeRange), 'alt={"Lunette"}');
    assert.deepEqual([alt('diagram}').value, slice(source, alt('diagram}').range)], ['diagram.png', 'diagram.png']);
    assert.equal(alt('plain.png').kind, 'dynamic');
    assert.equal(slice(source, alt('plain.png').range), "t('gallery.title')");
    assert.equal(alt("'Picture of our office'").value, 'Picture of our office');
    assert.equal(alt('item.src').kind, 'dynamic');
    assert.equal(alt('pic.jpg').kind, 'missing', 'alt={undefined}');
    assert.equal(alt('remote.png').kind, 'dynamic', 'alt without a value is alt={true}');
  });

  it('a spread may carry alt: dynamic unless an explicit alt is given', () => {
    const spread = refWith(source, list, 'spread.png');
    assert.equal(spread.alt.kind, 'dynamic');
    assert.equal(spread.hasSpread, true);
    const explicit = refWith(source, list, 'explicit.png');
    assert.equal(explicit.alt.value, 'Explicit wins');
    assert.equal(source.slice(explicit.altInsert.offset - 9, explicit.altInsert.offset), '{...rest}', 'a new alt would go after the spread');
  });

  it('knows links, phrasing parents, pictures and multi-line elements', () => {
    const home = refWith(source, list, 'home.png');
    assert.deepEqual([home.context.inLink, home.context.linkHasOtherText], [true, false]);
    const docs = refWith(source, list, 'docs.png');
    assert.deepEqual([docs.context.inLink, docs.context.linkHasOtherText], [true, true]);
    assert.equal(refWith(source, list, 'inline.png').context.phrasingAncestor?.name, 'p');
    const pic = refWith(source, list, 'pic.jpg');
    assert.deepEqual(pic.context.picture?.sources.map((s) => s.url), ['/pic.avif', '/pic@2x.avif']);
    const remote = refWith(source, list, 'remote.png');
    assert.equal(remote.altInsert.prefix, '\n        ');
    assert.equal(remote.resolvedSrcKind, 'remote');
  });

  it('finds elements in conditionals and map callbacks', () => {
    assert.ok(list.some((r) => r.src === '/banner.png'));
    assert.ok(list.some((r) => r.src === '/a.png'));
  });
});

describe('JSX edge cases', () => {
  it('plain JavaScript with JSX', () => {
    const js = "import Pic from 'next/image';\nexport default () => <div><Pic src='/a.png' /><img src=\"b.png\" alt=\"B\"/></div>;";
    const { references, error } = findJsxImages(js, { typescript: false });
    assert.equal(error, undefined);
    assert.deepEqual(references.map((r) => [r.tagName, r.component ?? null]), [['Pic', 'next/image'], ['img', null]]);
  });

  it('survives a half-typed line: the error is reported and the other lines still give references', () => {
    const half = 'const a = <img src="a.png" />;\nconst b = <img src="b.png" alt="B" />\nconst c = ;\nconst d = <img src="d.png" />;';
    const recovered = findJsxImages(half);
    assert.match(recovered.error ?? '', /Unexpected token/);
    assert.deepEqual(recovered.references.map((r) => r.src), ['a.png', 'b.png', 'd.png']);
    assert.equal(slice(half, recovered.references[2]!.range), '<img src="d.png" />', 'offsets are those of the real text');
    const broken = findJsxImages('<<<');
    assert.ok(broken.error);
    assert.deepEqual(broken.references, []);
  });

  it('entities in JSX strings are decoded; ranges stay raw', () => {
    const src = '<img src="a.png" alt="Tom &amp; Jerry" />';
    const [r] = findJsxImages(src).references;
    assert.equal(r!.alt.value, 'Tom & Jerry');
    assert.equal(slice(src, r!.alt.range), 'Tom &amp; Jerry');
  });

  it('aria-hidden and role mark decorative images', () => {
    const src = '<><img src="a.png" aria-hidden /><img src="b.png" role="presentation" alt="" /><img src="c.png" aria-hidden={true} /></>';
    assert.deepEqual(findJsxImages(src).references.map((r) => r.decorativeMarker?.kind), ['aria-hidden', 'role-presentation', 'aria-hidden']);
  });

  it('components with other prop names', () => {
    const src = '<Avatar image="/me.png" label="Me" />';
    const [r] = findJsxImages(src, { components: [{ name: 'Avatar', srcProp: 'image', altProp: 'label' }] }).references;
    assert.deepEqual([r!.src, r!.alt.value, r!.altAttributeName], ['/me.png', 'Me', 'label']);
  });

  it('languageForId', () => {
    assert.deepEqual(languageForId('typescriptreact'), { language: 'jsx', typescript: true });
    assert.deepEqual(languageForId('javascriptreact'), { language: 'jsx', typescript: false });
    assert.deepEqual(languageForId('markdown'), { language: 'markdown', typescript: false });
    assert.equal(languageForId('typescript'), undefined);
    assert.equal(findImageReferences('<img src="a.png"/>', 'jsx').references.length, 1);
  });

  it('keeps offsets with CRLF and a BOM', () => {
    const source = fixture('Gallery.tsx');
    const crlf = '\uFEFF' + source.replace(/\n/g, '\r\n');
    const a = refs(source, 'jsx', { components });
    const b = refs(crlf, 'jsx', { components });
    assert.equal(b.length, a.length);
    for (let i = 0; i < a.length; i++) assert.equal(slice(crlf, b[i]!.range)!.replace(/\r\n/g, '\n'), slice(source, a[i]!.range));
  });
});
