import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type ShapeName, imageShapes, regionShapes } from '../../src/engine/imageShapes';
import { ROOT, type ShapePicture, drawPicture } from '../helpers';

// The cases training/tests/test_shapes.py runs against the PyTorch reference too; that side also checks every
// shape the training data draws. The bundled model is checked end to end in test/cli/cli.test.ts.
interface Fixture {
  regions: { name: string; pixels: number; width: number; height: number; offset: number; shapes: ShapeName[] }[];
  pictures: (ShapePicture & { name: string; shapes: ShapeName[] })[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'shapes.json'), 'utf8')) as Fixture;

describe('which shapes an image shows', () => {
  it('lets a region be the shapes whose fill and aspect it has', () => {
    for (const c of FIXTURE.regions) assert.deepEqual(regionShapes(c.pixels, c.width, c.height, c.offset), c.shapes, c.name);
  });

  it('finds the shapes drawn in a picture', () => {
    for (const picture of FIXTURE.pictures) assert.deepEqual(imageShapes(drawPicture(picture)), picture.shapes, picture.name);
  });
});
