/**
 * oz-liveness-elements: importing this module defines `<oz-liveness-check>` and
 * `<oz-result-banner>`. Defining twice (a bundled copy and a script-tag copy) is a no-op. Safe to
 * import in Node (SSR): nothing here touches window or document at module top level.
 */
// First, before Lit: the kit's Trusted Types policy is lent to Lit's module as it runs (trusted-types.ts).
import './core/trusted-types.js';
import { OzLivenessCheck } from './liveness-check/liveness-check.js';
import { OzResultBanner } from './result-banner/result-banner.js';

// Literal define() calls (not a helper) so the Custom Elements Manifest sees the tag names.
if (typeof customElements !== 'undefined') {
  if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);
  if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);
}

export { OzLivenessCheck, OzResultBanner };
export type { OzLivenessCheckProperties } from './liveness-check/liveness-check.js';
export { ozLivenessContext, type OzLivenessSnapshot } from './context.js';
export type { OzEventDetails, OzEventName, OzCloseReason, OzHandoffState } from './events.js';
export { OzState } from './core/state.js';
export { decide, type OzDecision, type OzFolder, type OzAnalysis, type OzResultDetail } from './core/decision.js';
export { WASM_ERRORS, KitErrorCode, type OzErrorDetail, type OzErrorCategory } from './core/errors.js';
export { OZ_ACTIONS, type OzAction } from './core/options.js';
