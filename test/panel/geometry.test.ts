import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FALLBACK_SIZE, boxPercentages, boxToRect, clampUnit, labelPosition, overlaySize, pointPercentages, pointToXY, unitsForPixels } from '../../src/webview/geometry';

describe('overlay geometry', () => {
  const image = { width: 800, height: 600 };

  it('maps a normalized box to image pixels', () => {
    assert.deepEqual(boxToRect({ x_min: 0.25, y_min: 0.5, x_max: 0.75, y_max: 1 }, image), { x: 200, y: 300, width: 400, height: 300 });
  });

  it('orders swapped corners and clamps to the image', () => {
    assert.deepEqual(boxToRect({ x_min: 0.75, y_min: 1, x_max: 0.25, y_max: 0.5 }, image), { x: 200, y: 300, width: 400, height: 300 });
    assert.deepEqual(boxToRect({ x_min: -0.2, y_min: -1, x_max: 1.3, y_max: 0.5 }, image), { x: 0, y: 0, width: 800, height: 300 });
    assert.equal(clampUnit(Number.NaN), 0);
  });

  it('maps points, clamped', () => {
    assert.deepEqual(pointToXY({ x: 0.5, y: 0.25 }, image), { x: 400, y: 150 });
    assert.deepEqual(pointToXY({ x: 1.5, y: -0.1 }, image), { x: 800, y: 0 });
  });

  it('uses the natural size, else the displayed aspect ratio, else a square', () => {
    assert.deepEqual(overlaySize(image, { width: 400, height: 300 }), image);
    assert.deepEqual(overlaySize({ width: 0, height: 0 }, { width: 200, height: 100 }), { width: 1000, height: 500 });
    assert.deepEqual(overlaySize({ width: 0, height: 0 }, { width: 0, height: 0 }), FALLBACK_SIZE);
  });

  it('sizes markers in screen pixels whatever the display scale', () => {
    // 800 px wide image shown 400 px wide: 6 screen pixels are 12 image pixels.
    assert.equal(unitsForPixels(6, image, { width: 400, height: 300 }), 12);
    assert.equal(unitsForPixels(6, image, { width: 1600, height: 1200 }), 3);
    assert.equal(unitsForPixels(6, image, { width: 0, height: 0 }), 6, 'not laid out yet');
  });

  it('describes boxes and points in whole percentages for screen readers', () => {
    assert.deepEqual(boxPercentages({ x_min: 0.123, y_min: 0.456, x_max: 0.5, y_max: 1.2 }), { left: 12, top: 46, right: 50, bottom: 100 });
    assert.deepEqual(pointPercentages({ x: 0.333, y: 0.999 }), { x: 33, y: 100 });
  });

  it('puts a label inside a tall box, above a flat one, and within the image', () => {
    assert.deepEqual(labelPosition({ x: 100, y: 100, width: 50, height: 50 }, 12, image), { x: 100, y: 112 });
    assert.deepEqual(labelPosition({ x: 100, y: 100, width: 50, height: 10 }, 12, image), { x: 100, y: 97 });
    assert.deepEqual(labelPosition({ x: 795, y: 0, width: 5, height: 5 }, 12, image), { x: 788, y: 12 });
  });
});
