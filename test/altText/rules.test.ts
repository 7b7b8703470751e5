import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImages, isDefaultName, isFileNameAlt, redundantPrefix, WAI, type AltFinding, type ImageLanguage } from '../../src/extension/altText';
import { fixture, refs, slice } from './util';

function findings(source: string, language: ImageLanguage, options = {}): Array<[string, string, string]> {
  return checkImages(refs(source, language, { components: ['Img', 'ui.Picture'] }), options).map((f: AltFinding) => [f.ruleId, f.severity, slice(source, f.range)!]);
}

describe('alt-text rules over the fixtures', () => {
  it('README', () => {
    const source = fixture('readme.md');
    assert.deepEqual(findings(source, 'markdown'), [
      ['empty-alt', 'warning', '![](https://img.shields.io/badge/license-MIT-blue)'],
      ['missing-alt', 'warning', '<img'],
      ['alt-is-default-name', 'warning', 'Screen Shot 2024-03-02 at 10.41.30 AM'],
      ['alt-is-file-name', 'warning', 'dataflow.png'],
      ['alt-redundant-prefix', 'information', 'image of a warning sign'],
      ['empty-alt', 'warning', '![](docs/step-1.png)'],
      ['missing-alt', 'warning', '<img'],
      ['empty-alt', 'warning', 'alt=""'],
    ]);
  });

  it('HTML page', () => {
    const source = fixture('page.html');
    assert.deepEqual(findings(source, 'html'), [
      ['missing-alt', 'warning', '<img'], // logo, alone in a link
      ['missing-alt', 'warning', '<img'], // the settings screenshot
      ['alt-is-default-name', 'warning', 'IMG_2041.JPG'],
      ['alt-redundant-prefix', 'information', 'image of a chart'],
      ['alt-is-file-name', 'warning', 'hero.jpg'],
      ['missing-alt', 'warning', '<img'], // the tracking pixel in <noscript>
      ['empty-alt', 'warning', 'alt=" "'],
      ['missing-alt', 'information', '<img'], // aria-hidden without alt=""
      ['alt-too-long', 'information', 'Architecture of Lunette: the extension host talks to a model host over JSON-RPC; the model host runs the engine, which loads an ONNX model pack and an image cache, then streams tokens back'],
    ]);
  });

  it('TSX gallery', () => {
    const source = fixture('Gallery.tsx');
    assert.deepEqual(findings(source, 'jsx'), [
      ['missing-alt', 'warning', '<Image'],
      ['alt-is-file-name', 'warning', 'diagram.png'],
      ['alt-redundant-prefix', 'information', 'Picture of our office'],
      ['alt-is-default-name', 'warning', 'Screenshot 2024-05-01 at 09.12.44'],
      ['empty-alt', 'warning', 'alt=""'], // the only content of <a href="/home">
      ['missing-alt', 'warning', '<img'], // inline.png
      ['missing-alt', 'warning', '<img'], // alt={undefined}
      ['missing-alt', 'warning', '<ui.Picture'],
    ]);
  });
});

