/**
 * What in this browser would stop a capture, found before the plugin opens and before a session
 * token is spent: not a secure context, no camera API (or a permissions policy that forbids the
 * camera), a camera the person has refused, no WebAssembly. It only asks the browser: it never opens
 * the camera and never fetches, so it is cheap to call on every `start()` and safe to call early
 * (e.g. to hide a "Verify" button that could not work).
 */
import { kitError, type OzErrorDetail } from './errors.js';
import { cameraHelpKey } from './camera-help.js';

export interface OzPreflightResult {
  /** `true` when nothing was found that would stop a capture. */
  ok: boolean;
  /** One `environment` error per problem, in the order a person should fix them. */
  problems: OzErrorDetail[];
}

/** Browsers whose camera settings we can describe; their steps differ, so their texts do too. */
export type OzBrowserFamily = 'chrome' | 'firefox' | 'safari' | 'other';

// One small table, first match wins. Edge, Opera and other Chromium browsers carry "Chrome/" and
// share Chrome's site-settings panel; Chrome, Edge and Firefox on iOS are Safari underneath and take
// its camera setting; Chrome's UA also says "Safari/", so Safari is matched last.
const FAMILIES: readonly (readonly [RegExp, OzBrowserFamily])[] = [
  [/CriOS\/|FxiOS\/|EdgiOS\//, 'safari'],
  [/Firefox\//, 'firefox'],
  [/Chrome\/|Chromium\/|Edg\//, 'chrome'],
  [/Safari\//, 'safari'],
];

/** The browser family of a user-agent string (only to pick the right "allow the camera" text). */
export function browserFamily(userAgent: string | undefined): OzBrowserFamily {
  return FAMILIES.find(([pattern]) => pattern.test(userAgent ?? ''))?.[1] ?? 'other';
}

/** How long a permissions query may take before its answer counts as unknown. */
const PERMISSION_QUERY_LIMIT_MS = 1000;

type PolicyDocument = Document & {
  permissionsPolicy?: { allowsFeature(feature: string): boolean };
  featurePolicy?: { allowsFeature(feature: string): boolean };
};

/** `false` only when a permissions policy says no; no policy API means nothing forbids it. */
function cameraAllowedByPolicy(): boolean {
  const doc = globalThis.document as PolicyDocument | undefined;
  const policy = doc?.permissionsPolicy ?? doc?.featurePolicy;
  try {
    return typeof policy?.allowsFeature === 'function' ? policy.allowsFeature('camera') !== false : true;
  } catch {
    return true;
  }
}

/**
 * The camera permission: `denied` only when the browser says so. Firefox and some Safari versions
 * throw for `{ name: 'camera' }`, and a query may hang: both count as unknown, never as denied.
 */
export async function cameraPermission(): Promise<PermissionState | 'unknown'> {
  const query = globalThis.navigator?.permissions?.query;
  if (typeof query !== 'function') return 'unknown';
  let timer: number | undefined;
  try {
    const status = await Promise.race([
      query.call(navigator.permissions, { name: 'camera' as PermissionName }),
      new Promise<undefined>((resolve) => (timer = window.setTimeout(resolve, PERMISSION_QUERY_LIMIT_MS))),
    ]);
    return status?.state ?? 'unknown';
  } catch {
    return 'unknown';
  } finally {
    window.clearTimeout(timer);
  }
}

function hasWebAssembly(): boolean {
  const wasm = (globalThis as { WebAssembly?: { instantiate?: unknown } }).WebAssembly;
  return typeof wasm === 'object' && wasm !== null && typeof wasm.instantiate === 'function';
}

/**
 * `camera-denied` with the steps to allow the camera in this browser. `why` adds the specifics;
 * `extra` what else the detail keeps (after a plugin error: its code and session id).
 */
export function cameraDenied(
  why: string,
  extra: Partial<Pick<OzErrorDetail, 'pluginCode' | 'telemetryId'>> = {},
): OzErrorDetail {
  const family = browserFamily(globalThis.navigator?.userAgent);
  const messageKey = cameraHelpKey(globalThis.navigator?.userAgent);
  return kitError('camera-denied', `${why} (browser: ${family})`, { ...extra, messageKey });
}

/** Everything in this browser that would stop a capture; see the module comment. */
export async function preflight(): Promise<OzPreflightResult> {
  const problems: OzErrorDetail[] = [];
  const secure = globalThis.isSecureContext !== false;
  // A page that is not a secure context has no camera API either: name the cause, not the symptom.
  if (!secure) problems.push(kitError('insecure-context'));
  let cameraUsable = secure;
  if (secure && typeof globalThis.navigator?.mediaDevices?.getUserMedia !== 'function') {
    problems.push(kitError('camera-unsupported', 'no navigator.mediaDevices.getUserMedia'));
    cameraUsable = false;
  } else if (secure && !cameraAllowedByPolicy()) {
    problems.push(
      kitError('camera-unsupported', 'a permissions policy forbids it', {
        messageKey: 'error.camera-unsupported.policy',
      }),
    );
    cameraUsable = false;
  }
  // Where the camera cannot be used anyway, a refusal would be a second name for the same problem.
  if (cameraUsable && (await cameraPermission()) === 'denied')
    problems.push(cameraDenied('the camera permission is denied'));
  if (!hasWebAssembly()) problems.push(kitError('wasm-unsupported'));
  return { ok: problems.length === 0, problems };
}
