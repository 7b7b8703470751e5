/**
 * Answers about emoji read from the pixels (manifest `generation.emoji: "pixels"`; emoji.ts names them).
 *
 * Asked "What animal is this?" of a dog, the model said "A mouse icon"; "How many cars are there?" of two cars, "1".
 * Where every object of a picture is an emoji the glyph index names (a plain background, nothing else drawn), the
 * pixels answer these:
 * - what (animal, fruit, object, vehicle…) this is, or is on the left or right (`askedKind`): the names of the objects
 *   of that kind, or the leftmost or rightmost, with their article ("A dog"); the model picks among several
 *   (answerRanking.ts `bestAnswer` with `onlyCandidates`);
 * - how many of a named emoji there are: how many objects have that name, when there is one or more;
 * - whether there is a named emoji: "Yes" or "No".
 * Elsewhere (a screenshot with an emoji in it, an emoji the index misses), the model answers alone. Detect and point
 * give every object of the name asked (`locatedEmoji`), the model only ordering them (rankedRegions.ts `everyRegion`).
 *
 * training/lunette/emoji_answers.py is the PyTorch reference, step for step; test/fixtures/emoji.json holds cases
 * both sides must pass.
 */
import type { Box } from '../protocol/tasks';
import type { Recognised } from './emoji';
import { plural } from './heldBackWords';
import { NUMBER_WORDS } from './imageCounts';

/** What the question asks for → the glyphs' category it means (null: any). */
const KIND_WORDS: Record<string, string | null> = { animal: 'animal', fruit: 'food', food: 'food', vehicle: 'vehicle', plant: 'plant', drink: 'drink', object: null, thing: null };
const KIND = /^\s*what(?:\s+(animal|fruit|food|object|vehicle|plant|drink|thing))?\s+(?:is|are)\s+(?:this(?:\s+(?:a\s+)?picture\s+of)?|that|it|these|shown|in\s+the\s+(?:image|picture)|on\s+the\s+(left|right))\s*[?.!]*\s*$/;
const COUNT = /^\s*how\s+many\s+([a-z]+(?:\s+[a-z]+)?)\s+(?:are|is)\s+(?:there|shown|in\s+the\s+(?:image|picture))\s*[?.!]*\s*$/;
const PRESENCE = /^\s*(?:is|are)\s+there\s+(?:an?\s+|any\s+)?([a-z]+(?:\s+[a-z]+)?)(?:\s+in\s+the\s+(?:image|picture))?\s*[?.!]*\s*$/;

/** The category (null: any) and side when `question` asks what this is ("What animal is this?", "What fruit is on the left?"). */
export function askedKind(question: string): { category: string | null; side: 'left' | 'right' | null } | undefined {
  const m = KIND.exec(question.toLowerCase());
  return m ? { category: m[1] ? KIND_WORDS[m[1]]! : null, side: (m[2] as 'left' | 'right' | undefined) ?? null } : undefined;
}

/** The name of `names` that `words` is, singular or plural. */
function named(words: string, names: readonly string[]): string | undefined {
  return names.find((name) => words === name || words === plural(name));
}

export type EmojiQuestion =
  | { kind: 'kind'; category: string | null; side: 'left' | 'right' | null }
  | { kind: 'count' | 'presence'; name: string };

/**
 * What `question` asks of the emoji: what this is (of a category, on a side), how many of a named emoji there are,
 * or whether there is one; `names`: every name of the index.
 */
export function askedEmoji(question: string, names: readonly string[]): EmojiQuestion | undefined {
  const text = question.toLowerCase();
  const kind = askedKind(text);
  if (kind) return { kind: 'kind', ...kind };
  const count = COUNT.exec(text);
  const counted = count ? named(count[1]!, names) : undefined;
  if (counted) return { kind: 'count', name: counted };
  const presence = PRESENCE.exec(text);
  const asked = presence ? named(presence[1]!, names) : undefined;
  return asked ? { kind: 'presence', name: asked } : undefined;
}

