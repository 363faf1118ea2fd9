import type { Log } from '../http/log.js';
import type { Config } from '../options.js';

/**
 * What the handler may get beside the request. `waitUntil` (Cloudflare Workers' and Vercel's
 * `ctx.waitUntil`) keeps a keyed upload's call to Oz alive after the answer is sent, so its answer
 * is still recorded; runtimes that keep running (Node, Deno, Bun) need nothing.
 */
export interface RequestContext {
  waitUntil?(promise: Promise<unknown>): void;
}

/** What a route knows besides the request: the resolved options, this request's log, the runtime's context. */
export interface RouteScope {
  config: Config;
  /** Log lines about this request (the handler prefixes the request id and redacts secrets). */
  log: Log;
  /** This request's `X-Request-Id`, which every log line about it names (and `onResult` gets). */
  requestId: string;
  runtime?: RequestContext;
}
