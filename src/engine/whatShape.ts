/**
 * What shape a picture's one drawn shape is, read from the pixels (manifest `generation.what_shape: "pixels"`).
 *
 * Asked "What shape is this?" of a picture holding one square, the model answered "The large square": its training
 * asked shapes' colours, counts and places, never this. Yet which shapes a drawn region could be is what the shape
 * names held back already rest on (imageCounts.ts `countedRegions`).
 *
 * So when a question asks what shape "this" (it, that, the shape) is (`asksWhatShape`) and the image holds exactly
 * one drawn shape (`distinctThings` of the regions counting as any shape), the answers are the names it could be, as
 * the training data words a shape ("A square", "An oval"; `shapeAnswers`), and the model picks among them
 * (answerRanking.ts `bestAnswer` with `onlyCandidates`). Otherwise the model answers alone.
 *
 * training/lunette/what_shape.py is the PyTorch reference, step for step; test/fixtures/what-shape.json holds cases
 * both sides must pass.
 */
import type { SnapImage } from './boxSnapping';
import { countedRegions, distinctThings } from './imageCounts';

const ASKS = /^\s*(what|which) shape is (this|it|that|shown|the shape|in the (image|picture))\s*[?.!]*\s*$|^\s*what is (this|that) shape\s*[?.!]*\s*$/;

/** Does `question` ask what shape the picture's one shape is ("What shape is this?", "What is this shape?")? */
export function asksWhatShape(question: string): boolean {
  return ASKS.test(question.toLowerCase());
}

/** The names the image's one drawn shape could be, with their article ("A square"); none unless exactly one region counts as a shape (each thing once). */
export function shapeAnswers(image: SnapImage): string[] {
  const regions = countedRegions(image);
  const shapes = distinctThings(regions.filter((r) => r.names.length > 0).map((r) => r.box));
  if (shapes.length !== 1) return [];
  const names = regions.find((r) => r.box === shapes[0])!.names;
  return names.map((name) => ('aeiou'.includes(name[0]!) ? 'An ' : 'A ') + name);
}
