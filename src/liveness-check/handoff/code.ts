/**
 * A hand-off's code as the desktop holds it: asked for (`POST handoff-url`), shown as a link a
 * person can type, and remembered for this tab so that a reload (or an element put back on the page)
 * follows the same hand-off to its outcome. What is remembered is the watch token and the expiry,
 * in `sessionStorage` (this tab only, gone with it), and only until the hand-off is over. The phone's
 * secret is never stored here: a page that comes back to a hand-off no phone has opened asks for a new code.
 */
import { kitError } from '../../core/errors.js';
import type { ValidConfig } from '../../core/options.js';
import { HANDOFF_STORAGE_KEY } from './phone-link.js';
import { readTab, refusal, requestInit, unreachable, writeTab } from './request.js';

/** What the backend gave for one hand-off. */
export interface Code {
  phoneUrl: string;
  watchToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** What this tab remembers of a hand-off: enough to follow it, nothing to claim it. */
export type Remembered = Omit<Code, 'phoneUrl'>;

/** How long after its expiry a remembered hand-off is still followed: an upload under way may finish late. */
const FOLLOW_AFTER_EXPIRY_MS = 5 * 60_000;

/** `POST handoff-url` → the phone link (its secret in the fragment), the watch token and the expiry. */
export async function createHandoff(config: ValidConfig, signal: AbortSignal): Promise<Code> {
  const url = config.handoffUrl!;
  let response: Response;
  try {
    response = await fetch(url, requestInit(config, {}, signal));
  } catch (e) {
    throw signal.aborted ? e : unreachable(`POST ${url}`, e);
  }
  if (!response.ok) throw refusal(response, `POST ${url}`);
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const expiresAt = Date.parse(String(body?.expiresAt));
  const { phoneUrl, watchToken } = body ?? {};
  if (typeof phoneUrl !== 'string' || !/^https?:\/\//.test(phoneUrl) || typeof watchToken !== 'string' || !expiresAt)
    throw kitError('handoff-failed', `POST ${url} answered without phoneUrl, watchToken and expiresAt`);
  return { phoneUrl, watchToken, expiresAt };
}

/**
 * The link as a person reads it off to type it: the page, then the kit backend's secret (26
 * characters of Crockford's base32, read back however it is typed) in groups of four. Another
 * backend's secret is one group. `${page}#oz-handoff=${groups.join('')}` is the link itself.
 */
export function linkPieces(phoneUrl: string): { page: string; groups: string[] } {
  const [page, secret = ''] = phoneUrl.split('#oz-handoff=');
  return { page, groups: /^[0-9A-HJKMNP-TV-Z]{26}$/.test(secret) ? secret.match(/.{1,4}/g)! : [secret] };
}

/** Remembers (or, with `undefined`, forgets) this tab's hand-off on `handoffUrl`. */
export function remember(handoffUrl: string, code: Remembered | undefined): void {
  const all = readAll();
  if (code) all[handoffUrl] = { watchToken: code.watchToken, expiresAt: code.expiresAt };
  else delete all[handoffUrl];
  writeTab(HANDOFF_STORAGE_KEY, Object.keys(all).length ? all : undefined);
}

/** This tab's hand-off on `handoffUrl`, while it may still end in an outcome. */
export function recall(handoffUrl: string): Remembered | undefined {
  const found = readAll()[handoffUrl];
  if (!found) return undefined;
  const { watchToken, expiresAt } = found;
  if (
    typeof watchToken === 'string' &&
    typeof expiresAt === 'number' &&
    Date.now() < expiresAt + FOLLOW_AFTER_EXPIRY_MS
  )
    return { watchToken, expiresAt };
  remember(handoffUrl, undefined);
  return undefined;
}

function readAll(): Record<string, Partial<Remembered>> {
  const value = readTab(HANDOFF_STORAGE_KEY);
  return value && typeof value === 'object' ? (value as Record<string, Partial<Remembered>>) : {};
}
