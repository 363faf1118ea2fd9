/**
 * What "Try again" means after each outcome. Re-sending the kept container helps only when the
 * bytes never reached a decision (the network failed or timed out); anything Oz has seen, or a
 * capture that never finished, needs a new capture with a fresh session token. A code that trying
 * again cannot fix (a bad configuration, an unsupported browser) has no retry at all.
 */
import type { OzErrorDetail } from './errors.js';
import type { OzDecision } from './decision.js';

export type OzRetry = 'new-capture' | 'retry-upload' | 'none';

/** Kit codes whose retry is not a new capture (the rest follow the catalogue's `retryable`). */
const BY_CODE: Readonly<Record<string, OzRetry>> = {
  'upload-failed': 'retry-upload',
  'upload-timeout': 'retry-upload',
  // Oz has checked the container: the same bytes can only be refused again (its session token is spent).
  'container-rejected': 'new-capture',
};

/**
 * The retry for an error (`hasContainer`: the element still holds the container), or for a
 * decision: a reject or a failed check can be tried again with a new capture; an accept is final.
 */
export function retryFor(outcome: OzErrorDetail | OzDecision | undefined, hasContainer = false): OzRetry {
  if (outcome === undefined || outcome === 'accept') return 'none';
  if (typeof outcome === 'string') return 'new-capture';
  if (!outcome.retryable) return 'none';
  const retry = BY_CODE[outcome.code] ?? 'new-capture';
  return retry === 'retry-upload' && !hasContainer ? 'new-capture' : retry;
}
