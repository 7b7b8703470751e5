/**
 * Drawn things located from the pixels (manifest `generation.thing_regions: "pixels"`).
 *
 * Asked to detect or point at "star" over four stars, the model gave one and stopped; asked for the circle beside a
 * square, it gave the square. Yet the counts rule (imageCounts.ts `things`) already finds every drawn shape, bar,
 * slice and diagram box as a region of the pixels: on the real set it found all the shapes, bars and slices asked
 * for.
 *
 * So when the object to locate is one of those things (`locatedThing`: "circle", "red squares", "the nodes"), the
 * regions that are it (`thingBoxes`) are given, every one of them; the model only orders them (rankedRegions.ts
 * with `everyRegion`). No such region: the model locates alone, as before.
 *
 * training/lunette/located_things.py is the PyTorch reference, step for step; test/fixtures/located-things.json
 * holds cases both sides must pass.
 */
import type { Box } from '../protocol/tasks';
import type { SnapImage } from './boxSnapping';
import { plural } from './heldBackWords';
import { COLOURS, type CountQuestion, THINGS, things } from './imageCounts';

/** Words that may stand before the thing (besides a colour): "the circle", "all stars", "a red square". */
const LEAD_WORDS = ['a', 'an', 'the', 'all', 'every', 'each', 'any'];

/**
 * The thing (and colour) when the object to detect or point at is one of THINGS, singular or plural, with at most a
 * colour and one of LEAD_WORDS before it and nothing after ("red circle", "the bars"; not "text box").
 */
export function locatedThing(object: string): CountQuestion | undefined {
  let words: string[] = object.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length > 0 && LEAD_WORDS.includes(words[0]!)) words = words.slice(1);
  const colour = words.length === 2 && (COLOURS as readonly string[]).includes(words[0]!) ? words[0]! : undefined;
  if (words.length !== (colour ? 2 : 1)) return undefined;
  const last = words[words.length - 1]!;
  const thing = THINGS.find((t) => t === last || plural(t) === last);
  if (!thing) return undefined;
  return colour ? { thing, colour: colour === 'grey' ? 'gray' : colour } : { thing };
}

/** The boxes (0..1) of the `thing`s (of `colour`) the image shows, each once, in the regions' order (imageCounts.ts `things`). */
export function thingBoxes(image: SnapImage, question: CountQuestion): Box[] {
  return things(image, question).map(([x0, y0, x1, y1]) => ({
    x_min: x0 / image.width, y_min: y0 / image.height, x_max: x1 / image.width, y_max: y1 / image.height,
  }));
}
