/**
 * Runs any web-standard `(Request) => Promise<Response>` handler inside node:http, Express or
 * Connect: the request body reaches the handler as a stream (read only as fast as the handler
 * reads it), the answer is written back as it is produced, and a browser that goes away aborts
 * `request.signal`. Nothing here knows about Oz: the dev server mounts other handlers with it too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { judgeRawPath } from './http/raw-path.js';
import { type Answer, errorAnswer } from './http/answers.js';
import { requestIdFrom } from './http/request-id.js';

/** A web-standard request handler, e.g. the one {@link createOzLivenessHandler} returns. */
export type WebHandler = (request: Request) => Promise<Response>;

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Only requests whose path is this or below it (`/oz` matches `/oz` and `/oz/…`) reach the
   * handler; others go to `next()`, or get `404` when there is no `next`. Default: every request.
   */
  basePath?: string;
}

/** A node:http request listener that is also an Express/Connect middleware. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => Promise<void>;

// Connection-level headers belong to Node's own HTTP layer, not to the handler's answer.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

/**
 * Adapts a web-standard handler to `(req, res, next?)`. The `Request` gets the URL the client
 * really asked for (Express's `originalUrl` when mounted under a path), every request header,
 * and the body as a `ReadableStream`. Errors thrown by the handler go to `next(err)` when there is
 * a `next`, otherwise they become a `500`.
 *
 * @example
 * http.createServer(toNodeHandler(createOzLivenessHandler({ ozApiUrl }), { basePath: '/oz' }));
 */
export function toNodeHandler(handler: WebHandler, options: NodeHandlerOptions = {}): NodeHandler {
  const basePath = normalizeBasePath(options.basePath);

  return async function nodeHandler(req, res, next) {
    const rawUrl = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const url = requestUrl(req, rawUrl);
    // Decided on the raw path, as the routers in front of us match it (http/raw-path.ts).
    const verdict = judgeRawPath(rawUrl, url.pathname, basePath);
    if (verdict === 'refuse') {
      return sendAnswer(req, res, errorAnswer(400, 'The request path has dot-segments, encoded dots or backslashes.'));
    }
    if (verdict === 'elsewhere') {
      if (next) return next();
      return sendAnswer(req, res, errorAnswer(404, 'Not found.'));
    }

    const controller = new AbortController();
    // `close` before the answer is fully written means the client went away.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the connection', 'AbortError'));
    });

    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : bodyStream(req);
    let request: Request;
    try {
      request = new Request(url, {
        method: req.method,
        headers: requestHeaders(req),
        body: body?.stream,
        signal: controller.signal,
        // Required by fetch for a streamed body; not yet in TypeScript's DOM types.
        duplex: 'half',
      } as RequestInit);
    } catch {
      // e.g. CONNECT or TRACE, which the Fetch standard forbids.
      return sendAnswer(req, res, errorAnswer(400, 'This request cannot be handled here.'));
    }

    let response: Response;
    try {
      response = await handler(request);
    } catch (err) {
      if (next) return next(err);
      return sendAnswer(req, res, errorAnswer(500, 'Internal server error.'));
    }
    await writeResponse(res, response, { req, body });
  };
}

function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined) return '';
  if (typeof basePath !== 'string' || !basePath.startsWith('/')) {
    throw new TypeError('toNodeHandler: basePath must be a path starting with "/", e.g. "/api/liveness".');
  }
  return basePath.replace(/\/+$/, '');
}

function requestUrl(req: IncomingMessage, rawUrl: string): URL {
  // A TLS socket (https.createServer) says so with `encrypted`.
  const protocol = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http';
  const origin = safeOrigin(protocol, req.headers.host);
  // Joined as text, not resolved: `new URL('//evil/x', origin)` would swap the host.
  if (rawUrl.startsWith('/')) {
    try {
      return new URL(`${origin}${rawUrl}`);
    } catch {
      // fall through to the root
    }
  } else if (/^https?:\/\//i.test(rawUrl)) {
    try {
      return new URL(rawUrl); // absolute-form, as proxies send it
    } catch {
      // fall through to the root
    }
  }
  return new URL(`${origin}/`);
}

