// The backend half with its idempotency records and limits in Redis, on whichever runtime runs this
// file (Node, Bun, Deno): the Redis case of issue 22 on each. Its Redis client gets no `error`
// listener on purpose: only the kit stands between a stalled or dropped Redis and a dead process.
// Env: OZ_API_URL, OZ_ACCESS_TOKEN, OZ_TIMEOUT_MS, REDIS_URL. Prints "Listening on <url>".
import http from 'node:http';
import { createClient } from 'redis';
import { createOzLivenessHandler, createRedisIdempotencyStore, toNodeHandler } from 'oz-liveness-elements/server';

const env = (name) => globalThis.Deno?.env.get(name) ?? globalThis.process?.env[name];
const redis = createClient({ url: env('REDIS_URL') });
await redis.connect();
const handler = createOzLivenessHandler({
  ozApiUrl: env('OZ_API_URL'),
  accessToken: env('OZ_ACCESS_TOKEN'),
  timeoutMs: Number(env('OZ_TIMEOUT_MS')) || undefined,
  idempotency: { store: createRedisIdempotencyStore(redis) },
  limits: { redis, sessionTokens: { max: 1000 }, concurrentUploads: 10, clientKey: () => 'one-client' },
});
const onlyOz = (request) =>
  new URL(request.url).pathname.startsWith('/api/liveness/')
    ? handler(request)
    : new Response('Not found', { status: 404 });

if (globalThis.Bun) {
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', idleTimeout: 255, fetch: onlyOz });
  console.log(`Listening on http://127.0.0.1:${server.port}/api/liveness/`);
} else if (globalThis.Deno) {
  Deno.serve(
    {
      port: 0,
      hostname: '127.0.0.1',
      onListen: ({ port }) => console.log(`Listening on http://127.0.0.1:${port}/api/liveness/`),
    },
    onlyOz,
  );
} else {
  const server = http.createServer(toNodeHandler(handler, { basePath: '/api/liveness' }));
  server.listen(0, '127.0.0.1', () =>
    console.log(`Listening on http://127.0.0.1:${server.address().port}/api/liveness/`),
  );
}
