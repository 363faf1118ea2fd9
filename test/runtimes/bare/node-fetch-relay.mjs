// A bare web-standard relay on node:http, for scripts/bench-runtimes.mjs: the same
// toNodeHandler adapter as the handler, and fetch with the body as a stream, but no checks, no
// limits, no token. Against the node:http pipe it shows what fetch and web streams cost on Node.
import http from 'node:http';
import { toNodeHandler } from 'oz-liveness-elements/server';
import { relay } from './relay.mjs';

const server = http.createServer(toNodeHandler((request) => relay(request, process.env.OZ_API_URL)));
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/liveness/`);
});
