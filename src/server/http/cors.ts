/**
 * Cross-origin browsers (the `cors` option): its checks, the answer to a CORS preflight, and the
 * headers every answer to an allowed origin carries. Without `cors` the routes are same-origin only.
 */
import type { Config, OzLivenessHandlerOptions } from '../options.js';
import { errorResponse } from './answers.js';

/**
 * `OPTIONS` on a route. A real CORS preflight from an allowed origin gets what the element sends
 * (plus the integrator's extra headers); any other `OPTIONS` just learns the allowed methods.
 */
export function corsPreflight(request: Request, method: string, config: Config): Response {
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

/**
 * Adds the CORS headers to an answer: the answer depends on `Origin`, hence `Vary` always; an
 * allowed origin may read it, and the headers the element reads.
 */
export function addCorsHeaders(headers: Headers, request: Request, config: Config): void {
  if (!config.origins) return;
  const origin = request.headers.get('origin');
  headers.append('Vary', 'Origin');
  if (origin !== null && originAllowed(origin, config)) {
    headers.set('Access-Control-Allow-Origin', config.origins.has('*') && !config.corsCredentials ? '*' : origin);
    if (config.corsCredentials) headers.set('Access-Control-Allow-Credentials', 'true');
    headers.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Idempotent-Replayed');
  }
}

function originAllowed(origin: string, config: Config): boolean {
  return config.origins !== undefined && (config.origins.has('*') || config.origins.has(origin));
}

/** The `cors` option, checked: who may call, with cookies or not, and what a preflight allows. */
export interface CorsSettings {
  origins?: Set<string>;
  credentials: boolean;
  /** What a preflight allows: the element's headers plus the integrator's. */
  allowHeaders: string;
}

export function resolveCors(cors: OzLivenessHandlerOptions['cors'], fail: (message: string) => never): CorsSettings {
  const credentials = cors?.credentials === true;
  if (cors === undefined) return { credentials, allowHeaders: 'Content-Type, Idempotency-Key' };
  const list: unknown = cors?.origins;
  if (!Array.isArray(list) || list.length === 0) fail('cors.origins must be a non-empty array of origins.');
  for (const origin of list as unknown[]) {
    if (origin === '*') continue;
    let ok = false;
    try {
      ok = typeof origin === 'string' && new URL(origin).origin === origin;
    } catch {
      ok = false;
    }
    if (!ok)
      fail(
        `cors.origins: ${JSON.stringify(origin)} is not an origin like https://app.example.com (no path, no trailing slash).`,
      );
  }
  const origins = new Set(list as string[]);
  const extra: unknown = cors?.allowHeaders ?? [];
  if (!Array.isArray(extra) || !extra.every((h) => typeof h === 'string' && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h))) {
    fail('cors.allowHeaders must be an array of header names.');
  }
  const allowHeaders = ['Content-Type', 'Idempotency-Key', ...(extra as string[])].join(', ');
  // Browsers refuse `*` with credentials, and reflecting any origin with cookies would be unsafe.
  if (origins.has('*') && credentials) fail("cors: '*' cannot be combined with credentials: true.");
  return { origins, credentials, allowHeaders };
}
