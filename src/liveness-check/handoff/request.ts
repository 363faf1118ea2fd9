/**
 * The hand-off's requests to the backend (docs/handoff.md): where each route is, and what a refusal
 * means for the person; and what a tab keeps of a hand-off. In the lazy hand-off chunks only.
 */
import { kitError, type OzErrorDetail } from '../../core/errors.js';
import type { ValidConfig } from '../../core/options.js';

/** A route under the hand-off route: `…/handoff/claim`, `…/handoff/events`, `…/handoff/cancel`. */
export function handoffRoute(handoffUrl: string, name: string): string {
  const url = new URL(handoffUrl);
  url.pathname = url.pathname.replace(/\/*$/, `/${name}`);
  return url.href;
}

/**
 * The hand-off route of a page: `handoff-url`, else the one beside `backend-url` (the kit's handler
 * serves `…/handoff` next to `…/container`), so a phone page need not repeat it.
 */
export function handoffUrlOf(config: ValidConfig): string | undefined {
  return config.handoffUrl ?? (config.backendUrl ? new URL('handoff', config.backendUrl).href : undefined);
}

/** The fetch options every hand-off request shares: the page's headers and credentials, no redirect. */
export function requestInit(config: ValidConfig, headers: Record<string, string>, signal?: AbortSignal): RequestInit {
  return {
    method: 'POST',
    credentials: config.credentials,
    headers: { ...config.headers, ...headers },
    cache: 'no-store',
    redirect: 'error',
    signal,
  };
}

/** A refused hand-off request as the person's error: used (409), expired or cancelled (410), else failed. */
export function refusal(response: Response, what: string): OzErrorDetail {
  void response.body?.cancel().catch(() => {});
  const status = response.status;
  const message = `${what} answered HTTP ${status}`;
  if (status === 409) return kitError('handoff-used', message, { status });
  if (status === 410) return kitError('handoff-expired', message, { status });
  return kitError('handoff-failed', message, { status });
}

/** A request that did not get an answer (offline, refused redirect, CORS). */
export const unreachable = (what: string, e: unknown) =>
  kitError('handoff-failed', `${what} failed: ${e instanceof Error ? e.message : String(e)}`);

/**
 * This tab's `sessionStorage` entry `key`, parsed; `undefined` when there is none, it is not JSON,
 * or there is no storage here (a sandboxed frame). (phone-link.ts reads its two entries by itself:
 * it runs as the element connects, and stays as small as it can.)
 */
export function readTab(key: string): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` as this tab's entry `key`, or removes it (`undefined`); without storage (a sandboxed frame, a full quota) a reload just starts over. */
export function writeTab(key: string, value: unknown): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing kept: nothing worse.
  }
}
