import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captionToAltText, isFileNameAlt, redundantPrefix } from '../../src/extension/altText';

describe('captionToAltText', () => {
  it('removes lead-ins that screen readers make redundant', () => {
    const cases: Array<[string, string]> = [
      ['This image shows a settings dialog with a blue "Save" button', 'A settings dialog with a blue "Save" button.'],
      ['  an image of a cat sitting on a laptop keyboard  ', 'A cat sitting on a laptop keyboard.'],
      ['A picture of the team at the 2024 offsite.\n', 'The team at the 2024 offsite.'],
      ['Photo of a red stop sign', 'A red stop sign.'],
      ['Graphic of quarterly revenue by region', 'Quarterly revenue by region.'],
      ['In this image, a dog runs on a beach', 'A dog runs on a beach.'],
      ['It is an image of a sunset over the sea', 'A sunset over the sea.'],
      ['The picture depicts: two people shaking hands', 'Two people shaking hands.'],
      ['Alt text: a red stop sign', 'A red stop sign.'],
      ['The screenshot shows the Problems panel with two warnings', 'Screenshot of the Problems panel with two warnings.'],
      ['Screenshot of a terminal running npm test', 'Screenshot of a terminal running npm test.'],
      ['"A bar chart of monthly revenue"', 'A bar chart of monthly revenue.'],
      ['Image of', ''],
      ['', ''],
      ['...', ''],
    ];
    for (const [caption, alt] of cases) assert.equal(captionToAltText(caption), alt, caption);
  });

  it('keeps one line, a capital first letter (not for digits) and end punctuation', () => {
    assert.equal(captionToAltText('a login form\nwith two fields\r\nand a button'), 'A login form with two fields and a button.');
    assert.equal(captionToAltText('3 windows side by side'), '3 windows side by side.');
    assert.equal(captionToAltText('is it raining?'), 'Is it raining?');
    assert.equal(captionToAltText('a list:'), 'A list.');
    assert.equal(captionToAltText('élan vital'), 'Élan vital.');
  });

  it('removes file names, keeping the sentence whole', () => {
    const opts = { fileNames: ['hero.png'] };
    assert.equal(captionToAltText('hero.png: a mountain landscape at dawn', opts), 'A mountain landscape at dawn.');
    assert.equal(captionToAltText('A diagram (architecture.svg) showing the engine', opts), 'A diagram showing the engine.');
    assert.equal(captionToAltText('A dialog named "settings-dialog.png" with two buttons', opts), 'A dialog with two buttons.');
    assert.equal(captionToAltText('The editor with hero.png open in the explorer', opts), 'The editor with a file open in the explorer.');
    assert.equal(captionToAltText('A chart saved as docs/img/chart_v2.webp', opts), 'A chart saved as a file.');
    for (const c of ['hero.png', 'IMG_1234.JPG', 'Screenshot.png']) assert.equal(captionToAltText(c, opts), '', c);
  });

  it('cuts at sentences, then clauses, then words, within the limit', () => {
    const sentences = 'A line chart of latency for three model sizes. The smallest stays under 50 ms. The largest rises steeply after batch 16 and ends above 400 ms.';
    assert.equal(captionToAltText(sentences), 'A line chart of latency for three model sizes. The smallest stays under 50 ms.');
    const clause = 'A line chart comparing the latency of three model sizes across batch sizes from 1 to 64, with the smallest model staying under 50 ms and the largest rising steeply after batch size 16';
    assert.equal(captionToAltText(clause), 'A line chart comparing the latency of three model sizes across batch sizes from 1 to 64.');
    const words = 'A very long caption without any punctuation that goes on and on describing every single detail of the image including the colors of every button';
    const cut = captionToAltText(words, { maxLength: 60 });
    assert.ok(cut.length <= 60, cut);
    assert.match(cut, /^A very long caption without any punctuation that goes( on)?\.$/);
    assert.ok(!/\b(and|of|the|with)\.$/.test(captionToAltText(words, { maxLength: 70 })), 'no dangling word at the end');
  });

  it('always satisfies the alt-text rules it feeds', () => {
    const captions = [
      'This image shows hero.png, a mountain landscape',
      'An image of a chart\n\nwith many bars and a legend in the upper right corner explaining colours of the bars, and axes labelled with units and a title at the top',
      'a photo of a cat',
      'Picture of the settings page with Save and Cancel buttons. Several checkboxes are ticked. The dark theme is active. There is a sidebar on the left.',
    ];
    for (const c of captions) {
      const alt = captionToAltText(c, { fileNames: ['hero.png'] });
      assert.ok(alt.length > 0 && alt.length <= 125, alt);
      assert.ok(!/[\r\n]/.test(alt));
      assert.equal(redundantPrefix(alt), undefined, alt);
      assert.ok(!isFileNameAlt(alt, 'img/hero.png'), alt);
      assert.match(alt, /^[A-Z0-9"“]/);
      assert.match(alt, /[.!?…]["”)]?$/);
    }
  });
});

import { captionToAltText as toAlt } from '../../src/extension/altText';
import { it as check } from 'node:test';
import assertStrict from 'node:assert/strict';
check('drops control and replacement characters from model output', () => {
  assertStrict.equal(toAlt('A\u0007 dialog\u001f with \ufffdbuttons'), 'A dialog with buttons.');
});