/** The answers the named objects leave to what `askedEmoji` found asked: none unless every object is named. */
export function emojiAnswers(asked: EmojiQuestion, { named: objects, objects: count }: Recognised): string[] {
  if (objects.length === 0 || objects.length !== count) return [];
  if (asked.kind === 'kind') {
    let found = objects.filter((o) => asked.category === null || o.category === asked.category);
    if (asked.side && found.length > 0) {
      const middles = found.map((o) => (o.box.x_min + o.box.x_max) / 2);
      const pick = middles.indexOf(asked.side === 'left' ? Math.min(...middles) : Math.max(...middles));
      found = [found[pick]!];
    }
    const out: string[] = [];
    for (const { name } of found) {
      const answer = ('aeiou'.includes(name[0]!) ? 'An ' : 'A ') + name;
      if (!out.includes(answer)) out.push(answer);
    }
    return out;
  }
  const n = objects.filter((o) => o.name === asked.name).length;
  if (asked.kind === 'count') return n > 0 ? [String(n)] : [];
  return [n > 0 ? 'Yes' : 'No'];
}

/** The name of `names` the object to locate is ("dog", "the cars"), singular or plural. */
export function emojiObjectName(object: string, names: readonly string[]): string | undefined {
  return named((object.toLowerCase().match(/[a-z]+/g) ?? []).join(' ').replace(/^(a|an|the|all|every|each|any) /, ''), names);
}

/** The boxes of the named objects `object` names ("dog", "the cars"), in the objects' order. */
export function locatedEmoji(object: string, { named: objects }: Recognised): Box[] {
  const name = emojiObjectName(object, objects.map((o) => o.name));
  return objects.filter((o) => o.name === name).map((o) => o.box);
}

/**
 * How a caption of a picture of emoji starts, as the training data words it, when every object is named: "A dog
 * emoji", "There are three apples" (the model ends the sentence: `firstSentence`), "Two emoji in a row: apple and
 * banana." (in a grid when their middles are not within half the smallest one's height of each other; the whole
 * caption: the model cannot tell which is where).
 */
export function captionStart({ named: objects, objects: count }: Recognised): string | undefined {
  if (objects.length === 0 || objects.length !== count) return undefined;
  const middle = (b: Box, k: 'x' | 'y'): number => (k === 'x' ? (b.x_min + b.x_max) / 2 : (b.y_min + b.y_max) / 2);
  const ordered = [...objects].sort((a, b) => middle(a.box, 'x') - middle(b.box, 'x') || middle(a.box, 'y') - middle(b.box, 'y'));
  const names = ordered.map((o) => o.name);
  const n = names.length;
  if (n === 1) return `A ${names[0]} emoji`;
  if (n >= NUMBER_WORDS.length) return undefined;
  if (new Set(names).size === 1) {
    const name = names[0]!;
    const many = name.endsWith('s') && !name.endsWith('ss') && !name.endsWith('us') ? name : plural(name);
    return `There are ${NUMBER_WORDS[n]} ${many}`;
  }
  const middles = ordered.map((o) => middle(o.box, 'y'));
  const row = Math.max(...middles) - Math.min(...middles) <= Math.min(...ordered.map((o) => o.box.y_max - o.box.y_min)) / 2;
  const listed = n === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')}, and ${names[n - 1]}`;
  const word = NUMBER_WORDS[n]!;
  return `${word[0]!.toUpperCase()}${word.slice(1)} emoji in a ${row ? 'row' : 'grid'}: ${listed}.`;
}

/** `text` up to and including its first full stop that ends a sentence (followed by a space or the end). */
export function firstSentence(text: string): string {
  const stop = /\.(\s|$)/.exec(text);
  return stop ? text.slice(0, stop.index + 1) : text;
}

/** A caption's start and what the model wrote after it (trimmed): punctuation that closes goes straight on, anything else after a space. */
export function joinStart(start: string, rest: string): string {
  return start + (rest && !'.,:;!?)'.includes(rest[0]!) ? ' ' : '') + rest;
}
