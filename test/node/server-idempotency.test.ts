/**
 * Retry-safe uploads: the handler with an Idempotency-Key, against a fake Oz on loopback, with the
 * memory store and with the Redis store on a real redis-server started here.
 * Run: node --import tsx --test test/node/server-idempotency.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  createMemoryIdempotencyStore,
  createOzLivenessHandler,
  createRedisIdempotencyStore,
  type IdempotencyStore,
  type OzLivenessHandlerOptions,
} from '../../src/server/index.js';
import { FakeOz, FOLDER, sendJson, waitFor } from '../support/fake-oz.js';
import { startRedis, type RunningRedis } from '../support/redis-server.js';

const TOKEN = 'tok-SECRET-4f9a2c';
const PASSWORD = 'pw-SECRET-77e1d0';
const oz = new FakeOz();
let redis: RunningRedis;
let logs: string[] = [];

before(async () => {
  await oz.start();
  redis = await startRedis();
});
after(async () => {
  await oz.stop();
  await redis.stop();
});
afterEach(() => {
  oz.reset();
  logs = [];
});

function post(body: BodyInit | null, key: string | null, signal?: AbortSignal): Request {
  const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
  if (key !== null) headers['Idempotency-Key'] = key;
  return new Request('https://shop.example/api/liveness/container', {
    method: 'POST',
    body,
    headers,
    signal,
    duplex: 'half',
  } as RequestInit);
}

/** A body that sends `bytes` then, if `cut`, fails instead of ending (a connection lost mid-body). */
function streamOf(bytes: Uint8Array, cut = false): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        return controller.enqueue(bytes);
      }
      if (cut) controller.error(new Error('connection lost'));
      else controller.close();
    },
  });
}

type StoreKind = { name: string; make(): Promise<IdempotencyStore> };
const stores: StoreKind[] = [
  { name: 'memory store', make: async () => createMemoryIdempotencyStore() },
  {
    name: 'Redis store',
    make: async () => createRedisIdempotencyStore(await redis.client(), { prefix: `t-${randomUUID()}:` }),
  },
];

