// The backend half on Bun: `bun docs/recipes/bun.mjs`.
import { createOzLivenessHandler } from 'oz-liveness-elements/server';

const handler = createOzLivenessHandler({
  ozApiUrl: process.env.OZ_API_URL,
  accessToken: process.env.OZ_ACCESS_TOKEN,
  maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
  timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
});

const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? '127.0.0.1',
  // Bun closes a connection that is silent for 10 s by default, shorter than the handler's 50 s
  // wait for Oz: give Oz the time (255 s is Bun's maximum).
  idleTimeout: 255,
  fetch(request) {
    if (!new URL(request.url).pathname.startsWith('/api/liveness/')) return new Response('Not found', { status: 404 });
    return handler(request);
  },
});
console.log(`Listening on http://${server.hostname}:${server.port}/api/liveness/`);
