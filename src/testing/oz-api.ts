/**
 * A simulated Oz API: a web-standard `(Request) => Promise<Response>` handler that answers the few
 * Oz routes the kit's backend half talks to, with folder JSON and error bodies shaped as Oz
 * documents them. Usable in Node 20 (`node:http` adapters, tests), in the Vite dev server and as
 * web-test-runner middleware; it never touches the DOM.
 *
 * Routes are matched by path suffix, so it can be mounted under any prefix (e.g. `/oz-api/`):
 * - `POST …/api/authorize/auth/`              → `{ access_token, expire_token }`
 * - `GET  …/api/authorize/session_token`      → `{ session_token }` (900 s, single use: spent once a
 *                                               whole container with it has been checked, even if the client aborts)
 * - `POST …/api/instant/folders/`             → `201` folder (stores nothing)
 * - `POST …/api/folders/`                     → `201` folder (kept in memory)
 * - `GET  …/api/folders/?meta_data=k==v`      → `{ items, total }`
 * - `GET  …/api/folders/<folder_id>/`         → folder
 *
 * It is a simulator: the session-token format, the `details` of error bodies, the confidence values
 * and the analysis internals are invented. What is Oz's: the routes, the error codes and
 * `error_message`s, the folder fields that drive the decision.
 */
import {
  DEFAULT_SIMULATOR_KEY,
  signSessionTokenBytes,
  unpackContainer,
  verifyContainer,
  verifySessionTokenBytes,
  type ContainerFault,
} from './container.js';
import { base64ToBytes, bytesToBase64Url, fromUtf8, randomId, utf8 } from './encoding.js';
import { createAccessControl } from './oz-auth.js';
import { buildFolder } from './sim-folder.js';
import { containerErrorCode, outcomeHint, type ScenarioName } from './scenarios.js';

/** Options of {@link createSimulatedOzApi}. */
export interface SimulatedOzApiOptions {
  /**
   * Forces an outcome for every upload, whatever the container says: `declined`, `failed`, `slow`
   * set the verdict or latency; `container_error_*` answer that `400` code; `auth_expired_*` turn on
   * access-token mode and answer `error_code` 8 once on their route (see oz-auth.ts). Plugin-side
   * scenarios (camera, WASM, the hand-over) have no effect here. Unset: the hint inside each
   * container decides (default `accept`).
   */
  scenario?: ScenarioName;
  /** Delay added to uploads in the `slow` scenario, in ms. Default 3000. */
  latencyMs?: number;
  /** Simulator key shared with the simulated plugin (container signature, session tokens). */
  key?: string;
  /**
   * A fixed access token that is valid (until an `auth_expired_*` scenario expires it). Setting it
   * (or `credentials`) turns on access-token mode.
   */
  accessToken?: string;
  /** The only login `POST /api/authorize/auth/` accepts. Setting it (or `accessToken`) turns on access-token mode. */
  credentials?: { email: string; password: string };
  /** Lifetime of access tokens issued by `/api/authorize/auth/`, in seconds. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** Lifetime of session tokens, in seconds. Default 900, as Oz's. */
  tokenLifetimeSeconds?: number;
  /** Refuse (error 14) containers without a session token. Default true, as in the client-token flow. */
  requireSessionToken?: boolean;
  /** Clock, ms since epoch; inject it to test expiry. Default `Date.now`. */
  now?: () => number;
}

/** The handler {@link createSimulatedOzApi} returns. */
export type SimulatedOzApiHandler = (request: Request) => Promise<Response>;

type Json = Record<string, unknown>;

const ROUTE = /\/api\/(authorize\/auth|authorize\/session_token|instant\/folders|folders)(?:\/([^/]+))?\/?$/;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** An Oz-shaped error body: `{ error_code, error_message, details }`. */
function ozError(status: number, code: number, message: string, details: unknown = null): Response {
  return json(status, { error_code: code, error_message: message, details });
}

