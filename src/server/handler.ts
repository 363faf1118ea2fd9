/**
 * The backend half of a liveness check, as one web-standard `(Request) => Promise<Response>`:
 * it holds the Oz access token, hands the browser a fresh session token per capture, and streams
 * the container to Oz. No `node:` imports, so it runs unchanged on Node, Deno, Bun and edge
 * runtimes; `node.ts` adapts it to node:http, Express and Connect.
 */
import { discardBody } from './body.js';
import { container } from './container.js';
import { resolveOptions, type Config, type OzLivenessHandlerOptions } from './options.js';
import { describeError, errorResponse, json, redact, stringField } from './responses.js';
import { deadline, failure, limitsUnavailable, NO_REDIRECT, ozBusy, ozHeaders, readAnswer, UpstreamError } from './upstream.js';

export { DEFAULT_MAX_CONTAINER_BYTES, DEFAULT_TIMEOUT_MS, type OzLivenessHandlerOptions } from './options.js';

/**
 * What a runtime may hand the handler beside the request. `waitUntil` (Cloudflare Workers' and
 * Vercel's `ctx.waitUntil`) keeps a keyed upload's call to Oz alive after the answer is sent, so its
 * answer is still recorded; runtimes that keep running (Node, Deno, Bun) need nothing.
 */
export interface RequestContext {
  waitUntil?(promise: Promise<unknown>): void;
}

/** The handler: `(request) => Promise<Response>`, with an optional runtime context. */
export type OzLivenessHandler = (request: Request, context?: RequestContext) => Promise<Response>;

type Route = 'session-token' | 'container';
const ROUTE_METHOD: Record<Route, string> = { 'session-token': 'GET', container: 'POST' };

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
    const requestId = incomingRequestId(request.headers.get('x-request-id')) ?? crypto.randomUUID();
    const logLine = (message: string) => {
      try {
        config.log(`[oz-liveness] [request ${requestId}] ${redact(message, config.tokens.secrets())}`);
      } catch {
        // A broken logger must not turn an answer into a crash.
      }
    };
    let response: Response;
    try {
      response = await route(request, config, logLine, context);
    } catch (err) {
      discardBody(request);
      if (request.signal.aborted) {
        // The browser left; nobody reads this answer, and it is not Oz's fault.
        response = errorResponse(499, 'The client closed the request.');
      } else if (err instanceof UpstreamError) {
        logLine(`${err.message}${err.cause === undefined ? '' : ` Cause: ${describeError(err.cause)}`}`);
        response = errorResponse(err.status, err.message, err.retryAfter ? { 'Retry-After': err.retryAfter } : undefined);
      } else {
        logLine(`unexpected error: ${describeError(err)}`);
        response = errorResponse(500, 'The liveness backend failed unexpectedly.');
      }
    }
    return finish(request, response, config, requestId);
  };
}

/** A well-formed incoming id (a proxy's or a load balancer's) is kept, so one id follows the request. */
function incomingRequestId(value: string | null): string | undefined {
  return value !== null && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}

async function route(request: Request, config: Config, log: (m: string) => void, context: RequestContext | undefined): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/\/+$/, '');
  const name: Route | undefined = path.endsWith('/session-token')
    ? 'session-token'
    : path.endsWith('/container')
      ? 'container'
      : undefined;
  if (!name) {
    discardBody(request);
    return errorResponse(404, 'Not found. The routes are …/session-token (GET) and …/container (POST).');
  }
  const method = ROUTE_METHOD[name];
  if (request.method === 'OPTIONS') return preflight(request, method, config);
  if (request.method !== method) {
    discardBody(request);
    return errorResponse(405, `Use ${method} for …/${name}.`, { Allow: `${method}, OPTIONS` });
  }
  return name === 'session-token' ? sessionToken(request, config, log) : container(request, config, log, context);
}

/** `GET …/session-token`: one fresh Oz session token, retried once with a new login if Oz refuses ours. */
async function sessionToken(request: Request, config: Config, log: (m: string) => void): Promise<Response> {
  const url = `${config.base}/api/authorize/session_token`;
  const wait = await config.limits.sessionToken(request).catch((err: unknown) => {
    throw limitsUnavailable(err);
  });
  if (wait !== undefined) {
    log(`session-token rate limit reached for this client; answered 429`);
    return errorResponse(429, 'Too many session tokens asked for. Try again later.', { 'Retry-After': String(wait) });
  }
  for (let attempt = 0; ; attempt++) {
    const token = await config.tokens.get();
    const d = deadline(config.timeoutMs, request.signal);
    let answer;
    try {
      const res = await config.fetch(url, { method: 'GET', headers: ozHeaders(token, 'application/json'), signal: d.signal, redirect: NO_REDIRECT });
      answer = await readAnswer(res, 'GET /api/authorize/session_token', config.maxAnswerBytes);
    } catch (err) {
      throw failure(err, d, 'session token');
    } finally {
      d.clear();
    }
    const { status } = answer;
    if ((status === 401 || status === 403) && config.tokens.reject(token) && attempt === 0) continue;
    const busy = ozBusy(answer, 'session token');
    if (busy) throw busy;
    if (status < 200 || status >= 300) {
      log(`Oz API answered HTTP ${status} to GET /api/authorize/session_token`);
      return errorResponse(502, `Oz API refused the session-token request (HTTP ${status}).`);
    }
    const session = stringField(answer.text, 'session_token');
    if (!session) {
      log('Oz API answered GET /api/authorize/session_token without a session_token');
      return errorResponse(502, 'Oz API answered without a session token.');
    }
    return json(200, { session_token: session });
  }
}

function preflight(request: Request, method: string, config: Config): Response {
  const origin = request.headers.get('origin');
  const isPreflight = origin !== null && request.headers.has('access-control-request-method');
  if (!isPreflight || !config.origins) {
    return new Response(null, { status: 204, headers: { Allow: `${method}, OPTIONS` } });
  }
  if (!originAllowed(origin, config)) return errorResponse(403, 'This origin may not call the liveness backend.');
  const headers = new Headers({
    'Access-Control-Allow-Methods': `${method}, OPTIONS`,
    // Only what the element sends, plus what the integrator listed (e.g. a CSRF token's header).
    'Access-Control-Allow-Headers': config.allowHeaders,
    'Access-Control-Max-Age': '600',
  });
  return new Response(null, { status: 204, headers });
}

function originAllowed(origin: string, config: Config): boolean {
  return config.origins !== undefined && (config.origins.has('*') || config.origins.has(origin));
}

/**
 * The headers every answer gets: `nosniff` and the request id; for an allowed origin the CORS
 * headers (the answer depends on `Origin`, hence `Vary` always) and the headers a page may read.
 */
function finish(request: Request, response: Response, config: Config, requestId: string): Response {
  const headers = new Headers(response.headers);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Request-Id', requestId);
  if (config.origins) {
    const origin = request.headers.get('origin');
    headers.append('Vary', 'Origin');
    if (origin !== null && originAllowed(origin, config)) {
      headers.set('Access-Control-Allow-Origin', config.origins.has('*') && !config.corsCredentials ? '*' : origin);
      if (config.corsCredentials) headers.set('Access-Control-Allow-Credentials', 'true');
      headers.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Idempotent-Replayed');
    }
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
