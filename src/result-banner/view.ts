/**
 * What `<oz-result-banner>` shows, derived from what a check shares (its context, or its properties
 * and events through `for=`): the status, and the pieces the template reads. Everything that comes
 * in is checked on the way in; nothing here touches the element.
 */
import { followCheck, type OzFollowable, type OzLivenessSnapshot } from '../context.js';
import { normalizeResult } from '../core/decision.js';
import { messageKeyFor, type OzErrorDetail } from '../core/errors.js';
import { isRecord } from '../core/is-record.js';
import { isAnalysing, isBusy, OzState } from '../core/state.js';
import { composedParent, isMessageKey, type MessageKey } from '../i18n/index.js';

export const OzBannerStatus = {
  idle: 'idle',
  pending: 'pending',
  accept: 'accept',
  reject: 'reject',
  failed: 'failed',
  error: 'error',
} as const;
export type OzBannerStatus = (typeof OzBannerStatus)[keyof typeof OzBannerStatus];

/** What the banner shows, from whichever source spoke last. Everything is checked on the way in. */
export type View = Partial<OzLivenessSnapshot>;

export const SOURCE_EVENTS = ['oz-state-change', 'oz-upload-progress', 'oz-result', 'oz-error'] as const;
const STATES: readonly unknown[] = Object.values(OzState);

export const asState = (v: unknown) => (STATES.includes(v) ? (v as OzState) : undefined);
export const asError = (v: unknown) => (isRecord(v) ? (v as unknown as OzErrorDetail) : undefined);
export function asProgress(v: unknown): View['progress'] {
  if (!isRecord(v)) return;
  const { loaded, total } = v;
  return typeof loaded === 'number' && typeof total === 'number' && loaded >= 0 && total >= 0
    ? { loaded, total }
    : undefined;
}

/** A snapshot from a check (its properties or its context) → a view; decisions are recomputed. */
export function toView(s: unknown): View {
  if (!isRecord(s)) return {};
  const progress = asProgress(s.progress);
  const analysing = typeof s.analysing === 'boolean' ? s.analysing : isAnalysing(progress);
  return { state: asState(s.state), result: normalizeResult(s.result), error: asError(s.error), progress, analysing };
}

/** The closest `<oz-liveness-check>` around `el` (crossing shadow roots): the context's provider. */
export function closestCheck(el: Element): (Element & OzFollowable) | undefined {
  let node = composedParent(el);
  while (node && typeof (node as Partial<OzFollowable>)[followCheck] !== 'function') node = composedParent(node);
  return node as (Element & OzFollowable) | undefined;
}

/**
 * `ready` shows nothing too: a check gets there by loading ahead, by a reset, or by a new attempt
 * closed before the capture; none has an outcome. An error outranks a result: a check clears its
 * error when a result arrives, so when both are there the error is the newer.
 */
export const statusOf = ({ state, error, result }: View): OzBannerStatus =>
  isBusy(state)
    ? 'pending'
    : state === 'idle' || state === 'ready'
      ? 'idle'
      : state === 'error' || error
        ? 'error'
        : (result?.decision ?? 'idle');

export function errorKey(e: OzErrorDetail | undefined): MessageKey {
  const key = isMessageKey(e?.messageKey)
    ? e.messageKey
    : messageKeyFor(
        typeof e?.code === 'string' ? e.code : '',
        typeof e?.ozErrorCode === 'number' ? e.ozErrorCode : undefined,
      );
  return isMessageKey(key) ? key : 'error.plugin';
}
