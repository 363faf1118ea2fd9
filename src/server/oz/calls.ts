/**
 * Calling Oz API: deadlines, bounded reads of its answers, redirects refused, and the error a failed
 * call becomes. Web-standard only.
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
    cause: new Error('the container was still arriving from the client at timeoutMs (a slow or dripping client)', {
      cause,
    }),
  });
}

/**
 * Oz asking to be left alone: `429`, or `503` with a `Retry-After`. The browser hears the same,
 * with Oz's `Retry-After` (when it is a number of seconds or a date), and backs off accordingly.
 */
export function ozBusy(answer: OzAnswer, what: string): UpstreamError | undefined {
  const raw = answer.headers.get('retry-after')?.trim() ?? '';
  const retryAfter =
    /^\d{1,9}$/.test(raw) || (raw.length <= 40 && /^[A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} [\d:]{8} GMT$/.test(raw))
      ? raw
      : undefined;
  if (answer.status === 429) {
    return new UpstreamError(429, `Oz API is busy (${what}). Try again later.`, {
      retryAfter,
      cause: new Error(`HTTP 429 to ${what}`),
    });
  }
  if (answer.status === 503 && retryAfter !== undefined) {
    return new UpstreamError(503, `Oz API is unavailable for now (${what}). Try again later.`, {
      retryAfter,
      cause: new Error(`HTTP 503 to ${what}`),
    });
  }
  return undefined;
}

/**
 * No call to Oz ever follows a redirect. `error` is the mode in which fetch neither follows nor
 * clones a streamed request (a clone tees the body into memory); workerd refuses it, so there
 * `manual`, and {@link readAnswer} turns the 3xx (or opaque redirect) into a failure.
 */
export const NO_REDIRECT: RequestRedirect =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers'
    ? 'manual'
    : 'error';

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
 * `fetch`'s answer, or the deadline's reason once `signal` fires, whichever comes first: the call
 * never outlives its deadline even where fetch has lost the signal. An answer that arrives after
 * the deadline has its body cancelled, which closes its connection.
 */
export function fetchWithin(call: Promise<Response>, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) {
    call.then((res) => res.body?.cancel().catch(() => {})).catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      call.then((res) => res.body?.cancel().catch(() => {})).catch(() => {});
    };
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Reads an answer up to `maxBytes`, never whole into memory: past the bound the read is cancelled
 * and the exchange fails as `502`. A redirect is a failure, unread. When `signal` fires the reader
 * is cancelled here, by us: Node's fetch loses its own abort once its internal Request has been
 * garbage-collected (undici #3644, node #55428), and a stalled body would then hold the call, its
 * socket and its upload slot for ever. Cancelling the reader closes the connection.
 */
export async function readAnswer(
  res: Response,
  what: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<OzAnswer> {
  if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
    res.body?.cancel().catch(() => {});
    throw new UpstreamError(502, REDIRECT_MESSAGE, { cause: new Error(`HTTP ${res.status} to ${what}`) });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    // A cancelled reader ends its pending read as "done": `aborted` below tells that from a real end.
    const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (signal?.aborted) throw signal.reason;
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
    } finally {
      signal?.removeEventListener('abort', onAbort);
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
  if (isRedirectError(err))
    return new UpstreamError(502, REDIRECT_MESSAGE, { cause: new Error(`on the ${what} call`, { cause: err }) });
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
