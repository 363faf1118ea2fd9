/**
 * The simulator as a classic script, like Oz's `plugin_liveness.php`: the dev server bundles this
 * entry (esbuild, IIFE) and serves it as `/simulator/plugin_liveness.js`, so `plugin-src` can point
 * at it exactly as at the real plugin. Loading it defines `window.OzLiveness`.
 *
 * Options come from the script's own URL query (`?scenario=&delay=&key=&lang=`), then the page
 * URL's `?scenario=` (so the demo's scenario picker works by reloading the page).
 */
import { installSimulator, type SimulatorOptions } from './plugin.js';
import { isScenarioName } from './scenarios.js';

function readOptions(): SimulatorOptions {
  const script = document.currentScript as HTMLScriptElement | null;
  const own = new URL(script?.src || location.href, location.href).searchParams;
  const page = new URLSearchParams(location.search);
  const options: SimulatorOptions = {};
  const scenario = own.get('scenario') ?? page.get('scenario');
  if (scenario !== null) {
    if (isScenarioName(scenario)) options.scenario = scenario;
    else console.warn(`[Oz simulator] unknown scenario "${scenario}", using "accept"`);
  }
  const delay = Number(own.get('delay'));
  if (own.has('delay') && Number.isFinite(delay) && delay >= 0) options.delay = delay;
  const key = own.get('key');
  if (key) options.key = key;
  const lang = own.get('lang');
  if (lang) options.lang = lang;
  return options;
}

installSimulator(window, readOptions());
