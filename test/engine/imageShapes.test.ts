import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { SnapImage } from '../../src/engine/boxSnapping';
import { type ShapeName, imageShapes, regionShapes } from '../../src/engine/imageShapes';
import { ROOT, type RectPicture, drawRects } from '../helpers';

// The cases training/tests/test_shapes.py runs against the PyTorch reference too; that side also checks every
// shape the training data draws. The bundled model is checked end to end in test/cli/cli.test.ts.
interface Fixture {
  regions: { name: string; pixels: number; width: number; height: number; offset: number; shapes: ShapeName[] }[];
  pictures: (RectPicture & { name: string; discs: [number, number, number, [number, number, number]][]; shapes: ShapeName[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'shapes.json'), 'utf8')) as Fixture;

/** drawRects, then each disc: the pixels whose centre is closer than r to (cx, cy). */
function draw(picture: Fixture['pictures'][number]): SnapImage {
  const image = drawRects(picture);
  for (const [cx, cy, r, colour] of picture.discs) {
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 < r * r) image.data.set(colour, (y * image.width + x) * 3);
      }
    }
  }
  return image;
}

describe('which shapes an image shows', () => {
  it('lets a region be the shapes whose fill and aspect it has', () => {
    for (const c of FIXTURE.regions) assert.deepEqual(regionShapes(c.pixels, c.width, c.height, c.offset), c.shapes, c.name);
  });

  it('finds the shapes drawn in a picture', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(imageShapes(draw(picture)), picture.shapes, picture.name);
  });
});
