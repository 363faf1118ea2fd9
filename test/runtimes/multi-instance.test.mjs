/**
 * Two instances of the node:http recipe behind a round-robin load balancer, sharing one real
 * redis-server (REDIS_URL): a retry that lands on the other instance is answered from the shared
 * record, and Oz sees the container once; a client's session tokens are counted across both.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { makeContainer, MiB, postContainer, send } from './client.mjs';
import { TEST_LIMIT, TEST_TIMEOUT_MS } from './contract.mjs';
import { startFakeOz } from './fake-oz.mjs';
import { startRedis } from './redis-server.mjs';
import { startRoundRobin } from './round-robin.mjs';
import { RUNTIMES, startServer } from './runtimes.mjs';

const TOKENS_PER_MINUTE = 3;

describe('two Node instances behind a round-robin balancer, one redis-server', () => {
  const accessToken = `oz-secret-${randomUUID()}`;
  let oz;
  let redis;
  let instances = [];
  let balancer;

  before(async () => {
    oz = await startFakeOz({ accessToken });
    redis = await startRedis();
    const env = {
      OZ_API_URL: oz.url,
      OZ_ACCESS_TOKEN: accessToken,
      OZ_MAX_CONTAINER_BYTES: String(TEST_LIMIT),
      OZ_TIMEOUT_MS: String(TEST_TIMEOUT_MS),
      REDIS_URL: redis.url,
      OZ_SESSION_TOKENS_PER_MINUTE: String(TOKENS_PER_MINUTE),
    };
    instances = await Promise.all([
      startServer(RUNTIMES['node-http'].serve, env),
      startServer(RUNTIMES['node-http'].serve, env),
    ]);
    balancer = await startRoundRobin(instances.map((instance) => instance.url));
  });
  after(async () => {
    await balancer?.close();
    await Promise.all(instances.map((instance) => instance.stop()));
    await redis?.stop();
    await oz?.close();
  });

  it('a retry whose first answer was lost lands on the other instance and is replayed; Oz is called once', async () => {
    const container = makeContainer('ok', 2 * MiB);
    const key = randomUUID();
    const base = `${balancer.url}/api/liveness/`;
    balancer.dropNextAnswer();
    const first = balancer.routed.length;
    await assert.rejects(
      postContainer(base, container, { headers: { 'Idempotency-Key': key } }),
      'the balancer was to lose the first answer',
    );
    await oz.waitFor(() => oz.uploads(container.id)[0]?.complete, 'the first upload');

    const retry = await postContainer(base, container, { headers: { 'Idempotency-Key': key } });
    assert.notEqual(balancer.routed[first + 1], balancer.routed[first], 'the retry went to the same instance');
    assert.equal(retry.status, 201, retry.text);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.equal(JSON.parse(retry.text).folder_id, container.id);
    assert.equal(oz.uploads(container.id).length, 1, 'Oz was called again');
  });

  it('without the key, the same container sent twice is two uploads (the record is per key)', async () => {
    const container = makeContainer('ok', 64 * 1024);
    const base = `${balancer.url}/api/liveness/`;
    const one = await postContainer(base, container);
    const two = await postContainer(base, makeContainer('ok', 64 * 1024, container.id));
    assert.equal(one.status, 201, one.text);
    assert.equal(two.status, 201, two.text);
    assert.equal(two.headers['idempotent-replayed'], undefined);
    assert.equal(oz.uploads(container.id).length, 2);
  });

  it("the session-token rate limit is shared: the client's 4th token in a minute is refused, whichever instance it reaches", async () => {
    const start = balancer.routed.length;
    const answers = [];
    for (let i = 0; i <= TOKENS_PER_MINUTE; i++) answers.push(await send(`${balancer.url}/api/liveness/session-token`));
    const instances = new Set(balancer.routed.slice(start));
    assert.equal(instances.size, 2, 'the requests did not reach both instances');
    assert.deepEqual(
      answers.map((a) => a.status),
      [...Array(TOKENS_PER_MINUTE).fill(200), 429],
    );
    const refused = answers.at(-1);
    assert.ok(Number(refused.headers['retry-after']) >= 1, 'no Retry-After on the 429');
    assert.equal(oz.sessionTokens.length, TOKENS_PER_MINUTE, 'Oz was asked for a token the limit refused');
  });
});