function safeOrigin(protocol: string, host: string | undefined): string {
  if (host) {
    try {
      const url = new URL(`${protocol}://${host}`);
      // Anything beyond host[:port] (a path, credentials, a query) means the Host header was not a host.
      if (url.pathname === '/' && !url.username && !url.password && !url.search && !url.hash) return url.origin;
    } catch {
      // not a usable host
    }
  }
  return `${protocol}://localhost`;
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // Node's parser let through something the Fetch standard refuses: drop that header only.
    }
  }
  return headers;
}

interface RequestBody {
  stream: ReadableStream<Uint8Array>;
  /** Stop feeding the stream; what still arrives stays in Node's hands. */
  release(): void;
}

/**
 * The request body as a stream with backpressure: the socket is paused whenever a chunk waits
 * unread, so a slow upstream slows the client down instead of filling memory. Cancelling stops
 * reading; what still arrives is dealt with after the answer (see `discardRest`). Mount the
 * adapter before any body-parsing middleware: a body already read elsewhere arrives empty here.
 */
function bodyStream(req: IncomingMessage): RequestBody {
  let finished = false;
  let cancelled = false;
  const release = () => {
    cancelled = true;
    req.off('data', onData);
    req.pause();
  };
  const onData = (chunk: Buffer) => {
    controller.enqueue(chunk);
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    finished = true;
    if (!cancelled) controller.close();
  };
  const onError = (err: unknown) => {
    finished = true;
    if (!cancelled) controller.error(err);
  };
  const onClose = () => {
    if (!finished) onError(new Error('The client closed the connection before the body ended.'));
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (req.readableEnded) return c.close();
      req.pause();
      req.on('data', onData);
      req.once('end', onEnd);
      req.on('error', onError);
      req.once('close', onClose);
    },
    pull() {
      req.resume();
    },
    // Stop consuming but keep the socket: destroying it now would lose our answer (e.g. the 413).
    cancel: release,
  });
  return { stream, release };
}

/** The incoming side of the exchange a response answers: its request, and the body stream made of it. */
interface Incoming {
  req: IncomingMessage;
  body: RequestBody | undefined;
}

async function writeResponse(res: ServerResponse, response: Response, { req, body }: Incoming) {
  if (res.destroyed) {
    await response.body?.cancel().catch(() => {});
    return;
  }
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie' && !HOP_BY_HOP.has(name)) res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.once('finish', () => {
    if (!req.complete) discardRest(req, body);
  });

  if (!response.body || req.method === 'HEAD') {
    res.end();
    await response.body?.cancel().catch(() => {});
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel().catch(() => {});
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch (err) {
    // Headers are out; the only honest signal left is a cut connection.
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}

/** How long a client still sending an unwanted body may go on before its socket is cut. */
const LINGER_MS = 3000;

/**
 * The answer is out but the body is not all in (a `413`, or a handler that never read it).
 * Cutting the socket at once would make most clients report a reset instead of our answer (they
 * are still writing), so the rest is discarded — never stored, never forwarded — for a short
 * while, then the socket is cut. A body that ends in time leaves a healthy keep-alive connection.
 */
function discardRest(req: IncomingMessage, body: RequestBody | undefined) {
  body?.release();
  const socket = req.socket;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  const stop = () => clearTimeout(timer);
  req.once('end', stop);
  socket.once('close', stop);
  req.resume();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The adapter's own answers get what the handler's get: the kit's error shape, `nosniff` and a request id. */
function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const incoming = req.headers['x-request-id'];
  res.writeHead(answer.status, {
    'Content-Type': answer.contentType,
    'Content-Length': new TextEncoder().encode(answer.body).byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Request-Id': requestIdFrom(typeof incoming === 'string' ? incoming : undefined),
  });
  res.end(answer.body);
}
