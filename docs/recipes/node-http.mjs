// The backend half on plain node:http: `node docs/recipes/node-http.mjs`.
// The browser's <oz-liveness-check> uses session-token-url="/api/oz/session-token" and
// backend-url="/api/oz/container". The Oz access token stays in this process, never in the page.
import http from 'node:http';
import { createOzLivenessHandler, createRedisIdempotencyStore, toNodeHandler } from 'oz-liveness-elements/server';

// One instance keeps its Idempotency-Key records in memory. Several behind a load balancer share
// them in Redis (REDIS_URL), so a retry that lands on another instance is still answered once.
let idempotency;
if (process.env.REDIS_URL) {
  const { createClient } = await import('redis'); // npm install redis
  const redis = await createClient({ url: process.env.REDIS_URL }).connect();
  idempotency = { store: createRedisIdempotencyStore(redis) };
}

const handler = createOzLivenessHandler({
  ozApiUrl: process.env.OZ_API_URL, // e.g. https://api.your-oz-installation.example
  accessToken: process.env.OZ_ACCESS_TOKEN,
  // Optional: unset means the defaults (50 MiB, 50 s).
  maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
  timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
  idempotency,
});

// Requests under /api/oz reach the handler; everything else gets 404 (or pass a `next`).
const server = http.createServer(toNodeHandler(handler, { basePath: '/api/oz' }));

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/oz/`);
});
