import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Nodes } from 'mdast';
import { parseFragment } from 'parse5';
import {
  addLongDescription, applyEdits, escapeMarkdownAlt, escapeMarkdownParagraph, findJsxImages, htmlAttributeValue, jsxAttribute, jsxText,
  describeSkipReason, markDecorative, setAltText, type FindOptions, type ImageLanguage, type ImageReference,
} from '../../src/extension/altText';
import { parseMarkdown } from '../../src/extension/altText/markdown';
import { fixture, ok, refs, refWith, roundTrip, slice } from './util';

const TRICKY = 'He said "hi" & <b>not bold</b> [x] {y} \\ back | pipe *star* _u_ `code` &amp; it\'s\nthe end';
const TRICKY_ONE_LINE = TRICKY.replace('\n', ' ');

const FIXTURES: Array<[string, ImageLanguage, FindOptions]> = [
  ['readme.md', 'markdown', {}],
  ['page.html', 'html', {}],
  ['Gallery.tsx', 'jsx', { components: ['Img', 'ui.Picture'] }],
];

/** Is the alt computed at run time (the edit builders must refuse to overwrite it)? */
const computed = (r: ImageReference) => r.alt.kind === 'dynamic' && r.alt.attributeRange !== undefined;

describe('setAltText round trips over every reference of the fixtures', () => {
  for (const [file, language, options] of FIXTURES) {
    it(file, () => {
      const source = fixture(file);
      const list = refs(source, language, options);
      let done = 0;
      for (const ref of list) {
        const result = setAltText(source, ref, TRICKY);
        if (computed(ref)) {
          assert.equal(result.ok, false, `refuses to overwrite ${slice(source, ref.alt.attributeRange)}`);
          continue;
        }
        const { ref: after, text } = roundTrip(source, language, ref, result, options);
        assert.equal(after.alt.kind, 'text');
        assert.equal(after.alt.value, TRICKY_ONE_LINE, `${file}: ${slice(source, ref.range)} → ${slice(text, after.range)}`);
        assert.equal(after.src, ref.src);
        done++;
      }
      assert.ok(done >= list.length - 6, `${done} of ${list.length}`);
    });
  }
});

describe('markDecorative round trips', () => {
  for (const [file, language, options] of FIXTURES) {
    it(file, () => {
      const source = fixture(file);
      for (const ref of refs(source, language, options)) {
        const result = markDecorative(source, ref);
        if (computed(ref)) {
          assert.equal(result.ok, false);
          continue;
        }
        const { ref: after, text } = roundTrip(source, language, ref, result, options);
        assert.deepEqual([after.alt.kind, after.alt.value], ['empty', ''], slice(text, after.range));
        assert.equal(after.decorativeMarker !== undefined, true);
        assert.equal(after.src, ref.src);
        if (ref.syntax.startsWith('markdown')) {
          assert.equal(after.syntax, 'html');
          assert.match(ok(result).note!, /Markdown cannot mark an image as decorative/);
        }
        if (ref.context.inLink && ref.context.linkHasOtherText === false) assert.match(ok(result).note ?? '', /link/);
      }
    });
  }

  it('Markdown: keeps the title, and refuses where the rest of the paragraph would become HTML', () => {
    const md = 'Intro\n\n![Chart](c.png "Sales")\n\n![Logo](l.png)\nfollowed by text\n';
    const list = refs(md, 'markdown');
    const { text } = roundTrip(md, 'markdown', list[0]!, markDecorative(md, list[0]!));
    assert.equal(text, 'Intro\n\n<img src="c.png" alt="" title="Sales">\n\n![Logo](l.png)\nfollowed by text\n');
    const refused = markDecorative(md, list[1]!);
    assert.equal(refused.ok, false);
  });
});