/** Container problems: HTTP 400, "Invalid request data", as Oz documents. `details` is invented. */
function containerError(code: number, reason: string, message: string): Response {
  return ozError(400, code, 'Invalid request data', { reason, message, simulated: true });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates a simulated Oz API. Each call has its own memory (issued tokens, used tokens, stored
 * folders), so tests don't leak into each other.
 *
 * @example
 * ```ts
 * const ozApi = createSimulatedOzApi({ scenario: 'declined' });
 * const res = await ozApi(new Request('http://oz.test/api/authorize/session_token'));
 * const { session_token } = await res.json();
 * ```
 */
export function createSimulatedOzApi(options: SimulatedOzApiOptions = {}): SimulatedOzApiHandler {
  const key = options.key ?? DEFAULT_SIMULATOR_KEY;
  const now = options.now ?? (() => Date.now());
  const latencyMs = options.latencyMs ?? 3000;
  const tokenLifetime = options.tokenLifetimeSeconds ?? 900;
  const requireSessionToken = options.requireSessionToken ?? true;
  const forcedOutcome = options.scenario ? outcomeHint(options.scenario) : null;
  const forcedError = options.scenario ? containerErrorCode(options.scenario) : null;

  const access = createAccessControl({ ...options, now, error: ozError, json });
  const usedSessionTokens = new Map<string, number>(); // jti → expiry (ms), pruned once expired
  const folders: Json[] = [];

  async function issueSessionToken(): Promise<string> {
    const iat = Math.floor(now() / 1000);
    const head = bytesToBase64Url(utf8(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'oz-simulator' })));
    const body = bytesToBase64Url(
      utf8(
        JSON.stringify({ iss: 'oz-simulator', typ: 'session_token', jti: randomId(), iat, exp: iat + tokenLifetime }),
      ),
    );
    const sig = await signSessionTokenBytes(utf8(`${head}.${body}`), key);
    return `${head}.${body}.${bytesToBase64Url(sig)}`;
  }

  /** Validates a session token without using it up; `jti` is consumed later, once the upload commits. */
  async function checkSessionToken(token: unknown): Promise<{ jti: string; expMs: number } | ContainerFault> {
    const bad = (reason: string, message: string): ContainerFault => ({ ok: false, code: 14, reason, message });
    if (typeof token !== 'string' || token === '')
      return bad('session_token_missing', 'The container has no session token.');
    const [head, body, sig, ...rest] = token.split('.');
    if (!head || !body || !sig || rest.length) return bad('session_token_invalid', 'The session token is malformed.');
    let claims: { jti?: unknown; exp?: unknown };
    try {
      if (!(await verifySessionTokenBytes(utf8(`${head}.${body}`), base64ToBytes(sig), key))) {
        return bad('session_token_invalid', 'The session token was altered or not issued by this API.');
      }
      claims = JSON.parse(fromUtf8(base64ToBytes(body))) as typeof claims;
    } catch {
      return bad('session_token_invalid', 'The session token is malformed.');
    }
    if (typeof claims.jti !== 'string' || typeof claims.exp !== 'number') {
      return bad('session_token_invalid', 'The session token is malformed.');
    }
    const expMs = claims.exp * 1000;
    if (now() >= expMs) return bad('session_token_expired', 'The session token has expired.');
    if (usedSessionTokens.has(claims.jti)) return bad('session_token_reused', 'The session token was already used.');
    return { jti: claims.jti, expMs };
  }

  function consumeSessionToken(jti: string, expMs: number): boolean {
    const t = now();
    for (const [id, exp] of usedSessionTokens) if (exp <= t) usedSessionTokens.delete(id);
    if (usedSessionTokens.has(jti)) return false;
    usedSessionTokens.set(jti, expMs);
    return true;
  }

  async function upload(request: Request, store: boolean): Promise<Response> {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream') {
      return containerError(
        13,
        'wrong_content_type',
        `Expected Content-Type application/octet-stream, got "${type || 'none'}".`,
      );
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (forcedError !== null) {
      return containerError(
        forcedError,
        'forced_by_scenario',
        `Simulated error ${forcedError} (API scenario ${options.scenario}).`,
      );
    }
    const verified = await verifyContainer(bytes, key);
    if (!verified.ok) return containerError(verified.code, verified.reason, verified.message);

    if (requireSessionToken || verified.envelope.session_token !== null) {
      const checked = await checkSessionToken(verified.envelope.session_token);
      if ('ok' in checked) return containerError(checked.code, checked.reason, checked.message);
      // As Oz: the whole container has been checked, so its token is spent, whatever happens next.
      // A client that gives up now (aborts) and resends the same bytes gets 400 / 14.
      if (!consumeSessionToken(checked.jti, checked.expMs)) {
        return containerError(14, 'session_token_reused', 'The session token was already used.');
      }
    }

    const unpacked = await unpackContainer(verified);
    const hint = unpacked.ok ? outcomeHint(unpacked.payload.simulation?.scenario as ScenarioName) : null;
    const outcome = forcedOutcome ?? hint;
    if (outcome === 'slow') await sleep(latencyMs, request.signal);
    if (!unpacked.ok) return containerError(unpacked.code, unpacked.reason, unpacked.message);

    const folder = buildFolder(unpacked, outcome === 'declined' || outcome === 'failed' ? outcome : 'accept', now());
    if (store) folders.push(folder);
    return json(201, folder);
  }

  function listFolders(url: URL): Response {
    const filters: Array<[string, string]> = [];
    for (const f of url.searchParams.getAll('meta_data')) {
      const at = f.indexOf('==');
      if (at <= 0)
        return ozError(400, 0, 'Invalid request data', {
          reason: 'bad_filter',
          message: 'meta_data must be key==value',
        });
      filters.push([f.slice(0, at), f.slice(at + 2)]);
    }
    const items = folders.filter((folder) => {
      const meta = folder.meta_data as Record<string, string>;
      return filters.every(([k, v]) => meta[k] === v);
    });
    return json(200, { items, total: items.length });
  }

  return async function simulatedOzApi(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = ROUTE.exec(url.pathname);
    if (!match) return ozError(404, 10, 'Not found.');
    const [, route, id] = match;
    const method = request.method.toUpperCase();
    const notAllowed = () => ozError(405, 0, `Method ${method} not allowed.`);
    try {
      if (route === 'authorize/auth' && !id) return method === 'POST' ? await access.login(request) : notAllowed();
      const isUpload = method === 'POST' && (route === 'instant/folders' || route === 'folders') && !id;
      const denied = access.check(
        request,
        route === 'authorize/session_token' ? 'session_token' : isUpload ? 'upload' : 'other',
      );
      if (denied) {
        await request.body?.cancel(); // refused before reading: the container (and its session token) stay unused
        return denied;
      }
      if (route === 'authorize/session_token' && !id) {
        if (method !== 'GET') return notAllowed();
        return json(200, { session_token: await issueSessionToken() }, { 'cache-control': 'no-store' });
      }
      if (route === 'instant/folders' && !id) return method === 'POST' ? await upload(request, false) : notAllowed();
      if (route === 'folders' && !id) {
        if (method === 'POST') return await upload(request, true);
        return method === 'GET' ? listFolders(url) : notAllowed();
      }
      if (route === 'folders' && id) {
        if (method !== 'GET') return notAllowed();
        const folder = folders.find((f) => f.folder_id === id);
        return folder ? json(200, folder) : ozError(404, 10, 'Folder not found.');
      }
      return ozError(404, 10, 'Not found.');
    } catch (err) {
      // An aborted request is the caller's doing: let it surface as an abort, like fetch does.
      if (request.signal?.aborted) throw err;
      return ozError(500, 0, 'Simulated Oz API internal error.', { message: String(err), simulated: true });
    }
  };
}
