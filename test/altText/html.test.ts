import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestCandidate, classifySrc, findHtmlImages, parseSrcset, srcFileName, srcPath } from '../../src/extension/altText';
import { fixture, refs, refWith, slice } from './util';

describe('HTML image references (page fixture)', () => {
  const source = fixture('page.html');
  const list = refs(source, 'html');

  it('finds every <img> and none in comments, scripts, styles or templates', () => {
    assert.deepEqual(
      list.map((r) => r.src),
      [
        '/img/logo.svg',
        '/img/new.gif',
        'img/settings.png',
        'img/unquoted.png',
        'img/single.png',
        'img/chart-1600.png',
        'img/hero.jpg',
        'img/flow.png',
        'https://stats.example.com/pixel.gif',
        'data:image/png;base64,iVBORw0KGgo=',
        '{{ page.image }}',
        'user.avatar',
        '//cdn.example.com/banner.png',
        'img/a11y.png',
        'img/architecture.png',
      ],
    );
    assert.ok(!list.some((r) => /in-script|in-style|in-template|commented-out/.test(r.src)));
  });

  it('handles a start tag over several lines', () => {
    const shot = refWith(source, list, 'settings.png');
    assert.match(slice(source, shot.range)!, /^<img\n\s+class="shot"\n\s+src="img\/settings.png"\n\s+width="640" height="400"\n\s+>$/);
    assert.equal(slice(source, shot.srcRange), 'img/settings.png');
    assert.equal(shot.alt.kind, 'missing');
    assert.equal(shot.altInsert.prefix, '\n        ', 'a new alt gets its own line, like src');
    assert.equal(source.slice(shot.altInsert.offset - 'src="img/settings.png"'.length, shot.altInsert.offset), 'src="img/settings.png"');
    assert.equal(slice(source, shot.openingRange), slice(source, shot.range));
    assert.deepEqual(shot.context.phrasingAncestor?.name, 'p');
  });

  it('reads every kind of quoting, upper-case names and entities', () => {
    const unquoted = refWith(source, list, 'unquoted.png');
    assert.equal(unquoted.alt.value, 'IMG_2041.JPG');
    assert.equal(slice(source, unquoted.alt.range), 'IMG_2041.JPG');
    assert.equal(slice(source, unquoted.srcRange), 'img/unquoted.png');

    const single = refWith(source, list, 'single.png');
    assert.equal(single.alt.value, 'Tom & Jerry\'s "best" chart');
    assert.equal(slice(source, single.alt.range), 'Tom &amp; Jerry&apos;s "best" chart');
    assert.equal(slice(source, single.alt.attributeRange), 'ALT=\'Tom &amp; Jerry&apos;s "best" chart\'');
    assert.equal(single.tagName, 'img');
  });

  it('takes the most detailed srcset candidate when there is no src', () => {
    const chart = refWith(source, list, 'chart-400');
    assert.equal(chart.srcOrigin, 'srcset');
    assert.equal(chart.src, 'img/chart-1600.png');
    assert.equal(slice(source, chart.srcRange), 'img/chart-1600.png');
    assert.deepEqual(chart.srcCandidates!.map((c) => [c.url, c.descriptor, slice(source, c.range)]), [
      ['img/chart-400.png', '400w', 'img/chart-400.png'],
      ['img/chart-800.png', '800w', 'img/chart-800.png'],
      ['img/chart-1600.png', '1600w', 'img/chart-1600.png'],
    ]);
  });

  it('keeps alt on the <img> of a <picture> and lists its sources', () => {
    const hero = refWith(source, list, 'hero.jpg');
    assert.equal(hero.src, 'img/hero.jpg');
    assert.equal(hero.srcOrigin, 'src');
    assert.equal(hero.alt.value, 'hero.jpg');
    const picture = hero.context.picture!;
    assert.match(slice(source, picture.range)!, /^<picture>[\s\S]*<\/picture>$/);
    assert.deepEqual(picture.sources.map((s) => [s.url, s.descriptor, s.type ?? null, s.media ?? null]), [
      ['img/hero.avif', '1x', 'image/avif', null],
      ['img/hero@2x.avif', '2x', 'image/avif', null],
      ['img/hero.webp', '', 'image/webp', '(min-width: 800px)'],
    ]);
    assert.deepEqual(hero.context.container, picture.range, 'a long description wraps the whole picture');
  });

  it('reports decorative markers, names and links', () => {
    assert.equal(refWith(source, list, 'new.gif').decorativeMarker?.kind, 'role-presentation');
    assert.equal(refWith(source, list, 'banner.png').decorativeMarker?.kind, 'aria-hidden');
    assert.equal(refWith(source, list, 'a11y.png').ariaName, 'aria-label');
    const logo = refWith(source, list, 'logo.svg');
    assert.deepEqual([logo.context.inLink, logo.context.linkHasOtherText], [true, false]);
    const flow = refWith(source, list, 'flow.png');
    assert.equal(flow.context.figure?.hasFigcaption, false);
    assert.equal(source.slice(flow.context.figure!.endTagStart!, flow.context.figure!.endTagStart! + 9), '</figure>');
  });

  it('treats template placeholders and framework bindings as dynamic', () => {
    const jinja = refWith(source, list, 'page.image');
    assert.equal(jinja.alt.kind, 'dynamic');
    assert.equal(jinja.resolvedSrcKind, 'unknown');
    const vue = refWith(source, list, 'user.avatar');
    assert.equal(vue.alt.kind, 'dynamic');
    assert.equal(slice(source, vue.alt.attributeRange), ':alt="user.name"');
    assert.equal(vue.srcOrigin, 'expression');
  });

  it('classifies sources', () => {
    assert.equal(refWith(source, list, 'pixel.gif').resolvedSrcKind, 'remote');
    assert.equal(refWith(source, list, 'banner.png').resolvedSrcKind, 'remote');
    assert.equal(refWith(source, list, 'base64').resolvedSrcKind, 'data');
    assert.equal(refWith(source, list, 'logo.svg').resolvedSrcKind, 'root');
  });

  it('keeps exact offsets with CRLF and a BOM', () => {
    const crlf = '\uFEFF' + source.replace(/\n/g, '\r\n');
    const other = refs(crlf, 'html');
    assert.equal(other.length, list.length);
    for (let i = 0; i < list.length; i++) {
      assert.equal(slice(crlf, other[i]!.range)!.replace(/\r\n/g, '\n'), slice(source, list[i]!.range));
      assert.equal(slice(crlf, other[i]!.alt.range), slice(source, list[i]!.alt.range));
    }
  });
});