describe('alt text escaping per language', () => {
  it('Markdown bracket text: as few escapes as read back the same', () => {
    assert.equal(escapeMarkdownAlt('A plain alt'), 'A plain alt');
    assert.equal(escapeMarkdownAlt('Array [0] \\ end'), 'Array \\[0\\] \\\\ end');
    assert.equal(escapeMarkdownAlt('a | b', true), 'a \\| b');
    assert.equal(escapeMarkdownAlt('a | b'), 'a | b');
    for (const text of ['*not emphasis*', '`code`', '&copy; 2024', '<span>', '![nested](x)', 'snake_case_name', 'a\nb', '~~struck~~', 'https://x.test']) {
      const md = `![${escapeMarkdownAlt(text)}](x.png)`;
      assert.equal(refs(md, 'markdown')[0]!.alt.value, text.replace('\n', ' '), md);
    }
  });

  it('Markdown paragraphs: no accidental block syntax or inline markup', () => {
    for (const text of ['# not a heading', '- not a list', '1. not a list', '> not a quote', 'a *b* [c](d) <e> &amp; `f`', '=== not setext', '| not | a table |']) {
      const escaped = escapeMarkdownParagraph(text);
      const tree = parseMarkdown(escaped + '\n');
      assert.equal(tree.children.length, 1, escaped);
      assert.equal(tree.children[0]!.type, 'paragraph', escaped);
    }
  });

  it('HTML attribute values', () => {
    assert.equal(htmlAttributeValue('Tom & "Jerry" <3'), '"Tom &amp; &quot;Jerry&quot; &lt;3"');
  });

  it('JSX: a string when it can be, an expression when it must', () => {
    assert.equal(jsxAttribute('alt', "It's fine"), 'alt="It\'s fine"');
    assert.equal(jsxAttribute('alt', 'Q1 & Q2 <3'), 'alt="Q1 & Q2 <3"');
    assert.equal(jsxAttribute('alt', 'Say "hi"'), 'alt={"Say \\"hi\\""}');
    assert.equal(jsxAttribute('alt', 'a {b}'), 'alt={"a {b}"}');
    assert.equal(jsxAttribute('alt', 'C:\\path'), 'alt={"C:\\\\path"}');
    assert.equal(jsxAttribute('alt', '&copy; 2024'), 'alt={"&copy; 2024"}');
    assert.equal(jsxText('plain'), 'plain');
    assert.equal(jsxText('a < b'), '{"a < b"}');
    for (const text of ["It's", 'Q1 & Q2', 'Say "hi"', 'a {b}', 'C:\\path', '&copy; 2024', 'a\\nb']) {
      const src = `<img src="a.png" ${jsxAttribute('alt', text)} />`;
      assert.equal(findJsxImages(src).references[0]!.alt.value, text, src);
    }
  });
});

describe('setAltText specifics', () => {
  it('Markdown collapsed and shortcut references keep their label', () => {
    const source = fixture('readme.md');
    const list = refs(source, 'markdown');
    const flow = refWith(source, list, '![dataflow.png][]');
    const { text, ref } = roundTrip(source, 'markdown', flow, setAltText(source, flow, 'Data flow from editor to model'));
    assert.equal(slice(text, ref.range), '![Data flow from editor to model][dataflow.png]');
    assert.equal(ref.src, 'docs/data flow.png');
    const logo = list.find((r) => slice(source, r.range) === '![logo]')!;
    const after = roundTrip(source, 'markdown', logo, setAltText(source, logo, 'Lunette'));
    assert.equal(slice(after.text, after.ref.range), '![Lunette][logo]');
  });

  it('HTML: a new alt follows src, on its own line when attributes are one per line, also in a block quote', () => {
    const html = fixture('page.html');
    const shot = refWith(html, refs(html, 'html'), 'settings.png');
    const { text, ref } = roundTrip(html, 'html', shot, setAltText(html, shot, 'Settings dialog'));
    assert.match(slice(text, ref.range)!, /\n {8}src="img\/settings.png"\n {8}alt="Settings dialog"\n {8}width="640"/);

    const md = fixture('readme.md');
    const quote = refWith(md, refs(md, 'markdown'), 'quote.png');
    const r2 = roundTrip(md, 'markdown', quote, setAltText(md, quote, 'Quoted'));
    assert.equal(slice(r2.text, r2.ref.range), '<img\n>   src="docs/quote.png"\n>   alt="Quoted">');

    const md2 = '> <img\n>   src="q.png">\n';
    const q2 = refs(md2, 'markdown')[0]!;
    const r3 = roundTrip(md2, 'markdown', q2, setAltText(md2, q2, 'New'));
    assert.equal(r3.text, '> <img\n>   src="q.png"\n>   alt="New">\n');
  });

  it('JSX: inserts after the spread so the explicit alt wins; uses the component alt prop', () => {
    const src = '<><img {...props} src="/a.png" /><Avatar image="/me.png" /></>';
    const options: FindOptions = { components: [{ name: 'Avatar', srcProp: 'image', altProp: 'label' }] };
    const [spread, avatar] = refs(src, 'jsx', options);
    const a = roundTrip(src, 'jsx', spread!, setAltText(src, spread!, 'Team photo'), options);
    assert.equal(slice(a.text, a.ref.range), '<img {...props} src="/a.png" alt="Team photo" />');
    const b = roundTrip(src, 'jsx', avatar!, setAltText(src, avatar!, 'Me'), options);
    assert.equal(slice(b.text, b.ref.range), '<Avatar image="/me.png" label="Me" />');
  });

  it('refuses computed alt, with the expression in the reason', () => {
    const src = '<img src="a.png" alt={t("hero")} />';
    const r = setAltText(src, refs(src, 'jsx')[0]!, 'x');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /alt=\{t\("hero"\)\}/);
  });

  it('applyEdits rejects overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ range: { start: 0, end: 3 }, newText: 'x' }, { range: { start: 2, end: 4 }, newText: 'y' }]));
    assert.equal(applyEdits('abcdef', [{ range: { start: 4, end: 4 }, newText: '!' }, { range: { start: 0, end: 1 }, newText: 'A' }]), 'Abcd!ef');
  });
});

