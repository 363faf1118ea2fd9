/**
 * One capture's plugin window: everything that belongs to one `OzLiveness.open()` — the callbacks
 * it was given, whether it captured, who closed it, and the page's one-window lock. `CaptureFlow`
 * (capture-flow.ts) creates one per run and disposes it when the run ends; whether a callback still
 * matters is the flow's run id, checked in what the flow passes as `events`.
 * It travels in the lazy capture chunk (capture.ts): a page pays for it at the first click.
 */
import type { OzCloseReason } from '../events.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';

/** What a session tells its flow (which drops what comes from a run that is over). */
export interface CaptureSessionEvents {
  /** `on_capture_complete` with a Blob (first or second argument), once per session; `result` is the other one. */
  captured(result: unknown, container: Blob): void;
  /** `on_submit`, `on_result` or `on_complete`: the plugin uploads by itself (the adapter is not in capture mode). */
  misconfigured(callback: string): void;
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

/**
 * How long a window that closed before handing over a container may still hand one over. Oz fixes
 * no order between `on_close` and `on_capture_complete`: a plugin may close its window first and
 * deliver the container a moment later (docs/liveness-check.md).
 */
export const CLOSE_GRACE_MS = 2000;

/** The callbacks a plugin calls only when it uploads by itself (Web Adapter not in `capture` mode). */
const UPLOADING_CALLBACKS = ['on_submit', 'on_result', 'on_complete'] as const;

export class CaptureSession {
  private plugin?: OzLivenessPlugin;
  private closedBy?: OzCloseReason;
  private windowOpen = false;
  private closeReported = false;
  /** Set while a window that closed before its container may still hand one over. */
  private grace?: ReturnType<typeof setTimeout>;
  /** Whether the plugin gave a container. */
  captured = false;
  /** Whether `open()` was called: the window has been shown (it may be closed again). */
  opened = false;

  /** The window is open now: `close()` has a window to close. */
  get windowShown(): boolean {
    return this.windowOpen && !this.closeReported;
  }

  constructor(private readonly events: CaptureSessionEvents) {}

  /** The window closed before a container; its close is reported once the grace period ends. */
  get waiting(): boolean {
    return this.grace !== undefined;
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

  /** Calls `plugin.open()` with `options` and this session's callbacks. A throw becomes `failed`. */
  open(plugin: OzLivenessPlugin, options: Record<string, unknown>): void {
    this.plugin = plugin;
    this.opened = this.windowOpen = true;
    const wrongMode = Object.fromEntries(UPLOADING_CALLBACKS.map((name) => [name, () => this.onWrongMode(name)]));
    try {
      plugin.open({
        ...options,
        ...wrongMode,
        on_capture_complete: (first: unknown, second: unknown) => this.onCapture(first, second),
        on_error: (error: unknown) => this.onError(error),
        on_close: () => this.onClose(),
      });
    } catch (e) {
      this.onError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /**
   * `close()` from the page: closes the window and reports `api` (even if the plugin never calls
   * on_close). A window already closed by its user stops waiting for a container: reported now.
   */
  close(): void {
    if (this.grace !== undefined) {
      this.reportClose();
      return;
    }
    if (!this.windowOpen || this.closeReported) return;
    this.closedBy ??= 'api';
    this.plugin?.close?.();
    this.onClose();
  }

  /** A new capture is asked for: a window that closed before its container stops waiting for it. */
  stopWaiting(): void {
    if (this.grace !== undefined) this.reportClose();
  }

  /** Ends the window's part silently: closes the window if it is still open, frees the lock. */
  dispose(): void {
    clearTimeout(this.grace);
    this.grace = undefined;
    if (this.windowOpen && !this.closeReported) {
      this.windowOpen = false;
      this.plugin?.close?.();
    }
    this.releaseWindow();
  }

  /** Oz's pages show the container as the second argument and describe one argument: the Blob, wherever it is. */
  private onCapture(first: unknown, second: unknown): void {
    if (this.captured || this.closeReported) return; // after a reported close, a container is too late
    const container = [first, second].find((arg): arg is Blob => arg instanceof Blob);
    if (!container) {
      this.onError({ code: 'plugin_invalid_container', message: 'on_capture_complete gave no container Blob.' });
      return;
    }
    this.captured = true;
    this.releaseWindow(); // the plugin is done with its window: another element may open it now
    this.events.captured(container === first ? second : first, container);
    if (this.grace !== undefined) this.reportClose(); // the close that came first: now it is `complete`
  }

  private onError(error: unknown): void {
    this.closedBy ??= 'error';
    this.events.failed(errorObject(error));
    if (this.grace !== undefined) this.reportClose();
  }

  private onWrongMode(callback: string): void {
    this.closedBy ??= 'error';
    this.events.misconfigured(callback);
  }

  private onClose(): void {
    if (this.closeReported || this.grace !== undefined) return;
    this.windowOpen = false;
    this.releaseWindow(); // the window is gone: another element may open one
    // Closed before a container, by nobody we know of: the plugin may still hand one over.
    if (!this.captured && !this.closedBy) this.grace = setTimeout(() => this.reportClose(), CLOSE_GRACE_MS);
    else this.reportClose();
  }

  /** The one `closed` of this window, with who closed it. */
  private reportClose(): void {
    clearTimeout(this.grace);
    this.grace = undefined;
    if (this.closeReported) return;
    this.closeReported = true;
    this.windowOpen = false;
    this.releaseWindow();
    this.events.closed(this.closedBy ?? (this.captured ? 'complete' : 'user'), !this.captured);
  }
}
