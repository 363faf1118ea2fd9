/**
 * The backend half of a liveness check, as one web-standard `(Request) => Promise<Response>`:
 * it holds the Oz access token, hands the browser a fresh session token per capture, and streams
 * the container to Oz. No `node:` imports, so it runs unchanged on Node, Deno, Bun and edge
 * runtimes; `node.ts` adapts it to node:http, Express and Connect.
 */
import { trimFolder, isFolder, type OzFolder } from './folder.js';
import { describeError, errorResponse, json, redact, stringField } from './responses.js';
import {
  deadline,
  fixedToken,
  loginTokens,
  UpstreamError,
  type AccessTokens,
  type Deadline,
  type FetchLike,
} from './upstream.js';

/** Options of {@link createOzLivenessHandler}. Invalid options throw a `TypeError` at creation. */
export interface OzLivenessHandlerOptions {
  /** Base URL of Oz API, e.g. `https://api.example.ozforensics.com` (a path prefix is kept). */
  ozApiUrl: string | URL;
  /** `instant` → `POST /api/instant/folders/` (stores nothing); `full` → `POST /api/folders/`. Default `instant`. */
  api?: 'instant' | 'full';
  /** A fixed Oz access token, sent as `X-Forensic-Access-Token`. Omit both this and `credentials` when the installation needs none. */
  accessToken?: string;
  /** Oz login; the handler logs in with `POST /api/authorize/auth/` and reuses the token (see docs/server.md). */
  credentials?: { email: string; password: string };
  /** Largest container accepted, in bytes; enforced while streaming. Default 50 MiB. */
  maxContainerBytes?: number;
  /** Limit for each Oz exchange (login, session token, upload + answer), in ms. Default 50 000. */
  timeoutMs?: number;
  /** The `fetch` used to call Oz. Default `globalThis.fetch`. Must support streamed bodies (`duplex: 'half'`). */
  fetch?: FetchLike;
  /**
   * Called with the whole (untrimmed) folder before the browser gets its answer: the place to record
   * the decision server-side, where it belongs. If it throws, the browser gets `500` instead.
   */
  onResult?: (folder: OzFolder, request: Request) => void | Promise<void>;
  /** Cross-origin browsers allowed to call the routes (exact origins like `https://app.example.com`, or `'*'`). */
  cors?: { origins: string[]; credentials?: boolean };
  /** Send the browser only what the elements need. Default `true`. */
  trimResponse?: boolean;
  /** Where operator-facing lines go (Oz failures with their cause). Secrets are redacted. Default `console.warn`. */
  log?: (message: string) => void;
}

/** The default size limit: a few seconds of selfie video packed in a container is far below it. */
export const DEFAULT_MAX_CONTAINER_BYTES = 50 * 1024 * 1024;
/** Below the element's 60 s upload timeout, so the browser hears a clear `504` rather than giving up first. */
export const DEFAULT_TIMEOUT_MS = 50_000;

type Route = 'session-token' | 'container';
const ROUTE_METHOD: Record<Route, string> = { 'session-token': 'GET', container: 'POST' };

interface Config {
  base: string;
  uploadPath: string;
  tokens: AccessTokens;
  maxBytes: number;
  timeoutMs: number;
  fetch: FetchLike;
  onResult?: OzLivenessHandlerOptions['onResult'];
  origins?: Set<string>;
  corsCredentials: boolean;
  trim: boolean;
  log: (message: string) => void;
}

/**
 * Creates the handler. Routes match by path suffix, so it mounts under any prefix:
 * `GET …/session-token` and `POST …/container` (plus `OPTIONS` for CORS preflight).
 * Anything else is `404`; a known path with another method is `405`.
 *
 * @throws {TypeError} when an option is invalid; the message names it and never quotes a secret.
 */
