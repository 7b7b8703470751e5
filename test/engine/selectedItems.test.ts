import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blockLines } from '../../src/engine/answerRanking';
import { asksSelected, selectedItems } from '../../src/engine/selectedItems';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_selected_items.py runs against the PyTorch reference too. The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asks: boolean }[];
  pictures: (ShapePicture & { name: string; lines: string; answers: string[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'selected-items.json'), 'utf8')) as Fixture;

describe('the selected tab, menu or item read from the pixels around the OCR lines', () => {
  it('knows which questions ask which item is selected', () => {
    for (const c of FIXTURE.asks) assert.equal(asksSelected(c.question), c.asks, c.question);
  });

  it('answers with the one line of a row or column whose ink or background differs, and nothing otherwise', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(selectedItems(drawPicture(picture), blockLines(picture.lines)), picture.answers, picture.name);
    assert.ok(FIXTURE.pictures.some((p) => p.answers.length > 0) && FIXTURE.pictures.some((p) => p.answers.length === 0));
  });
});