for (const kind of stores) {
  describe(`Idempotency-Key with the ${kind.name}`, () => {
    async function handler(extra: Partial<OzLivenessHandlerOptions> = {}) {
      const store = await kind.make();
      return createOzLivenessHandler({
        ozApiUrl: oz.url,
        accessToken: TOKEN,
        log: (m) => logs.push(m),
        idempotency: { store },
        ...extra,
      });
    }

    it('replays a repeat: same status and body, Idempotent-Replayed: true, Oz called once', async () => {
      const h = await handler();
      const bytes = randomBytes(200_000);
      const key = randomUUID();
      const first = await h(post(bytes, key));
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const firstBody = await first.text();
      const again = await h(post(streamOf(bytes), key));
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(await again.text(), firstBody);
      assert.equal(again.headers.get('cache-control'), 'no-store');
      assert.equal(oz.uploads().length, 1);
    });

    it('sends concurrent requests with one key to Oz once, and all get its answer', async () => {
      const h = await handler();
      const bytes = randomBytes(50_000);
      const key = randomUUID();
      const release = oz.holdUploads();
      const pending = Array.from({ length: 5 }, () => h(post(bytes, key)));
      await waitFor(() => oz.uploads().some((s) => s.ended), 'Oz has the whole body');
      release();
      const answers = await Promise.all(pending);
      assert.deepEqual(
        answers.map((r) => r.status),
        [201, 201, 201, 201, 201],
      );
      const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
      assert.equal(bodies.size, 1);
      assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 4);
      assert.equal(oz.uploads().length, 1);
    });

    it('answers 422 to the same key with other bytes, without calling Oz', async () => {
      const h = await handler();
      const key = randomUUID();
      assert.equal((await h(post(randomBytes(1000), key))).status, 201);
      const other = await h(post(randomBytes(1000), key));
      assert.equal(other.status, 422);
      assert.match((await other.json()).error, /different container/);
      assert.equal(oz.uploads().length, 1);
    });

    it('records Oz’s answer after the browser has gone, once the whole body was sent', async () => {
      const h = await handler();
      const bytes = randomBytes(100_000);
      const key = randomUUID();
      const release = oz.holdUploads();
      const browser = new AbortController();
      const lost = h(post(bytes, key, browser.signal));
      await waitFor(() => oz.uploads()[0]?.ended === true, 'Oz has the whole body');
      browser.abort();
      assert.equal((await lost).status, 499);
      release();
      const retry = await h(post(bytes, key));
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.equal((await retry.json()).folder_id, 'f-1');
      assert.equal(oz.uploads().length, 1);
      assert.equal(oz.uploads()[0]!.aborted, false, 'the call to Oz was not cut');
    });

    it('records Oz’s answer after the handler answered 504, and the retry gets it', async () => {
      const h = await handler({ timeoutMs: 1000 });
      const bytes = randomBytes(10_000);
      const key = randomUUID();
      const release = oz.holdUploads();
      const first = await h(post(bytes, key));
      assert.equal(first.status, 504);
      release();
      // The retry may arrive before or after Oz answers: it waits, or replays.
      const retry = await h(post(bytes, key));
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.equal(oz.uploads().length, 1);
    });

    it('keeps no record of a body cut midway: the retry is forwarded', async () => {
      const h = await handler();
      const bytes = randomBytes(10_000);
      const key = randomUUID();
      const cut = await h(post(streamOf(bytes, true), key));
      assert.ok(cut.status >= 500, `status ${cut.status}`);
      const retry = await h(post(bytes, key));
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), null);
      assert.equal(
        oz.uploads().filter((s) => s.ended).length,
        1,
        `Oz got one whole body: ${JSON.stringify(oz.uploads().map((s) => [s.ended, s.aborted, s.body.length]))}`,
      );
    });

    it('still records when onResult throws; the retry runs onResult again and gets the folder', async () => {
      let calls = 0;
      const h = await handler({
        onResult: () => {
          calls++;
          if (calls === 1) throw new Error('db down');
        },
      });
      const bytes = randomBytes(1000);
      const key = randomUUID();
      const first = await h(post(bytes, key));
      assert.equal(first.status, 500);
      const retry = await h(post(bytes, key));
      assert.equal(retry.status, 201);
      assert.equal((await retry.json()).system_resolution, 'SUCCESS');
      assert.equal(calls, 2);
      assert.equal(oz.uploads().length, 1);
      const third = await h(post(bytes, key));
      assert.equal(third.status, 201);
      assert.equal(calls, 2, 'recorded now: onResult is not run a third time');
    });

    it('replays an Oz 400, and forwards again after an Oz failure that checked nothing', async () => {
      const h = await handler();
      const key = randomUUID();
      const bytes = randomBytes(100);
      oz.reply['/api/instant/folders/'] = (_req, res) =>
        sendJson(res, 400, { error_code: 5, error_message: 'Invalid request data' });
      assert.equal((await h(post(bytes, key))).status, 400);
      const again = await h(post(bytes, key));
      assert.equal(again.status, 400);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal((await again.json()).error_code, 5);
      assert.equal(oz.uploads().length, 1);

      const other = randomUUID();
      oz.reply['/api/instant/folders/'] = (_req, res) => sendJson(res, 500, { error_code: 0 });
      assert.equal((await h(post(bytes, other))).status, 502);
      delete oz.reply['/api/instant/folders/'];
      const retried = await h(post(bytes, other));
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get('idempotent-replayed'), null);
      assert.equal(oz.uploads().length, 3);
    });

    it('an expired access token (400/8) → 503 + Retry-After, not recorded: the same key retried reaches Oz and gets its answer (issue 23)', async () => {
      const h = await handler({
        accessToken: undefined,
        credentials: { email: 'be@shop.example', password: PASSWORD },
      });
      const bytes = randomBytes(5000);
      const key = randomUUID();
      assert.equal((await h(post(randomBytes(10), randomUUID()))).status, 201, 'logged in, token taken');
      oz.expireLogins({ status: 400, code: 8 });
      const refused = await h(post(bytes, key));
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      const retry = await h(post(bytes, key));
      assert.equal(retry.status, 201, 'the browser’s automatic retry, same key, goes through');
      assert.equal(retry.headers.get('idempotent-replayed'), null, 'Oz was asked again, nothing was replayed');
      const folder = await retry.json();
      assert.equal(folder.system_resolution, 'SUCCESS');
      const again = await h(post(bytes, key));
      assert.equal(again.headers.get('idempotent-replayed'), 'true', 'Oz’s real answer is the one recorded');
      assert.deepEqual(await again.json(), folder);
      assert.deepEqual(
        oz.uploads().map((s) => s.headers['x-forensic-access-token']),
        ['login-token-1', 'login-token-1', 'login-token-2'],
      );
      assert.equal(oz.logins, 2, 'one fresh login');
      for (const line of logs) assert.ok(!line.includes(PASSWORD) && !line.includes('login-token'), line);
    });
  });
}

