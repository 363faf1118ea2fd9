// The backend half on Deno: `deno run --allow-net --allow-read --allow-env docs/recipes/deno.mjs`
// (with this package in node_modules, or import it as npm:oz-liveness-elements/server).
import { createOzLivenessHandler } from 'oz-liveness-elements/server';

const env = (name) => Deno.env.get(name);
const handler = createOzLivenessHandler({
  ozApiUrl: env('OZ_API_URL'),
  accessToken: env('OZ_ACCESS_TOKEN'),
  maxContainerBytes: Number(env('OZ_MAX_CONTAINER_BYTES')) || undefined,
  timeoutMs: Number(env('OZ_TIMEOUT_MS')) || undefined,
});

Deno.serve(
  {
    port: Number(env('PORT') ?? 3000),
    hostname: env('HOST') ?? '127.0.0.1',
    onListen: ({ hostname, port }) => console.log(`Listening on http://${hostname}:${port}/api/liveness/`),
  },
  (request) => {
    if (!new URL(request.url).pathname.startsWith('/api/liveness/')) return new Response('Not found', { status: 404 });
    return handler(request);
  },
);
