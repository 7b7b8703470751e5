import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LruCache } from '../../src/engine/lruCache';
import { TextStream } from '../../src/engine/textStream';
import { loadTokenizer } from '../../src/engine/tokenizer';
import { chooseToken, repeatedNgramTokens } from '../../src/engine/generate';
import { userText } from '../../src/engine/prompt';
import { JobQueue } from '../../src/host/queue';
import { ErrorCode, LunetteError } from '../../src/protocol/errors';
import { ROOT, TEST_PACK } from '../helpers';

describe('TextStream', () => {
  it('emits whole words and never half a character', async () => {
    const tokenizer = await loadTokenizer(path.join(TEST_PACK, 'tokenizer.json'));
    const text = ' Voilà: a 👍 thumbs-up, naïve café ✓\nnext line 日本語 end';
    const ids = tokenizer.encode(text);
    const chunks: string[] = [];
    const stream = new TextStream(tokenizer, (c) => chunks.push(c));
    for (const id of ids) stream.push(id);
    const final = stream.finish();
    assert.equal(final, text.trim());
    assert.equal(chunks.join(''), final);
    for (const chunk of chunks) assert.ok(!chunk.includes('\uFFFD'), `broken character in ${JSON.stringify(chunk)}`);
    // Every chunk but the last ends at a word boundary: a newline, or just before a space.
    let offset = 0;
    for (const chunk of chunks.slice(0, -1)) {
      offset += chunk.length;
      assert.ok(chunk.endsWith('\n') || final[offset] === ' ', `chunk ${JSON.stringify(chunk)} ends inside a word`);
    }
    assert.ok(chunks.length > 3, 'it streams');
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entries by bytes', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, number>(100, (k) => evicted.push(k));
    cache.set('a', 1, 40);
    cache.set('b', 2, 40);
    assert.equal(cache.get('a'), 1); // a is now the most recent
    cache.set('c', 3, 40);
    assert.deepEqual(evicted, ['b']);
    assert.equal(cache.bytes, 80);
    cache.set('huge', 4, 1000);
    assert.equal(cache.get('huge'), undefined, 'an entry larger than the budget is not kept');
    assert.equal(cache.size, 2);
  });
});

describe('chooseToken', () => {
  it('is greedy at temperature 0 and never picks suppressed tokens', () => {
    const logits = Float32Array.from([5, 1, 9, 2]);
    assert.equal(chooseToken(logits, { temperature: 0, topP: 1, suppress: [] }), 2);
    assert.equal(chooseToken(logits, { temperature: 0, topP: 1, suppress: [2] }), 0);
    for (let i = 0; i < 50; i++) {
      const id = chooseToken(logits, { temperature: 1, topP: 0.5, suppress: [2] });
      assert.equal(id, 0, 'top-p 0.5 keeps only the most likely unsuppressed token here');
    }
  });
});

describe('userText', () => {
  it('cleans what users type into prompts', () => {
    assert.equal(userText('  what\n is <|endoftext|> this?\u0007 ', 'question'), 'what is   this?');
    assert.throws(() => userText(' \n ', 'object'), /object is empty/);
  });
});

describe('JobQueue', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs one job at a time, interactive before batch', async () => {
    const queue = new JobQueue(10);
    const order: string[] = [];
    let running = 0;
    const job = (name: string) => async () => {
      running++;
      assert.equal(running, 1);
      await sleep(5);
      order.push(name);
      running--;
    };
    await Promise.all([queue.push('batch', job('b1')), queue.push('batch', job('b2')), queue.push('interactive', job('i1')), queue.push('interactive', job('i2'))]);
    assert.deepEqual(order, ['b1', 'i1', 'i2', 'b2']);
  });

  it('drops a waiting job at once when its signal aborts', async () => {
    const queue = new JobQueue(10);
    const controller = new AbortController();
    const first = queue.push('interactive', () => sleep(50));
    let ran = false;
    const second = queue.push('interactive', async () => void (ran = true), controller.signal);
    controller.abort(new LunetteError(ErrorCode.Cancelled, 'cancelled'));
    await assert.rejects(second, /cancelled/);
    assert.equal(queue.queued, 0);
    await first;
    assert.equal(ran, false);
  });

  it('refuses jobs beyond its limit', async () => {
    const queue = new JobQueue(1);
    const running = queue.push('batch', () => sleep(20));
    const waiting = queue.push('batch', () => sleep(1));
    await assert.rejects(queue.push('batch', () => sleep(1)), (e: unknown) => e instanceof LunetteError && e.code === ErrorCode.Busy);
    await Promise.all([running, waiting]);
  });
});

describe('repeatedNgramTokens', () => {
  it('bans exactly the tokens that would repeat an n-gram (cases shared with the Python decoder)', () => {
    const shared = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'no-repeat-ngram.json'), 'utf8')) as { cases: { ids: number[]; n: number; banned: number[] }[] };
    for (const c of shared.cases) assert.deepEqual([...repeatedNgramTokens(c.ids, c.n)].sort((a, b) => a - b), c.banned, `ids ${c.ids.join(',')} n ${c.n}`);
  });
});
