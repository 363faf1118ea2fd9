// A bare relay in an Express 5 app (the node:http pipe behind Express's router), for
// scripts/bench-runtimes.mjs.
import express from 'express';
import { pipe } from './node-pipe.mjs';

const app = express();
app.post('/api/liveness/container', pipe);
const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/liveness/`);
});
