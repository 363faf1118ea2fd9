/**
 * Attributes and properties → `OzLiveness.open()` options, or the first problem found, naming the
 * attribute. Parsing never throws: a bad value is a `ConfigProblem`, never an exception, so nothing
 * escapes an attribute setter and nothing bad reaches `open()`.
 */

/** Actions documented by Oz. */
export const OZ_ACTIONS = [
  'photo_id_front',
  'photo_id_back',
  'video_selfie_left',
  'video_selfie_right',
  'video_selfie_down',
  'video_selfie_high',
  'video_selfie_smile',
  'video_selfie_eyes',
  'video_selfie_scan',
  'video_selfie_blank',
  'video_selfie_best',
] as const;
export type OzAction = (typeof OZ_ACTIONS)[number];

export const DEFAULT_ACTIONS: readonly OzAction[] = ['video_selfie_blank'];
export const DEFAULT_UPLOAD_RETRIES = 2;
export const DEFAULT_UPLOAD_TIMEOUT = 60_000;

/** Options Oz retires on 2027-01-01: they still work, with one warning per page. */
export const RETIRED = {
  video_selfie_best: 'The action "video_selfie_best" is retired by Oz on 2027-01-01.',
  'enable-3d-mask': 'The option "enable-3d-mask" (enable_3d_mask) is retired by Oz on 2027-01-01.',
} as const;

export interface ConfigProblem {
  /** The attribute's name (or the property's, for properties without an attribute). */
  field: string;
  /** What was wrong and what is allowed. */
  message: string;
}

/** The raw values as the element holds them: attributes arrive as strings, properties as anything. */
export interface RawConfig {
  pluginSrc?: unknown;
  backendUrl?: unknown;
  sessionTokenUrl?: unknown;
  actions?: unknown;
  meta?: unknown;
  lang?: string;
  cameraFacingMode?: unknown;
  deviceId?: unknown;
  getUserMediaTimeout?: unknown;
  getUserMediaPromiseTimeoutMs?: unknown;
  getUserMediaPromiseTimeoutThrowError?: unknown;
  disableAdaptiveAspectRatio?: unknown;
  extractBestShot?: unknown;
  hideDocumentPattern?: unknown;
  enable3dMask?: unknown;
  uploadRetries?: unknown;
  uploadTimeout?: unknown;
  credentials?: unknown;
  headers?: unknown;
  openOptions?: unknown;
}

export interface ValidConfig {
  pluginSrc: string;
  backendUrl: string;
  sessionTokenUrl?: string;
  uploadRetries: number;
  uploadTimeout: number;
  credentials: RequestCredentials;
  headers: Record<string, string>;
  /** For `OzLiveness.open`, without `session_token` and callbacks (the element adds those). */
  openOptions: Record<string, unknown>;
  /** Retired options in use, for the one-time warning. */
  retired: (keyof typeof RETIRED)[];
}

export type ConfigResult = { ok: true; config: ValidConfig } | { ok: false; problem: ConfigProblem };

class Problem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute converters: string ⇄ value. `fromAttribute` keeps what it can't parse as the raw string, for validation to name. */
export const actionsConverter = {
  fromAttribute: (value: string | null): string[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: unknown): string | null => (Array.isArray(value) ? value.join(' ') : value == null ? null : String(value)),
};

export const jsonConverter = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return value; // validation reports it, naming the attribute
    }
  },
  toAttribute: (value: unknown): string | null => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value)),
};

/** Milliseconds, or (for the promise timeout) a keyed JSON object. */
export const msOrJsonConverter = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined;
    const t = value.trim();
    if (t.startsWith('{')) return jsonConverter.fromAttribute(t);
    return t === '' ? value : Number.isFinite(Number(t)) ? Number(t) : value;
  },
  toAttribute: jsonConverter.toAttribute,
};

export const numberConverter = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined;
    const t = value.trim();
    return t !== '' && Number.isFinite(Number(t)) ? Number(t) : value;
  },
  toAttribute: (value: unknown): string | null => (value == null ? null : String(value)),
};

