/**
 * Oz's authorization failures, read from any answer. Oz documents them as `error_code` 6 (auth not
 * provided), 7 (invalid), 8 (expired) and 9 (forbidden) in the JSON body and promises no HTTP status
 * for them, so they are looked for under any status (a 400 too), beside a plain 401 or 403.
 * 6, 7, 8, 401 and 403 mean "log in again"; 9 means the Oz user lacks a role, which no login mends.
 */
import type { AccessTokens } from './access-token.js';
import type { OzAnswer } from './calls.js';
import { isRecord, parseJson } from './json.js';

/** Oz's names for its authorization codes, for log lines. */
const AUTH_CODES: Record<number, string> = {
  6: 'AUTH NOT PROVIDED',
  7: 'AUTH INVALID',
  8: 'AUTH EXPIRED',
  9: 'AUTH FORBIDDEN',
};

/** What Oz's refusal asks for: a new access token (`login`), or a role for the Oz user (`role`). */
export interface AuthFailure {
  kind: 'login' | 'role';
  /** `HTTP 400, error_code 8 (AUTH EXPIRED): "Auth token is expired"`: how Oz said it, for log lines. */
  said: string;
}

/** Oz's own `error_message`, when it is a short plain phrase (anything else stays out of the log line). */
function plainMessage(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9 .,:;'()_-]{1,100}$/.test(value) ? value : undefined;
}

/** The authorization failure in `answer`, or `undefined` when Oz did not refuse our access. */
export function authFailure(answer: OzAnswer): AuthFailure | undefined {
  const body = parseJson(answer.text);
  const code = isRecord(body) && typeof body.error_code === 'number' ? body.error_code : undefined;
  const named = code !== undefined ? AUTH_CODES[code] : undefined;
  const message = named && isRecord(body) ? plainMessage(body.error_message) : undefined;
  const said = `HTTP ${answer.status}${named ? `, error_code ${code} (${named})` : ''}${message ? `: "${message}"` : ''}`;
  if (code === 9) return { kind: 'role', said };
  if (named || answer.status === 401 || answer.status === 403) return { kind: 'login', said };
  return undefined;
}

/** The log line for a role problem: which call the Oz user may not make, and that logging in will not help. */
export function roleProblem(failure: AuthFailure, call: string): string {
  return (
    `Oz API refused ${call} (${failure.said}): the Oz user this server uses lacks the role for this call. ` +
    `Give that user a role that may make it (in Oz's user settings); logging in again does not help.`
  );
}

/**
 * The log line when our access was refused and cannot be renewed here: a fixed `accessToken`, no
 * token at all, or a login whose fresh token Oz refused too.
 */
export function accessRefused(tokens: AccessTokens, failure: AuthFailure, call: string): string {
  const start = `Oz API refused ${call} (${failure.said}): `;
  switch (tokens.source) {
    case 'fixed':
      return `${start}it no longer takes the configured accessToken, which the server cannot renew. Set a new accessToken, or give credentials so that the server logs in by itself.`;
    case 'none':
      return `${start}it asks for authorization, but neither accessToken nor credentials is configured.`;
    default:
      return `${start}it refused a freshly logged-in access token too; check the Oz user's account. No login is tried again before the cool-down.`;
  }
}