describe('Idempotency-Key: the rest', () => {
  const make = (extra: Partial<OzLivenessHandlerOptions> = {}) =>
    createOzLivenessHandler({ ozApiUrl: oz.url, accessToken: TOKEN, log: (m) => logs.push(m), ...extra });

  it('forwards as before without the header, or with idempotency: false', async () => {
    const bytes = randomBytes(100);
    const h = make();
    assert.equal((await h(post(bytes, null))).status, 201);
    assert.equal((await h(post(bytes, null))).status, 201);
    const off = make({ idempotency: false });
    const key = randomUUID();
    assert.equal((await off(post(bytes, key))).status, 201);
    assert.equal((await off(post(bytes, key))).headers.get('idempotent-replayed'), null);
    assert.equal(oz.uploads().length, 4);
  });

  it('hands a runtime’s waitUntil the job, which settles once the answer is recorded', async () => {
    const store = createMemoryIdempotencyStore();
    const h = make({ idempotency: { store } });
    const kept: Promise<unknown>[] = [];
    const bytes = randomBytes(100);
    const key = randomUUID();
    const release = oz.holdUploads();
    const browser = new AbortController();
    const lost = h(post(bytes, key, browser.signal), { waitUntil: (p) => void kept.push(p) });
    await waitFor(() => oz.uploads()[0]?.ended === true, 'Oz has the whole body');
    browser.abort();
    assert.equal((await lost).status, 499);
    assert.equal(kept.length, 1);
    release();
    await kept[0];
    assert.equal(
      (await store.claim(key, 'someone', 1000))?.state,
      'done',
      'recorded by the time waitUntil’s promise settles',
    );
  });

  it('answers 400 to a malformed key, without calling Oz', async () => {
    for (const key of ['', 'with space', 'x'.repeat(256), 'caf\u00e9']) {
      const res = await make()(post(new Uint8Array(1), key));
      assert.equal(res.status, 400, JSON.stringify(key));
    }
    assert.equal(oz.uploads().length, 0);
  });

  it('the memory store forgets after ttlMs and keeps at most maxEntries (a new key is refused, no record dropped early)', async () => {
    let clock = 1_000_000;
    const store = createMemoryIdempotencyStore({ maxEntries: 3, now: () => clock });
    const answer = { status: 201, body: '{}', contentType: 'application/json', bodyHash: 'h' };
    for (const key of ['a', 'b', 'c']) {
      assert.equal(await store.claim(key, 'o', 1000), undefined);
      await store.complete(key, answer, 60_000);
    }
    await assert.rejects(store.claim('d', 'o', 1000), /idempotency store is full/, 'no room: refused');
    assert.equal((await store.claim('a', 'o', 1000))?.state, 'done', 'the oldest record is still there');
    clock += 60_001;
    assert.equal(await store.claim('d', 'o', 1000), undefined, 'the expired records made room');
    assert.equal(await store.claim('a', 'o', 1000), undefined, 'expired');
  });

  it('two instances share one Redis: the answer lost at A is replayed at B, Oz called once', async () => {
    const client = await redis.client();
    const prefix = `shared-${randomUUID()}:`;
    const instance = () => make({ idempotency: { store: createRedisIdempotencyStore(client, { prefix }) } });
    const [a, b] = [instance(), instance()];
    const bytes = randomBytes(100_000);
    const key = randomUUID();
    const release = oz.holdUploads();
    const browser = new AbortController();
    const lost = a(post(bytes, key, browser.signal));
    await waitFor(() => oz.uploads()[0]?.ended === true, 'Oz has the whole body');
    browser.abort(); // the answer never reaches the browser
    assert.equal((await lost).status, 499);
    const retry = b(post(bytes, key)); // waits at B while A's call is still with Oz
    release();
    const res = await retry;
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('idempotent-replayed'), 'true');
    assert.equal((await res.json()).folder_id, FOLDER.folder_id.replace('123', '1'));
    assert.equal(oz.uploads().length, 1);
    // Nothing is kept forever: the record has an expiry.
    const ttl = await client.pTTL(`${prefix}${key}`);
    assert.ok(ttl > 0 && ttl <= 900_000, `PTTL ${ttl}`);
  });

  it('backgroundTimeoutMs: a keyed upload goes on with Oz well past one more timeoutMs after the 504 (issue 23)', async () => {
    const timeoutMs = 150;
    const h = make({ timeoutMs, idempotency: { store: createMemoryIdempotencyStore() } });
    const bytes = randomBytes(1000);
    const key = randomUUID();
    const release = oz.holdUploads();
    const first = await h(post(bytes, key));
    assert.equal(first.status, 504);
    // Past the old limit (one more timeoutMs after the 504): Oz is still working on it.
    await new Promise((r) => setTimeout(r, 4 * timeoutMs));
    release();
    const retry = await h(post(bytes, key));
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(oz.uploads().length, 1);
    assert.equal(oz.uploads()[0]!.aborted, false, 'the call to Oz was not cut');
  });

  it('backgroundTimeoutMs: 0 stops the call to Oz with the 504; the retry goes to Oz again', async () => {
    const h = make({ timeoutMs: 150, backgroundTimeoutMs: 0, idempotency: { store: createMemoryIdempotencyStore() } });
    const bytes = randomBytes(1000);
    const key = randomUUID();
    oz.holdUploads();
    assert.equal((await h(post(bytes, key))).status, 504);
    await waitFor(() => oz.uploads()[0]?.aborted === true, 'the call to Oz is cut');
    oz.hold = undefined;
    const retry = await h(post(bytes, key));
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), null);
    assert.equal(oz.uploads().length, 2);
  });

  it('backgroundTimeoutMs must be 0 or a positive number of milliseconds', () => {
    for (const backgroundTimeoutMs of [-1, Number.NaN, '5' as unknown as number, 2 ** 31]) {
      assert.throws(() => make({ backgroundTimeoutMs }), /backgroundTimeoutMs/, String(backgroundTimeoutMs));
    }
  });
});
