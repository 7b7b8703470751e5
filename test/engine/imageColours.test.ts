import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CHROMATIC, type ColourName, colourName, imageColours } from '../../src/engine/imageColours';
import { ROOT, type RectPicture, drawRects } from '../helpers';

// The cases training/tests/test_colours.py runs against the PyTorch reference too; that side also checks the
// pixel names against the training data's own colour names (training/synth/colors.py). The bundled model is
// checked end to end in test/cli/cli.test.ts.
interface Fixture {
  pixels: { rgb: [number, number, number]; names: (ColourName | null)[] }[];
  pictures: (RectPicture & { name: string; colours: ColourName[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'colours.json'), 'utf8')) as Fixture;
const SLACKS = [[0, 0, 0], [12, 0, 0], [-12, 0, 0], [0, 0.06, 0.06], [0, -0.06, -0.06]] as const;

describe('which colours an image shows', () => {
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
});