describe('HTML edge cases', () => {
  it('uses the first of duplicate attributes, as browsers do', () => {
    const html = '<img src="a.png" alt="first" alt="second">';
    const [r] = findHtmlImages(html).references;
    assert.equal(r!.alt.value, 'first');
    assert.equal(slice(html, r!.alt.range), 'first');
  });

  it('an alt without a value is empty', () => {
    const html = '<img src="a.png" alt>';
    const [r] = findHtmlImages(html).references;
    assert.equal(r!.alt.kind, 'empty');
    assert.equal(slice(html, r!.alt.attributeRange), 'alt');
  });

  it('images in <noscript> are found; in <template> they are not', () => {
    const html = '<noscript><img src="n.png"></noscript><template><img src="t.png"></template>';
    assert.deepEqual(findHtmlImages(html).references.map((r) => r.src), ['n.png']);
  });

  it('uses a <source> of the picture when the img has no src', () => {
    const html = '<picture><source srcset="a.webp 1x, b.webp 2x"><img alt="x"></picture>';
    const [r] = findHtmlImages(html).references;
    assert.equal(r!.src, 'b.webp');
    assert.equal(r!.srcOrigin, 'picture-source');
  });
});

describe('sources', () => {
  it('classifySrc', () => {
    const cases: Array<[string, string]> = [
      ['img/a.png', 'relative'], ['./a.png', 'relative'], ['../a.png', 'relative'], ['/a.png', 'root'],
      ['https://x.test/a.png', 'remote'], ['HTTP://x.test/a.png', 'remote'], ['//cdn.test/a.png', 'remote'],
      ['data:image/png;base64,AAAA', 'data'], ['', 'unknown'], ['{{ x }}', 'unknown'], ['${x}', 'unknown'],
      ['file:///a.png', 'unknown'], ['@/assets/a.png', 'unknown'], ['~/a.png', 'unknown'], ['#frag', 'unknown'],
    ];
    for (const [src, kind] of cases) assert.equal(classifySrc(src), kind, src);
  });

  it('srcPath drops query and fragment and decodes', () => {
    assert.equal(srcPath('img/my%20shot.png?raw#gh-dark-mode-only'), 'img/my shot.png');
    assert.equal(srcPath('100%.png'), '100%.png');
    assert.equal(srcFileName('docs/img/hero.png?v=2'), 'hero.png');
  });

  it('parseSrcset follows the standard for commas in URLs and descriptors', () => {
    const value = 'a.png, b.png 2x,c,d.png 3x , e.png 800w';
    const list = parseSrcset(value, 10);
    assert.deepEqual(list.map((c) => [c.url, c.descriptor]), [['a.png', ''], ['b.png', '2x'], ['c,d.png', '3x'], ['e.png', '800w']]);
    assert.deepEqual(list.map((c) => value.slice(c.range.start - 10, c.range.end - 10)), ['a.png', 'b.png', 'c,d.png', 'e.png']);
    assert.equal(bestCandidate(list)?.url, 'c,d.png');
    assert.deepEqual(parseSrcset('', 0), []);
  });
});
