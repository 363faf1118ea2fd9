/**
 * The Oz login (`POST /api/authorize/auth/` with email and password) as an access-token source:
 * one login shared by all requests, reused while fresh, and a growing cool-down after a failure.
 */
import type { AccessTokens } from './access-token.js';
import {
  DEFAULT_MAX_ANSWER_BYTES,
  deadline,
  type FetchLike,
  failure,
  NO_REDIRECT,
  type OzAnswer,
  fetchWithin,
  readAnswer,
  UpstreamError,
} from './calls.js';
import { stringField } from './json.js';

/**
 * Oz documents the session lifetime (`OZ_SESSION_TTL`, 15 minutes by default) and that each use
 * extends it, but the login answer carries no expiry time: its `expire_token` is a renewal token,
 * not a date. So a token is reused while it was last used less than this long ago — well inside
 * the default TTL — and a 401/403 from Oz drops it early anyway.
 */
export const TOKEN_IDLE_LIMIT_MS = 10 * 60_000;

/** A refused login waits this long before the next try, doubling with each refusal up to {@link LOGIN_COOLDOWN_MAX_MS}. */
export const LOGIN_COOLDOWN_MS = 1000;
export const LOGIN_COOLDOWN_MAX_MS = 5 * 60_000;

/** What {@link loginTokens} needs: where to log in, with what, and how. */
export interface LoginOptions {
  authUrl: string;
  email: string;
  password: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxAnswerBytes?: number;
  /** Injectable clock, so tests can age a token without waiting. */
  now?: () => number;
}

/**
 * Logs in with `POST /api/authorize/auth/` when needed; one login at a time, shared by all
 * requests. A failed login starts a cool-down (1 s, doubling to 5 min) during which no login is
 * tried and every request fails at once: a wrong password must not hammer Oz's service account.
 * So does a login whose token Oz refuses at once after an older token was refused (an account Oz
 * lets log in but refuses to serve): one retry with a fresh login, then at most one login per cool-down.
 */
export function loginTokens(options: LoginOptions): AccessTokens {
  const now = options.now ?? Date.now;
  let current: string | undefined;
  let lastUsed = 0;
  let pending: Promise<string> | undefined;
  let failures = 0;
  let coolUntil = 0;
  // Tokens Oz refused since it last took one: the second in a row is the account's fault, not the token's.
  let refusedInARow = 0;
  const coolDown = () => {
    failures++;
    coolUntil = now() + Math.min(LOGIN_COOLDOWN_MAX_MS, LOGIN_COOLDOWN_MS * 2 ** (failures - 1));
  };
  // Kept for redaction even after a token is dropped: an old token in a log is still a leak.
  const seen = new Set<string>();

  async function login(): Promise<string> {
    // Not tied to any one browser request: others may be waiting on this login too.
    const d = deadline(options.timeoutMs);
    try {
      let answer: OzAnswer;
      try {
        const call = options.fetch(options.authUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ credentials: { email: options.email, password: options.password } }),
          signal: d.signal,
          redirect: NO_REDIRECT, // a 307 would re-POST the password to wherever it points
        });
        // The deadline holds by itself, not through fetch's signal alone (see calls.ts, readAnswer).
        const res = await fetchWithin(call, d.signal);
        const max = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
        answer = await readAnswer(res, 'POST /api/authorize/auth/', max, d.signal);
      } catch (err) {
        throw failure(err, d, 'login');
      }
      if (answer.status < 200 || answer.status >= 300) {
        throw new UpstreamError(
          502,
          `Oz API refused the login (HTTP ${answer.status}); check the server's Oz credentials.`,
        );
      }
      const token = stringField(answer.text, 'access_token');
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
    source: 'login',
    async get() {
      if (current !== undefined && now() - lastUsed < TOKEN_IDLE_LIMIT_MS) {
        lastUsed = now();
        return current;
      }
      current = undefined;
      if (!pending && now() < coolUntil) {
        const seconds = Math.ceil((coolUntil - now()) / 1000);
        throw new UpstreamError(502, 'Oz API login is cooling down after a failure; no login is tried for now.', {
          cause: new Error(`the next login is tried in ${seconds} s (after ${failures} failed logins)`),
        });
      }
      pending ??= login().then(
        (token) => {
          pending = undefined;
          current = token;
          lastUsed = now();
          return token;
        },
        (err: unknown) => {
          pending = undefined;
          coolDown();
          throw err;
        },
      );
      return pending;
    },
    reject(token) {
      // Another request has dropped it already: the retry gets the next login, unless none is allowed now.
      if (token === undefined || token !== current) return now() >= coolUntil;
      current = undefined;
      refusedInARow++;
      if (refusedInARow === 1) return true;
      coolDown();
      return false;
    },
    accepted(token) {
      if (token === undefined || token !== current) return;
      refusedInARow = 0;
      failures = 0;
    },
    secrets: () => [options.password, options.email, ...seen],
  };
}
