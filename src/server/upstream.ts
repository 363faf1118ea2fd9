/**
 * Talking to Oz API: deadlines, bounded reads of its answers, redirects refused, the error a failed
 * call becomes, and the fixed access-token source (the login is in login.ts). Web-standard only.
 */

/** The `fetch` signature the handler needs; the global one, or an injected one (tests, proxies). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Oz failed, in a way the browser should hear about as `502` (unreachable, refused, nonsense) or
 * `504` (too slow). `message` is a fixed text safe to show; the `cause` is for server logs only.
 */
export class UpstreamError extends Error {
  override name = 'UpstreamError';
  /** Oz's own `Retry-After`, passed on with a `429` / `503`. */
  readonly retryAfter?: string;
  constructor(
    readonly status: 429 | 502 | 503 | 504,
    message: string,
    options?: { cause?: unknown; retryAfter?: string },
  ) {
    super(message, options);
    this.retryAfter = options?.retryAfter;
  }
}

/**
 * The browser was still sending its body at `timeoutMs` (a dripping client): the browser hears the
 * same `504` as for a slow Oz, the operator's log says whose fault it was.
 */
export function slowClient(cause: unknown): UpstreamError {
  return new UpstreamError(504, 'Oz API did not answer in time (container upload).', {
    cause: new Error('the container was still arriving from the client at timeoutMs (a slow or dripping client)', { cause }),
  });
}

/** The limits' counters (Redis) cannot be reached: fail closed, and say when to try again. */
export function limitsUnavailable(cause: unknown): UpstreamError {
  return new UpstreamError(503, 'The liveness backend cannot check its limits right now. Try again.', { cause, retryAfter: '2' });
}

/**
 * Oz asking to be left alone: `429`, or `503` with a `Retry-After`. The browser hears the same,
 * with Oz's `Retry-After` (when it is a number of seconds or a date), and backs off accordingly.
 */
export function ozBusy(answer: OzAnswer, what: string): UpstreamError | undefined {
  const raw = answer.headers.get('retry-after')?.trim() ?? '';
  const retryAfter = /^\d{1,9}$/.test(raw) || (raw.length <= 40 && /^[A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} [\d:]{8} GMT$/.test(raw)) ? raw : undefined;
  if (answer.status === 429) {
    return new UpstreamError(429, `Oz API is busy (${what}). Try again later.`, { retryAfter, cause: new Error(`HTTP 429 to ${what}`) });
  }
  if (answer.status === 503 && retryAfter !== undefined) {
    return new UpstreamError(503, `Oz API is unavailable for now (${what}). Try again later.`, { retryAfter, cause: new Error(`HTTP 503 to ${what}`) });
  }
  return undefined;
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
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        reader.cancel('answer too large').catch(() => {});
        throw new UpstreamError(502, 'Oz API answered with more than this server reads.', {
          cause: new Error(`more than ${maxBytes} bytes in the answer to ${what}`),
        });
      }
      chunks.push(value);
    }
  }
  // Joined and decoded once at the end: far cheaper than growing a string chunk by chunk.
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { status: res.status, headers: res.headers, text: new TextDecoder().decode(bytes) };
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
  if (isRedirectError(err)) return new UpstreamError(502, REDIRECT_MESSAGE, { cause: new Error(`on the ${what} call`, { cause: err }) });
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

