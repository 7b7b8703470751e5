/**
 * The colour of a named drawn thing read from the pixels (manifest `generation.thing_colours: "pixels"`).
 *
 * Colour words are held to the colours the whole image shows (imageColours.ts), but where two are present the model
 * often picks the other one: "What colour is the circle?" → "Blue" beside a blue square, over a red circle. Which
 * colour the circle is, is plain in the pixels: the regions that are circles (imageCounts.ts `things`) and their
 * colour (`regionColours`, each pixel named as it is).
 *
 * So when a question asks the colour of one of the counted things (`colouredThing`: "What colour is the circle?",
 * "What color are the bars?"), the answer is one of the colours of that thing's regions (`colourAnswers`), the one
 * the model rates most probable (answerRanking.ts `bestAnswer` with `onlyCandidates`): with one colour, the pixels
 * answer. Holding the other colour words back instead was tried: the model then refused ("There is no circle in the
 * image.") over a circle it had called blue. No such region, or none with a colour: the model answers alone.
 *
 * training/lunette/thing_colours.py is the PyTorch reference, step for step; test/fixtures/thing-colours.json holds
 * cases both sides must pass.
 */
import type { SnapImage } from './boxSnapping';
import { plural } from './heldBackWords';
import { COLOURS, type CountedThing, THINGS, regionColours, things } from './imageCounts';

/** The thing (one of THINGS) whose colour `question` asks, if it asks one thing's colour. */
export function colouredThing(question: string): CountedThing | undefined {
  const text = question.toLowerCase();
  if (!/\bcolou?rs?\b/.test(text) || text.includes('how many')) return undefined;
  const words = new Set(text.match(/[a-z]+/g) ?? []);
  const named = THINGS.filter((thing) => words.has(thing) || words.has(plural(thing)));
  return named.length === 1 ? named[0] : undefined;
}

/** The colours (COLOURS' order, grey as "gray") of the image's regions that are `thing`s. */
export function thingColours(image: SnapImage, thing: CountedThing): string[] {
  const found = new Set<string>();
  for (const box of things(image, { thing })) for (const colour of regionColours(image, ...box, false)) found.add(colour);
  return COLOURS.filter((colour) => found.has(colour));
}

/** The answers to `thing`'s colour: its regions' colours, capitalised as answers are ("Red"). */
export function colourAnswers(image: SnapImage, thing: CountedThing): string[] {
  return thingColours(image, thing).map((colour) => colour[0]!.toUpperCase() + colour.slice(1));
}
