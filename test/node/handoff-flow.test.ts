/**
 * Hand-off to a phone, the backend half: the option's checks, and the whole flow over real HTTP
 * (node:http + toNodeHandler) against the fake Oz, with the default memory store.
 * Run: node --import tsx --test test/node/handoff-flow.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  createMemoryHandoffStore,
  createOzLivenessHandler,
  createRedisHandoffStore,
  type OzFolder,
} from '../../src/server/index.js';
import { openEvents, phone, secretOf, type Served, serve, statesOf } from '../support/handoff-client.js';
import { FakeOz, waitFor } from '../support/fake-oz.js';

const oz = new FakeOz();
const PHONE_URL = 'https://bank.example/verify-on-phone?lang=en';
let served: Served | undefined;

before(async () => {
  await oz.start();
});
after(async () => {
  await oz.stop();
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  oz.reset();
});

describe('handoff option', () => {
  const base = { ozApiUrl: 'https://api.example.com', accessToken: 'tok' };
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'yes', /handoff must be \{ phoneUrl/],
    ['no phoneUrl', {}, /handoff\.phoneUrl must be an absolute https: URL/],
    ['a fragment', { phoneUrl: 'https://bank.example/p#x' }, /must not have a fragment/],
    ['plain http off loopback', { phoneUrl: 'http://bank.example/p' }, /must be https:/],
    ['a store without methods', { phoneUrl: PHONE_URL, store: {} }, /handoff\.store must have create/],
    ['a tiny ttl', { phoneUrl: PHONE_URL, ttlMs: 10 }, /handoff\.ttlMs must be a number/],
  ];
  for (const [what, handoff, message] of cases) {
    it(`refuses ${what} with a TypeError naming handoff`, () => {
      assert.throws(
        () => createOzLivenessHandler({ ...base, handoff } as never),
        (err: unknown) => err instanceof TypeError && message.test(err.message),
      );
    });
  }
  it('createRedisHandoffStore refuses something that is not a redis client', () => {
    assert.throws(
      () => createRedisHandoffStore({} as never),
      /createRedisHandoffStore: client must be a connected client/,
    );
  });
  it('refuses handoff without idempotency', () => {
    assert.throws(
      () => createOzLivenessHandler({ ...base, idempotency: false, handoff: { phoneUrl: PHONE_URL } }),
      /handoff needs idempotency/,
    );
  });
  it('is off unless set: the routes are 404', async () => {
    served = await serve({ ozApiUrl: oz.url, accessToken: 'tok' });
    assert.equal((await served.call('/handoff', { method: 'POST' })).status, 404);
    assert.equal((await served.call('/handoff/events')).status, 404);
  });
});

describe('hand-off flow (memory store)', () => {
  it('create → claim → session token → upload: the desktop stream sees every state, then the trimmed folder', async () => {
    const results: OzFolder[] = [];
    served = await serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      handoff: { phoneUrl: PHONE_URL },
      onResult: (folder) => void results.push(folder),
    });
    const created = await served.call('/handoff', { method: 'POST' });
    assert.equal(created.status, 201);
    const { id, phoneUrl, watchToken, expiresAt } = created.json;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const link = new URL(phoneUrl);
    assert.equal(`${link.origin}${link.pathname}${link.search}`, PHONE_URL, 'the configured page, path and query kept');
    assert.match(link.hash, /^#oz-handoff=[0-9A-HJKMNP-TV-Z]{26}$/, '128 bits, Crockford base32, in the fragment only');
    assert.match(watchToken, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.ok(Date.parse(expiresAt) > Date.now() + 500_000, 'default ttl: 10 minutes');
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const secret = secretOf(phoneUrl);

    const desktop = await openEvents(served.url, watchToken);
    assert.equal(desktop.status, 200);
    assert.match(String(desktop.headers['content-type']), /^text\/event-stream/);
    assert.equal(desktop.headers['cache-control'], 'no-store');
    assert.equal(desktop.headers['x-content-type-options'], 'nosniff');
    await waitFor(() => desktop.events.length === 1, 'the current state at once');
    assert.deepEqual(statesOf(desktop), ['waiting']);

    const claim = await served.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    assert.equal(claim.status, 200);
    assert.equal(claim.json.state, 'opened');
    await waitFor(() => statesOf(desktop).includes('opened'), 'opened');

    const token = await served.call('/session-token', { headers: phone(secret) });
    assert.equal(token.status, 200);
    assert.equal(token.json.session_token, 'st-1');
    await waitFor(() => statesOf(desktop).includes('capturing'), 'capturing');

    const upload = await served.call('/container', {
      method: 'POST',
      headers: phone(secret, randomUUID()),
      body: randomBytes(2048),
    });
    assert.equal(upload.status, 201);
    await desktop.ended;
    assert.deepEqual(statesOf(desktop), ['waiting', 'opened', 'capturing', 'uploading', 'done']);
    const done = desktop.events.at(-1)!.data;
    assert.deepEqual(done.folder, upload.json, 'the desktop gets exactly what the phone got');
    assert.equal(done.folder?.company_id, undefined, 'trimmed');
    assert.doesNotMatch(desktop.raw, /st-1|session_token/, 'never the session token');
    assert.equal(results.length, 1, 'onResult once');

    // A desktop that reconnects after the end still hears done, with the folder.
    const again = await openEvents(served.url, watchToken);
    await again.ended;
    assert.deepEqual(statesOf(again), ['done']);
    assert.deepEqual(again.events[0]!.data.folder, upload.json);
  });

  it('the phone retries its upload with the same Idempotency-Key: one Oz call, one onResult, the same answer', async () => {
    let results = 0;
    served = await serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      handoff: { phoneUrl: PHONE_URL },
      onResult: () => void results++,
    });
    const { phoneUrl } = (await served.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    await served.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    await served.call('/session-token', { headers: phone(secret) });
    const key = randomUUID();
    const bytes = randomBytes(4096);
    const first = await served.call('/container', { method: 'POST', headers: phone(secret, key), body: bytes });
    const second = await served.call('/container', { method: 'POST', headers: phone(secret, key), body: bytes });
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body, first.body);
    assert.equal(oz.uploads().length, 1);
    assert.equal(results, 1);
    // Another key after done: a second upload for this hand-off is refused, Oz not called.
    const other = await served.call('/container', {
      method: 'POST',
      headers: phone(secret, randomUUID()),
      body: bytes,
    });
    assert.equal(other.status, 409);
    assert.equal(other.json.error, 'handoff-used');
    assert.equal(oz.uploads().length, 1);
  });

  it('a container Oz refuses (400) sends the hand-off back to capturing; the phone may capture again', async () => {
    served = await serve({ ozApiUrl: oz.url, accessToken: 'tok', handoff: { phoneUrl: PHONE_URL } });
    const { phoneUrl, watchToken } = (await served.call('/handoff', { method: 'POST' })).json;
    const secret = secretOf(phoneUrl);
    const desktop = await openEvents(served.url, watchToken);
    await served.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
    await served.call('/session-token', { headers: phone(secret) });
    oz.reply['/api/instant/folders/'] = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error_code: 4, error_message: 'Invalid request data' }));
    };
    const refused = await served.call('/container', { method: 'POST', headers: phone(secret, 'k1'), body: 'x' });
    assert.equal(refused.status, 400);
    delete oz.reply['/api/instant/folders/'];
    assert.equal((await served.call('/session-token', { headers: phone(secret) })).status, 200);
    const ok = await served.call('/container', { method: 'POST', headers: phone(secret, 'k2'), body: 'y' });
    assert.equal(ok.status, 201);
    await desktop.ended;
    assert.deepEqual(statesOf(desktop), [
      'waiting',
      'opened',
      'capturing',
      'uploading',
      'capturing',
      'uploading',
      'done',
    ]);
  });

  it('the desktop cancels with its watch token (POST …/handoff/cancel): the stream says cancelled and ends; the link is dead', async () => {
    served = await serve({ ozApiUrl: oz.url, accessToken: 'tok', handoff: { phoneUrl: PHONE_URL } });
    const { phoneUrl, watchToken } = (await served.call('/handoff', { method: 'POST' })).json;
    const desktop = await openEvents(served.url, watchToken);
    await waitFor(() => desktop.events.length === 1, 'waiting');
    const cancel = await served.call('/handoff/cancel', {
      method: 'POST',
      headers: { 'Oz-Handoff-Watch': watchToken },
    });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.json.state, 'cancelled');
    await desktop.ended;
    assert.deepEqual(statesOf(desktop), ['waiting', 'cancelled']);
    const claim = await served.call('/handoff/claim', { method: 'POST', headers: phone(secretOf(phoneUrl)) });
    assert.equal(claim.status, 410);
    assert.equal(claim.json.error, 'handoff-expired');
  });

  it('the stream is bounded by the expiry: expired is sent, then it ends', async () => {
    served = await serve({ ozApiUrl: oz.url, accessToken: 'tok', handoff: { phoneUrl: PHONE_URL, ttlMs: 1000 } });
    const { watchToken } = (await served.call('/handoff', { method: 'POST' })).json;
    const desktop = await openEvents(served.url, watchToken);
    await desktop.ended;
    assert.deepEqual(statesOf(desktop), ['waiting', 'expired']);
  });

  it('a quiet stream gets keep-alive comments (every 15 s), and the state stays', async () => {
    served = await serve({ ozApiUrl: oz.url, accessToken: 'tok', handoff: { phoneUrl: PHONE_URL } });
    const { watchToken } = (await served.call('/handoff', { method: 'POST' })).json;
    const desktop = await openEvents(served.url, watchToken);
    await waitFor(() => desktop.comments.includes('keep-alive'), 'a keep-alive comment', 60_000);
    assert.deepEqual(statesOf(desktop), ['waiting'], 'no repeated event');
    assert.equal(desktop.isEnded(), false);
    desktop.drop();
  });

  it('a cross-origin preflight allows the hand-off headers', async () => {
    served = await serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      cors: { origins: ['https://bank.example'] },
      handoff: { phoneUrl: PHONE_URL },
    });
    const preflight = await fetch(`${served.url}/handoff/claim`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://bank.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'oz-handoff',
      },
    });
    assert.match(String(preflight.headers.get('access-control-allow-headers')), /Oz-Handoff, Oz-Handoff-Watch/);
  });

  it('the memory store is bounded: beyond maxEntries creation is 503 with Retry-After', async () => {
    served = await serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      handoff: { phoneUrl: PHONE_URL, store: createMemoryHandoffStore({ maxEntries: 1 }) },
    });
    assert.equal((await served.call('/handoff', { method: 'POST' })).status, 201);
    const full = await served.call('/handoff', { method: 'POST' });
    assert.equal(full.status, 503);
    assert.equal(full.headers.get('retry-after'), '2');
  });

  it('creation counts against limits.sessionTokens: 429 with Retry-After beyond it', async () => {
    served = await serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      handoff: { phoneUrl: PHONE_URL },
      limits: { sessionTokens: { max: 2 }, clientKey: () => 'one-client' },
    });
    assert.equal((await served.call('/handoff', { method: 'POST' })).status, 201);
    assert.equal((await served.call('/handoff', { method: 'POST' })).status, 201);
    const third = await served.call('/handoff', { method: 'POST' });
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
  });
});