export function createOzLivenessHandler(options: OzLivenessHandlerOptions): (request: Request) => Promise<Response> {
  const config = resolveOptions(options);
  const logLine = (message: string) => {
    try {
      config.log(`[oz-liveness] ${redact(message, config.tokens.secrets())}`);
    } catch {
      // A broken logger must not turn an answer into a crash.
    }
  };

  return async function ozLivenessHandler(request: Request): Promise<Response> {
    let response: Response;
    try {
      response = await route(request, config, logLine);
    } catch (err) {
      discardBody(request);
      if (request.signal.aborted) {
        // The browser left; nobody reads this answer, and it is not Oz's fault.
        response = errorResponse(499, 'The client closed the request.');
      } else if (err instanceof UpstreamError) {
        logLine(`${err.message}${err.cause === undefined ? '' : ` Cause: ${describeError(err.cause)}`}`);
        response = errorResponse(err.status, err.message);
      } else {
        logLine(`unexpected error: ${describeError(err)}`);
        response = errorResponse(500, 'The liveness backend failed unexpectedly.');
      }
    }
    return withCors(request, response, config);
  };
}

async function route(request: Request, config: Config, log: (m: string) => void): Promise<Response> {
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
  return name === 'session-token' ? sessionToken(request, config, log) : container(request, config, log);
}

/** `GET …/session-token`: one fresh Oz session token, retried once with a new login if Oz refuses ours. */
async function sessionToken(request: Request, config: Config, log: (m: string) => void): Promise<Response> {
  const url = `${config.base}/api/authorize/session_token`;
  for (let attempt = 0; ; attempt++) {
    const token = await config.tokens.get();
    const d = deadline(config.timeoutMs, request.signal);
    let res: Response;
    let text: string;
    try {
      res = await config.fetch(url, { method: 'GET', headers: ozHeaders(token, 'application/json'), signal: d.signal });
      text = await res.text();
    } catch (err) {
      throw failure(err, d, 'session token');
    } finally {
      d.clear();
    }
    if ((res.status === 401 || res.status === 403) && config.tokens.reject(token) && attempt === 0) continue;
    if (!res.ok) {
      log(`Oz API answered HTTP ${res.status} to GET /api/authorize/session_token`);
      return errorResponse(502, `Oz API refused the session-token request (HTTP ${res.status}).`);
    }
    const session = stringField(text, 'session_token');
    if (!session) {
      log('Oz API answered GET /api/authorize/session_token without a session_token');
      return errorResponse(502, 'Oz API answered without a session token.');
    }
    return json(200, { session_token: session });
  }
}

/** `POST …/container`: the body streamed to Oz as it arrives, cut off at the size limit. */
async function container(request: Request, config: Config, log: (m: string) => void): Promise<Response> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') {
    discardBody(request);
    return errorResponse(415, 'Send the container as is, with Content-Type: application/octet-stream.');
  }
  const declared = request.headers.get('content-length');
  const length = declared === null ? undefined : Number(declared);
  if (length !== undefined && !(Number.isSafeInteger(length) && length >= 0)) {
    discardBody(request);
    return errorResponse(400, 'The Content-Length header is not a valid length.');
  }
  if (length !== undefined && length > config.maxBytes) {
    discardBody(request);
    return tooLarge(config);
  }

  const token = await config.tokens.get().catch((err: unknown) => {
    discardBody(request);
    throw err;
  });
  const d = deadline(config.timeoutMs, request.signal);
  let overLimit = false;
  const limited = request.body
    ? limitBytes(request.body, config.maxBytes, () => {
        overLimit = true;
        d.abort();
      })
    : undefined;
  const body = limited?.stream ?? null;
  const headers = ozHeaders(token, 'application/json');
  headers.set('Content-Type', 'application/octet-stream');
  // Pass the browser's length on: some proxies in front of Oz refuse chunked uploads.
  if (body && length !== undefined) headers.set('Content-Length', String(length));

  let res: Response;
  let text: string;
  try {
    res = await config.fetch(`${config.base}${config.uploadPath}`, {
      method: 'POST',
      headers,
      body,
      signal: d.signal,
      // Required by fetch for a streamed request body; not yet in TypeScript's DOM types.
      duplex: 'half',
      // Any other combination makes fetch clone the request, and the clone tees the body: the
      // unread branch would then hold the whole container in memory. A redirect cannot be
      // followed with a streamed body anyway.
      redirect: 'error',
      window: null,
    } as RequestInit);
    text = await res.text();
  } catch (err) {
    if (overLimit) return tooLarge(config);
    throw failure(err, d, 'container upload');
  } finally {
    d.clear();
    // Oz may answer before reading everything (a 400 on a bad header); stop reading the browser too.
    limited?.stop();
  }

  if (res.status === 400) {
    // The element needs Oz's own `error_code`: pass the body through untouched.
    return new Response(text, {
      status: 400,
      headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/json', 'Cache-Control': 'no-store' },
    });
  }
  if (res.status === 413) return tooLarge(config);
  if (res.status === 401 || res.status === 403) config.tokens.reject(token);
  if (!res.ok) {
    log(`Oz API answered HTTP ${res.status} to POST ${config.uploadPath}`);
    return errorResponse(502, `Oz API did not accept the upload (HTTP ${res.status}).`);
  }
  let folder: unknown;
  try {
    folder = JSON.parse(text);
  } catch {
    folder = undefined;
  }
  if (!isFolder(folder)) {
    log(`Oz API answered POST ${config.uploadPath} with HTTP ${res.status} but no folder JSON`);
    return errorResponse(502, 'Oz API answered with something that is not a folder.');
  }
  if (config.onResult) {
    try {
      await config.onResult(folder, request);
    } catch (err) {
      // Fail closed: a decision the app could not record must not reach the page as final.
      log(`onResult failed: ${describeError(err)}`);
      return errorResponse(500, 'The result could not be recorded.');
    }
  }
  return json(res.status, config.trim ? trimFolder(folder) : folder);
}

