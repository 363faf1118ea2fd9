/**
 * The phone's side of a hand-off, the part that cannot wait for a click: a page opened from a
 * hand-off link carries `#oz-handoff=<secret>` in its address. The element takes it as it connects:
 * out of the address bar and the history entry at once (`history.replaceState`), never in the DOM,
 * a log, a path or a query, and claimed through the lazy phone.ts. A claim the backend refuses
 * (another phone was first, the link expired) is told at once. Once claimed, the secret is kept in
 * this tab's `sessionStorage` until the phone's outcome, so that a reload (a pull to refresh) goes on
 * with the hand-off this phone holds instead of claiming it a second time (which is refused).
 * Also the desktop's look-up of a hand-off its tab follows (code.ts).
 */
import type { ReactiveControllerHost } from 'lit';
import { kitError, type OzErrorDetail } from '../../core/errors.js';
import type { CheckStatus } from '../check-status.js';
import { readConfig } from '../check-config.js';

const LINK = /^#oz-handoff=([\w-]+)$/;

/** The hand-off's lazy module did not load (offline, a new deployment): the person may try again. */
export const moduleFailed = (e: unknown) =>
  kitError('handoff-failed', `the kit's hand-off module failed to load (${String(e)})`);

/** Where a desktop tab keeps the hand-offs it follows (code.ts), so that a reload follows them on. */
export const HANDOFF_STORAGE_KEY = 'oz-handoff';

/** This tab follows a hand-off: the element loads the hand-off chunk as it connects, to follow it on. */
export function followsHandoff(): boolean {
  try {
    return !!sessionStorage.getItem(HANDOFF_STORAGE_KEY);
  } catch {
    return false; // no storage here (a sandboxed frame): nothing was kept
  }
}

/** Where a phone tab keeps the secret of the hand-off it claimed, with its expiry: `{ secret, expiresAt }`. */
export const PHONE_STORAGE_KEY = 'oz-handoff-phone';

/**
 * The secret in this page's address, removed from it (`claimed` false); else the one this tab
 * claimed before a reload, while it lasts (`claimed` true); `undefined` when there is neither.
 */
export function takeHandoffSecret(): { secret: string; claimed: boolean } | undefined {
  const secret = LINK.exec(location.hash)?.[1];
  if (secret) {
    history.replaceState(history.state, '', location.pathname + location.search);
    return { secret, claimed: false };
  }
  try {
    const kept = JSON.parse(sessionStorage.getItem(PHONE_STORAGE_KEY) ?? 'null');
    if (typeof kept?.secret === 'string' && Date.now() < kept.expiresAt) return { secret: kept.secret, claimed: true };
    sessionStorage.removeItem(PHONE_STORAGE_KEY);
  } catch {
    // No storage here (a sandboxed frame), or not ours: nothing was kept.
  }
  return undefined;
}

export class PhoneLink {
  readonly secret: string;
  /** The claim's refusal (or a failure to ask), `undefined` once this phone holds the hand-off. */
  readonly claimed: Promise<OzErrorDetail | undefined>;

  constructor(
    { secret, claimed }: { secret: string; claimed: boolean },
    host: ReactiveControllerHost & HTMLElement,
    status: CheckStatus,
  ) {
    this.secret = secret;
    // After the first update: a framework sets the element's properties just after connecting it.
    this.claimed = host.updateComplete
      .then(() => import('./phone.js'))
      .then(
        (phone) => phone.claim(readConfig(host, false), secret, claimed, host),
        (e: unknown) => moduleFailed(e),
      )
      .then((refused) => {
        if (refused) status.fail(refused);
        return refused;
      });
  }
}
