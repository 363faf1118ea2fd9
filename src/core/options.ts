/**
 * The ONE table of `<oz-liveness-check>`'s options: for each, its attribute, how the attribute
 * converts, how the value is validated and what it becomes in `OzLiveness.open()`. The element's
 * reactive properties (`litProperties`), the validation (`buildConfig`), the React/Vue typings
 * (`OzLivenessCheckProperties`) and the docs (each row's JSDoc, read into custom-elements.json by
 * custom-elements-manifest.config.mjs: `@default`, `@open`) all derive from it. Adding an option
 * is adding a row. Parsing never throws out: a bad value is a `ConfigProblem` naming the attribute.
 */
import type { PropertyDeclaration } from 'lit';
import {
  DEFAULT_ACTIONS,
  MAX_TIMER_MS,
  OZ_ACTIONS,
  Problem,
  actionsConverter,
  bool,
  fail,
  flag,
  jsonConverter,
  mergeOpenOptions,
  ms,
  msOrJsonConverter,
  numberConverter,
  optionalUrl,
  readActions,
  readHeaders,
  readOpenOptions,
  readPromiseTimeout,
  required,
  set,
  stringRecord,
  unset,
  type Converter,
  type OzAction,
  type ReadContext,
} from './option-readers.js';

/** Options Oz retires on 2027-01-01: they still work, with one warning per page (its text: capture-steps.ts). */
export const RETIRED_OPTIONS = ['video_selfie_best', 'enable-3d-mask'] as const;
export type RetiredOption = (typeof RETIRED_OPTIONS)[number];
export const DEFAULT_UPLOAD_RETRIES = 2;
export const DEFAULT_UPLOAD_TIMEOUT = 60_000;
export const DEFAULT_SESSION_TOKEN_TIMEOUT = 15_000;

export interface ConfigProblem {
  /** The attribute's name (or the property's, for properties without an attribute). */
  field: string;
  /** What was wrong and what is allowed. */
  message: string;
}

export {
  DEFAULT_ACTIONS,
  MAX_TIMER_MS,
  OZ_ACTIONS,
  actionsConverter,
  jsonConverter,
  msOrJsonConverter,
  numberConverter,
  type OzAction,
};

/** One option. `P` is the property's type (for the typings); `read` validates, `apply` maps into `open()`. */
export interface OptionSpec<P = unknown> {
  /** The attribute; `false` for a property only. */
  attribute: string | false;
  /** `true`: a boolean attribute (present = true). */
  boolean?: true;
  converter?: Converter;
  /** Reflected to the attribute (everything but the session token). Default true. */
  reflect?: false;
  read?(value: unknown, field: string, ctx: ReadContext): unknown;
  apply?(open: Record<string, unknown>, value: never, retired: string[]): void;
  /** Type-only: the property's type. */
  readonly _type?: P;
}
const opt = <P>(spec: OptionSpec<P>): OptionSpec<P> => spec;

/**
 * Every option of `<oz-liveness-check>`, in the order they are validated. Each row's JSDoc is its
 * documentation; `@default` and `@open` (the `OzLiveness.open()` key) feed the docs tables.
 */
