/**
 * The simulated plugin's check of `open()` options against what Oz documents. A bad option ends
 * the session with `on_error` `sim_invalid_options` naming the field, so a page's mistake shows
 * in the simulator instead of first at a real deployment.
 */
import { OZ_ACTIONS, type SimulatedOpenOptions } from './plugin-types.js';

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The offending field and why, or null when every option has a documented form. */
export function invalidOption(o: SimulatedOpenOptions): { field: string; message: string } | null {
  if (o.action !== undefined) {
    if (!Array.isArray(o.action) || o.action.length === 0)
      return { field: 'action', message: 'action must be a non-empty array' };
    const unknown = o.action.find((a) => !(OZ_ACTIONS as readonly unknown[]).includes(a));
    if (unknown !== undefined) return { field: 'action', message: `unknown action ${JSON.stringify(unknown)}` };
  }
  if (o.meta !== undefined && (!isObject(o.meta) || Object.values(o.meta).some((v) => typeof v !== 'string'))) {
    return { field: 'meta', message: 'meta must be an object of strings' };
  }
  if (o.session_token != null && typeof o.session_token !== 'string')
    return { field: 'session_token', message: 'session_token must be a string' };
  if (o.lang !== undefined && typeof o.lang !== 'string') return { field: 'lang', message: 'lang must be a string' };
  if (o.cameraFacingMode !== undefined && o.cameraFacingMode !== 'user' && o.cameraFacingMode !== 'environment') {
    return { field: 'cameraFacingMode', message: 'cameraFacingMode must be "user" or "environment"' };
  }
  if (o.device_id !== undefined && typeof o.device_id !== 'string')
    return { field: 'device_id', message: 'device_id must be a string' };
  if (o.get_user_media_timeout !== undefined && !isMs(o.get_user_media_timeout)) {
    return { field: 'get_user_media_timeout', message: 'get_user_media_timeout must be a number of ms' };
  }
  const pt = o.get_user_media_promise_timeout_ms;
  if (pt !== undefined && !isMs(pt) && !isObject(pt)) {
    return {
      field: 'get_user_media_promise_timeout_ms',
      message: 'must be ms or an object keyed platform_browser, browser, platform, default',
    };
  }
  for (const f of [
    'get_user_media_promise_timeout_throw_error',
    'disable_adaptive_aspect_ratio',
    'enable_3d_mask',
  ] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'boolean') return { field: f, message: `${f} must be a boolean` };
  }
  for (const f of ['params', 'overlay_options'] as const) {
    if (o[f] !== undefined && !isObject(o[f])) return { field: f, message: `${f} must be an object` };
  }
  for (const f of ['on_capture_complete', 'on_error', 'on_close'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'function') return { field: f, message: `${f} must be a function` };
  }
  return null;
}
