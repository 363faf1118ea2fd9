/**
 * What a capture needs and a page does not need before the person acts: the preflight checks, the
 * plugin loader, the capture session (the session token and the upload inside it) and the steps
 * after the click. `<oz-liveness-check>` imports this module on `preload`, `preflight()` or the
 * first `start()`, so the page pays for the button up front and for the rest while the Oz plugin
 * script (far larger) loads anyway.
 */
export { loadPlugin } from './plugin-loader.js';
export { preflight } from './preflight.js';
export { startCapture, uploadKept } from '../liveness-check/capture-steps.js';
