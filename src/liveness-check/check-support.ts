/**
 * Small pieces `<oz-liveness-check>` needs beside its class: the capture machinery's lazy load,
 * and the error details of the element's own failures.
 */
import { kitError } from '../core/errors.js';
import type { ConfigProblem } from '../core/options.js';

export type Machinery = typeof import('../core/machinery.js');
let machinery: Promise<Machinery> | undefined;
/** The capture machinery, loaded once on first need; a failed load is forgotten so a retry tries again. */
export function loadMachinery(): Promise<Machinery> {
  return (machinery ??= import('../core/machinery.js').catch((e: unknown) => {
    machinery = undefined;
    throw e;
  }));
}

export const configError = (p: ConfigProblem) => kitError('invalid-config', p.message, { field: p.field });
export const machineryError = (code: 'plugin-load-failed' | 'upload-failed', e: unknown) =>
  kitError(code, `the kit's capture module failed to load (${String(e)})`);
