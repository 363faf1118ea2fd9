// Next.js itself is not installed here. This stands in for its router, and no more: it imports the
// route file (docs/recipes/next-route.mjs) and calls the function it exports for the request's
// method with a web Request, as Next's App Router does (405 for a method the file doesn't export).
// What is tested is the route file; Next's own server, its NextRequest and its body handling are not.
import http from 'node:http';
import { toNodeHandler } from 'oz-liveness-elements/server';
import * as route from '../../docs/recipes/next-route.mjs';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function dispatch(request) {
  const exported = route[request.method];
  if (typeof exported === 'function') return exported(request, { params: Promise.resolve({}) });
  const allow = METHODS.filter((m) => typeof route[m] === 'function').join(', ');
  return new Response(null, { status: 405, headers: { Allow: allow } });
}

// The file would live at app/api/liveness/[...route]/route.js: only paths below /api/liveness reach it.
const server = http.createServer(toNodeHandler(dispatch, { basePath: '/api/liveness' }));
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}/api/liveness/`);
});
