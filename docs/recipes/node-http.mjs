// The backend half on plain node:http: `node docs/recipes/node-http.mjs`.
// The browser's <oz-liveness-check> uses session-token-url="/api/liveness/session-token" and
// backend-url="/api/liveness/container". The Oz access token stays in this process, never in the page.
import http from 'node:http';
import { createOzLivenessHandler, createRedisIdempotencyStore, toNodeHandler } from 'oz-liveness-elements/server';

// One instance keeps its Idempotency-Key records and limit counters in memory. Several behind a
// load balancer share them in Redis (REDIS_URL): a retry that lands on another instance is still
// answered once, and a client's session tokens are counted across all instances.
let redis;
if (process.env.REDIS_URL) {
  const { createClient } = await import('redis'); // npm install redis
  redis = await createClient({ url: process.env.REDIS_URL }).connect();
}
// Built-in limits, off unless set. Who the client is, only you know: here the address your load
// balancer appends to X-Forwarded-For (the last entry); without one, nobody is limited.
const tokensPerMinute = Number(process.env.OZ_SESSION_TOKENS_PER_MINUTE) || undefined;
const clientAddress = (request) => request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || undefined;

const handler = createOzLivenessHandler({
  ozApiUrl: process.env.OZ_API_URL, // e.g. https://api.your-oz-installation.example
  accessToken: process.env.OZ_ACCESS_TOKEN,
  // Optional: unset means the defaults (50 MiB, 50 s).
  maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
  timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
  idempotency: redis ? { store: createRedisIdempotencyStore(redis) } : undefined,
  limits: tokensPerMinute ? { sessionTokens: { max: tokensPerMinute }, clientKey: clientAddress, redis } : undefined,
});

// Requests under /api/liveness reach the handler; everything else gets 404 (or pass a `next`).
const server = http.createServer(toNodeHandler(handler, { basePath: '/api/liveness' }));

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/liveness/`);
});
