/**
 * Redis failures are "503 at once" (issue 22, root cause 3). A real redis-server holds the
 * idempotency records and the limits' counters; it is killed (SIGKILL) and restarted, and stopped
 * with SIGSTOP (connections stay open, nothing answers). Token requests and uploads, keyed or not,
 * must get 503 with Retry-After within the store bound, request after request (it was ~5 s per
 * request killed, 40 s and more stopped), the process must survive the client's `error` events
 * even when the app gave its client no listener, and everything must work again once Redis is back.
 * Run: node --import tsx --test test/node/prod-redis.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOzLivenessHandler, createRedisIdempotencyStore } from '../../src/server/index.js';
import { FakeOz } from '../support/fake-oz.js';
import { startInstance } from '../support/instance-process.js';
import { startRedis, type RedisClient, type RunningRedis } from '../support/redis-server.js';

/**
 * The store bound is 1 s by default (docs/server.md, `storeTimeoutMs`); this leaves room for a
 * loaded machine and still tells it from the faults (5 s per request, 40 s and more).
 */
const BOUND_MS = 3000;
const APP = 'https://shop.example/api/oz';
const oz = new FakeOz();
let redis: RunningRedis;
let client: RedisClient;
let logs: string[] = [];

before(async () => {
  await oz.start();
  redis = await startRedis();
  client = await redis.client(); // with an error listener, as docs/server.md shows
});
after(async () => {
  await redis.stop();
  await oz.stop();
});

const handler = () =>
  createOzLivenessHandler({
    ozApiUrl: oz.url,
    accessToken: 'tok-redis-secret',
    timeoutMs: 5000,
    log: (m) => logs.push(m),
    idempotency: { store: createRedisIdempotencyStore(client) },
    limits: { redis: client, concurrentUploads: 10, sessionTokens: { max: 1000 }, clientKey: () => 'one-client' },
  });

type Route = 'session-token' | 'unkeyed upload' | 'keyed upload';
const ROUTES: Route[] = ['session-token', 'unkeyed upload', 'keyed upload'];
function request(route: Route): Request {
  if (route === 'session-token') return new Request(`${APP}/session-token`);
  return new Request(`${APP}/container`, {
    method: 'POST',
    body: new Uint8Array([1, 2, 3]),
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(route === 'keyed upload' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
  });
}

/** The answer and how long it took; status 0 when none came within 10 s (a hang: it was 40 s and more) or the connection failed. */
async function timed(
  call: () => Promise<Response>,
): Promise<{ status: number; retryAfter: string | null; ms: number }> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000)));
  try {
    // A refused or cut connection (the process behind it died) is status 0 as well.
    const res = await Promise.race([
      call().then(async (r) => {
        await r.arrayBuffer();
        return r;
      }),
      hang,
    ]).catch(() => undefined);
    const ms = performance.now() - started;
    return { status: res?.status ?? 0, retryAfter: res?.headers.get('retry-after') ?? null, ms };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls an async condition up to a generous bound. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const OK: Record<Route, number> = { 'session-token': 200, 'unkeyed upload': 201, 'keyed upload': 201 };

describe('a real redis-server killed, restarted and stopped', () => {
  const FAULTS = {
    'killed (SIGKILL), then restarted': {
      fail: () => redis.kill(),
      mend: () => redis.restart(),
    },
    'stopped with SIGSTOP, then continued': {
      fail: async () => redis.pause(),
      mend: async () => redis.resume(),
    },
  };

  for (const [name, fault] of Object.entries(FAULTS)) {
    it(`${name}: every route answers 503 + Retry-After within the bound, request after request, then works again`, {
      timeout: 180_000,
    }, async () => {
      const h = handler();
      for (const route of ROUTES) assert.equal((await timed(() => h(request(route)))).status, OK[route], route);
      logs = [];
      await fault.fail();
      try {
        for (let round = 0; round < 3; round++) {
          for (const route of ROUTES) {
            const answer = await timed(() => h(request(route)));
            assert.equal(answer.status, 503, `${route}, round ${round}; log: ${logs.join(' | ')}`);
            assert.match(answer.retryAfter ?? '', /^\d+$/, `${route}: Retry-After`);
            assert.ok(answer.ms < BOUND_MS, `${route}, round ${round}: answered after ${Math.round(answer.ms)} ms`);
          }
        }
      } finally {
        await fault.mend();
      }
      for (const route of ROUTES) {
        await eventually(
          async () => (await timed(() => h(request(route)))).status === OK[route],
          `${route} to work again`,
        );
      }
    });
  }

  it('an app that gave its Redis client no error listener: Redis killed does not kill the process; 503, then recovery', {
    timeout: 180_000,
  }, async () => {
    const instance = await startInstance({ OZ_API_URL: oz.url, REDIS_URL: redis.url, ERROR_LISTENER: '0' });
    const token = () => fetch(new URL('session-token', instance.url));
    try {
      assert.equal((await token()).status, 200);
      await redis.kill();
      try {
        for (let i = 0; i < 5; i++) {
          const answer = await timed(token);
          assert.equal(answer.status, 503, `ended: ${JSON.stringify(instance.ended())}\n${instance.output()}`);
          assert.ok(answer.ms < BOUND_MS, `answered after ${Math.round(answer.ms)} ms`);
        }
        assert.equal(instance.ended(), undefined, `the process died:\n${instance.output()}`);
      } finally {
        await redis.restart();
      }
      await eventually(async () => (await token()).status === 200, 'the instance to serve tokens again');
      assert.equal(instance.ended(), undefined, `the process died:\n${instance.output()}`);
    } finally {
      await instance.stop();
    }
  });
});
