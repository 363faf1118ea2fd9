// scripts/bench-body-reads-app.mjs on node:http, through the handler's own adapter (toNodeHandler).
import http from 'node:http';
import { toNodeHandler } from 'oz-liveness-elements/server';
import { countReads } from './bench-body-reads-app.mjs';

const server = http.createServer(toNodeHandler(countReads, { basePath: '/api/liveness' }));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  console.log(`Listening on http://127.0.0.1:${server.address().port}/api/liveness/`),
);
