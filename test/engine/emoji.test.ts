import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { snapImage } from '../../src/engine/boxSnapping';
import { EmojiIndex } from '../../src/engine/emoji';
import { type EmojiQuestion, askedEmoji, captionStart, emojiAnswers, firstSentence, joinStart, locatedEmoji } from '../../src/engine/emojiAnswers';
import { imageFromBytes } from '../../src/engine/image';
import type { Box } from '../../src/protocol/tasks';
import { ROOT } from '../helpers';

// The cases training/tests/test_emoji.py runs against the PyTorch reference too, on the bundled pack's glyph index.
// The bundled model is checked end to end in test/cli/cli.test.ts.
interface Fixture {
  asks: { question: string; asked: (string | null)[] | null }[];
  images: { image: string; objects: number; caption_start: string | null; named: { box: number[]; name: string; category: string }[]; questions: string[]; answers: string[][]; located: string[]; boxes: number[][][] }[];
}
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'emoji.json'), 'utf8')) as Fixture;
const PACK = path.join(ROOT, 'models', 'lunette-nano');

const corners = (b: Box): number[] => [b.x_min, b.y_min, b.x_max, b.y_max];
const near = (got: number[][], want: number[][], what: string): void => {
  assert.equal(got.length, want.length, what);
  got.forEach((g, i) => g.forEach((v, k) => assert.ok(Math.abs(v - want[i]![k]!) <= 0.01, `${what}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`)));
};
const tuple = (a: EmojiQuestion): (string | null)[] => (a.kind === 'kind' ? [a.kind, a.category, a.side] : [a.kind, a.name]);

describe('emoji recognised from the pixels', () => {
  let index: EmojiIndex;
  before(async () => {
    index = await EmojiIndex.load(path.join(PACK, 'emoji.json'), path.join(PACK, 'emoji.bin'));
  });

  it('knows what a question asks of the emoji', () => {
    for (const c of FIXTURE.asks) {
      const asked = askedEmoji(c.question, index.names);
      assert.deepEqual(asked ? tuple(asked) : null, c.asked, c.question);
    }
  });

  it('names the emoji of a picture and nothing else, and answers from them', async () => {
    for (const c of FIXTURE.images) {
      const recognised = index.recognise(await snapImage(imageFromBytes(readFileSync(path.join(ROOT, c.image)), c.image)));
      assert.equal(recognised.objects, c.objects, c.image);
      assert.deepEqual(recognised.named.map((o) => [o.name, o.category]), c.named.map((o) => [o.name, o.category]), c.image);
      near(recognised.named.map((o) => corners(o.box)), c.named.map((o) => o.box), c.image);
      const answers = c.questions.map((q) => {
        const asked = askedEmoji(q, index.names);
        return asked ? emojiAnswers(asked, recognised) : [];
      });
      assert.deepEqual(answers, c.answers, c.image);
      assert.equal(captionStart(recognised) ?? null, c.caption_start, c.image);
      c.located.forEach((o, i) => near(locatedEmoji(o, recognised).map(corners), c.boxes[i]!, `${c.image} ${o}`));
    }
    // not vacuous: a dog, an apple and a banana, two cars are named; drawn circles and a form are not
    const names = FIXTURE.images.flatMap((c) => c.named.map((o) => o.name));
    for (const n of ['dog', 'apple', 'banana', 'car']) assert.ok(names.includes(n), n);
    assert.ok(FIXTURE.images.some((c) => c.objects > 0 && c.named.length === 0));
  });

  it("ends a started caption after the model's first sentence", () => {
    assert.equal(joinStart('A dog emoji', firstSentence('on a white background. The dog is to the left of the dog.')), 'A dog emoji on a white background.');
    assert.equal(joinStart('There are two cars', firstSentence('.')), 'There are two cars.');
    assert.equal(joinStart('A v1.2 emoji', firstSentence('3.5 wide')), 'A v1.2 emoji 3.5 wide');
    assert.equal(joinStart('A pie chart titled', firstSentence('"Browser share". It has')), 'A pie chart titled "Browser share".');
  });

  it('rejects a damaged index with a clear error', async () => {
    await assert.rejects(EmojiIndex.load(path.join(PACK, 'emoji.json'), path.join(PACK, 'manifest.json')), /emoji index is damaged: emoji.bin holds/);
    await assert.rejects(EmojiIndex.load(path.join(PACK, 'manifest.json'), path.join(PACK, 'emoji.bin')), /emoji index is damaged: emoji.json must give/);
  });
});
