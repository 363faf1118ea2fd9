/**
 * What a capture needs and a page does not need before the person acts: the plugin loader, the
 * session-token request and the upload. `<oz-liveness-check>` imports this module on `preload` or at
 * the first `start()`, so the page pays for the button up front and for the rest while the Oz plugin
 * script (far larger) loads anyway.
 */
export { loadPlugin, PluginLoadError } from './plugin-loader.js';
export { fetchSessionToken, SessionTokenError } from './session-token.js';
export { uploadContainer, UploadError } from './upload.js';
export { CaptureSession, randomKey } from '../liveness-check/capture-session.js';
