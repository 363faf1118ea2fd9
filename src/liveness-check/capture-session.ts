/**
 * One capture: everything that belongs to one `OzLiveness.open()` — the callbacks it was given,
 * the abort controller of its requests, whether it captured, who closed its window, and the page's
 * one-window lock. `<oz-liveness-check>` creates one in `start()` and disposes it on `reset()`, on
 * the next capture and on removal; after `dispose()` nothing of it reaches the element any more
 * (late plugin callbacks, requests, timers). The element keeps attributes, rendering and events.
 * It travels in the lazy capture chunk (core/machinery.ts): a page pays for it at the first click.
 */
import type { OzCloseReason } from '../events.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import type { OzFolder } from '../core/decision.js';
import type { ValidConfig } from '../core/options.js';
import { loadPlugin, PluginLoadError, type OzLivenessPlugin } from '../core/plugin-loader.js';
import { fetchSessionToken, SessionTokenError } from '../core/session-token.js';
import { uploadContainer, UploadError } from '../core/upload.js';

/** What a session tells its element. Called only while the session is live. */
export interface CaptureSessionEvents {
  /** `on_capture_complete` with a Blob, once per session. */
  captured(result: unknown, container: Blob): void;
  /** `on_error`, `open()` throwing, or a capture without a container Blob. */
  failed(raw: unknown): void;
  /** The window closed: once per window, whoever closed it. */
  closed(reason: OzCloseReason, beforeCapture: boolean): void;
}

// The plugin has one window per page. The lock lives on globalThis under Symbol.for so that two
// copies of the kit on one page still see each other; it holds the session that opened (or is
// about to open) the window.
const WINDOW_LOCK = Symbol.for('oz-liveness-elements.window-owner');
type LockHolder = { [WINDOW_LOCK]?: object };
const lock = globalThis as LockHolder;

/** A random UUID (v4); `crypto.randomUUID` where there is one (it needs a secure context). */
export function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * `on_error`'s argument as the documented object. Real pages have seen `null`, a string and an
 * `Error`: each keeps whatever text it had.
 */
export function errorObject(raw: unknown): object {
  if (raw instanceof Error) return { code: (raw as { code?: unknown }).code, message: raw.message || raw.name };
  if (raw && typeof raw === 'object') return raw;
  const text = typeof raw === 'string' ? raw.trim() : '';
  return { message: text || `The plugin reported an error with no detail (on_error(${String(raw)})).` };
}

/** Any failure of the requests as an `OzErrorDetail`; an abort stays an abort (the session is gone). */
function toDetail(e: unknown, fallback: 'upload-failed' | 'plugin-load-failed' = 'plugin-load-failed'): unknown {
  if (e instanceof UploadError) return e.detail;
  if (e instanceof PluginLoadError) return kitError(e.code, e.message);
  if (e instanceof SessionTokenError) return kitError('session-token-failed', e.message, { status: e.status, requestId: e.requestId });
  if ((e as { name?: string })?.name === 'AbortError') return e;
  return fallback === 'upload-failed' ? kitError(fallback, String(e)) : pluginError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) });
}

export class CaptureSession {
  private readonly controller = new AbortController();
  private plugin?: OzLivenessPlugin;
  private closedBy?: OzCloseReason;
  private windowOpen = false;
  private closeReported = false;
  /** Whether the plugin gave a container. */
  captured = false;

  constructor(private readonly events: CaptureSessionEvents) {}

  /** Aborted on dispose: every request and backoff timer of this capture listens to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get disposed(): boolean {
    return this.controller.signal.aborted;
  }

  /** Takes the page's one plugin window; false when another session holds it. */
  claimWindow(): boolean {
    const owner = lock[WINDOW_LOCK];
    if (owner && owner !== this) return false;
    lock[WINDOW_LOCK] = this;
    return true;
  }

  /** Lets another session open the window (the plugin is done with it, or never opened it). */
  releaseWindow(): void {
    if (lock[WINDOW_LOCK] === this) lock[WINDOW_LOCK] = undefined;
  }

