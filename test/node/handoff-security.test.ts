/**
 * Hand-off security, with the memory store and with the Redis store on a real redis-server: one
 * claim per link, expiry, forged secrets, the desktop's stream only with its own watch token, no
 * secret in a query string, and the secret and watch token (canaries) in no log line, no answer
 * but the create answer, and nowhere in a dump of the store.
 * Run: node --import tsx --test test/node/handoff-security.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { createMemoryHandoffStore, createRedisHandoffStore, type HandoffStore } from '../../src/server/index.js';
import { openEvents, phone, secretOf, type Served, serve } from '../support/handoff-client.js';
import { FakeOz, waitFor } from '../support/fake-oz.js';
import { type RedisClient, type RunningRedis, startRedis } from '../support/redis-server.js';

const oz = new FakeOz();
const PHONE_URL = 'https://bank.example/verify-on-phone';
let redis: RunningRedis;
let dumpClient: RedisClient;
let served: Served | undefined;

before(async () => {
  await oz.start();
  redis = await startRedis();
  dumpClient = await redis.client();
});
after(async () => {
  await oz.stop();
  await redis.stop();
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  oz.reset();
});

type Kind = { name: string; make(prefix: string): Promise<HandoffStore> };
const kinds: Kind[] = [
  { name: 'memory store', make: async () => createMemoryHandoffStore() },
  { name: 'Redis store', make: async (prefix) => createRedisHandoffStore(await redis.client(), { prefix }) },
];

for (const kind of kinds) {
  describe(`hand-off security (${kind.name})`, () => {
    let prefix = '';
    async function start(ttlMs?: number) {
      prefix = `t-${randomUUID()}:`;
      served = await serve({
        ozApiUrl: oz.url,
        accessToken: 'tok',
        handoff: { phoneUrl: PHONE_URL, store: await kind.make(prefix), ttlMs },
      });
      const created = await served.call('/handoff', { method: 'POST' });
      assert.equal(created.status, 201);
      return { ...created.json, secret: secretOf(created.json.phoneUrl) } as {
        phoneUrl: string;
        watchToken: string;
        secret: string;
      };
    }

    it('a second claim of the same link is 409 handoff-used', async () => {
      const { secret } = await start();
      const first = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      const second = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      assert.equal(first.status, 200);
      assert.equal(second.status, 409);
      assert.equal(second.json.error, 'handoff-used');
      // The second phone cannot get a session token nor upload either.
      assert.equal((await served!.call('/session-token', { headers: phone(secret) })).status, 200);
      const seen = oz.seen.length;
      const up = await served!.call('/container', { method: 'POST', headers: phone(secret, 'k'), body: 'x' });
      assert.equal(up.status, 201);
      const late = await served!.call('/session-token', { headers: phone(secret) });
      assert.equal(late.status, 409);
      assert.equal(late.json.error, 'handoff-used');
      assert.equal(oz.seen.length, seen + 1, 'only the one upload reached Oz');
    });

    it('a claimed link whose time is up: its session token and upload are 410 handoff-expired', async () => {
      const { secret, watchToken } = await start(1000);
      const desktop = await openEvents(served!.url, watchToken);
      const claim = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      // On a loaded machine the second may already be over: then the claim itself is refused.
      if (claim.status !== 200) assert.equal(claim.json.error, 'handoff-expired');
      await desktop.ended; // the stream ends when the time is up
      assert.equal(desktop.events.at(-1)!.data.state, 'expired');
      const token = await served!.call('/session-token', { headers: phone(secret) });
      assert.equal(token.status, 410);
      assert.equal(token.json.error, 'handoff-expired');
      const up = await served!.call('/container', { method: 'POST', headers: phone(secret, 'k'), body: 'x' });
      assert.equal(up.status, 410);
      assert.equal(oz.seen.length, 0);
    });

    it('a link never opened: after its time the claim is 410 handoff-expired', async () => {
      const { secret, watchToken } = await start(1000);
      const desktop = await openEvents(served!.url, watchToken);
      await desktop.ended; // the stream itself says when the time is up
      const claim = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      assert.equal(claim.status, 410);
      assert.equal(claim.json.error, 'handoff-expired');
    });

    it('a forged or malformed secret is 404 handoff-failed, and reaches neither the store nor Oz', async () => {
      const { watchToken, secret } = await start();
      // One character off: the right shape, and no such hand-off.
      const near = (secret[0] === '7' ? '8' : '7') + secret.slice(1);
      const forgeries = [
        'A'.repeat(26),
        near,
        randomBytes(16).toString('base64url'),
        'short',
        'Z'.repeat(200),
        watchToken,
      ];
      for (const forged of forgeries) {
        const claim = await served!.call('/handoff/claim', { method: 'POST', headers: phone(forged) });
        assert.equal(claim.status, 404, forged === watchToken ? 'a watch token is not a secret' : 'forged');
        assert.equal(claim.json.error, 'handoff-failed');
        assert.equal((await served!.call('/session-token', { headers: phone(forged) })).status, 404);
      }
      assert.equal(oz.seen.length, 0);
    });

    it('the secret as a person types it (lower case, in groups, I/L/O for 1/0) is the same secret: claimed once', async () => {
      const { secret } = await start();
      const typed = secret
        .toLowerCase()
        .replace(/(.{4})(?!$)/g, '$1-')
        .replace(/1/g, 'l')
        .replace(/0/g, 'o');
      assert.notEqual(typed, secret);
      const claim = await served!.call('/handoff/claim', { method: 'POST', headers: phone(typed) });
      assert.equal(claim.status, 200);
      const again = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      assert.equal(again.status, 409, 'the canonical form is the same, already claimed, hand-off');
      assert.equal(again.json.error, 'handoff-used');
    });

    it("the stream without a watch token is 401; with a forged one, or the phone's secret, 403", async () => {
      const { secret } = await start();
      assert.equal((await openEvents(served!.url)).status, 401);
      assert.equal((await openEvents(served!.url, randomBytes(16).toString('base64url'))).status, 403);
      assert.equal((await openEvents(served!.url, secret)).status, 403, 'the phone cannot watch');
      assert.equal((await openEvents(served!.url, 'not a token')).status, 403);
      const cancel = await served!.call('/handoff/cancel', { method: 'POST', headers: { 'Oz-Handoff-Watch': secret } });
      assert.equal(cancel.status, 403);
    });

    it("another hand-off's watch token shows that hand-off only", async () => {
      const a = await start();
      const b = (await served!.call('/handoff', { method: 'POST' })).json;
      await served!.call('/handoff/claim', { method: 'POST', headers: phone(a.secret) });
      const watchB = await openEvents(served!.url, b.watchToken);
      await waitFor(() => watchB.events.length === 1, 'b state');
      assert.equal(watchB.events[0]!.data.state, 'waiting', "a's claim is not b's");
      watchB.drop();
    });

    it('a secret in a query string is refused (400) and the hand-off it names is cancelled; never logged', async () => {
      const { secret, watchToken } = await start();
      const named = await served!.call(`/handoff/claim?oz-handoff=${secret}`, { method: 'POST' });
      assert.equal(named.status, 400);
      assert.equal(named.json.error, 'handoff-failed');
      const hidden = await served!.call(`/session-token?next=${secret}`);
      assert.equal(hidden.status, 400);
      const desktop = await openEvents(served!.url, watchToken);
      await desktop.ended;
      assert.equal(desktop.events.at(-1)!.data.state, 'cancelled', 'a leaked link is burnt');
      const claim = await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      assert.equal(claim.status, 410);
      assert.ok(
        served!.logs.some((l) => /query string/.test(l)),
        'the operator is told',
      );
      for (const line of served!.logs) assert.ok(!line.includes(secret), `logged: ${line}`);
      assert.equal(oz.seen.length, 0);
    });

    it('canaries: the secret and the watch token are in the create answer only — no other answer, log line, stream or store value', async () => {
      const { secret, watchToken } = await start();
      const created = served!.answers[0]!;
      assert.ok(created.body.includes(secret) && created.body.includes(watchToken));
      const desktop = await openEvents(served!.url, watchToken);
      await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      await served!.call('/handoff/claim', { method: 'POST', headers: phone(secret) });
      await served!.call('/session-token', { headers: phone(secret) });
      oz.reply['/api/instant/folders/'] = (_req, res) => {
        // Oz echoing what it was sent must not carry the secret anywhere either.
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`bad gateway ${secret} ${watchToken}`);
      };
      await served!.call('/container', { method: 'POST', headers: phone(secret, 'k1'), body: 'x' });
      delete oz.reply['/api/instant/folders/'];
      await served!.call('/container', { method: 'POST', headers: phone(secret, 'k1'), body: 'x' });
      await served!.call(`/handoff/claim?x=${watchToken}`, { method: 'POST' });
      await desktop.ended;
      const everything = [
        ...served!.answers.slice(1).map((a) => a.body),
        ...served!.logs,
        desktop.raw,
        ...(await storeDump()),
      ];
      assert.ok(everything.length > 8);
      for (const text of everything) {
        assert.ok(!text.includes(secret), `the secret leaked: ${text.slice(0, 200)}`);
        assert.ok(!text.includes(watchToken), `the watch token leaked: ${text.slice(0, 200)}`);
      }
    });

    async function storeDump(): Promise<string[]> {
      if (kind.name !== 'Redis store') return [];
      const keys = await dumpClient.keys(`${prefix}*`);
      assert.ok(keys.length >= 3, 'the record and its two indexes');
      const values = await Promise.all(keys.map((k) => dumpClient.get(k)));
      return [...keys, ...values.map(String)];
    }
  });
}
