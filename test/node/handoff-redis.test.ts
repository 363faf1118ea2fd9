/**
 * Hand-off across instances and under faults: two handlers sharing one real redis-server (the
 * desktop on one, the phone on the other), a desktop stream that drops and reconnects, a phone whose
 * upload answer is lost, and a Redis stopped with SIGSTOP.
 * Run: node --import tsx --test test/node/handoff-redis.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { createRedisHandoffStore, createRedisIdempotencyStore } from '../../src/server/index.js';
import { openEvents, phone, secretOf, type Served, serve, statesOf } from '../support/handoff-client.js';
import { FakeOz, waitFor } from '../support/fake-oz.js';
import { type RunningRedis, startRedis } from '../support/redis-server.js';

const oz = new FakeOz();
const PHONE_URL = 'https://bank.example/verify-on-phone';
let redis: RunningRedis;
let instances: Served[] = [];
let results: string[] = [];

before(async () => {
  await oz.start();
  redis = await startRedis();
});
after(async () => {
  await oz.stop();
  await redis.stop();
});
afterEach(async () => {
  redis.resume();
  for (const s of instances) await s.close();
  instances = [];
  results = [];
  oz.reset();
});

/** Two instances, each with its own Redis connections, sharing the keys (as behind a load balancer). */
async function twoInstances(extra: { timeoutMs?: number } = {}): Promise<[Served, Served]> {
  const prefix = `t-${randomUUID()}:`;
  for (let n = 0; n < 2; n++) {
    instances.push(
      await serve({
        ozApiUrl: oz.url,
        accessToken: 'tok',
        ...extra,
        onResult: (folder) => void results.push(String(folder.folder_id)),
        idempotency: { store: createRedisIdempotencyStore(await redis.client(), { prefix: `${prefix}i:` }) },
        handoff: { phoneUrl: PHONE_URL, store: createRedisHandoffStore(await redis.client(), { prefix }) },
      }),
    );
  }
  return [instances[0]!, instances[1]!];
}

