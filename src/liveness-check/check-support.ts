/**
 * Small pieces `<oz-liveness-check>` needs beside its class: the capture machinery's lazy load,
 * the error details of the element's own failures, and reading its configuration.
 */
import { kitError } from '../core/errors.js';
import { OPTIONS, buildConfig, type ConfigProblem, type ConfigResult, type RawConfig } from '../core/options.js';
import { resolveLang } from '../i18n/index.js';

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

/** Every option the configuration reads (not `preload`, not the page-given token). */
export const CONFIG_PROPS = Object.keys(OPTIONS).filter((p) => p !== 'preload' && p !== 'sessionToken') as (keyof RawConfig)[];

/** The element's options through the table's validation; `lang` by the one resolver of both elements. */
export function readConfig(el: HTMLElement, forStart: boolean): ConfigResult {
  const raw: RawConfig = {};
  for (const p of CONFIG_PROPS) raw[p] = (el as unknown as Record<string, unknown>)[p];
  raw.lang = resolveLang(el, el.lang);
  return buildConfig(raw, document.baseURI, { forStart });
}
