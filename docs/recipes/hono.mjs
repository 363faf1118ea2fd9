// The backend half in a Hono app on Node (@hono/node-server): `node docs/recipes/hono.mjs`.
// The handler is web-standard, so Hono hands it the raw Request and returns its Response as is.
// The same `app` runs unchanged on Bun, Deno or Workers with their own `serve`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createOzLivenessHandler } from 'oz-liveness-elements/server';

const handler = createOzLivenessHandler({
  ozApiUrl: process.env.OZ_API_URL,
  accessToken: process.env.OZ_ACCESS_TOKEN,
  maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
  timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
});

const app = new Hono();
// Don't read the body in a middleware before this (c.req.json(), a validator…): it is the container stream.
app.all('/api/liveness/*', (c) => handler(c.req.raw));

serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' },
  (info) => {
    console.log(`Listening on http://${info.address}:${info.port}/api/liveness/`);
  },
);
