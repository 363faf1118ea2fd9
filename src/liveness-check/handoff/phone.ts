/**
 * The phone claims the hand-off it was opened for: `POST …/handoff/claim` with `Oz-Handoff: <secret>`.
 * The first claim wins; a second phone with the same link gets `409` (`handoff-used`). Loaded only on
 * a page opened from a hand-off link (phone-link.ts).
 */
import type { OzErrorDetail } from '../../core/errors.js';
import type { ConfigResult } from '../../core/options.js';
import { configError } from '../check-config.js';
import { handoffRoute, handoffUrlOf, refusal, requestInit, unreachable } from './request.js';

/** `undefined` when this phone now holds the hand-off; else why not. */
export async function claim(read: ConfigResult, secret: string): Promise<OzErrorDetail | undefined> {
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
    void response.body?.cancel().catch(() => {});
    return undefined;
  }
  return refusal(response, `POST ${url}`);
}
