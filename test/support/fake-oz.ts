/**
 * A fake Oz API on a real loopback port, for the server's Node tests: healthy by default, and
 * told to misbehave per path (`reply`), to hold uploads until released (`hold`), or to hang.
 * Everything it received is in `seen`; `seenWith(mark)` is what one test's handler sent, when the
 * handler calls Oz through `markedFetch(mark)` (a call an earlier test gave up on may arrive late).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FOLDER = {
  folder_id: 'f-123',
  resolution_status: 'FINISHED',
  system_resolution: 'SUCCESS',
  resolution_comment: '[]',
  company_id: 'company-internal',
  analyses: [
    { type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS', results_data: { confidence_spoofing: 0.01 } },
  ],
};

export interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The whole request body arrived. */
  ended: boolean;
  aborted: boolean;
}

export type Reply = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/**
 * How Oz refuses an access token: an HTTP status, and the `error_code` its body carries (Oz's API
 * Error Codes page: 6 not provided, 7 invalid, 8 expired, 9 forbidden; no status promised).
 */
export interface AuthRefusal {
  status: number;
  code?: 6 | 7 | 8 | 9;
}

const AUTH_MESSAGES = {
  6: 'Auth token is not provided',
  7: 'Auth token is invalid',
  8: 'Auth token is expired',
  9: 'Access forbidden',
} as const;

export class FakeOz {
  seen: Seen[] = [];
  logins = 0;
  reply: Record<string, Reply> = {};
  hang = new Set<string>();
  /** Access tokens Oz no longer takes (expired, revoked), on every path but the login. */
  refused = new Map<string, AuthRefusal>();
  /** Set: every call but the login is refused like this, whatever its token (or none). */
  refuseAll?: AuthRefusal;
  /** While set, uploads read their whole body, then wait for this before answering. */
  hold?: Promise<void>;
  /** What a healthy upload answers; unset, FOLDER numbered by the uploads so far. Kept by reset(). */
  folder?: object;
  server = http.createServer((req, res) => this.#handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  reset(): void {
    this.seen = [];
    this.logins = 0;
    this.reply = {};
    this.hang.clear();
    this.refused.clear();
    this.refuseAll = undefined;
    this.hold = undefined;
  }

  /** Calls with the tokens Oz handed out so far (`login-token-N`) are refused from now on. */
  expireLogins(refusal: AuthRefusal): void {
    for (let n = 1; n <= this.logins; n++) this.refused.set(`login-token-${n}`, refusal);
  }

  /** Logins asked for (POST …/api/authorize/auth/) among `seen`. */
  loginCalls(seen: Seen[] = this.seen): Seen[] {
    return seen.filter((s) => s.path.endsWith('/api/authorize/auth/'));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** What arrived through {@link markedFetch} with this mark: one test's calls, whenever they arrive. */
  seenWith(mark: string): Seen[] {
    return this.seen.filter((s) => s.headers[MARK_HEADER] === mark);
  }

  /** Upload requests (POST …/folders/) received, whole or not. */
  uploads(): Seen[] {
    return this.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/folders/'));
  }

  /** Holds uploads until the returned function is called. */
  holdUploads(): () => void {
    let release!: () => void;
    this.hold = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '';
    const entry: Seen = {
      method: req.method ?? '',
      path,
      headers: req.headers,
      body: Buffer.alloc(0),
      ended: false,
      aborted: false,
    };
    this.seen.push(entry);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    req.on('end', async () => {
      entry.body = Buffer.concat(chunks);
      entry.ended = true;
      if (this.hang.has(path)) return;
      if (this.hold && entry.method === 'POST' && path.endsWith('/folders/')) await this.hold;
      if (res.destroyed) return;
      const custom = this.reply[path];
      if (custom) return custom(req, res, entry.body);
      const token = req.headers['x-forensic-access-token'];
      const refusal = path.endsWith('/api/authorize/auth/')
        ? undefined
        : (this.refuseAll ?? (typeof token === 'string' ? this.refused.get(token) : undefined));
      if (refusal) {
        const body = refusal.code ? { error_code: refusal.code, error_message: AUTH_MESSAGES[refusal.code] } : {};
        return sendJson(res, refusal.status, body);
      }
      if (path.endsWith('/api/authorize/auth/')) {
        this.logins++;
        return sendJson(res, 200, { access_token: `login-token-${this.logins}`, expire_token: 'refresh-xyz' });
      }
      if (path.endsWith('/api/authorize/session_token')) return sendJson(res, 200, { session_token: 'st-1' });
      if (path.endsWith('/folders/'))
        return sendJson(res, 201, this.folder ?? { ...FOLDER, folder_id: `f-${this.uploads().length}` });
      sendJson(res, 404, { error_code: 10, error_message: 'Not found' });
    });
  }
}

const MARK_HEADER = 'x-test-run';

/**
 * The global fetch, with every call marked (header `X-Test-Run: <mark>`), so the fake Oz can tell
 * one test's calls from a late call of the test before it ({@link FakeOz.seenWith}).
 */
export function markedFetch(mark: string): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(MARK_HEADER, mark);
    return fetch(input, { ...init, headers });
  };
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Waits for `condition`, polling, up to a generous bound (the machine is shared and slow). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