export const OPTIONS = {
  /** URL of the Oz plugin script (`plugin_liveness.php`); loaded once per page. @open the `<script src>` */
  pluginSrc: opt<string>({ attribute: 'plugin-src', read: required }),
  /** Where the container Blob is POSTed (your backend route). */
  backendUrl: opt<string>({ attribute: 'backend-url', read: required }),
  /** GET before every capture; answers `{ "session_token": "…" }`. @open session_token */
  sessionTokenUrl: opt<string>({ attribute: 'session-token-url', read: optionalUrl }),
  /** A session token the page fetched itself: used for one capture, then cleared. Never reflected. @open session_token */
  sessionToken: opt<string>({ attribute: 'session-token', reflect: false }),
  /** Actions, space- or comma-separated in the attribute. @default video_selfie_blank @open action */
  actions: opt<string[]>({
    attribute: 'actions',
    converter: actionsConverter,
    read: readActions,
    apply(open, action: OzAction[], retired) {
      open.action = action;
      if (action.includes('video_selfie_best')) retired.push('video_selfie_best');
    },
  }),
  /** `meta` for Oz API: a JSON object of strings. @default {} @open meta */
  meta: opt<Record<string, string>>({
    attribute: 'meta',
    converter: jsonConverter,
    read: stringRecord,
    apply: set('meta'),
  }),
  /** Language of the plugin, as given (any language pack installed on the Web Adapter, e.g. `fr`); this element's own words use the closest language the kit has. @default the closest `[lang]` up to `<html lang>`, else `en` @open lang */
  lang: opt<string>({ attribute: 'lang', read: (v) => v || 'en', apply: set('lang') }),
  /** How the person reaches your support (e.g. "call 0800 123 456"): shown, as text, in failures support can help with; a banner following this check uses it when it has none. */
  supportContact: opt<string>({
    attribute: 'support-contact',
    read: (v, field) => (unset(v) ? undefined : typeof v === 'string' ? v : fail(field, `${field} must be text.`)),
  }),
  /** `user` or `environment`. @open cameraFacingMode */
  cameraFacingMode: opt<'user' | 'environment'>({
    attribute: 'camera-facing-mode',
    read: (v, field) =>
      unset(v)
        ? undefined
        : v === 'user' || v === 'environment'
          ? v
          : fail(field, `${field} must be "user" or "environment", got "${String(v)}".`),
    apply: set('cameraFacingMode'),
  }),
  /** The camera to use (`MediaDeviceInfo.deviceId`). @open device_id */
  deviceId: opt<string>({
    attribute: 'device-id',
    read: (v, field) => (unset(v) ? undefined : typeof v === 'string' ? v : fail(field, `${field} must be a string.`)),
    apply: set('device_id'),
  }),
  /** ms before the plugin shows a hint when it can't get the camera. @open get_user_media_timeout */
  getUserMediaTimeout: opt<number>({
    attribute: 'get-user-media-timeout',
    converter: numberConverter,
    read: (v, f) => ms(v, f),
    apply: set('get_user_media_timeout'),
  }),
  /** ms after which a hung getUserMedia ends; or JSON `{platform_browser, browser, platform, default}`. Reaches `open()` always as that object (ms → `{ default: ms }`). @open get_user_media_promise_timeout_ms */
  getUserMediaPromiseTimeoutMs: opt<number | Record<string, number>>({
    attribute: 'get-user-media-promise-timeout-ms',
    converter: msOrJsonConverter,
    read: readPromiseTimeout,
    apply: set('get_user_media_promise_timeout_ms'),
  }),
  /** After that timeout: `on_error` (true) or an instruction to the person (false). @default false @open get_user_media_promise_timeout_throw_error */
  getUserMediaPromiseTimeoutThrowError: opt<boolean>({
    attribute: 'get-user-media-promise-timeout-throw-error',
    boolean: true,
    read: bool,
    apply: flag('get_user_media_promise_timeout_throw_error'),
  }),
  /** Stop fitting the video to 4:3, 3:4, 16:9 or 9:16. @default false @open disable_adaptive_aspect_ratio */
  disableAdaptiveAspectRatio: opt<boolean>({
    attribute: 'disable-adaptive-aspect-ratio',
    boolean: true,
    read: bool,
    apply: flag('disable_adaptive_aspect_ratio'),
  }),
  /** Best-frame choice in the liveness analysis. @default false @open params.extract_best_shot */
  extractBestShot: opt<boolean>({
    attribute: 'extract-best-shot',
    boolean: true,
    read: bool,
    apply: flag('params', { extract_best_shot: true }),
  }),
  /** A plain frame instead of the document template. @default false @open overlay_options.show_document_pattern: false */
  hideDocumentPattern: opt<boolean>({
    attribute: 'hide-document-pattern',
    boolean: true,
    read: bool,
    apply: flag('overlay_options', { show_document_pattern: false }),
  }),
  /** 3D mask capture. Deprecated: Oz retires it on 2027-01-01 (warns once). @default false @open enable_3d_mask */
  enable3dMask: opt<boolean>({
    attribute: 'enable-3d-mask',
    boolean: true,
    read: bool,
    apply(open, on: boolean, retired) {
      if (on) (open.enable_3d_mask = true), retired.push('enable-3d-mask');
    },
  }),
  /** Start loading the plugin script on connect (never the session token: that waits for the click). @default false */
  preload: opt<boolean>({ attribute: 'preload', boolean: true }),
  /** Retries on network error, timeout, 408, 429 and 5xx. @default 2 */
  uploadRetries: opt<number>({
    attribute: 'upload-retries',
    converter: numberConverter,
    read: (v, field) => {
      const n = ms(v, field) ?? DEFAULT_UPLOAD_RETRIES;
      return n > 10 ? fail(field, `${field} must be between 0 and 10, got ${n}.`) : n;
    },
  }),
  /** One upload attempt's limit, ms. @default 60000 */
  uploadTimeout: opt<number>({
    attribute: 'upload-timeout',
    converter: numberConverter,
    read: (v, f) => ms(v, f, 1) ?? DEFAULT_UPLOAD_TIMEOUT,
  }),
  /** The session-token request's limit, ms: past it the start ends in `session-token-failed` (retryable). @default 15000 */
  sessionTokenTimeout: opt<number>({
    attribute: 'session-token-timeout',
    converter: numberConverter,
    read: (v, f) => ms(v, f, 1) ?? DEFAULT_SESSION_TOKEN_TIMEOUT,
  }),
  /** fetch credentials for the token and the upload: `same-origin`, `include`, `omit`. @default same-origin */
  credentials: opt<RequestCredentials>({
    attribute: 'credentials',
    read: (v = 'same-origin', field) =>
      ['same-origin', 'include', 'omit'].includes(v as string)
        ? v
        : fail(field, `${field} must be one of same-origin, include, omit, got "${String(v)}".`),
  }),
  /** The backend's hand-off route (`…/handoff`): when set, the person can continue on a phone (`handoff()`, docs/handoff.md). */
  handoffUrl: opt<string>({ attribute: 'handoff-url', read: optionalUrl }),
  /** Extra request headers for the token and the upload (e.g. CSRF); never `Content-Type` or `Idempotency-Key`. Property only. */
  headers: opt<Record<string, string>>({
    attribute: false,
    read: readHeaders,
  }),
  /** Extra `OzLiveness.open()` options merged in: plain data only; not the callbacks, `action`, `meta`, `lang` or `session_token` (use the attributes). Property only. */
  openOptions: opt<Record<string, unknown>>({
    attribute: false,
    read: readOpenOptions,
    apply: mergeOpenOptions,
  }),
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
type PropertyType<S> = S extends OptionSpec<infer P> ? P : never;
/** What a page may set on the check: every option's property (the React and Vue typings read this). */
export type OzCheckOptionValues = { [K in OptionName]?: PropertyType<(typeof OPTIONS)[K]> };

/** The raw values as the element holds them: attributes arrive as strings, properties as anything. */
export type RawConfig = { [K in OptionName]?: unknown };

/** Lit's property declarations, one per row. */
export function litProperties(): Record<string, PropertyDeclaration> {
  const out: Record<string, PropertyDeclaration> = {};
  for (const [name, o] of Object.entries(OPTIONS) as [string, OptionSpec][]) {
    out[name] = {
      attribute: o.attribute,
      reflect: !!o.attribute && o.reflect !== false,
      type: o.boolean && Boolean,
      converter: o.converter,
    };
  }
  return out;
}

export interface ValidConfig {
  pluginSrc: string;
  backendUrl: string;
  sessionTokenUrl?: string;
  handoffUrl?: string;
  /** Not an option: the secret of the hand-off this page (a phone) opened, sent as `Oz-Handoff` with its token and upload. */
  handoffSecret?: string;
  uploadRetries: number;
  uploadTimeout: number;
  sessionTokenTimeout: number;
  credentials: RequestCredentials;
  headers: Record<string, string>;
  /** For `OzLiveness.open`, without `session_token` and callbacks (the element adds those). */
  openOptions: Record<string, unknown>;
  /** Retired options in use, for the one-time warning. */
  retired: RetiredOption[];
}

export type ConfigResult = { ok: true; config: ValidConfig } | { ok: false; problem: ConfigProblem };

/**
 * Validates every row in order and builds the `open()` options. `base` resolves relative URLs (the
 * page's `document.baseURI`); `lang` is already resolved by the element. `forStart: false` checks
 * the values given without requiring the URLs (a page may set them one after the other).
 */
export function buildConfig(raw: RawConfig, base: string, { forStart = true } = {}): ConfigResult {
  const values: Record<string, unknown> = {};
  const open: Record<string, unknown> = {};
  const retired: string[] = [];
  try {
    for (const [name, o] of Object.entries(OPTIONS) as [OptionName, OptionSpec][]) {
      const value = (values[name] = o.read ? o.read(raw[name], o.attribute || name, { base, forStart }) : raw[name]);
      o.apply?.(open, value as never, retired);
    }
  } catch (e) {
    return {
      ok: false,
      problem: e instanceof Problem ? { field: e.field, message: e.message } : { field: 'config', message: String(e) },
    };
  }
  const v = values as Record<OptionName, never>;
  return {
    ok: true,
    config: {
      pluginSrc: v.pluginSrc ?? '',
      backendUrl: v.backendUrl ?? '',
      sessionTokenUrl: v.sessionTokenUrl,
      handoffUrl: v.handoffUrl,
      uploadRetries: v.uploadRetries,
      uploadTimeout: v.uploadTimeout,
      sessionTokenTimeout: v.sessionTokenTimeout,
      credentials: v.credentials,
      headers: v.headers,
      openOptions: open,
      retired: retired as ValidConfig['retired'],
    },
  };
}
