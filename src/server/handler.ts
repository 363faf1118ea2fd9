/**
 * The backend half of a liveness check, as one web-standard `(Request) => Promise<Response>`:
 * it holds the Oz access token, hands the browser a fresh session token per capture, and streams
 * the container to Oz. No `node:` imports, so it runs unchanged on Node, Deno, Bun and edge
 * runtimes; `node.ts` adapts it to node:http, Express and Connect.
 *
 * The tree, one folder per concern: `routes/` (one file per route), `oz/` (calls to Oz API, the
 * login, reading its answers and folders), `idempotency/` (the retry-safe upload and its stores),
 * `limits/`, `handoff/` (hand-off to a phone: records, stores, secrets), `http/` (answers, the request
 * body, request ids, CORS, log lines).
 */
import { errorResponse } from './http/answers.js';
import { discardBody } from './http/body.js';
import { addCorsHeaders, corsPreflight } from './http/cors.js';
import { describeError, escapeControls, redact } from './http/log.js';
import { wellFormedRequestId } from './http/request-id.js';
import { type Config, type OzLivenessHandlerOptions, resolveOptions } from './options.js';
import { UpstreamError } from './oz/calls.js';
import { container } from './routes/container.js';
import { cancelHandoff, claimHandoff, createHandoff, handoffEvents } from './routes/handoff.js';
import { phoneContainer, phoneSessionToken, refuseSecretInQuery } from './routes/handoff-phone.js';
import type { RequestContext, RouteScope } from './routes/scope.js';
import { sessionToken } from './routes/session-token.js';

export {
  DEFAULT_BACKGROUND_TIMEOUT_MS,
  DEFAULT_MAX_CONTAINER_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OzLivenessHandlerOptions,
  type ResultContext,
} from './options.js';
export type { RequestContext } from './routes/scope.js';

/** The handler: `(request) => Promise<Response>`, with an optional runtime context. */
export type OzLivenessHandler = (request: Request, context?: RequestContext) => Promise<Response>;

type Route = (request: Request, scope: RouteScope) => Promise<Response>;
/** With `handoff` set, a request carrying `Oz-Handoff` is the phone's (routes/handoff-phone.ts). */
const phoneOr =
  (phone: Route, plain: Route): Route =>
  (request, scope) =>
    (scope.config.handoff && request.headers.has('oz-handoff') ? phone : plain)(request, scope);
/** The hand-off routes exist only with the `handoff` option. */
const handoffOnly =
  (run: Route): Route =>
  (request, scope) => {
    if (scope.config.handoff) return run(request, scope);
    discardBody(request);
    return Promise.resolve(errorResponse(404, 'Not found. Hand-off to a phone is not turned on (option handoff).'));
  };

/** The routes, by the path suffix they answer, and the one method each takes. */
const ROUTES = {
  'session-token': { method: 'GET', run: phoneOr(phoneSessionToken, sessionToken) },
  container: { method: 'POST', run: phoneOr(phoneContainer, container) },
  handoff: { method: 'POST', run: handoffOnly(createHandoff) },
  'handoff/claim': { method: 'POST', run: handoffOnly(claimHandoff) },
  'handoff/events': { method: 'GET', run: handoffOnly(handoffEvents) },
  'handoff/cancel': { method: 'POST', run: handoffOnly(cancelHandoff) },
} as const;
type RouteName = keyof typeof ROUTES;

/**
 * Creates the handler. Routes match by path suffix, so it mounts under any prefix:
 * `GET …/session-token` and `POST …/container` (plus `OPTIONS` for CORS preflight).
 * Anything else is `404`; a known path with another method is `405`. Every answer carries
 * `X-Content-Type-Options: nosniff` and an `X-Request-Id`, which every log line about it names.
 *
 * @throws {TypeError} when an option is invalid; the message names it and never quotes a secret.
 */
export function createOzLivenessHandler(options: OzLivenessHandlerOptions): OzLivenessHandler {
  const config = resolveOptions(options);

  return async function ozLivenessHandler(request: Request, context?: RequestContext): Promise<Response> {
    // Our own id names every log line; a client's id (kept on the answer) stands beside it, never
    // instead of it: a client could otherwise give its lines another request's id.
    const ownId = crypto.randomUUID();
    const incoming = wellFormedRequestId(request.headers.get('x-request-id'));
    const requestId = incoming ?? ownId;
    const prefix = `[oz-liveness] [request ${ownId}]${incoming ? ` [x-request-id ${incoming}]` : ''}`;
    const log = (message: string) => {
      try {
        config.log(`${prefix} ${escapeControls(redact(message, config.tokens.secrets()))}`);
      } catch {
        // A broken logger must not turn an answer into a crash.
      }
    };
    let response: Response;
    try {
      response = await route(request, { config, log, requestId, runtime: context });
    } catch (err) {
      discardBody(request);
      if (request.signal.aborted) {
        // The browser left; nobody reads this answer, and it is not Oz's fault.
        response = errorResponse(499, 'The client closed the request.');
      } else if (err instanceof UpstreamError) {
        log(`${err.message}${err.cause === undefined ? '' : ` Cause: ${describeError(err.cause)}`}`);
        response = errorResponse(
          err.status,
          err.message,
          err.retryAfter ? { 'Retry-After': err.retryAfter } : undefined,
        );
      } else {
        log(`unexpected error: ${describeError(err)}`);
        response = errorResponse(500, 'The liveness backend failed unexpectedly.');
      }
    }
    return finish(request, response, { config, requestId });
  };
}

async function route(request: Request, scope: RouteScope): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  const name = (Object.keys(ROUTES) as RouteName[]).find((route) => path.endsWith(`/${route}`));
  if (!name) {
    discardBody(request);
    return errorResponse(404, 'Not found. The routes are …/session-token (GET) and …/container (POST).');
  }
  const { method, run } = ROUTES[name];
  if (scope.config.handoff && request.method !== 'OPTIONS') {
    const refused = await refuseSecretInQuery(request, scope);
    if (refused) return refused;
  }
  if (request.method === 'OPTIONS') return corsPreflight(request, method, scope.config);
  if (request.method !== method) {
    discardBody(request);
    return errorResponse(405, `Use ${method} for …/${name}.`, { Allow: `${method}, OPTIONS` });
  }
  return run(request, scope);
}

/**
 * The headers every answer gets: `nosniff` and the request id, and for cross-origin browsers the
 * CORS headers (http/cors.ts).
 */
function finish(request: Request, response: Response, { config, requestId }: { config: Config; requestId: string }) {
  const headers = new Headers(response.headers);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Request-Id', requestId);
  addCorsHeaders(headers, request, config);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