describe('hand-off across two instances sharing one redis-server', () => {
  it("the desktop's stream on instance A sees the phone's claim, capture and upload on instance B", async () => {
    const [a, b] = await twoInstances();
    const { phoneUrl, watchToken } = (await a.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    const desktop = await openEvents(a.url, watchToken);
    await waitFor(() => desktop.events.length === 1, 'waiting');
    assert.equal((await b.call('/handoff/claim', { method: 'POST', headers: phone(secret) })).status, 200);
    await waitFor(() => statesOf(desktop).includes('opened'), 'opened, seen on A');
    assert.equal((await b.call('/session-token', { headers: phone(secret) })).status, 200);
    // A capture takes seconds; here the upload waits until A has seen capturing (A polls Redis).
    await waitFor(() => statesOf(desktop).includes('capturing'), 'capturing, seen on A');
    const up = await b.call('/container', { method: 'POST', headers: phone(secret, randomUUID()), body: 'c' });
    assert.equal(up.status, 201);
    await desktop.ended;
    const states = statesOf(desktop);
    assert.equal(states.at(-1), 'done');
    // A state shorter than one poll may be skipped (uploading, with a fast fake Oz); done never is.
    assert.deepEqual(
      states.filter((s) => s !== 'uploading'),
      ['waiting', 'opened', 'capturing', 'done'],
    );
    assert.deepEqual(desktop.events.at(-1)!.data.folder, up.json);
    assert.equal((await a.call('/handoff/claim', { method: 'POST', headers: phone(secret) })).status, 409);
    assert.deepEqual(results, [up.json.folder_id]);
  });

  it("the desktop's stream drops mid-way; on reconnecting (to the other instance) it gets the current state and done", async () => {
    const [a, b] = await twoInstances();
    const { phoneUrl, watchToken } = (await a.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    const first = await openEvents(a.url, watchToken);
    await b.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    await waitFor(() => statesOf(first).includes('opened'), 'opened');
    first.drop(); // a real cut socket
    await first.ended;
    await b.call('/session-token', { headers: phone(secret) });
    const second = await openEvents(b.url, watchToken);
    await waitFor(() => second.events.length >= 1, 'the state on reconnect');
    assert.equal(second.events[0]!.data.state, 'capturing', 'the current state at once, not waiting again');
    const up = await a.call('/container', { method: 'POST', headers: phone(secret, randomUUID()), body: 'c' });
    await second.ended;
    assert.equal(statesOf(second).at(-1), 'done');
    assert.deepEqual(second.events.at(-1)!.data.folder, up.json);
  });

  it("the phone's upload answer is lost; it retries with the same Idempotency-Key on the other instance: one Oz call, one onResult", async () => {
    const [a, b] = await twoInstances();
    const { phoneUrl, watchToken } = (await a.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    const desktop = await openEvents(a.url, watchToken);
    await a.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    await a.call('/session-token', { headers: phone(secret) });
    const key = randomUUID();
    const bytes = randomBytes(64 * 1024);
    const release = oz.holdUploads();
    // The first upload: the whole body goes out, then the connection is lost before the answer.
    const lost = http.request(`${a.url}/container`, {
      method: 'POST',
      headers: { ...phone(secret, key), 'Content-Length': String(bytes.length) },
    });
    lost.on('error', () => {});
    lost.end(bytes);
    await waitFor(() => oz.uploads().some((u) => u.ended), 'the body at Oz');
    lost.destroy();
    await waitFor(() => statesOf(desktop).includes('uploading'), 'uploading');
    release();
    const retry = await b.call('/container', { method: 'POST', headers: phone(secret, key), body: bytes });
    assert.equal(retry.status, 201);
    await desktop.ended;
    assert.equal(statesOf(desktop).at(-1), 'done');
    assert.deepEqual(desktop.events.at(-1)!.data.folder, retry.json);
    assert.equal(oz.uploads().length, 1, 'one call to Oz');
    assert.equal(results.length, 1, 'onResult once');
  });

  it('Oz answers after the phone got its 504 and the phone never comes back: the desktop still gets done', async () => {
    const [a, b] = await twoInstances({ timeoutMs: 1500 });
    const { phoneUrl, watchToken } = (await a.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    const desktop = await openEvents(a.url, watchToken);
    await b.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    await b.call('/session-token', { headers: phone(secret) });
    const release = oz.holdUploads();
    const up = await b.call('/container', { method: 'POST', headers: phone(secret, randomUUID()), body: 'c' });
    assert.equal(up.status, 504, 'Oz is still at work when the phone gives up');
    release();
    await desktop.ended;
    assert.equal(statesOf(desktop).at(-1), 'done');
    assert.equal(desktop.events.at(-1)!.data.folder?.folder_id, results[0]);
    assert.equal(oz.uploads().length, 1);
    assert.equal(results.length, 1);
  });

  it('Redis stopped (SIGSTOP): create, claim and the stream answer 503 with Retry-After, no hang', async () => {
    const [a] = await twoInstances();
    const { phoneUrl, watchToken } = (await a.call('/handoff', { method: 'POST' })).json;
    const open = await openEvents(a.url, watchToken);
    await waitFor(() => open.events.length === 1, 'waiting');
    redis.pause();
    await open.ended; // a stream that cannot read its record ends (the desktop reconnects), it does not hang
    assert.ok(a.logs.some((l) => /hand-off stream ended early/.test(l)));
    const bounded = () => AbortSignal.timeout(20_000); // a hang fails the test instead of stalling it
    const create = await a.call('/handoff', { method: 'POST', signal: bounded() });
    const claim = await a.call('/handoff/claim', {
      method: 'POST',
      headers: phone(secretOf(phoneUrl)),
      signal: bounded(),
    });
    const events = await a.call('/handoff/events', { headers: { 'Oz-Handoff-Watch': watchToken }, signal: bounded() });
    for (const answer of [create, claim, events]) {
      assert.equal(answer.status, 503);
      assert.equal(answer.headers.get('retry-after'), '2');
    }
    redis.resume();
    const later = await a.call('/handoff/claim', { method: 'POST', headers: phone(secretOf(phoneUrl)) });
    assert.equal(later.status, 200, 'back once Redis answers again');
  });
});
