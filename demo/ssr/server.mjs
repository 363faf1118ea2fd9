// The elements server-rendered: `node demo/ssr/server.mjs` (after `npm run build`) serves a page whose
// <oz-liveness-check> and <oz-result-banner> are rendered in Node by Lit SSR (@lit-labs/ssr) into
// declarative shadow DOM, so their first paint needs no JavaScript; in the browser,
// @lit-labs/ssr-client's hydrate support loads before the elements, and they hydrate the server's DOM
// instead of rendering anew. The same process serves the backend half's routes on the simulated Oz API
// and the simulator's plugin script, so the page runs a whole check. `npm run test:ssr` drives it in
// Chromium (scripts/ssr-e2e.mjs). PORT picks the port (default 3100).
import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from '@lit-labs/ssr';
import { RenderResultReadable } from '@lit-labs/ssr/lib/render-result-readable.js';
import { html } from 'lit';
import 'oz-liveness-elements'; // defines both elements in Node: safe, no window or document at import
import { createOzLivenessHandler, toNodeHandler } from 'oz-liveness-elements/server';
import { createSimulatedOzApi } from 'oz-liveness-elements/testing';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The browser's module graph: the built elements (dist/) and their dependencies (node_modules/), by
// an import map, so the page needs no bundler. Lit's production builds.
const importMap = {
  imports: {
    lit: '/node_modules/lit/index.js',
    'lit/': '/node_modules/lit/',
    'lit-html': '/node_modules/lit-html/lit-html.js',
    'lit-html/': '/node_modules/lit-html/',
    'lit-element/': '/node_modules/lit-element/',
    '@lit/reactive-element': '/node_modules/@lit/reactive-element/reactive-element.js',
    '@lit/reactive-element/': '/node_modules/@lit/reactive-element/',
    '@lit/context': '/node_modules/@lit/context/index.js',
    '@lit-labs/ssr-client/': '/node_modules/@lit-labs/ssr-client/',
  },
};

// The page around the elements is plain text; the elements are what Lit renders (shadow roots included).
const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Liveness check · server-rendered</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">
  // First the hydrate support (it must be there before LitElement loads), then the elements.
  import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
  import '/dist/index.js';
</script>
</head>
<body>
<h1>Liveness check, server-rendered</h1>
`;
const tail = `
</body>
</html>
`;
const elements = () =>
  render(html`<oz-liveness-check id="check" plugin-src="/simulator/plugin_liveness.js"
  session-token-url="/api/liveness/session-token" backend-url="/api/liveness/container">
  <oz-result-banner show-details></oz-result-banner>
</oz-liveness-check>`);

const simulatedOzApi = createSimulatedOzApi();
const liveness = toNodeHandler(
  createOzLivenessHandler({
    ozApiUrl: 'http://127.0.0.1/simulated-oz', // never dialled: `fetch` hands each call to the simulator
    fetch: (input, init) => simulatedOzApi(new Request(input, init)),
  }),
  { basePath: '/api/liveness' },
);

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json' };
/** /dist/… and /node_modules/… from the repository; /simulator/… from dist/simulator/. Nothing else. */
function serveFile(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).write(head);
    new RenderResultReadable(elements()).on('end', () => res.end(tail)).pipe(res, { end: false });
    return;
  }
  const mapped = pathname.startsWith('/simulator/') ? `/dist${pathname}` : pathname;
  const file = normalize(join(root, decodeURIComponent(mapped)));
  const allowed = ['dist', 'node_modules'].some((dir) => file.startsWith(join(root, dir) + sep));
  if (!allowed || !existsSync(file) || !TYPES[extname(file)]) return void res.writeHead(404).end('Not found');
  res.writeHead(200, { 'content-type': `${TYPES[extname(file)]}; charset=utf-8` });
  createReadStream(file).pipe(res);
}

const port = Number(process.env.PORT) || 3100;
http
  .createServer((req, res) => liveness(req, res, () => serveFile(req, res)))
  .listen(port, '127.0.0.1', () => console.log(`Open http://127.0.0.1:${port}/`));
