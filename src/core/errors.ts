/**
 * The one error catalogue. Every code the kit emits (its own and the plugin's) gets its category,
 * whether trying again can help, and the i18n key of the plain-words text a person reads. The
 * element, the events and the banner all read it from here.
 */

export type OzErrorCategory = 'wasm' | 'plugin' | 'config' | 'network' | 'backend' | 'environment';

/**
 * What a person is told went wrong, in one word: the camera, the connection, the check itself, the
 * browser, or the device (its memory). Each kind has one title (`error.title.<kind>`); the message says the rest.
 */
export type OzErrorKind = 'camera' | 'network' | 'check' | 'browser' | 'device';

/** Codes the kit itself raises (the plugin's own codes pass through verbatim). */
export const KitErrorCode = {
  invalidConfig: 'invalid-config',
  pluginLoadFailed: 'plugin-load-failed',
  pluginMissing: 'plugin-missing',
  pluginBusy: 'plugin-busy',
  sessionTokenFailed: 'session-token-failed',
  uploadFailed: 'upload-failed',
  uploadTimeout: 'upload-timeout',
  containerRejected: 'container-rejected',
  backendResponseInvalid: 'backend-response-invalid',
  // The plugin uploads by itself (on_complete, on_submit, on_result): the Web Adapter is not in capture mode.
  adapterNotCaptureMode: 'adapter-not-capture-mode',
  // Found by preflight(), before the plugin opens and before a session token is spent.
  insecureContext: 'insecure-context',
  cameraUnsupported: 'camera-unsupported',
  cameraDenied: 'camera-denied',
  wasmUnsupported: 'wasm-unsupported',
  // Continue on a phone (docs/handoff.md).
  handoffFailed: 'handoff-failed',
  handoffExpired: 'handoff-expired',
  handoffUsed: 'handoff-used',
} as const;
export type KitErrorCode = (typeof KitErrorCode)[keyof typeof KitErrorCode];

/**
 * The container (WASM) codes documented by Oz; `retryable` as Oz documents it. `kind`, here and in
 * the kit's table: `check` where not given.
 */
export const WASM_ERRORS: Readonly<Record<string, { retryable: boolean; kind?: OzErrorKind }>> = {
  error_wasm_internal_failure_1: { retryable: false, kind: 'browser' }, // no WebAssembly: another browser or device
  error_wasm_internal_failure_2: { retryable: false, kind: 'device' }, // out of memory: close other apps and tabs
  error_wasm_internal_failure_3: { retryable: true },
  error_wasm_internal_failure_4: { retryable: true },
  error_wasm_internal_failure_5: { retryable: true },
  error_wasm_internal_failure_1000: { retryable: true },
};

/** Oz API container error codes answered with HTTP 400. */
export const OZ_CONTAINER_ERROR_CODES = [3, 4, 5, 13, 14] as const;

/** `messageKey`: another code's text for the person, where theirs is the same (default `error.<code>`). */
type KitEntry = {
  category: OzErrorCategory;
  retryable: boolean;
  kind?: OzErrorKind;
  messageKey?: string;
  message: string;
};
const KIT: Record<KitErrorCode, KitEntry> = {
  'invalid-config': { category: 'config', retryable: false, message: 'Invalid configuration' },
  'plugin-load-failed': {
    category: 'plugin',
    retryable: true,
    kind: 'network',
    message: 'The Oz plugin script could not be loaded',
  },
  'plugin-missing': {
    category: 'plugin',
    retryable: false,
    message: 'The plugin script loaded but defines no OzLiveness.open',
  },
  'plugin-busy': {
    category: 'plugin',
    retryable: true,
    message: 'Another liveness check is already open on this page',
  },
  'session-token-failed': {
    category: 'network',
    retryable: true,
    kind: 'network',
    message: 'Could not get a session token',
  },
  'upload-failed': {
    category: 'network',
    retryable: true,
    kind: 'network',
    message: 'The container could not be uploaded',
  },
  'upload-timeout': {
    category: 'network',
    retryable: true,
    kind: 'network',
    message: 'The container upload timed out',
  },
  // A new capture can succeed (a fresh token, a whole container); re-sending the same bytes cannot.
  'container-rejected': { category: 'backend', retryable: true, message: 'Oz API rejected the container' },
  'backend-response-invalid': {
    category: 'backend',
    retryable: false,
    message: 'The backend answered with something that is not an Oz folder',
  },
  // The person can do nothing about the adapter's setting: the same words as any other setup problem.
  'adapter-not-capture-mode': {
    category: 'config',
    retryable: false,
    messageKey: 'error.invalid-config',
    message: 'Web Adapter not in capture mode',
  },
  // The camera cannot be reached from a page that is not a secure context: the person sees a camera problem.
  'insecure-context': { category: 'environment', retryable: false, kind: 'camera', message: 'Not a secure context' },
  'camera-unsupported': { category: 'environment', retryable: false, kind: 'camera', message: 'No camera API' },
  // Retryable: once the person allows the camera, a new start() works.
  'camera-denied': { category: 'environment', retryable: true, kind: 'camera', message: 'Camera permission denied' },
  'wasm-unsupported': { category: 'environment', retryable: false, kind: 'browser', message: 'No WebAssembly' },
  'handoff-failed': { category: 'network', retryable: true, kind: 'network', message: 'Hand-off failed' },
  // A new code (desktop) works; the link on the phone is spent either way.
  'handoff-expired': { category: 'network', retryable: true, message: 'Hand-off expired' },
  'handoff-used': { category: 'network', retryable: false, message: 'Hand-off link already used' },
};