  /**
   * The plugin and the session token, asked for at once (the token only now, at the click).
   * `given`: a token the page supplied. `onPlugin` runs as soon as the plugin is there. Rejects
   * with the `OzErrorDetail` of the first failure, the other request aborted.
   */
  async prepare(config: ValidConfig, given: string | undefined, nonce: string, onPlugin: (plugin: OzLivenessPlugin) => void) {
    // Its own controller, so that the first failure can stop the other request without ending the session.
    const both = new AbortController();
    const stop = () => both.abort(this.signal.reason);
    this.signal.addEventListener('abort', stop, { once: true });
    const { signal } = both;
    const token = given ?? (config.sessionTokenUrl && fetchSessionToken(config.sessionTokenUrl, { credentials: config.credentials, headers: config.headers, signal }));
    try {
      const [plugin, sessionToken] = await Promise.all([loadPlugin(config.pluginSrc, { signal, nonce }).then((p) => (this.disposed || onPlugin(p), p)), token]);
      return { plugin, sessionToken: sessionToken || undefined };
    } catch (e) {
      both.abort(); // the other request is of no use now
      throw toDetail(e);
    } finally {
      this.signal.removeEventListener('abort', stop);
    }
  }

  /** POSTs the container (identical bytes, one `Idempotency-Key`); rejects with an `OzErrorDetail`. */
  async upload(container: Blob, config: ValidConfig, idempotencyKey: string, onProgress: (loaded: number, total: number) => void): Promise<OzFolder> {
    try {
      return await uploadContainer(container, {
        url: config.backendUrl,
        headers: config.headers,
        credentials: config.credentials,
        retries: config.uploadRetries,
        timeoutMs: config.uploadTimeout,
        idempotencyKey,
        signal: this.signal,
        onProgress: (loaded, total) => this.disposed || onProgress(loaded, total),
      });
    } catch (e) {
      throw toDetail(e, 'upload-failed');
    }
  }

  /** Calls `plugin.open()` with `options` and this session's callbacks. A throw becomes `failed`. */
  open(plugin: OzLivenessPlugin, options: Record<string, unknown>): void {
    this.plugin = plugin;
    this.windowOpen = true;
    try {
      plugin.open({
        ...options,
        on_capture_complete: (result: unknown, container: unknown) => this.onCapture(result, container),
        on_error: (error: unknown) => this.onError(error),
        on_close: () => this.onClose(),
      });
    } catch (e) {
      this.onError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** `close()` from the page: closes the window and reports `api` (even if the plugin never calls on_close). */
  close(): void {
    if (!this.windowOpen || this.closeReported) return;
    this.closedBy ??= 'api';
    this.plugin?.close?.();
    this.onClose();
  }

  /** Ends the session silently: aborts its requests, closes a window it still has open, frees the lock. */
  dispose(): void {
    if (this.disposed) return;
    this.controller.abort(new DOMException('The capture was reset.', 'AbortError'));
    if (this.windowOpen && !this.closeReported) this.plugin?.close?.();
    this.releaseWindow();
  }

  private onCapture(result: unknown, container: unknown): void {
    if (this.disposed || this.captured) return;
    if (!(container instanceof Blob)) {
      this.onError({ code: 'plugin_invalid_container', message: 'on_capture_complete gave no container Blob.' });
      return;
    }
    this.captured = true;
    this.releaseWindow(); // the plugin is done with its window: another element may open it now
    this.events.captured(result, container);
  }

  private onError(error: unknown): void {
    if (this.disposed) return;
    this.closedBy ??= 'error';
    this.events.failed(errorObject(error));
  }

  private onClose(): void {
    if (this.disposed || this.closeReported) return;
    this.closeReported = true;
    this.windowOpen = false;
    this.releaseWindow();
    this.events.closed(this.closedBy ?? (this.captured ? 'complete' : 'user'), !this.captured);
  }
}
