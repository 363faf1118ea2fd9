/**
 * `oz-liveness-elements/react`: React components for `<oz-liveness-check>` and `<oz-result-banner>`,
 * made with `@lit/react`. Every prop is set on the element as a **property** (objects and arrays
 * arrive as they are), every kit event has a typed `onOz…` prop, and a ref gives the element itself
 * (`ref.current.start()`, `.reset()`, `.retryUpload()`, `.state`).
 *
 * Works with React 18 and 19 (an optional peer dependency). Importing this module defines both
 * elements, exactly like `import 'oz-liveness-elements'`. Safe to import and render on a server
 * (Next.js, Remix, `renderToString`): the elements render as empty tags there, and the props are set
 * once the component mounts in the browser. Safe under `<StrictMode>`: its double mount neither
 * adds a second listener nor interrupts a capture.
 */
import React from 'react';
import { createComponent, type EventName } from '@lit/react';
// Before Lit runs: the kit's Trusted Types policy is lent to Lit's module (core/trusted-types.ts).
import '../core/trusted-types.js';
// The element classes, not '../index.js': in the library build, index.js then keeps its own
// define() calls instead of becoming a re-export of a shared chunk, which package.json's
// "sideEffects" list does not name (a bundler could drop the definitions of `import 'oz-liveness-elements'`).
import {
  OzLivenessCheck as OzLivenessCheckElement,
  type OzLivenessCheckProperties,
} from '../liveness-check/liveness-check.js';
import { OzResultBanner as OzResultBannerElement } from '../result-banner/result-banner.js';
import type { OzEventDetails } from '../events.js';

// As in index.ts: define once, never throw, and no-op where there is no registry.
for (const [tag, ctor] of [
  ['oz-liveness-check', OzLivenessCheckElement],
  ['oz-result-banner', OzResultBannerElement],
] as const) {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, ctor);
}

export type { OzLivenessCheckElement, OzResultBannerElement };
export type { OzEventDetails, OzEventName, OzCloseReason, OzHandoffState } from '../events.js';
export type { OzResultDetail, OzDecision, OzFolder } from '../core/decision.js';
export type { OzErrorDetail, OzErrorCategory } from '../core/errors.js';
export type { OzState } from '../core/state.js';

/** The `CustomEvent` a kit event arrives as, e.g. `OzEvent<'oz-result'>`. */
export type OzEvent<K extends keyof OzEventDetails> = CustomEvent<OzEventDetails[K]>;

const ev = <K extends keyof OzEventDetails>(name: K) => name as EventName<OzEvent<K>>;

/** Each `onOz…` prop and the event it listens to. */
const checkEvents = {
  onOzPluginReady: ev('oz-plugin-ready'),
  onOzOpen: ev('oz-open'),
  onOzCaptureComplete: ev('oz-capture-complete'),
  onOzUploadProgress: ev('oz-upload-progress'),
  onOzResult: ev('oz-result'),
  onOzError: ev('oz-error'),
  onOzClose: ev('oz-close'),
  onOzStateChange: ev('oz-state-change'),
  onOzHandoff: ev('oz-handoff'),
};

/** The `onOz…` props of {@link OzLivenessCheck}. */
export interface OzLivenessCheckEventProps {
  /** `oz-plugin-ready`: the plugin script is loaded and `OzLiveness` exists. */
  onOzPluginReady?: (event: OzEvent<'oz-plugin-ready'>) => void;
  /** `oz-open`: `OzLiveness.open()` was called (the session token left out). */
  onOzOpen?: (event: OzEvent<'oz-open'>) => void;
  /** `oz-capture-complete`: cancelable; `event.preventDefault()` skips the built-in upload. */
  onOzCaptureComplete?: (event: OzEvent<'oz-capture-complete'>) => void;
  /** `oz-upload-progress`: `{ loaded, total }` bytes. */
  onOzUploadProgress?: (event: OzEvent<'oz-upload-progress'>) => void;
  /** `oz-result`: `{ decision, folder, status }`; `decision` is `accept`, `reject` or `failed`. */
  onOzResult?: (event: OzEvent<'oz-result'>) => void;
  /** `oz-error`: `{ code, category, message, retryable, … }`. */
  onOzError?: (event: OzEvent<'oz-error'>) => void;
  /** `oz-close`: `{ reason }`, one of `user`, `complete`, `error`, `api`. */
  onOzClose?: (event: OzEvent<'oz-close'>) => void;
  /** `oz-state-change`: `{ state, previous }`. */
  onOzStateChange?: (event: OzEvent<'oz-state-change'>) => void;
  /** `oz-handoff`: `{ state }` of a hand-off to a phone (`waiting` … `done`, `expired`, `cancelled`). */
  onOzHandoff?: (event: OzEvent<'oz-handoff'>) => void;
}

/** The element's writable properties; `state`, `result`, `error` and `container` are read through a ref. */
type CheckProperties = OzLivenessCheckProperties;

type BannerProperties = Partial<
  Pick<OzResultBannerElement, 'htmlFor' | 'result' | 'showDetails' | 'showBestShot' | 'lang' | 'messages'>
>;

/** Props of {@link OzLivenessCheck}: the element's properties, the `onOz…` events, and HTML attributes. */
export type OzLivenessCheckProps = Omit<
  React.HTMLAttributes<OzLivenessCheckElement>,
  keyof CheckProperties | keyof OzLivenessCheckEventProps
> &
  CheckProperties &
  OzLivenessCheckEventProps &
  React.RefAttributes<OzLivenessCheckElement>;

/** Props of {@link OzResultBanner}: the element's properties and HTML attributes. */
export type OzResultBannerProps = Omit<React.HTMLAttributes<OzResultBannerElement>, keyof BannerProperties> &
  BannerProperties &
  React.RefAttributes<OzResultBannerElement>;

/**
 * `<oz-liveness-check>` as a React component.
 *
 * ```tsx
 * <OzLivenessCheck pluginSrc="/oz/plugin_liveness.php" sessionTokenUrl="/api/liveness/session-token"
 *   backendUrl="/api/liveness/container" meta={{ transaction_id: id }} onOzResult={(e) => save(e.detail.decision)}>
 *   <OzResultBanner />
 * </OzLivenessCheck>
 * ```
 */
export const OzLivenessCheck: React.ForwardRefExoticComponent<OzLivenessCheckProps> = createComponent({
  react: React,
  tagName: 'oz-liveness-check',
  elementClass: OzLivenessCheckElement,
  events: checkEvents,
  displayName: 'OzLivenessCheck',
});

/**
 * `<oz-result-banner>` as a React component. Inside an {@link OzLivenessCheck} it follows that check
 * by itself; elsewhere give it `htmlFor` (the check's `id`) or a `result`.
 */
export const OzResultBanner: React.ForwardRefExoticComponent<OzResultBannerProps> = createComponent({
  react: React,
  tagName: 'oz-result-banner',
  elementClass: OzResultBannerElement,
  events: {},
  displayName: 'OzResultBanner',
});
