/**
 * A failed request to the page's own token or upload route, as an `oz-error` detail. The HTTP
 * status decides what kind of problem it is: the 4xx answers that no retry can mend mean the route is
 * missing, moved or refuses this page — a configuration problem, not the person's connection. Only
 * the capture needs this, so it travels in the capture chunk, not with the button.
 */
import { kitError, type OzErrorDetail } from './errors.js';

/**
 * The 4xx answers that trying again can still mend or that say something of their own: a rejected
 * container (400, `container-rejected`), a timeout (408), the backend half's own answers (409 a
 * claim already made, 413 too large, 415 a changed content type, 422 a key reused with other bytes),
 * and rate limiting (429). Every other 4xx (401, 403, 404, 405, 410, …) is a refusal.
 */
export const MENDABLE_4XX: readonly number[] = [400, 408, 409, 413, 415, 422, 429];

/** Whether an HTTP status from the token or upload route is one that no retry can mend. */
export function isRouteRefusal(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && !MENDABLE_4XX.includes(status);
}

/**
 * `session-token-failed` or `upload-failed`; with a refusal (404, 401, …) category `config`, not
 * retryable, and words that send the person to the website's support (`error.<code>.config`).
 */
export function routeError(
  code: 'session-token-failed' | 'upload-failed',
  message: string,
  extra: Pick<OzErrorDetail, 'status' | 'requestId'> = {},
): OzErrorDetail {
  const detail = kitError(code, message, extra);
  return isRouteRefusal(extra.status)
    ? { ...detail, category: 'config', retryable: false, messageKey: `error.${code}.config` }
    : detail;
}
