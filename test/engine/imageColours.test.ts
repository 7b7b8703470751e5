import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateText } from '../../src/engine/generate';
import { CHROMATIC, type ColourName, ColourWords, colourName, imageColours, namedColours, unshownColours } from '../../src/engine/imageColours';
import { TokenTexts } from '../../src/engine/quotes';
import { type MarkovTable, ROOT, type RectPicture, drawRects, markovAdapter } from '../helpers';

// The cases training/tests/test_colours.py runs against the PyTorch reference too; that side also checks the
// pixel names against the training data's own colour names (training/synth/colors.py). The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  pixels: { rgb: [number, number, number]; names: (ColourName | null)[] }[];
  pictures: (RectPicture & { name: string; colours: ColourName[] })[];
  named: { texts: string[]; colours: ColourName[] }[];
  markov: MarkovTable & { cases: { start?: string; unshown: ColourName[]; text: string }[] };
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'colours.json'), 'utf8')) as Fixture;
const SLACKS = [[0, 0, 0], [12, 0, 0], [-12, 0, 0], [0, 0.06, 0.06], [0, -0.06, -0.06]] as const;

async function generate(start: string | undefined, unshown: ColourName[], temperature = 0): Promise<string> {
  const table = FIXTURE.markov;
  const { adapter, start: first } = markovAdapter(table, start);
  const tokens = new TokenTexts(adapter.tokenizer);
  const out = await generateText(adapter, first, {
    maxTokens: table.max_tokens, temperature, topP: 1, stop: [0], random: () => 0,
    suppress: [table.coord, table.size].map((p) => table.pieces.indexOf(p)),
    colours: { unshown, words: new ColourWords(adapter.tokenizer), tokens },
  });
  return out.text.trim();
}

describe('colours named only where the image shows them', () => {
  it('names each pixel as the PyTorch reference does, under each slack', () => {
    for (const pixel of FIXTURE.pixels) {
      SLACKS.forEach(([hue, level, brightness], k) => {
        const index = colourName(...pixel.rgb, hue, level, brightness);
        assert.equal(index < 0 ? null : CHROMATIC[index], pixel.names[k], `${JSON.stringify(pixel.rgb)} slack ${k}`);
      });
    }
  });

  it('counts a colour where solid blocks of it cover enough of the image, not seams or specks', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(imageColours(drawRects(picture)), picture.colours, picture.name);
  });

  it('allows the colours the prompt names', () => {
    for (const c of FIXTURE.named) assert.deepEqual(namedColours(c.texts), c.colours);
    assert.deepEqual(unshownColours(['blue'], ['Is the red one bigger?']), CHROMATIC.filter((c) => c !== 'red' && c !== 'blue'));
  });

  it('never generates an unshown colour, and keeps words that only start like one', async () => {
    for (const c of FIXTURE.markov.cases) assert.equal(await generate(c.start, c.unshown), c.text, JSON.stringify(c));
  });

  it('holds for sampled text too', async () => {
    // random() = 0 takes the most probable allowed token
    assert.equal(await generate(undefined, ['red'], 1), 'There is a blue circle.');
  });
});
