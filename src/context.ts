/**
 * The context an `<oz-liveness-check>` provides to the `<oz-result-banner>` placed inside it, and
 * the follow handshake that lets the check step aside when a banner speaks for it.
 * `Symbol.for` so that two copies of the bundle on one page still match.
 */
import { createContext } from '@lit/context';
import type { OzErrorDetail } from './core/errors.js';
import type { OzResultDetail } from './core/decision.js';
import type { OzState } from './core/state.js';

export interface OzLivenessSnapshot {
  state: OzState;
  result?: OzResultDetail;
  error?: OzErrorDetail;
  progress?: { loaded: number; total: number };
  /** The last byte is sent and the backend (Oz) is deciding: show it as indeterminate, not as a full bar. */
  analysing?: boolean;
}

export const ozLivenessContext = createContext<OzLivenessSnapshot>(Symbol.for('oz-liveness'));

/**
 * One voice per change: a banner that follows a check (nested, or through `for=`) calls
 * `check[followCheck](banner)` when it starts following and the returned function when it stops.
 * While followed, the check's own status line steps aside (not shown, not live): the banner speaks.
 */
export const followCheck: unique symbol = Symbol.for('oz-liveness-elements.follow');

/** What a check offers a follower. */
export interface OzFollowable {
  [followCheck](follower: Element): () => void;
}
