/**
 * Every event the kit fires: names, detail types, and the `HTMLElementEventMap` augmentation so
 * `el.addEventListener('oz-error', (e) => e.detail.code)` type-checks. All are `CustomEvent`s with
 * `bubbles: true, composed: true`.
 */
import type { OzErrorDetail } from './core/errors.js';
import type { OzResultDetail } from './core/decision.js';
import type { OzState } from './core/state.js';

export type { OzErrorDetail } from './core/errors.js';
export type { OzResultDetail } from './core/decision.js';

export type OzCloseReason = 'user' | 'complete' | 'error' | 'api';

/** A hand-off to a phone: the code is shown, the phone has the link, captures, uploads; or it ended. */
export type OzHandoffState = 'waiting' | 'opened' | 'capturing' | 'uploading' | 'done' | 'expired' | 'cancelled';

export interface OzEventDetails {
  'oz-plugin-ready': Record<string, never>;
  /** `options` as passed to `OzLiveness.open`, with the session token and the callbacks left out. */
  'oz-open': { options: Record<string, unknown> };
  /** `idempotencyKey`: sent as `Idempotency-Key` with every POST of this container (send it too if you upload it yourself). */
  'oz-capture-complete': { result: unknown; container: Blob; idempotencyKey: string };
  'oz-upload-progress': { loaded: number; total: number };
  'oz-result': OzResultDetail;
  'oz-error': OzErrorDetail;
  'oz-close': { reason: OzCloseReason };
  'oz-state-change': { state: OzState; previous: OzState };
  'oz-handoff': { state: OzHandoffState };
}

export type OzEventName = keyof OzEventDetails;

/** Builds a kit event; `cancelable` only where the contract says so (`oz-capture-complete`). */
export function ozEvent<K extends OzEventName>(name: K, detail: OzEventDetails[K]): CustomEvent<OzEventDetails[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: name === 'oz-capture-complete' });
}

declare global {
  interface HTMLElementEventMap {
    'oz-plugin-ready': CustomEvent<OzEventDetails['oz-plugin-ready']>;
    'oz-open': CustomEvent<OzEventDetails['oz-open']>;
    'oz-capture-complete': CustomEvent<OzEventDetails['oz-capture-complete']>;
    'oz-upload-progress': CustomEvent<OzEventDetails['oz-upload-progress']>;
    'oz-result': CustomEvent<OzEventDetails['oz-result']>;
    'oz-error': CustomEvent<OzEventDetails['oz-error']>;
    'oz-close': CustomEvent<OzEventDetails['oz-close']>;
    'oz-state-change': CustomEvent<OzEventDetails['oz-state-change']>;
    'oz-handoff': CustomEvent<OzEventDetails['oz-handoff']>;
  }
}
