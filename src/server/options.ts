/**
 * The handler's options: their types, defaults and checks. Everything the routes need is resolved
 * once, at creation, into a {@link Config}; a bad option is a `TypeError` naming it.
 */
import type { MinUploadRate } from './http/body.js';
import { resolveHandoff } from './handoff/secret.js';
import type { HandoffOptions } from './handoff/types.js';
import { resolveCors } from './http/cors.js';
import { boundedStore } from './idempotency/bounded.js';
import { createMemoryIdempotencyStore } from './idempotency/memory.js';
import { resolveBounds } from './limits/bounds.js';
import { DEFAULT_IDEMPOTENCY_TTL_MS, type IdempotencyOptions, type IdempotencyStore } from './idempotency/types.js';
import { createLimits, type Limits, type LimitsOptions } from './limits/limits.js';
import { type AccessTokens, fixedToken } from './oz/access-token.js';
import { DEFAULT_MAX_ANSWER_BYTES, type FetchLike } from './oz/calls.js';
import type { OzDecision, OzFolder } from './oz/folder.js';
import { loginTokens } from './oz/login.js';

/** Options of {@link createOzLivenessHandler}. Invalid options throw a `TypeError` at creation. */
export interface OzLivenessHandlerOptions {
  /** Base URL of Oz API, e.g. `https://api.example.ozforensics.com` (a path prefix is kept). `https:` unless loopback. */
  ozApiUrl: string | URL;
  /** Accept an `http:` `ozApiUrl` on a host that is not loopback (the access token then crosses the network in clear). Default `false`. */
  allowInsecureOzApiUrl?: boolean;
  /** `instant` → `POST /api/instant/folders/` (stores nothing); `full` → `POST /api/folders/`. Default `instant`. */
  api?: 'instant' | 'full';
  /** A fixed Oz access token, sent as `X-Forensic-Access-Token`. Omit both this and `credentials` when the installation needs none. */
  accessToken?: string;
  /** Oz login; the handler logs in with `POST /api/authorize/auth/` and reuses the token (see docs/server.md). */
  credentials?: { email: string; password: string };
  /** Largest container accepted, in bytes; enforced while streaming. Default 50 MiB. */
  maxContainerBytes?: number;
  /** Limit for each call to Oz (login, session token, upload + answer) while the browser waits, in ms. Default 50 000. */
  timeoutMs?: number;
  /**
   * How long an upload with an `Idempotency-Key` may go on with Oz after the browser got its `504`
   * (at `timeoutMs`), in ms, so that Oz's answer is still recorded for the browser's retry. Oz's
   * analysis time does not depend on the browser's patience. Only a whole body goes on; the upload
   * keeps its place among `limits.concurrentUploads` meanwhile. Default 300 000 (5 minutes); `0`
   * stops the call to Oz together with the 504.
   */
  backgroundTimeoutMs?: number;
  /** Largest answer read from Oz, in bytes; beyond it the call is cut off and the browser gets 502. Default 8 MiB. */
  maxOzAnswerBytes?: number;
  /** The `fetch` used to call Oz. Default `globalThis.fetch`. Must support streamed bodies (`duplex: 'half'`). */
  fetch?: FetchLike;
  /**
   * Called with the whole (untrimmed) folder before the browser gets its answer: the place to record
   * the decision server-side, where it belongs. The third argument holds the decision by the
   * fail-closed rule ({@link decideFolder}) and the request's `X-Request-Id`. If it throws, the
   * browser gets `500` instead; with an `Idempotency-Key` Oz's answer is still recorded and a retry
   * runs `onResult` again (make it idempotent by `folder_id`). It also runs when the browser has
   * already gone.
   */
  onResult?: (folder: OzFolder, request: Request, result: ResultContext) => void | Promise<void>;
  /** Cross-origin browsers allowed to call the routes (exact origins like `https://app.example.com`, or `'*'`). */
  cors?: {
    origins: string[];
    credentials?: boolean;
    /** Request headers a preflight may allow besides `Content-Type` and `Idempotency-Key` (e.g. `X-CSRF-Token`). */
    allowHeaders?: string[];
  };
  /** Send the browser only what the elements need. Default `true`. */
  trimResponse?: boolean;
  /** Where operator-facing lines go (Oz failures with their cause). Secrets are redacted. Default `console.warn`. */
  log?: (message: string) => void;
  /**
   * Retry-safe uploads by `Idempotency-Key` (on by default): a repeat of a key gets the recorded
   * answer instead of a second call to Oz. `false` turns it off. See docs/server.md.
   */
  idempotency?: IdempotencyOptions | false;
  /** Built-in limits for the public routes, off by default: see {@link LimitsOptions} and docs/security.md. */
  limits?: LimitsOptions;
  /**
   * Longest wait for one call to the idempotency store or the limits' counters (Redis), in ms;
   * past it the browser gets `503` with `Retry-After`. Default 1000.
   */
  storeTimeoutMs?: number;
  /**
   * The slowest container accepted: a body that brings fewer than `bytesPerSecond` over a whole
   * `windowMs` of waiting for the browser is cut with `408`. Default `{ bytesPerSecond: 4096,
   * windowMs: 10000 }`; `false` turns it off.
   */
  minUploadRate?: { bytesPerSecond?: number; windowMs?: number } | false;
  /**
   * Hand-off to a phone, off unless set: `POST …/handoff` and its routes (docs/handoff.md). Needs
   * `idempotency` (the phone's upload is keyed, so it reaches Oz and `onResult` once).
   */
  handoff?: HandoffOptions;
}

