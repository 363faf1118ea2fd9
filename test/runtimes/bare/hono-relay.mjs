// A bare relay in a Hono app on @hono/node-server, for scripts/bench-runtimes.mjs.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { relay } from './relay.mjs';

const app = new Hono();
app.post('/api/liveness/container', (c) => relay(c.req.raw, process.env.OZ_API_URL));
serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: process.env.HOST ?? '127.0.0.1' },
  (info) => {
    console.log(`Listening on http://${info.address}:${info.port}/api/liveness/`);
  },
);
