/**
 * GET the session token from the page's backend, fresh for every capture. Oz binds the container
 * to it; it is never cached (`cache: 'no-store'`), logged or stored, and leaves this module only as
 * the return value.
 */
export class SessionTokenError extends Error {
  constructor(message: string, readonly status?: number, readonly requestId?: string) {
    super(message);
    this.name = 'SessionTokenError';
  }
}

export interface SessionTokenRequest {
  credentials: RequestCredentials;
  headers: Record<string, string>;
  signal?: AbortSignal;
}

export async function fetchSessionToken(url: string, { credentials, headers, signal }: SessionTokenRequest): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', credentials, headers: { accept: 'application/json', ...headers }, cache: 'no-store', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new SessionTokenError(`GET ${url} failed: network error.`);
  }
  // The backend's X-Request-Id, for a person to read out to support.
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (!response.ok) throw new SessionTokenError(`GET ${url} answered HTTP ${response.status}.`, response.status, requestId);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SessionTokenError(`GET ${url} answered HTTP ${response.status} with a body that is not JSON.`, response.status, requestId);
  }
  const token = (body as { session_token?: unknown } | null)?.session_token;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new SessionTokenError(`GET ${url} answered without a non-empty string "session_token".`, response.status, requestId);
  }
  return token;
}