/** The third argument of `onResult`. */
export interface ResultContext {
  /** `accept` only for FINISHED + SUCCESS, `reject` for DECLINED, `failed` for everything else. */
  decision: OzDecision;
  /** The `X-Request-Id` of the request that brought the folder (the retry's, on a repeat). */
  requestId: string;
}

/** The default size limit: a few seconds of selfie video packed in a container is far below it. */
export const DEFAULT_MAX_CONTAINER_BYTES = 50 * 1024 * 1024;
/** Below the element's 60 s upload timeout, so the browser hears a clear `504` rather than giving up first. */
export const DEFAULT_TIMEOUT_MS = 50_000;
/** Minutes, not seconds: an Oz analysis under load fits, and the claim on the key expires soon after. */
export const DEFAULT_BACKGROUND_TIMEOUT_MS = 300_000;

/** The options, checked and resolved: what the routes read. */
export interface Config {
  base: string;
  uploadPath: string;
  tokens: AccessTokens;
  maxBytes: number;
  maxAnswerBytes: number;
  timeoutMs: number;
  backgroundTimeoutMs: number;
  fetch: FetchLike;
  onResult?: OzLivenessHandlerOptions['onResult'];
  origins?: Set<string>;
  corsCredentials: boolean;
  /** What a preflight allows: the element's headers plus the integrator's. */
  allowHeaders: string;
  trim: boolean;
  limits: Limits;
  log: (message: string) => void;
  idempotency?: { store: IdempotencyStore; ttlMs: number };
  /** Longest wait for a store or limits call. */
  storeTimeoutMs: number;
  /** The slowest body accepted (unset: no minimum). */
  minRate?: MinUploadRate;
  handoff?: ReturnType<typeof resolveHandoff>;
}

