// A bare relay on Bun.serve or Deno.serve (whichever runs it), for scripts/bench-runtimes.mjs.
import { relay } from './relay.mjs';

const env = (name) => (globalThis.Deno ? Deno.env.get(name) : process.env[name]);
const port = Number(env('PORT') ?? 3000);
const hostname = env('HOST') ?? '127.0.0.1';
const handle = (request) => relay(request, env('OZ_API_URL'));
if (globalThis.Bun) {
  const server = Bun.serve({ port, hostname, idleTimeout: 255, fetch: handle });
  console.log(`Listening on http://${server.hostname}:${server.port}/api/liveness/`);
} else {
  Deno.serve(
    { port, hostname, onListen: (a) => console.log(`Listening on http://${a.hostname}:${a.port}/api/liveness/`) },
    handle,
  );
}
