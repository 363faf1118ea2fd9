/**
 * Where the handler gets the `X-Forensic-Access-Token` value from: a fixed token from the options
 * (or none), or the Oz login (login.ts). The token lives only here, never in the browser.
 */
import { discardBody } from '../http/body.js';
import type { Config } from '../options.js';

/** Where the handler gets the `X-Forensic-Access-Token` value from. */
export interface AccessTokens {
  /** `login`: renewed by logging in; `fixed`: the `accessToken` option; `none`: the installation needs none. */
  readonly source: 'login' | 'fixed' | 'none';
  /** The token to send, or `undefined` for installations that need none. */
  get(): Promise<string | undefined>;
  /**
   * Oz refused `token` (oz/auth.ts): forget it if it is still the current one. Returns `true` when
   * asking again may give a different token (a new login), i.e. when one retry makes sense.
   */
  reject(token: string | undefined): boolean;
  /** Oz took `token` (answered without an authorization failure). */
  accepted(token: string | undefined): void;
  /** Every value that must never appear in a log line. */
  secrets(): Iterable<string | undefined>;
}

/** A fixed token from the options (or none). Nothing to renew. */
export function fixedToken(token: string | undefined): AccessTokens {
  return {
    source: token === undefined ? 'none' : 'fixed',
    get: async () => token,
    reject: () => false,
    accepted: () => {},
    secrets: () => [token],
  };
}

/** The token for one request's call to Oz; if there is none to be had, the browser's body is not read. */
export async function accessTokenFor(request: Request, config: Config): Promise<string | undefined> {
  try {
    return await config.tokens.get();
  } catch (err) {
    discardBody(request);
    throw err;
  }
}