export function resolveOptions(options: OzLivenessHandlerOptions): Config {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createOzLivenessHandler: options must be an object with at least ozApiUrl.');
  }
  const fail = (message: string): never => {
    throw new TypeError(`createOzLivenessHandler: ${message}`);
  };

  let url: URL | undefined;
  try {
    url = new URL(String(options.ozApiUrl ?? ''));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail('ozApiUrl must be an absolute http(s) URL, e.g. https://api.example.ozforensics.com.');
  }
  const api = url as URL;
  // The URL itself is not echoed in messages: it could carry a secret the checks below refuse.
  if (api.username || api.password) fail('ozApiUrl must not contain a user or password; use credentials.');
  if (api.search || api.hash) fail('ozApiUrl must not have a query or fragment.');
  if (options.allowInsecureOzApiUrl !== undefined && typeof options.allowInsecureOzApiUrl !== 'boolean') {
    fail('allowInsecureOzApiUrl must be a boolean.');
  }
  if (api.protocol === 'http:' && !isLoopback(api.hostname) && options.allowInsecureOzApiUrl !== true) {
    fail(
      'ozApiUrl must be https: (the access token would cross the network in clear); for a test set allowInsecureOzApiUrl: true.',
    );
  }

  const mode = options.api ?? 'instant';
  if (mode !== 'instant' && mode !== 'full') fail("api must be 'instant' or 'full'.");

  const { accessToken, credentials } = options;
  if (accessToken !== undefined && (typeof accessToken !== 'string' || accessToken.trim() === '')) {
    fail('accessToken must be a non-empty string when given.');
  }
  if (credentials !== undefined) {
    if (typeof credentials !== 'object' || credentials === null) fail('credentials must be { email, password }.');
    if (typeof credentials.email !== 'string' || credentials.email === '')
      fail('credentials.email must be a non-empty string.');
    if (typeof credentials.password !== 'string' || credentials.password === '') {
      fail('credentials.password must be a non-empty string.');
    }
    if (accessToken !== undefined) fail('give either accessToken or credentials, not both.');
  }

  const maxBytes = options.maxContainerBytes ?? DEFAULT_MAX_CONTAINER_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) fail('maxContainerBytes must be a positive integer.');
  const maxAnswerBytes = options.maxOzAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  if (!Number.isSafeInteger(maxAnswerBytes) || maxAnswerBytes <= 0)
    fail('maxOzAnswerBytes must be a positive integer.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // setTimeout fires at once above 2^31-1 ms, which would turn every call into a 504.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    fail('timeoutMs must be a positive number of milliseconds (at most 2147483647).');
  }

  const backgroundTimeoutMs = options.backgroundTimeoutMs ?? DEFAULT_BACKGROUND_TIMEOUT_MS;
  if (
    typeof backgroundTimeoutMs !== 'number' ||
    !(backgroundTimeoutMs >= 0 && timeoutMs + backgroundTimeoutMs + 5000 <= 2 ** 31 - 1)
  ) {
    fail('backgroundTimeoutMs must be 0 or a positive number of milliseconds (with timeoutMs, below 2147483647).');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch must be a function.');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    fail('this runtime has no global fetch; pass options.fetch.');
  }
  // Looked up at call time, so a fetch replaced after start-up (mocks, instrumentation) is honoured.
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (options.onResult !== undefined && typeof options.onResult !== 'function') fail('onResult must be a function.');
  if (options.log !== undefined && typeof options.log !== 'function') fail('log must be a function.');
  if (options.trimResponse !== undefined && typeof options.trimResponse !== 'boolean')
    fail('trimResponse must be a boolean.');

  const { origins, credentials: corsCredentials, allowHeaders } = resolveCors(options.cors, fail);

  const bounds = resolveBounds(options, fail);
  let idempotency: Config['idempotency'];
  if (options.idempotency !== false) {
    const given = options.idempotency ?? {};
    if (typeof given !== 'object' || given === null) fail('idempotency must be { store?, ttlMs? } or false.');
    const store = given.store ?? createMemoryIdempotencyStore();
    if (
      typeof store.claim !== 'function' ||
      typeof store.complete !== 'function' ||
      typeof store.release !== 'function'
    ) {
      fail('idempotency.store must have claim, complete and release (see createRedisIdempotencyStore).');
    }
    const ttlMs = given.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    if (typeof ttlMs !== 'number' || !(ttlMs > 0 && ttlMs <= 2 ** 31 - 1))
      fail('idempotency.ttlMs must be a positive number of milliseconds.');
    idempotency = { store: boundedStore(store, bounds.storeTimeoutMs), ttlMs };
  }

  const handoff = resolveHandoff(options.handoff, fail);
  if (handoff && !idempotency) fail('handoff needs idempotency (the phone retries its upload with the same key).');

  const log = options.log ?? ((message: string) => console.warn(message));
  const base = `${api.origin}${api.pathname.replace(/\/+$/, '')}`;
  const tokens = credentials
    ? loginTokens({
        authUrl: `${base}/api/authorize/auth/`,
        email: credentials.email,
        password: credentials.password,
        fetch: fetchFn,
        timeoutMs,
        maxAnswerBytes,
      })
    : fixedToken(accessToken);

  return {
    base,
    uploadPath: mode === 'full' ? '/api/folders/' : '/api/instant/folders/',
    tokens,
    maxBytes,
    maxAnswerBytes,
    timeoutMs,
    backgroundTimeoutMs,
    fetch: fetchFn,
    onResult: options.onResult,
    origins,
    corsCredentials,
    // A phone or desktop on another origin sends the hand-off headers too.
    allowHeaders: handoff ? `${allowHeaders}, Oz-Handoff, Oz-Handoff-Watch` : allowHeaders,
    limits: createLimits(options.limits, fail, { timeoutMs, storeTimeoutMs: bounds.storeTimeoutMs }),
    trim: options.trimResponse ?? true,
    log,
    idempotency,
    storeTimeoutMs: bounds.storeTimeoutMs,
    minRate: bounds.minRate,
    handoff,
  };
}

/** `localhost`, 127.0.0.0/8 and ::1: the only hosts where plain `http:` never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}
