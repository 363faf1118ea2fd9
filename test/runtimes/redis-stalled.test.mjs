/**
 * Issue 22, root cause 3, on Node, Bun and Deno: a real redis-server stopped with SIGSTOP (its
 * connections stay open, nothing answers) under the idempotency store and the limits. Token
 * requests and keyed uploads get 503 + Retry-After within the store bound (1 s by default; 4 s here
 * leaves room for a loaded machine and is far from the 40 s and more it took before), the process
 * lives on, and everything works again after SIGCONT. Not on workerd: the redis client needs TCP
 * sockets that workerd does not give it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeContainer, postContainer, send, within } from './client.mjs';
import { startFakeOz } from './fake-oz.mjs';
import { startRedis } from './redis-server.mjs';
import { ROOT, startServer, TOOLS } from './runtimes.mjs';

const BOUND_MS = 4000;
const script = path.join(ROOT, 'test/runtimes/serve-redis.mjs');
// Bun and Deno live in test/runtimes/tools/ (npm run test:runtimes installs them), not in the root install.
const bin = (name) => path.join(TOOLS, 'node_modules/.bin', name);
const RUNTIMES = {
  Node: [process.execPath, script],
  Bun: [bin('bun'), script],
  Deno: [bin('deno'), 'run', '--allow-net', '--allow-read', '--allow-env', '--allow-sys', script],
};

for (const [name, command] of Object.entries(RUNTIMES)) {
  describe(`Redis stopped with SIGSTOP, on ${name}`, () => {
    const accessToken = `oz-secret-${randomUUID()}`;
    let oz;
    let redis;
    let server;
    before(async () => {
      oz = await startFakeOz({ accessToken });
      redis = await startRedis();
      server = await startServer(command, {
        OZ_API_URL: oz.url,
        OZ_ACCESS_TOKEN: accessToken,
        OZ_TIMEOUT_MS: '6000',
        REDIS_URL: redis.url,
      });
    });
    after(async () => {
      await server?.stop();
      await redis?.stop();
      await oz?.close();
    });

    const token = () => send(new URL('session-token', server.url));
    const keyedUpload = () =>
      postContainer(server.url, makeContainer('ok', 1024), { headers: { 'Idempotency-Key': randomUUID() } });

    it('token requests and keyed uploads: 503 + Retry-After within the bound, the process alive, then recovery', async () => {
      assert.equal((await token()).status, 200);
      assert.equal((await keyedUpload()).status, 201);
      redis.pause();
      try {
        for (const call of [token, keyedUpload, token, keyedUpload]) {
          const started = Date.now();
          const answer = await within(call(), 15_000);
          const ms = Date.now() - started;
          assert.equal(answer?.status, 503, answer?.text ?? `no answer within 15 s:\n${server.output()}`);
          assert.match(answer.headers['retry-after'] ?? '', /^\d+$/);
          assert.ok(ms < BOUND_MS, `answered after ${ms} ms`);
        }
      } finally {
        redis.resume();
      }
      const until = Date.now() + 30_000;
      let status = 0;
      while (status !== 201 && Date.now() < until) {
        status = (await keyedUpload()).status;
        if (status !== 201) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(status, 201, `works again after SIGCONT:\n${server.output()}`);
      assert.equal((await token()).status, 200);
    });
  });
}
