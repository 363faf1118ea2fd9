/**
 * Talking to Oz API: deadlines, the error a failed call becomes, and the access-token sources
 * (a fixed token, or a login with email and password). Web-standard only.
 */

import { stringField } from './responses.js';

/** The `fetch` signature the handler needs; the global one, or an injected one (tests, proxies). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Oz failed, in a way the browser should hear about as `502` (unreachable, refused, nonsense) or
 * `504` (too slow). `message` is a fixed text safe to show; the `cause` is for server logs only.
 */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly status: 502 | 504,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * No call to Oz ever follows a redirect. `error` is the mode in which fetch neither follows nor
 * clones a streamed request (a clone tees the body into memory); workerd refuses it, so there
 * `manual`, and {@link readAnswer} turns the 3xx (or opaque redirect) into a failure.
 */
export const NO_REDIRECT: RequestRedirect =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers' ? 'manual' : 'error';

/** The fixed text of a refused redirect: the browser never learns where Oz pointed. */
export const REDIRECT_MESSAGE = 'Oz API answered with a redirect, which is never followed.';

/** Largest answer read from Oz by default: a folder with best shots is a few MB. */
export const DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** An Oz answer, read (up to a bound) while the exchange's deadline still runs. */
export interface OzAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Reads an answer up to `maxBytes`, never whole into memory: past the bound the read is cancelled
 * and the exchange fails as `502`. A redirect is a failure, unread.
 */
export async function readAnswer(res: Response, what: string, maxBytes: number): Promise<OzAnswer> {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    res.body?.cancel().catch(() => {});
    throw new UpstreamError(502, REDIRECT_MESSAGE, { cause: new Error(`HTTP ${res.status} to ${what}`) });
  }
  let text = '';
  if (res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel('answer too large').catch(() => {});
        throw new UpstreamError(502, 'Oz API answered with more than this server reads.', {
          cause: new Error(`more than ${maxBytes} bytes in the answer to ${what}`),
        });
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  }
  return { status: res.status, headers: res.headers, text };
}

export function ozHeaders(token: string | undefined, accept: string): Headers {
  const headers = new Headers({ Accept: accept });
  if (token !== undefined) headers.set('X-Forensic-Access-Token', token);
  return headers;
}

/** A failed exchange as the browser should see it: 504 for our deadline, 502 otherwise. */
export function failure(err: unknown, d: Deadline, what: string): UpstreamError {
  if (err instanceof UpstreamError) return err;
  if (d.timedOut) return new UpstreamError(504, `Oz API did not answer in time (${what}).`, { cause: err });
  if (isRedirectError(err)) return new UpstreamError(502, REDIRECT_MESSAGE, { cause: err });
  return new UpstreamError(502, `Oz API is unreachable (${what}).`, { cause: err });
}

/** fetch with `redirect: 'error'` rejects on a 3xx; the runtimes say so in the message or its cause. */
function isRedirectError(err: unknown): boolean {
  for (let current = err, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    if (/redirect/i.test(current.message)) return true;
  }
  return false;
}

/** An abort signal that fires after `timeoutMs` or when `parent` fires, remembering which. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  abort(reason?: unknown): void;
  /** Stop the timer and let go of the parent signal; call once the exchange is over. */
  clear(): void;
}

/** Starts a {@link Deadline}: `timeoutMs` from now, or earlier if `parent` (the browser's request) aborts. */
export function deadline(timeoutMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  // AbortSignal.any is missing from some edge runtimes; a listener does the same job everywhere.
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    abort: (reason) => controller.abort(reason),
    clear() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Where the handler gets the `X-Forensic-Access-Token` value from. */
export interface AccessTokens {
  /** The token to send, or `undefined` for installations that need none. */
  get(): Promise<string | undefined>;
  /**
   * Oz refused `token` (401/403): forget it if it is still the current one. Returns `true` when
   * asking again may give a different token (a new login), i.e. when one retry makes sense.
   */
  reject(token: string | undefined): boolean;
  /** Every value that must never appear in a log line. */
  secrets(): Iterable<string | undefined>;
}

/** A fixed token from the options (or none). Nothing to renew. */
export function fixedToken(token: string | undefined): AccessTokens {
  return {
    get: async () => token,
    reject: () => false,
    secrets: () => [token],
  };
}

/**
 * Oz documents the session lifetime (`OZ_SESSION_TTL`, 15 minutes by default) and that each use
 * extends it, but the login answer carries no expiry time: its `expire_token` is a renewal token,
 * not a date. So a token is reused while it was last used less than this long ago — well inside
 * the default TTL — and a 401/403 from Oz drops it early anyway.
 */
export const TOKEN_IDLE_LIMIT_MS = 10 * 60_000;

/** What {@link loginTokens} needs: where to log in, with what, and how. */
export interface LoginOptions {
  authUrl: string;
  email: string;
  password: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Injectable clock, so tests can age a token without waiting. */
  now?: () => number;
}

/** Logs in with `POST /api/authorize/auth/` when needed; one login at a time, shared by all requests. */
export function loginTokens(options: LoginOptions): AccessTokens {
  const now = options.now ?? Date.now;
  let current: string | undefined;
  let lastUsed = 0;
  let pending: Promise<string> | undefined;
  // Kept for redaction even after a token is dropped: an old token in a log is still a leak.
  const seen = new Set<string>();

  async function login(): Promise<string> {
    // Not tied to any one browser request: others may be waiting on this login too.
    const d = deadline(options.timeoutMs);
    try {
      let res: Response;
      let text: string;
      try {
        res = await options.fetch(options.authUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ credentials: { email: options.email, password: options.password } }),
          signal: d.signal,
        });
        text = await res.text();
      } catch (err) {
        throw d.timedOut
          ? new UpstreamError(504, 'Oz API did not answer the login in time.', { cause: err })
          : new UpstreamError(502, 'Oz API is unreachable (login failed).', { cause: err });
      }
      if (!res.ok) {
        throw new UpstreamError(502, `Oz API refused the login (HTTP ${res.status}); check the server's Oz credentials.`);
      }
      const token = stringField(text, 'access_token');
      if (!token) {
        throw new UpstreamError(502, 'Oz API answered the login without an access_token.');
      }
      seen.add(token);
      return token;
    } finally {
      d.clear();
    }
  }

  return {
    async get() {
      if (current !== undefined && now() - lastUsed < TOKEN_IDLE_LIMIT_MS) {
        lastUsed = now();
        return current;
      }
      current = undefined;
      pending ??= login().then(
        (token) => {
          pending = undefined;
          current = token;
          lastUsed = now();
          return token;
        },
        (err: unknown) => {
          // Forget the failure: the next request tries again instead of failing forever.
          pending = undefined;
          throw err;
        },
      );
      return pending;
    },
    reject(token) {
      if (token !== undefined && token === current) current = undefined;
      return true;
    },
    secrets: () => [options.password, options.email, ...seen],
  };
}
