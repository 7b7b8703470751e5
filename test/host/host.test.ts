import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { HostClient, type HostClientOptions } from '../../src/host/client';
import { ErrorCode, LunetteError } from '../../src/protocol/errors';
import { DIST, TEST_PACK, badImageFixtures, quadrantImage, tempDir, writeFixture } from '../helpers';

const clients: HostClient[] = [];

function startClient(overrides: Partial<HostClientOptions> = {}, faults?: Record<string, number>): HostClient {
  const client = new HostClient({
    hostScript: path.join(DIST, 'host.js'),
    config: { modelDir: TEST_PACK, threads: 1, idleUnloadMs: 0, imageCacheBytes: 32 * 1024 * 1024, queueLimit: 16 },
    requestTimeoutMs: 20_000,
    hungGraceMs: 2_000,
    restart: { baseDelayMs: 50, maxDelayMs: 200, maxCrashes: 5, windowMs: 60_000 },
    ...(faults ? { env: { LUNETTE_HOST_FAULTS: JSON.stringify(faults) } } : {}),
    ...overrides,
  });
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
});

const isCode = (code: string) => (e: unknown) => e instanceof LunetteError && e.code === code;

async function imageFile(name: string, width = 40): Promise<string> {
  return writeFixture(tempDir(), name, await quadrantImage(width, 30));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('model host process', () => {
  it('streams a caption and encodes an image once for two questions', async () => {
    const client = startClient();
    const image = { path: await imageFile('a.png') };
    const chunks: string[] = [];
    const caption = await client.run({ task: 'caption', length: 'short' }, { image, sampling: { maxTokens: 12 }, onPartial: (p) => p.kind === 'text' && chunks.push(p.text) });
    assert.ok(caption.caption.length > 0);
    assert.equal(chunks.join(''), caption.caption);
    assert.ok(caption.timings.load_ms > 0, 'the first request loads the model');
    const second = await client.run({ task: 'ask', question: 'What is in the corner?' }, { image, sampling: { maxTokens: 4 } });
    assert.equal(second.timings.image_cache_hit, true);
    assert.equal(second.timings.load_ms, 0);
    const stats = await client.stats();
    assert.equal(stats.imageEncodes, 1);
    assert.ok(stats.rssBytes > 0);
  });

  it('runs detect and point', async () => {
    const client = startClient();
    const image = { path: await imageFile('d.png') };
    const detected = await client.run({ task: 'detect', object: 'square' }, { image });
    for (const b of detected.objects) assert.ok(b.x_min <= b.x_max && b.y_min <= b.y_max && b.x_min >= 0 && b.y_max <= 1);
    const pointed = await client.run({ task: 'point', object: 'square' }, { image });
    for (const p of pointed.points) assert.ok(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1);
  });

  it('accepts image bytes as well as paths', async () => {
    const client = startClient();
    const result = await client.run({ task: 'caption', length: 'short' }, { image: { base64: (await quadrantImage(20, 20)).toString('base64'), label: 'pasted.png' }, sampling: { maxTokens: 3 } });
    assert.ok(result.timings.tokens <= 3);
  });

  it('reports bad images with their error code and stays up', async () => {
    const client = startClient();
    const files = await badImageFixtures(tempDir());
    await assert.rejects(client.run({ task: 'caption', length: 'short' }, { image: { path: files.truncated! } }), isCode(ErrorCode.ImageUnreadable));
    await assert.rejects(client.run({ task: 'caption', length: 'short' }, { image: { path: files.missing! } }), isCode(ErrorCode.ImageNotFound));
    await assert.rejects(client.run({ task: 'caption', length: 'short' }, { image: { path: files.bomb! } }), isCode(ErrorCode.ImageTooLarge));
    const ok = await client.run({ task: 'caption', length: 'short' }, { image: { path: await imageFile('ok.png') }, sampling: { maxTokens: 2 } });
    assert.ok(ok.timings.tokens <= 2);
  });

  it('reports a broken model pack', async () => {
    const client = startClient({ config: { modelDir: tempDir(), threads: 1, idleUnloadMs: 0, imageCacheBytes: 1 << 20, queueLimit: 4 } });
    await assert.rejects(client.run({ task: 'caption', length: 'short' }, { image: { path: await imageFile('m.png') } }), (e: unknown) => isCode(ErrorCode.ModelInvalid)(e) && /manifest\.json is missing/.test((e as Error).message));
    await waitFor(() => client.status.state === 'error', 'the error state');
  });

  it('cancels a running request and keeps serving', async () => {
    const client = startClient({}, { stepDelayMs: 30 });
    const image = { path: await imageFile('c.png') };
    const controller = new AbortController();
    await assert.rejects(
      client.run({ task: 'caption', length: 'long' }, { image, sampling: { maxTokens: 200 }, signal: controller.signal, onPartial: () => controller.abort() }),
      isCode(ErrorCode.Cancelled),
    );
    const pid = client.status.pid;
    const next = await client.run({ task: 'caption', length: 'short' }, { image, sampling: { maxTokens: 2 } });
    assert.ok(next.timings.image_cache_hit);
    assert.equal(client.status.pid, pid, 'the same host process');
  });

  it('times out a slow request without restarting the host', async () => {
    const client = startClient({}, { stepDelayMs: 40 });
    const image = { path: await imageFile('t.png') };
    await client.start();
    const pid = client.status.pid;
    const started = Date.now();
    await assert.rejects(client.run({ task: 'caption', length: 'long' }, { image, sampling: { maxTokens: 500 }, timeoutMs: 600 }), (e: unknown) => isCode(ErrorCode.Timeout)(e) && /longer than/.test((e as Error).message));
    assert.ok(Date.now() - started < 3000);
    assert.equal(client.status.pid, pid);
  });

  it('restarts a hung host and fails its request clearly', async () => {
    const client = startClient({ hungGraceMs: 300 }, { blockMs: 4000 });
    const image = { path: await imageFile('h.png') };
    await client.start();
    const pid = client.status.pid;
    await assert.rejects(client.run({ task: 'caption', length: 'short' }, { image, timeoutMs: 300 }), (e: unknown) => isCode(ErrorCode.Timeout)(e) && /stopped responding/.test((e as Error).message));
    await waitFor(() => client.status.pid !== undefined && client.status.pid !== pid, 'a new host process');
  });

  it('recovers from kill -9 in the middle of a request', async () => {
    const client = startClient({}, { stepDelayMs: 30 });
    const image = { path: await imageFile('k.png') };
    await client.start();
    const pid = client.status.pid!;
    let killed = false;
    await assert.rejects(
      client.run({ task: 'caption', length: 'long' }, {
        image,
        sampling: { maxTokens: 200 },
        onPartial: () => {
          if (!killed) process.kill(pid, 'SIGKILL');
          killed = true;
        },
      }),
      (e: unknown) => isCode(ErrorCode.HostCrashed)(e) && /SIGKILL/.test((e as Error).message),
    );
    await waitFor(() => client.status.pid !== undefined && client.status.pid !== pid, 'the restarted host');
    const after = await client.run({ task: 'caption', length: 'short' }, { image, sampling: { maxTokens: 2 } });
    assert.ok(after.timings.tokens <= 2);
  });

  it('serves interactive requests before batch ones', async () => {
    const client = startClient({}, { stepDelayMs: 15 });
    await client.start();
    const image = { path: await imageFile('p.png') };
    const order: string[] = [];
    const run = (name: string, priority: 'interactive' | 'batch', maxTokens: number) =>
      client.run({ task: 'caption', length: 'short' }, { image, priority, sampling: { maxTokens } }).then(() => order.push(name));
    const first = run('batch-1', 'batch', 8);
    await new Promise((r) => setTimeout(r, 150)); // batch-1 is running now
    const second = run('batch-2', 'batch', 2);
    const third = run('interactive', 'interactive', 2);
    await Promise.all([first, second, third]);
    assert.deepEqual(order, ['batch-1', 'interactive', 'batch-2']);
  });

  it('refuses requests beyond the queue limit', async () => {
    const client = startClient({ config: { modelDir: TEST_PACK, threads: 1, idleUnloadMs: 0, imageCacheBytes: 1 << 24, queueLimit: 1 } }, { stepDelayMs: 20 });
    const image = { path: await imageFile('b.png') };
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => client.run({ task: 'caption', length: 'short' }, { image, sampling: { maxTokens: 3 } })));
    assert.ok(results.some((r) => r.status === 'fulfilled'));
    assert.ok(results.some((r) => r.status === 'rejected' && isCode(ErrorCode.Busy)(r.reason)));
  });

  it('unloads the model when idle', async () => {
    const client = startClient({ config: { modelDir: TEST_PACK, threads: 1, idleUnloadMs: 200, imageCacheBytes: 1 << 24, queueLimit: 4 } });
    await client.run({ task: 'caption', length: 'short' }, { image: { path: await imageFile('i.png') }, sampling: { maxTokens: 2 } });
    await waitFor(async () => (await client.stats()).status.state === 'idle', 'the idle unload');
  });

  it('makes small thumbnails without loading the model', async () => {
    const client = startClient({ config: { modelDir: tempDir(), threads: 1, idleUnloadMs: 0, imageCacheBytes: 1 << 20, queueLimit: 4 } });
    const thumb = await client.thumbnail({ path: await imageFile('big.png', 400) }, 64);
    assert.match(thumb.dataUri, /^data:image\/png;base64,/);
    assert.deepEqual([thumb.width, thumb.height], [400, 30]);
    const png = Buffer.from(thumb.dataUri.split(',')[1]!, 'base64');
    assert.ok(png.length < 4000);
    const files = await badImageFixtures(tempDir());
    await assert.rejects(client.thumbnail({ path: files.text! }, 64), isCode(ErrorCode.ImageUnreadable));
    await assert.rejects(client.thumbnail({ path: files.text! }, 5000), isCode(ErrorCode.InvalidRequest));
  });

  it('says clearly when the configured runtime does not exist', async () => {
    const client = startClient({ runtime: '/nonexistent/node' });
    await assert.rejects(client.start(), /runtime "\/nonexistent\/node" was not found/);
  });

  it('runs under an explicit Node.js runtime', async () => {
    const client = startClient({ runtime: process.execPath });
    const result = await client.run({ task: 'caption', length: 'short' }, { image: { path: await imageFile('r.png') }, sampling: { maxTokens: 2 } });
    assert.ok(result.timings.tokens <= 2);
  });
});
