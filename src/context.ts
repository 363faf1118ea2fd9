/**
 * The context an `<oz-liveness-check>` provides to the `<oz-result-banner>` placed inside it.
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
}

export const ozLivenessContext = createContext<OzLivenessSnapshot>(Symbol.for('oz-liveness'));
