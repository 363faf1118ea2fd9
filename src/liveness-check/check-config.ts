/**
 * `<oz-liveness-check>`'s configuration: its options read through the table's validation
 * (core/options.ts), and the error a bad one becomes. Read when an option changes (to report a bad
 * value at once) and once per action (`start()`, `retryUpload()`, a preload).
 */
import { kitError } from '../core/errors.js';
import { OPTIONS, buildConfig, type ConfigProblem, type ConfigResult, type RawConfig } from '../core/options.js';
import { composedParent } from '../i18n/index.js';

export const configError = (p: ConfigProblem) => kitError('invalid-config', p.message, { field: p.field });

/** Every option the configuration reads (not `preload`, not the page-given token). */
export const CONFIG_PROPS = Object.keys(OPTIONS).filter(
  (p) => p !== 'preload' && p !== 'sessionToken',
) as (keyof RawConfig)[];

/** The element's options through the table's validation, `lang` as the page gives it. */
export function readConfig(el: HTMLElement, forStart: boolean): ConfigResult {
  const raw: RawConfig = {};
  for (const p of CONFIG_PROPS) raw[p] = (el as unknown as Record<string, unknown>)[p];
  raw.lang = givenLang(el);
  return buildConfig(raw, document.baseURI, { forStart });
}

/**
 * The plugin's language exactly as the page gives it: the element's own `lang`, else the closest
 * `[lang]` (crossing shadow roots, up to `<html lang>`); `''` when none (the table makes it `en`).
 * Not narrowed to the kit's languages: the Web Adapter may have packs the kit has no words for.
 */
function givenLang(el: HTMLElement): string {
  let lang: string | null = el.lang;
  for (let node = composedParent(el); node && !lang; node = composedParent(node)) lang = node.getAttribute('lang');
  return lang || '';
}
