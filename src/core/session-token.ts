/**
 * GET the session token from the page's backend, fresh for every capture. Oz binds the container
 * to it; it is never cached (`cache: 'no-store'`), logged or stored, and leaves this module only as
 * the return value. The request is bounded (`timeoutMs`, headers and body together): a route that
 * never answers ends in a `SessionTokenError` the element can report, not in a start that waits forever.
 */
export class SessionTokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'SessionTokenError';
  }
}

export interface SessionTokenRequest {
  credentials: RequestCredentials;
  headers: Record<string, string>;
  /** Stops the request without an error of its own (the capture was reset): the abort reason is thrown. */
  signal?: AbortSignal;
  /** The whole request's limit, ms (the answer's headers and body). */
  timeoutMs: number;
}

export async function fetchSessionToken(
  url: string,
  { credentials, headers, signal, timeoutMs }: SessionTokenRequest,
): Promise<string> {
  // One controller for both reasons to stop: the caller's abort and this request's own limit.
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, timeoutMs);
  const onAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const late = () => new SessionTokenError(`GET ${url} did not answer within ${timeoutMs} ms.`);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'GET',
        credentials,
        headers: { accept: 'application/json', ...headers },
        cache: 'no-store',
        signal: stop.signal,
      });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw timedOut ? late() : new SessionTokenError(`GET ${url} failed: network error.`);
    }
    // The backend's X-Request-Id, for a person to read out to support.
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new SessionTokenError(`GET ${url} answered HTTP ${response.status}.`, response.status, requestId);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (e) {
      if (signal?.aborted) throw e;
      if (timedOut) throw late();
      throw new SessionTokenError(
        `GET ${url} answered HTTP ${response.status} with a body that is not JSON.`,
        response.status,
        requestId,
      );
    }
    const token = (body as { session_token?: unknown } | null)?.session_token;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new SessionTokenError(
        `GET ${url} answered without a non-empty string "session_token".`,
        response.status,
        requestId,
      );
    }
    return token;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