/**
 * Counts bytes as they pass and errors the stream at the first chunk past `max`, cancelling the
 * source so nothing more is read from the browser. Pull-based: a chunk is read only when the
 * consumer (the upload to Oz) wants one, so memory stays flat whatever the container size.
 */
function limitBytes(
  source: ReadableStream<Uint8Array>,
  max: number,
  onOverLimit: () => void,
): { stream: ReadableStream<Uint8Array>; stop(): void } {
  const reader = source.getReader();
  let total = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      total += value.byteLength;
      if (total > max) {
        onOverLimit();
        reader.cancel('over the size limit').catch(() => {});
        return controller.error(new RangeError(`container over ${max} bytes`));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // `fetch` holds the stream's lock, so stopping goes to the source directly (a no-op once it ended).
  return { stream, stop: () => void reader.cancel('upload finished').catch(() => {}) };
}

function tooLarge(config: Config): Response {
  return errorResponse(413, `The container is larger than this server accepts (${config.maxBytes} bytes).`);
}

function ozHeaders(token: string | undefined, accept: string): Headers {
  const headers = new Headers({ Accept: accept });
  if (token !== undefined) headers.set('X-Forensic-Access-Token', token);
  return headers;
}

/** A failed exchange as the browser should see it: 504 for our deadline, 502 otherwise. */
function failure(err: unknown, d: Deadline, what: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  return d.timedOut
    ? new UpstreamError(504, `Oz API did not answer in time (${what}).`, { cause: err })
    : new UpstreamError(502, `Oz API is unreachable (${what}).`, { cause: err });
}

/** Tells a streaming adapter we will not read this body, so it can stop receiving it. */
function discardBody(request: Request): void {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => {});
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
    // The element sends Content-Type plus whatever `headers` the page adds (e.g. a CSRF token).
    'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? 'Content-Type',
    'Access-Control-Max-Age': '600',
  });
  return new Response(null, { status: 204, headers });
}

function originAllowed(origin: string, config: Config): boolean {
  return config.origins !== undefined && (config.origins.has('*') || config.origins.has(origin));
}

