/**
 * What a capture needs and a page does not need before the person acts: the preflight checks, the
 * plugin loader, the session-token request, the upload, and the capture session that ties them to
 * one open(). `<oz-liveness-check>` imports this module on `preload`, `preflight()` or the first
 * `start()`, so the page pays for the button up front and for the rest while the Oz plugin script
 * (far larger) loads anyway.
 */
export { loadPlugin } from './plugin-loader.js';
export { preflight } from './preflight.js';
export { CaptureSession, randomKey } from '../liveness-check/capture-session.js';