describe('rule details', () => {
  it('messages are actionable and link to the WAI tutorial', () => {
    const all = checkImages(refs(fixture('page.html'), 'html'));
    for (const f of all) {
      assert.ok(f.helpUrl.startsWith(WAI.tutorial), f.helpUrl);
      assert.ok(f.message.length > 30 && !f.message.includes('{'), f.message);
    }
    assert.ok(all.some((f) => f.helpUrl === WAI.decisionTree));
    assert.ok(all.some((f) => f.message.includes('link')), 'the link case says to describe the destination');
  });

  it('options: thresholds, disabled rules, severities, localizer, strict decorative markers', () => {
    const md = '![A chart of sales by quarter, from the first to the fourth, with totals per region](c.png)';
    assert.deepEqual(findings(md, 'markdown'), []);
    assert.deepEqual(findings(md, 'markdown', { maxLength: 40 }).map((f) => f[0]), ['alt-too-long']);
    assert.deepEqual(findings(md, 'markdown', { maxLength: 40, longDescriptionLength: 60 }).map((f) => f[1]), ['warning']);
    assert.deepEqual(findings('![](a.png)', 'markdown', { disabled: ['empty-alt'] }), []);
    assert.deepEqual(findings('<img src="a.png">', 'html', { severity: { 'missing-alt': 'error' } }).map((f) => f[1]), ['error']);
    const t = (m: string, ...args: Array<string | number | boolean>) => `[fr] ${m}`.replace('{0}', String(args[0]));
    assert.match(checkImages(refs('<img src="a.png" alt="IMG_1.png">', 'html'), { t })[0]!.message, /^\[fr\] The alt text "IMG_1.png"/);
    assert.deepEqual(findings('<img src="a.png" alt="">', 'html'), []);
    assert.deepEqual(findings('<img src="a.png" alt="">', 'html', { requireDecorativeMarker: true }).map((f) => f[0]), ['empty-alt']);
    assert.deepEqual(findings('<img src="a.png" alt="" role="presentation">', 'html', { requireDecorativeMarker: true }), []);
    assert.deepEqual(findings('![pic1](a.png)', 'markdown', { defaultNames: ['pic1'] }).map((f) => f[0]), ['alt-is-default-name']);
  });

  it('dynamic alt and aria-label are never flagged', () => {
    assert.deepEqual(findings('<><img src="a.png" alt={t("x")} /><img {...p} /><img src="b.png" aria-label="B" /></>', 'jsx'), []);
  });

  it('an empty alt is fine in a link that has text', () => {
    assert.deepEqual(findings('<a href="/"><img src="a.png" alt=""> Home</a>', 'html'), []);
    assert.deepEqual(findings('<a href="/"><img src="a.png" alt=""></a>', 'html').map((f) => f[0]), ['empty-alt']);
  });
});

describe('alt-text heuristics', () => {
  it('default names', () => {
    for (const s of [
      'Screen Shot 2022-06-26 at 7 41 30 PM', 'Screenshot 2024-01-02 at 10.11.12', 'Screenshot from 2024-03-01 12-00-00',
      'Screenshot_20240101-101010', 'Screenshot (12)', 'screenshot', 'IMG_1234', 'IMG_1234.JPG', 'DSC0001', 'PXL_20240101_123456789',
      'image.png', 'image', 'Image 2', 'picture', 'photo', 'untitled', 'Untitled design', 'alt text', 'Bildschirmfoto 2024-01-01 um 10.00.00',
      'Capture d’écran 2024-01-01 à 10.00.00', 'CleanShot 2024-01-01 at 10.00.00', 'enter image description here',
    ]) assert.ok(isDefaultName(s), s);
    for (const s of ['Screenshot of the settings dialog', 'Photo booth at the conference', 'A picture frame', 'Logo', 'Image editor toolbar', 'Lunette']) {
      assert.ok(!isDefaultName(s), s);
    }
  });

  it('file names and paths', () => {
    for (const [alt, src] of [['hero.png', ''], ['my photo.JPG', ''], ['docs/img/hero.png', ''], ['./assets/logo', ''], ['https://x.test/a.png', ''], ['hero-banner', 'img/hero-banner.png'], ['diagram2', 'diagram2.svg'], ['img/a.webp', 'img/a.webp']]) {
      assert.ok(isFileNameAlt(alt!, src), alt);
    }
    for (const [alt, src] of [['Logo', 'logo.png'], ['Hero banner', 'hero-banner.png'], ['Read/write access', ''], ['Version 1.2', ''], ['and/or', '']]) {
      assert.ok(!isFileNameAlt(alt!, src), alt);
    }
  });

  it('redundant prefixes', () => {
    assert.equal(redundantPrefix('Image of a cat'), 'Image of');
    assert.equal(redundantPrefix('a picture of the team'), 'a picture of');
    assert.equal(redundantPrefix('The photo of the day'), 'The photo of');
    assert.equal(redundantPrefix('Graphic of revenue'), 'Graphic of');
    assert.equal(redundantPrefix('Disk image of Ubuntu'), undefined);
    assert.equal(redundantPrefix('Profile photo'), undefined);
    assert.equal(redundantPrefix('Imagery of Mars'), undefined);
    assert.equal(redundantPrefix('Screenshot of the dialog'), undefined);
  });
});