/** What `oz-error`'s `detail` carries. */
export interface OzErrorDetail {
  /** A kit code, or the plugin's own code verbatim. */
  code: string;
  category: OzErrorCategory;
  /** For developers, in English. The banner shows a translated text from `messageKey`. */
  message: string;
  /** Whether trying again (a new `start()`, or `retryUpload()` for upload errors) can help. */
  retryable: boolean;
  /** The i18n key of the text for a person. */
  messageKey: string;
  /** `invalid-config`: the attribute's name. */
  field?: string;
  /** HTTP status, where there was one. */
  status?: number;
  /** `container-rejected`: Oz API `error_code` (3, 4, 5, 13 or 14). */
  ozErrorCode?: number;
  /** `camera-denied` found after a plugin error: the plugin's own code. */
  pluginCode?: string;
  /** Plugin errors: the plugin's `event_session_id`, to trace the session in Oz telemetry. */
  telemetryId?: string;
  /** A failed token or upload request: the backend's `X-Request-Id`, when it sent one. */
  requestId?: string;
}

export function isKitCode(code: string): code is KitErrorCode {
  return Object.hasOwn(KIT, code);
}

/**
 * The kind of a code or of an error detail (`check` for any code the catalogue does not know): it
 * picks the title. A configuration problem is never a connection problem, whatever its code.
 */
export function errorKindOf(codeOrDetail: unknown): OzErrorKind {
  const detail =
    codeOrDetail && typeof codeOrDetail === 'object' ? (codeOrDetail as Partial<OzErrorDetail>) : undefined;
  if (detail?.category === 'config') return 'check';
  const code = detail ? detail.code : codeOrDetail;
  const entry = isKitCode(code as string)
    ? KIT[code as KitErrorCode]
    : Object.hasOwn(WASM_ERRORS, code as string)
      ? WASM_ERRORS[code as string]
      : undefined;
  return entry?.kind ?? 'check';
}

/** The i18n key of the title for a code or an error detail: one per kind. */
export function titleKeyFor(codeOrDetail: unknown): `error.title.${OzErrorKind}` {
  return `error.title.${errorKindOf(codeOrDetail)}`;
}

/** The i18n key for a code (and, for a rejected container, the Oz error code). */
export function messageKeyFor(code: string, ozErrorCode?: number): string {
  if (
    code === 'container-rejected' &&
    ozErrorCode !== undefined &&
    (OZ_CONTAINER_ERROR_CODES as readonly number[]).includes(ozErrorCode)
  ) {
    return `error.container-rejected.${ozErrorCode}`;
  }
  if (isKitCode(code)) return KIT[code].messageKey ?? `error.${code}`;
  if (Object.hasOwn(WASM_ERRORS, code)) return `error.${code}`;
  return 'error.plugin';
}

/** Builds the detail of a kit error. `message` adds the specifics (what was wrong, what is allowed). */
export function kitError(
  code: KitErrorCode,
  message?: string,
  extra: Partial<
    Pick<OzErrorDetail, 'field' | 'status' | 'ozErrorCode' | 'requestId' | 'messageKey' | 'pluginCode' | 'telemetryId'>
  > = {},
): OzErrorDetail {
  const entry = KIT[code];
  return {
    code,
    category: entry.category,
    retryable: entry.retryable,
    message: message ? `${entry.message}: ${message}` : entry.message,
    ...extra,
    // A caller may name a more precise text (e.g. how to allow the camera in this browser).
    messageKey: extra.messageKey ?? messageKeyFor(code, extra.ozErrorCode),
  };
}

/**
 * Maps the plugin's `on_error` argument. WASM codes keep their code with category `wasm`; any other
 * code passes through with category `plugin`. A malformed argument still yields a usable detail.
 */
export function pluginError(raw: unknown): OzErrorDetail {
  const e = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const code =
    typeof e.code === 'string' && e.code ? e.code : typeof e.code === 'number' ? String(e.code) : 'plugin_error';
  const wasm = WASM_ERRORS[code];
  const detail: OzErrorDetail = {
    code,
    category: wasm ? 'wasm' : 'plugin',
    // Undocumented plugin codes: a new attempt is harmless and often helps.
    retryable: wasm ? wasm.retryable : true,
    message: typeof e.message === 'string' && e.message ? e.message : `Plugin error ${code}`,
    messageKey: messageKeyFor(code),
  };
  if (typeof e.event_session_id === 'string' && e.event_session_id) detail.telemetryId = e.event_session_id;
  return detail;
}
