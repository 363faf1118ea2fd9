// The backend half inside an Express 5 app: `node docs/recipes/express.mjs`.
// Mount it BEFORE any body parser (express.json(), express.raw(), multer…): the container must
// reach the handler as a stream, and a body already read elsewhere arrives empty.
import express from 'express';
import { createOzLivenessHandler, toNodeHandler } from 'oz-liveness-elements/server';

const handler = createOzLivenessHandler({
  ozApiUrl: process.env.OZ_API_URL,
  accessToken: process.env.OZ_ACCESS_TOKEN,
  maxContainerBytes: Number(process.env.OZ_MAX_CONTAINER_BYTES) || undefined,
  timeoutMs: Number(process.env.OZ_TIMEOUT_MS) || undefined,
});

const app = express();
// toNodeHandler reads Express's originalUrl, so the handler sees /api/liveness/container as asked.
app.use('/api/liveness', toNodeHandler(handler));
app.use(express.json()); // the rest of your app, parsers included, comes after

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/liveness/`);
});
