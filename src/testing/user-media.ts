/**
 * Camera rules of the simulated plugin, as pure functions (no DOM at module level, testable in
 * Node): which `getUserMedia` constraints the options ask for, which timeout applies on this
 * browser, and which simulated error code a camera failure becomes.
 */

/**
 * Error codes the simulated plugin reports through `on_error`, besides Oz's own
 * `error_wasm_internal_failure_*`. INVENTED by the simulator: the real plugin's other codes are
 * not documented publicly, so an integration must treat unknown codes generically.
 */
export const SIMULATED_ERROR_CODES = [
  'sim_camera_denied',
  'sim_camera_not_found',
  'sim_camera_unavailable',
  'sim_camera_unsupported',
  'sim_camera_timeout',
  'sim_capture_failed',
  'sim_invalid_options',
  'sim_already_open',
] as const;

/** One of {@link SIMULATED_ERROR_CODES}. */
export type SimulatedErrorCode = (typeof SIMULATED_ERROR_CODES)[number];

/** `get_user_media_promise_timeout_ms`: ms, or per-platform/browser ms (keys as in {@link detectClientEnv}). */
export type PromiseTimeoutOption =
  | number
  | {
      /** Keyed `<platform>_<browser>`, e.g. `ios_safari`, `android_chrome`. */
      platform_browser?: Record<string, number>;
      /** Keyed by browser: `chrome`, `safari`, `firefox`, `edge`, `samsung`, `opera`, `yandex`, `other`. */
      browser?: Record<string, number>;
      /** Keyed by platform: `ios`, `android`, `windows`, `macos`, `linux`, `chromeos`, `other`. */
      platform?: Record<string, number>;
      default?: number;
    };

/** Where the page runs, as the keyed timeout option sees it. */
export interface ClientEnv {
  platform: string;
  browser: string;
}

/**
 * Platform and browser from a user agent. The key names are the simulator's (Oz does not publish
 * its own); iPadOS, which claims to be a Mac, counts as `ios` when it has touch points.
 */
export function detectClientEnv(nav: { userAgent: string; maxTouchPoints?: number }): ClientEnv {
  const ua = nav.userAgent;
  const platform =
    /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && (nav.maxTouchPoints ?? 0) > 1)
      ? 'ios'
      : /Android/.test(ua)
        ? 'android'
        : /Windows/.test(ua)
          ? 'windows'
          : /CrOS/.test(ua)
            ? 'chromeos'
            : /Mac OS X|Macintosh/.test(ua)
              ? 'macos'
              : /Linux|X11/.test(ua)
                ? 'linux'
                : 'other';
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? 'edge'
    : /SamsungBrowser/.test(ua)
      ? 'samsung'
      : /OPR\/|Opera/.test(ua)
        ? 'opera'
        : /YaBrowser/.test(ua)
          ? 'yandex'
          : /Firefox\/|FxiOS/.test(ua)
            ? 'firefox'
            : /CriOS|Chrome\/|Chromium\//.test(ua)
              ? 'chrome'
              : /Safari\//.test(ua)
                ? 'safari'
                : 'other';
  return { platform, browser };
}

function ms(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The `getUserMedia` promise timeout for this client, or `null` for none. A number applies
 * everywhere; the object is searched `platform_browser`, `browser`, `platform`, `default`, and the
 * first match wins.
 */
export function resolvePromiseTimeout(value: unknown, env: ClientEnv): number | null {
  if (typeof value === 'number') return ms(value);
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Exclude<PromiseTimeoutOption, number>;
  return (
    ms(o.platform_browser?.[`${env.platform}_${env.browser}`]) ??
    ms(o.browser?.[env.browser]) ??
    ms(o.platform?.[env.platform]) ??
    ms(o.default)
  );
}

/**
 * `getUserMedia` constraints from `open()` options. `device_id` is a hard requirement (`exact`), a
 * facing mode a preference (`ideal`), so a laptop without a back camera still gets a picture.
 */
export function cameraConstraints(options: { cameraFacingMode?: string; device_id?: string }): MediaStreamConstraints {
  const video: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 } };
  if (options.device_id) video.deviceId = { exact: options.device_id };
  if (options.cameraFacingMode || !options.device_id) video.facingMode = { ideal: options.cameraFacingMode ?? 'user' };
  return { audio: false, video };
}

/** The simulated code for a `getUserMedia` failure, from the `DOMException` name. */
export function cameraErrorCode(error: unknown): SimulatedErrorCode {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'sim_camera_denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'sim_camera_not_found';
    case 'NotSupportedError':
      return 'sim_camera_unsupported';
    default:
      return 'sim_camera_unavailable';
  }
}