function url(field: string, value: unknown, base: string, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new Problem(field, `${field} is required: the URL of ${field === 'plugin-src' ? 'the Oz plugin script (plugin_liveness.php)' : 'your backend route that forwards the container to Oz'}.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new Problem(field, `${field} must be a URL string.`);
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    throw new Problem(field, `${field} is not a valid URL: "${value}".`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Problem(field, `${field} must be an http(s) URL, not "${parsed.protocol}".`);
  }
  return parsed.href;
}

function ms(field: string, value: unknown, min: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Problem(field, `${field} must be a whole number of milliseconds ≥ ${min}, got "${String(value)}".`);
  }
  return value;
}

function bool(value: unknown): boolean {
  return value === true || value === '' || value === 'true';
}

function stringRecord(field: string, value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new Problem(field, `${field} must be a JSON object of ${what}, e.g. {"transaction_id":"42"}.`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Problem(field, `${field}: the value of "${k}" must be a string, got ${JSON.stringify(v)}.`);
  }
  return { ...(value as Record<string, string>) };
}

function actionsOf(value: unknown): OzAction[] {
  if (value === undefined || value === null) return [...DEFAULT_ACTIONS];
  const list = typeof value === 'string' ? actionsConverter.fromAttribute(value)! : value;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Problem('actions', `actions must list at least one of: ${OZ_ACTIONS.join(', ')}.`);
  }
  for (const a of list) {
    if (typeof a !== 'string' || !(OZ_ACTIONS as readonly string[]).includes(a)) {
      throw new Problem('actions', `actions: unknown action "${String(a)}"; allowed: ${OZ_ACTIONS.join(', ')}.`);
    }
  }
  return list as OzAction[];
}

function promiseTimeout(value: unknown): number | Record<string, number> | undefined {
  const field = 'get-user-media-promise-timeout-ms';
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return ms(field, value, 0);
  if (isRecord(value)) {
    const keys = ['platform_browser', 'browser', 'platform', 'default'];
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!keys.includes(k)) throw new Problem(field, `${field}: unknown key "${k}"; allowed keys: ${keys.join(', ')}.`);
      out[k] = ms(`${field}`, v, 0)!;
    }
    return out;
  }
  throw new Problem(field, `${field} must be milliseconds or a JSON object keyed platform_browser, browser, platform, default.`);
}

const CREDENTIALS: readonly RequestCredentials[] = ['same-origin', 'include', 'omit'];
/** Keys of `openOptions` the element owns: callbacks, and the token it fetches itself. */
const OWNED_OPEN_KEYS = /^(on_[a-z_]+|session_token)$/;

/**
 * Validates everything and builds the `open()` options. `base` resolves relative URLs (the page's
 * `document.baseURI`); `lang` is already resolved by the element. `forStart: false` checks the
 * values given without requiring the URLs.
 */
export function buildConfig(raw: RawConfig, base: string, { forStart = true } = {}): ConfigResult {
  try {
    // Required URLs are required at start(); on change only their form is checked, so a page may
    // set them one after the other without a spurious error.
    const pluginSrc = url('plugin-src', raw.pluginSrc, base, forStart) ?? '';
    const backendUrl = url('backend-url', raw.backendUrl, base, forStart) ?? '';
    const sessionTokenUrl = url('session-token-url', raw.sessionTokenUrl, base, false);
    const action = actionsOf(raw.actions);
    const meta = stringRecord('meta', raw.meta, 'string values');

    const open: Record<string, unknown> = { lang: raw.lang || 'en', action, meta };
    const retired: (keyof typeof RETIRED)[] = [];
    if (action.includes('video_selfie_best')) retired.push('video_selfie_best');

    const facing = raw.cameraFacingMode;
    if (facing !== undefined && facing !== null && facing !== '') {
      if (facing !== 'user' && facing !== 'environment') {
        throw new Problem('camera-facing-mode', `camera-facing-mode must be "user" or "environment", got "${String(facing)}".`);
      }
      open.cameraFacingMode = facing;
    }
    if (raw.deviceId !== undefined && raw.deviceId !== null && raw.deviceId !== '') {
      if (typeof raw.deviceId !== 'string') throw new Problem('device-id', 'device-id must be a string (a MediaDeviceInfo.deviceId).');
      open.device_id = raw.deviceId;
    }
    const gumTimeout = ms('get-user-media-timeout', raw.getUserMediaTimeout, 0);
    if (gumTimeout !== undefined) open.get_user_media_timeout = gumTimeout;
    const gumPromise = promiseTimeout(raw.getUserMediaPromiseTimeoutMs);
    if (gumPromise !== undefined) open.get_user_media_promise_timeout_ms = gumPromise;
    if (bool(raw.getUserMediaPromiseTimeoutThrowError)) open.get_user_media_promise_timeout_throw_error = true;
    if (bool(raw.disableAdaptiveAspectRatio)) open.disable_adaptive_aspect_ratio = true;
    if (bool(raw.extractBestShot)) open.params = { extract_best_shot: true };
    if (bool(raw.hideDocumentPattern)) open.overlay_options = { show_document_pattern: false };
    if (bool(raw.enable3dMask)) {
      open.enable_3d_mask = true;
      retired.push('enable-3d-mask');
    }

    const uploadRetries = ms('upload-retries', raw.uploadRetries, 0) ?? DEFAULT_UPLOAD_RETRIES;
    if (uploadRetries > 10) throw new Problem('upload-retries', `upload-retries must be between 0 and 10, got ${uploadRetries}.`);
    const uploadTimeout = ms('upload-timeout', raw.uploadTimeout, 1) ?? DEFAULT_UPLOAD_TIMEOUT;
    const credentials = (raw.credentials ?? 'same-origin') as RequestCredentials;
    if (!CREDENTIALS.includes(credentials)) {
      throw new Problem('credentials', `credentials must be one of ${CREDENTIALS.join(', ')}, got "${String(raw.credentials)}".`);
    }
    const headers = stringRecord('headers', raw.headers, 'header names to string values');
    for (const name of Object.keys(headers)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Problem('headers', `headers: "${name}" is not a valid header name.`);
    }

    if (raw.openOptions !== undefined && raw.openOptions !== null) {
      if (!isRecord(raw.openOptions)) throw new Problem('openOptions', 'openOptions must be an object of extra OzLiveness.open() options.');
      if ('token' in raw.openOptions) {
        throw new Problem('openOptions', 'openOptions must not carry "token": the Oz access token belongs on the server, never in the browser.');
      }
      for (const [k, v] of Object.entries(raw.openOptions)) {
        if (OWNED_OPEN_KEYS.test(k)) continue; // the element's callbacks and token cannot be replaced
        // One level of merge for the nested option groups, so extra keys don't drop the mapped ones.
        open[k] = isRecord(v) && isRecord(open[k]) ? { ...(open[k] as object), ...v } : v;
      }
    }

    return {
      ok: true,
      config: { pluginSrc, backendUrl, sessionTokenUrl, uploadRetries, uploadTimeout, credentials, headers, openOptions: open, retired },
    };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: { field: e.field, message: e.message } };
    return { ok: false, problem: { field: 'config', message: String(e) } };
  }
}
