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
 * `check[followCheck](banner, voice)` when it starts following and the returned function when it
 * stops. While followed, the check's own status line steps aside (not shown, not live): a banner
 * speaks. With several banners following one check (a nested one and a `for=` one, or two `for=`),
 * only one speaks: `voice(true)` for the first to follow, `voice(false)` for the others, which show
 * the same words without a live region; when the speaker stops following, the next takes over.
 */
export const followCheck: unique symbol = Symbol.for('oz-liveness-elements.follow');

/** What a check offers a follower. `voice` (optional: a follower that passes none speaks) says whether it speaks. */
export interface OzFollowable {
  [followCheck](follower: Element, voice?: (speaks: boolean) => void): () => void;
}

/**
 * A check's followers, in the order they came: the first speaks, the others are told to keep quiet.
 * Each is told only when its role changes, so a banner re-renders (and a screen reader hears) nothing
 * when another banner comes or goes.
 */
export class Followers {
  // TypeScript-private, not `#`: the build targets browsers where `#` fields cost a WeakMap each.
  private list: { follower: Element; voice?: (speaks: boolean) => void; speaks?: boolean }[] = [];

  get size(): number {
    return this.list.length;
  }

  /** Adds `follower` (again: moves it to the end, with its new `voice`); returns its unfollow. */
  add(follower: Element, voice?: (speaks: boolean) => void): () => void {
    const entry = { follower, voice };
    this.list = [...this.list.filter((e) => e.follower !== follower), entry];
    this.tell();
    // Only this follow's own entry: a stale unfollow after a re-follow must not drop the new one.
    return () => {
      this.list = this.list.filter((e) => e !== entry);
      this.tell();
    };
  }

  private tell(): void {
    this.list.forEach((entry, i) => {
      if (entry.speaks !== !i) entry.voice?.((entry.speaks = !i));
    });
  }
}
