/**
 * POSTs the container Blob itself — no base64, no FormData, no ArrayBuffer copy — to the backend,
 * with a per-attempt timeout, retries with exponential backoff and jitter (honouring Retry-After)
 * on network errors, timeouts, 408, 429 and 5xx, and byte progress where the browser reports it.
 * Keeps nothing itself: the caller holds the container, so a failure loses nothing. Every attempt
 * carries the same `Idempotency-Key`, so a backend that already got an answer from Oz replays it
 * instead of resending a container whose session token is spent.
 */
import { kitError, type OzErrorDetail } from './errors.js';
import { routeError } from './route-failure.js';
import { isFolder, type OzFolder } from './decision.js';
import { KIT_HEADERS } from './option-readers.js';

export interface UploadOptions {
  url: string;
  /** The page's extra headers; they never replace `Content-Type` or `Idempotency-Key`, in any letter case. */
  headers: Record<string, string>;
  /** One per container (a random UUID), sent as `Idempotency-Key` on every attempt of it. */
  idempotencyKey?: string;
  credentials: RequestCredentials;
  /** Retries after the first attempt. */
  retries: number;
  /** One attempt's limit, ms. */
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number) => void;
  /** Injectable for tests of the backoff; defaults to an abortable timer and Math.random. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export class UploadError extends Error {
  constructor(readonly detail: OzErrorDetail) {
    super(detail.message);
    this.name = 'UploadError';
  }
}

interface Attempt {
  status: number; // 0: network error
  body: string;
  retryAfter: string | null;
  timedOut: boolean;
  requestId?: string;
}

/** The page's headers without the kit's own (whatever their case), then the kit's. */
function requestHeaders(o: UploadOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(o.headers)) if (!KIT_HEADERS.test(name)) out[name] = value;
  out['Content-Type'] = 'application/octet-stream';
  if (o.idempotencyKey) out['Idempotency-Key'] = o.idempotencyKey;
  return out;
}

/** A well-formed `X-Request-Id` only: it ends up in an event detail a page may show. */
function requestIdOf(value: string | null): string | undefined {
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}

const BACKOFF_BASE = 500;
const BACKOFF_CAP = 8_000;
const RETRY_AFTER_CAP = 30_000;

export async function uploadContainer(container: Blob, options: UploadOptions): Promise<OzFolder> {
  const { retries, signal } = options;
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const total = container.size;
  options.onProgress?.(0, total);
  let last: Attempt | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff(attempt, last!.retryAfter, random), signal);
    last = await send(container, options);
    if (last.status >= 200 && last.status < 300) {
      options.onProgress?.(total, total);
      return parseFolder(last);
    }
    if (!isRetryable(last)) break;
  }
  const detail = failure(last!, options.url);
  if (last!.requestId) detail.requestId = last!.requestId;
  throw new UploadError(detail);
}

function isRetryable(a: Attempt): boolean {
  return a.status === 0 || a.status === 408 || a.status === 429 || a.status >= 500;
}

/** Full jitter on 500 ms · 2^n (capped); a server's Retry-After, when given, is the floor. */
export function backoff(attempt: number, retryAfter: string | null, random: () => number): number {
  const exp = Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const after = parseRetryAfter(retryAfter);
  return after === undefined ? jittered : Math.max(jittered, Math.min(after, RETRY_AFTER_CAP));
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseFolder(a: Attempt): OzFolder {
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    throw new UploadError(
      kitError('backend-response-invalid', `HTTP ${a.status} with a body that is not JSON.`, { status: a.status }),
    );
  }
  if (!isFolder(body)) {
    throw new UploadError(
      kitError('backend-response-invalid', `HTTP ${a.status} with JSON that is not an Oz folder.`, {
        status: a.status,
      }),
    );
  }
  return body;
}

function failure(a: Attempt, url: string): OzErrorDetail {
  if (a.status === 400) {
    let ozErrorCode: number | undefined;
    try {
      const code = (JSON.parse(a.body) as { error_code?: unknown })?.error_code;
      if (typeof code === 'number') ozErrorCode = code;
    } catch {
      // a 400 without Oz's JSON body: still a rejection, without a code
    }
    return kitError('container-rejected', ozErrorCode === undefined ? 'HTTP 400' : `Oz error_code ${ozErrorCode}`, {
      status: 400,
      ozErrorCode,
    });
  }
  if (a.timedOut) return kitError('upload-timeout', `POST ${url} took too long.`);
  if (a.status === 0) return kitError('upload-failed', `POST ${url} failed: network error.`);
  return routeError('upload-failed', `POST ${url} answered HTTP ${a.status}.`, { status: a.status });
}

function send(container: Blob, o: UploadOptions): Promise<Attempt> {
  // XHR is the only API that reports upload progress in every browser, and it sends the Blob as is.
  // It cannot omit same-origin cookies, so `credentials: 'omit'` goes through fetch (no progress).
  return o.credentials === 'omit' ? sendWithFetch(container, o) : sendWithXhr(container, o);
}

function sendWithXhr(container: Blob, o: UploadOptions): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(o.signal.reason);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', o.url);
    xhr.withCredentials = o.credentials === 'include';
    xhr.timeout = o.timeoutMs;
    for (const [k, v] of Object.entries(requestHeaders(o))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => o.onProgress?.(e.loaded, e.lengthComputable ? e.total : container.size);
    const onAbort = () => xhr.abort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const end = (a: Attempt | null) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (a) resolve(a);
      else reject(o.signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    xhr.onload = () =>
      end({
        status: xhr.status,
        body: xhr.responseText,
        retryAfter: xhr.getResponseHeader('Retry-After'),
        timedOut: false,
        requestId: requestIdOf(xhr.getResponseHeader('X-Request-Id')),
      });
    xhr.onerror = () => end({ status: 0, body: '', retryAfter: null, timedOut: false });
    xhr.ontimeout = () => end({ status: 0, body: '', retryAfter: null, timedOut: true });
    xhr.onabort = () => end(null);
    xhr.send(container);
  });
}

async function sendWithFetch(container: Blob, o: UploadOptions): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.timeoutMs);
  const signal = o.signal ? anySignal([o.signal, timeout.signal]) : timeout.signal;
  try {
    const r = await fetch(o.url, {
      method: 'POST',
      body: container,
      credentials: o.credentials,
      headers: requestHeaders(o),
      signal,
    });
    const requestId = requestIdOf(r.headers.get('X-Request-Id'));
    return {
      status: r.status,
      body: await r.text(),
      retryAfter: r.headers.get('Retry-After'),
      timedOut: false,
      requestId,
    };
  } catch (e) {
    if (o.signal?.aborted) throw e;
    return { status: 0, body: '', retryAfter: null, timedOut: timeout.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const c = new AbortController();
  for (const s of signals) {
    if (s.aborted) c.abort(s.reason);
    else s.addEventListener('abort', () => c.abort(s.reason), { once: true });
  }
  return c.signal;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
