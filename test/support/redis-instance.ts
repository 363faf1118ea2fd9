/**
 * One instance of the backend half in a process of its own, sharing a real redis-server with the
 * test (idempotency records and limits), so a test can kill it for real (SIGKILL) or watch it
 * survive Redis going away. Its Redis client is created as a careless copy of the docs would:
 * with no `error` listener unless ERROR_LISTENER=1, so only the kit stands between a dropped
 * connection and a crashed process. Prints "Listening on <url>" once it serves.
 * Env: OZ_API_URL, REDIS_URL, TIMEOUT_MS, CONCURRENT_UPLOADS, ERROR_LISTENER.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { createOzLivenessHandler, createRedisIdempotencyStore, toNodeHandler } from '../../src/server/index.js';

const env = process.env;
const redis = createClient({ url: env.REDIS_URL });
if (env.ERROR_LISTENER === '1') redis.on('error', (err: Error) => console.error(`redis: ${err.message}`));
await redis.connect();

const handler = createOzLivenessHandler({
  ozApiUrl: env.OZ_API_URL!,
  accessToken: 'tok-instance-secret',
  timeoutMs: Number(env.TIMEOUT_MS ?? 1000),
  log: (line) => console.log(line),
  idempotency: { store: createRedisIdempotencyStore(redis) },
  limits: {
    redis,
    concurrentUploads: Number(env.CONCURRENT_UPLOADS ?? 10),
    sessionTokens: { max: 1000 },
    clientKey: () => 'one-client',
  },
});
const server = http.createServer(toNodeHandler(handler, { basePath: '/oz' }));
server.listen(0, '127.0.0.1', () => {
  console.log(`Listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/oz/`);
});
