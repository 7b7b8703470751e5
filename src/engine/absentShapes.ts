/**
 * A drawn shape's absence read from the pixels (manifest `generation.absent_shapes: "pixels"`).
 *
 * Asked "Are there any circles?" over triangles, stars or squares, the model said "Yes" three times of three on the
 * real set. Which shapes no region of the image could be is what the shape names held back already rest on
 * (imageShapes.ts `imageShapes`).
 *
 * So when a question asks whether there is a drawn shape (`askedShape`: "Is there a red circle?", "Are there any
 * stars?", "Can you see a triangle in the image?") that no region of the image could be, the answer is "No": it is
 * the model's only candidate (answerRanking.ts `bestAnswer` with `onlyCandidates`). Otherwise the model answers
 * alone. Answering "Yes" where the counts rule finds the shape was tried and not kept: on synthetic images it was
 * wrong 4 times in 20 (grid backgrounds cut into odd cells, a magenta star taken for a purple cross), against 16
 * of 16 right for "No".
 *
 * training/lunette/absent_shapes.py is the PyTorch reference, step for step; test/fixtures/absent-shapes.json holds
 * cases both sides must pass.
 */
import type { SnapImage } from './boxSnapping';
import { plural } from './heldBackWords';
import { COLOURS } from './imageCounts';
import { SHAPES, type ShapeName, imageShapes } from './imageShapes';

/** How a yes/no question about a shape's presence starts. */
const LEADS = [['is', 'there'], ['are', 'there'], ['can', 'you', 'see'], ['do', 'you', 'see']];
/** Then, before the shape (and its colour): at most one of these. */
const ARTICLES = ['a', 'an', 'any', 'some'];
/** And after it, nothing, or "in the" and one of these. */
const PLACES = ['image', 'picture', 'screenshot'];

/**
 * The shape when `question` asks whether the image shows it: one of LEADS, at most one of ARTICLES, a colour, the
 * shape (singular or plural), then nothing or "in the image".
 */
export function askedShape(question: string): ShapeName | undefined {
  let words: string[] = question.toLowerCase().match(/[a-z]+/g) ?? [];
  const lead = LEADS.find((l) => l.every((w, i) => words[i] === w));
  if (!lead) return undefined;
  words = words.slice(lead.length);
  if (words.length > 0 && ARTICLES.includes(words[0]!)) words = words.slice(1);
  if (words.length > 1 && (COLOURS as readonly string[]).includes(words[0]!)) words = words.slice(1);
  if (words.length === 0) return undefined;
  const tail = words.slice(1);
  if (tail.length > 0 && !(tail.length === 3 && tail[0] === 'in' && tail[1] === 'the' && PLACES.includes(tail[2]!))) return undefined;
  return SHAPES.find((shape) => words[0] === shape || words[0] === plural(shape));
}

/** ["No"] when no region of the image could be `shape`; else none (the model answers). */
export function absenceAnswers(image: SnapImage, shape: ShapeName): string[] {
  return imageShapes(image).includes(shape) ? [] : ['No'];
}