/** Adds CORS headers for an allowed origin; the answer depends on `Origin`, hence `Vary` always. */
function withCors(request: Request, response: Response, config: Config): Response {
  if (!config.origins) return response;
  const origin = request.headers.get('origin');
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Origin');
  if (origin !== null && originAllowed(origin, config)) {
    headers.set('Access-Control-Allow-Origin', config.origins.has('*') && !config.corsCredentials ? '*' : origin);
    if (config.corsCredentials) headers.set('Access-Control-Allow-Credentials', 'true');
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function resolveOptions(options: OzLivenessHandlerOptions): Config {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createOzLivenessHandler: options must be an object with at least ozApiUrl.');
  }
  const fail = (message: string): never => {
    throw new TypeError(`createOzLivenessHandler: ${message}`);
  };

  let url: URL | undefined;
  try {
    url = new URL(String(options.ozApiUrl ?? ''));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail('ozApiUrl must be an absolute http(s) URL, e.g. https://api.example.ozforensics.com.');
  }
  const api = url as URL;
  // The URL itself is not echoed in messages: it could carry a secret the checks below refuse.
  if (api.username || api.password) fail('ozApiUrl must not contain a user or password; use credentials.');
  if (api.search || api.hash) fail('ozApiUrl must not have a query or fragment.');

  const mode = options.api ?? 'instant';
  if (mode !== 'instant' && mode !== 'full') fail("api must be 'instant' or 'full'.");

  const { accessToken, credentials } = options;
  if (accessToken !== undefined && (typeof accessToken !== 'string' || accessToken.trim() === '')) {
    fail('accessToken must be a non-empty string when given.');
  }
  if (credentials !== undefined) {
    if (typeof credentials !== 'object' || credentials === null) fail('credentials must be { email, password }.');
    if (typeof credentials.email !== 'string' || credentials.email === '') fail('credentials.email must be a non-empty string.');
    if (typeof credentials.password !== 'string' || credentials.password === '') {
      fail('credentials.password must be a non-empty string.');
    }
    if (accessToken !== undefined) fail('give either accessToken or credentials, not both.');
  }

  const maxBytes = options.maxContainerBytes ?? DEFAULT_MAX_CONTAINER_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) fail('maxContainerBytes must be a positive integer.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // setTimeout fires at once above 2^31-1 ms, which would turn every call into a 504.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    fail('timeoutMs must be a positive number of milliseconds (at most 2147483647).');
  }

  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch must be a function.');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    fail('this runtime has no global fetch; pass options.fetch.');
  }
  // Looked up at call time, so a fetch replaced after start-up (mocks, instrumentation) is honoured.
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (options.onResult !== undefined && typeof options.onResult !== 'function') fail('onResult must be a function.');
  if (options.log !== undefined && typeof options.log !== 'function') fail('log must be a function.');
  if (options.trimResponse !== undefined && typeof options.trimResponse !== 'boolean') fail('trimResponse must be a boolean.');

  let origins: Set<string> | undefined;
  const corsCredentials = options.cors?.credentials === true;
  if (options.cors !== undefined) {
    const list: unknown = options.cors?.origins;
    if (!Array.isArray(list) || list.length === 0) fail('cors.origins must be a non-empty array of origins.');
    for (const origin of list as unknown[]) {
      if (origin === '*') continue;
      let ok = false;
      try {
        ok = typeof origin === 'string' && new URL(origin).origin === origin;
      } catch {
        ok = false;
      }
      if (!ok) fail(`cors.origins: ${JSON.stringify(origin)} is not an origin like https://app.example.com (no path, no trailing slash).`);
    }
    origins = new Set(list as string[]);
    // Browsers refuse `*` with credentials, and reflecting any origin with cookies would be unsafe.
    if (origins.has('*') && corsCredentials) fail("cors: '*' cannot be combined with credentials: true.");
  }

  const base = `${api.origin}${api.pathname.replace(/\/+$/, '')}`;
  const tokens = credentials
    ? loginTokens({ authUrl: `${base}/api/authorize/auth/`, email: credentials.email, password: credentials.password, fetch: fetchFn, timeoutMs })
    : fixedToken(accessToken);

  return {
    base,
    uploadPath: mode === 'full' ? '/api/folders/' : '/api/instant/folders/',
    tokens,
    maxBytes,
    timeoutMs,
    fetch: fetchFn,
    onResult: options.onResult,
    origins,
    corsCredentials,
    trim: options.trimResponse ?? true,
    log: options.log ?? ((message) => console.warn(message)),
  };
}
