/**
 * The simulated Oz API's access tokens: `POST /api/authorize/auth/` and the check of
 * `X-Forensic-Access-Token` on every other route, with Oz's codes 6 (not provided), 7 (invalid)
 * and 8 (expired) in the body. Oz's API Error Codes page does not say which HTTP status carries
 * them; the simulator answers 401 unless an `auth_expired_400_*` scenario asks for 400.
 *
 * An `auth_expired_*` scenario expires the access token presented at the first call of its route
 * (the session-token call, or an upload) and answers that call with 8: once. Tokens from a later
 * login are accepted, so a client that logs in again goes through.
 */
import { randomId } from './encoding.js';
import { authExpiry, type ScenarioName } from './scenarios.js';

/** Which Oz route a request is for, as far as access tokens care. */
export type AuthRoute = 'session_token' | 'upload' | 'other';

export interface AccessOptions {
  accessToken?: string;
  credentials?: { email: string; password: string };
  accessTokenLifetimeSeconds?: number;
  scenario?: ScenarioName;
  now: () => number;
  /** Builds an Oz error answer. */
  error: (status: number, code: number, message: string) => Response;
  json: (status: number, body: unknown) => Response;
}

export interface AccessControl {
  /** Access-token mode is on (`accessToken`, `credentials` or an `auth_expired_*` scenario). */
  readonly on: boolean;
  login(request: Request): Promise<Response>;
  /** null when the request may go on, else Oz's answer. */
  check(request: Request, route: AuthRoute): Response | null;
}

export function createAccessControl(options: AccessOptions): AccessControl {
  const { now, error } = options;
  const expiry = authExpiry(options.scenario);
  const on = Boolean(options.accessToken || options.credentials || expiry);
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const issued = new Map<string, number>(); // token → expiry (ms)
  const expiredByScenario = new Set<string>();
  let expiryPending = expiry !== null;

  async function login(request: Request): Promise<Response> {
    type LoginBody = { credentials?: { email?: unknown; password?: unknown } } | null;
    let body: LoginBody = null;
    try {
      body = (await request.json()) as LoginBody;
    } catch {
      // an unreadable body is the same as no credentials
    }
    const email = body?.credentials?.email;
    const password = body?.credentials?.password;
    if (typeof email !== 'string' || typeof password !== 'string') {
      return error(401, 6, 'Authentication credentials were not provided.');
    }
    const wanted = options.credentials;
    if (wanted && (email !== wanted.email || password !== wanted.password)) {
      return error(401, 7, 'Invalid credentials.');
    }
    const accessToken = `sim-access-${randomId()}`;
    const expMs = now() + lifetime * 1000;
    issued.set(accessToken, expMs);
    // `expire_token` as Unix seconds: the real type is not documented; this one is invented.
    return options.json(200, { access_token: accessToken, expire_token: Math.floor(expMs / 1000), user: { email } });
  }

  function check(request: Request, route: AuthRoute): Response | null {
    if (!on) return null;
    const token = request.headers.get('x-forensic-access-token');
    if (!token) return error(401, 6, 'Authentication credentials were not provided.');
    const expiredStatus = expiry?.status ?? 401;
    if (expiredByScenario.has(token)) return error(expiredStatus, 8, 'Access token expired.');
    const known = token === options.accessToken || issued.has(token);
    if (known && expiryPending && route === expiry?.route) {
      expiryPending = false;
      expiredByScenario.add(token);
      return error(expiredStatus, 8, 'Access token expired.');
    }
    if (options.accessToken && token === options.accessToken) return null;
    const exp = issued.get(token);
    if (exp === undefined) return error(401, 7, 'Invalid access token.');
    if (now() >= exp) return error(expiredStatus, 8, 'Access token expired.');
    return null;
  }

  return { on, login, check };
}
