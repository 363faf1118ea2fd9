/**
 * The phone claims the hand-off it was opened for: `POST …/handoff/claim` with `Oz-Handoff: <secret>`.
 * The first claim wins; a second phone with the same link gets `409` (`handoff-used`). A claim won is
 * kept for this tab (phone-link.ts), so that a reload goes on with it. Loaded only on
 * a page opened from a hand-off link (phone-link.ts).
 */
import type { OzErrorDetail } from '../../core/errors.js';
import type { ConfigResult } from '../../core/options.js';
import { configError } from '../check-config.js';
import { PHONE_STORAGE_KEY } from './phone-link.js';
import { handoffRoute, handoffUrlOf, refusal, requestInit, unreachable, writeTab } from './request.js';

/**
 * `undefined` when this phone now holds the hand-off; else why not. `claimed`: this tab claimed it
 * before a reload, and goes on with it without asking again (a second claim is refused).
 */
export async function claim(
  read: ConfigResult,
  secret: string,
  claimed: boolean,
  host: HTMLElement,
): Promise<OzErrorDetail | undefined> {
  // The outcome spends the link: a reload after it is an ordinary page again.
  host.addEventListener('oz-result', forget, { once: true });
  if (claimed) return undefined;
  if (!read.ok) return configError(read.problem);
  const base = handoffUrlOf(read.config);
  if (!base)
    return configError({ field: 'handoff-url', message: 'a page opened from a hand-off link needs handoff-url.' });
  const url = handoffRoute(base, 'claim');
  let response: Response;
  try {
    response = await fetch(url, requestInit(read.config, { 'Oz-Handoff': secret }));
  } catch (e) {
    return unreachable(`POST ${url}`, e);
  }
  if (response.ok) {
    const { expiresAt } = (await response.json().catch(() => ({}))) as { expiresAt?: string };
    // Kept for this tab until its outcome (phone-link.ts): a reload goes on with it.
    writeTab(PHONE_STORAGE_KEY, { secret, expiresAt: Date.parse(String(expiresAt)) || Date.now() + 600_000 });
    return undefined;
  }
  forget();
  return refusal(response, `POST ${url}`);
}

/** Forgets the hand-off this tab claimed: its outcome came, or it was refused. */
const forget = () => writeTab(PHONE_STORAGE_KEY, undefined);
