/**
 * oz-liveness-elements: importing this module defines `<oz-liveness-check>` and
 * `<oz-result-banner>`. Defining twice (a bundled copy and a script-tag copy) is a no-op. Safe to
 * import in Node (SSR): nothing here touches window or document at module top level.
 */
import { OzLivenessCheck } from './liveness-check/liveness-check.js';
import { OzResultBanner } from './result-banner/result-banner.js';

function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, ctor);
}
define('oz-liveness-check', OzLivenessCheck);
define('oz-result-banner', OzResultBanner);

export { OzLivenessCheck, OzResultBanner };
export { ozLivenessContext, type OzLivenessSnapshot } from './context.js';
export type { OzEventDetails, OzEventName, OzCloseReason } from './events.js';
export { OzState } from './core/state.js';
export { decide, type OzDecision, type OzFolder, type OzAnalysis, type OzResultDetail } from './core/decision.js';
export { WASM_ERRORS, KitErrorCode, type OzErrorDetail, type OzErrorCategory } from './core/errors.js';
export { OZ_ACTIONS, type OzAction } from './core/options.js';