const LONG = 'Bars for January, February and March. Site 1 declines from 120 to 80 visitors; site 2 stays at 100; site 3 grows from 60 to 140.';
const SHORT = 'Bar chart of visitors per site for the first quarter';
const HINTED = `${SHORT}. Described in detail below.`;

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

describe('addLongDescription', () => {
  it('Markdown: short alt with a pointer, then a paragraph after the block (quote and list prefixes kept)', () => {
    const md = [
      'Intro ![chart](q1.png) in a paragraph.',
      'Second line.',
      '',
      '> A quote with ![chart](quote.png)',
      '',
      '- item ![chart](item.png)',
      '- next item',
      '',
      '| a | b |',
      '| - | - |',
      '| ![chart](cell.png) | x |',
      '',
    ].join('\n');
    const list = refs(md, 'markdown');
    const checks: Array<[string, (tree: Nodes) => Nodes | undefined]> = [
      ['q1.png', (tree) => (tree as { children: Nodes[] }).children[1]],
      ['quote.png', (tree) => ((tree as { children: Nodes[] }).children[1] as { children: Nodes[] }).children[1]],
      ['item.png', (tree) => (((tree as { children: Nodes[] }).children[2] as { children: Nodes[] }).children[0] as { children: Nodes[] }).children[1]],
      ['cell.png', (tree) => (tree as { children: Nodes[] }).children[4]],
    ];
    for (const [src, locate] of checks) {
      const ref = list.find((r) => r.src === src)!;
      const { text, ref: after } = roundTrip(md, 'markdown', ref, addLongDescription(md, ref, SHORT, LONG));
      assert.equal(after.alt.value, HINTED);
      const paragraph = locate(parseMarkdown(text));
      assert.equal(paragraph?.type, 'paragraph', `${src}:\n${text}`);
      assert.equal(textOf(paragraph!), LONG, src);
    }
  });

  it('Markdown: several paragraphs, CRLF kept, no hint when asked', () => {
    const md = '![x](a.png)\r\n';
    const ref = refs(md, 'markdown')[0]!;
    const { text } = roundTrip(md, 'markdown', ref, addLongDescription(md, ref, 'Chart', 'First part.\n\nSecond part.', { locationHint: '' }));
    assert.equal(text, '![Chart](a.png)\r\n\r\nFirst part.\r\n\r\nSecond part.\r\n');
  });

  it('HTML: wraps the image (or its picture) in <figure role="group"> with a <figcaption>, indented', () => {
    const html = '<main>\n  <div>\n    <img\n      src="chart.png">\n  </div>\n</main>\n';
    const ref = refs(html, 'html')[0]!;
    const { text, ref: after } = roundTrip(html, 'html', ref, addLongDescription(html, ref, SHORT, LONG));
    assert.equal(
      text,
      `<main>\n  <div>\n    <figure role="group">\n      <img\n        src="chart.png"\n        alt="${HINTED}">\n      <figcaption>${LONG}</figcaption>\n    </figure>\n  </div>\n</main>\n`,
    );
    assert.equal(after.context.figure?.hasFigcaption, true);
    const frag = parseFragment(text);
    assert.ok(frag.childNodes.length > 0);
  });

  it('HTML: adds a <figcaption> to a figure without one; refuses a figure that has one', () => {
    const source = fixture('page.html');
    const flow = refWith(source, refs(source, 'html'), 'flow.png');
    const { text, ref } = roundTrip(source, 'html', flow, addLongDescription(source, flow, 'Request path', 'From the editor to the engine & back.'));
    assert.match(text, /<figure>\n\s+<img src="img\/flow.png" alt="Request path. Described in detail below.">\n\s+<figcaption>From the editor to the engine &amp; back.<\/figcaption>\n\s+<\/figure>/);
    assert.equal(ref.context.figure?.hasFigcaption, true);
    assert.equal(addLongDescription(text, ref, 'a', 'b').ok, false);
  });

  it('HTML inside <p>: aria-describedby and a paragraph after it, with a unique id', () => {
    const html = '<p id="chart-description">taken</p>\n<p>See <img src="img/chart.png"> here.</p>\n';
    const ref = refs(html, 'html')[0]!;
    const { text, ref: after } = roundTrip(html, 'html', ref, addLongDescription(html, ref, SHORT, LONG));
    assert.equal(text, `<p id="chart-description">taken</p>\n<p>See <img src="img/chart.png" alt="${HINTED}" aria-describedby="chart-description-2"> here.</p>\n<p id="chart-description-2">${LONG}</p>\n`);
    assert.equal(after.alt.value, HINTED);
  });

  it('JSX: wraps in a figure (also inside expressions); refuses inside <p>', () => {
    const source = fixture('Gallery.tsx');
    const options = { components: ['Img', 'ui.Picture'] };
    const list = refs(source, 'jsx', options);
    const banner = refWith(source, list, 'banner.png');
    const { text, ref } = roundTrip(source, 'jsx', banner, addLongDescription(source, banner, 'Our office', 'An open-plan office with {many} desks & "plants".'), options);
    assert.match(text, /\{showBanner && <figure role="group"><img src="\/banner.png" alt="Our office. Described in detail below." \/><figcaption>\{"An open-plan office with \{many\} desks & \\"plants\\"."\}<\/figcaption><\/figure>\}/);
    assert.equal(ref.context.figure?.hasFigcaption, true);
    const inline = refWith(source, list, 'inline.png');
    const refused = addLongDescription(source, inline, 'a', 'b');
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reason : '', /<p>/);
  });

  it('JSX: a picture is wrapped whole', () => {
    const source = fixture('Gallery.tsx');
    const options = { components: ['Img', 'ui.Picture'] };
    const pic = refWith(source, refs(source, 'jsx', options), 'pic.jpg');
    const { text } = roundTrip(source, 'jsx', pic, addLongDescription(source, pic, 'Picture', 'Long'), options);
    assert.match(text, /<figure role="group">\n\s+<picture>[\s\S]*<\/picture>\n\s+<figcaption>Long<\/figcaption>\n\s+<\/figure>/);
  });
});

describe('describeSkipReason', () => {
  it('says why an image cannot be described locally', () => {
    const html = '<img src="https://x.test/a.png"><img src="data:image/png;base64,AA"><img><img src="{{ x }}"><img src="a.png">';
    const reasons = refs(html, 'html').map((r) => describeSkipReason(r));
    assert.match(reasons[0]!, /remote \(https:\/\/x\.test\/a\.png\); Lunette never downloads images/);
    assert.match(reasons[1]!, /data: URI/);
    assert.match(reasons[2]!, /no source/);
    assert.match(reasons[3]!, /not a file path/);
    assert.equal(reasons[4], undefined);
    const jsx = '<img src={user.avatar} />';
    assert.match(describeSkipReason(refs(jsx, 'jsx')[0]!)!, /computed at run time/);
  });
});
