/**
 * One capture of `<oz-liveness-check>`, from the click to the outcome, and the entry of the lazy
 * capture chunk (a page pays for it when a person starts, while the far larger Oz plugin script
 * loads anyway). A `Capture` owns everything that belongs to one run: its abort signal, its plugin
 * window (capture-session.ts), whether it is still preparing. `start()` reads top to bottom; the
 * plugin's callbacks then lead to `upload()`. Each step (capture-steps.ts) returns a value; after
 * each await, `live` says whether this run is still the element's current one (`CaptureFlow.run`),
 * and a run that is not stops there.
 */
import { toResult } from '../core/decision.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import type { ValidConfig } from '../core/options.js';
import { cameraDenied, cameraPermission } from '../core/preflight.js';
import { isBusy } from '../core/state.js';
import type { OzCloseReason } from '../events.js';
import type { CaptureFlow, CaptureFlowHost } from './capture-flow.js';
import { CaptureSession, randomKey } from './capture-session.js';
import { prepare, preflightProblem, upload, warnRetired } from './capture-steps.js';

// What the element needs from this chunk besides a capture: a preload, and preflight() on its own.
export { preflight } from '../core/preflight.js';
export { preload } from './capture-steps.js';
export { FocusReturn } from './focus-return.js';

export class Capture {
  private readonly abort = new AbortController();
  /** From the start to the window (the preflight): another start() is ignored meanwhile. */
  private preparing = false;
  /** The plugin window, once the preflight has passed. */
  private session?: CaptureSession;
  /** A plugin error being told (after asking the browser about the camera): a close waits for it. */
  private failing?: Promise<void>;

  constructor(
    private readonly flow: CaptureFlow,
    private readonly id: number,
    private readonly config: ValidConfig,
  ) {}

  /** Whether this run is still the element's current one. */
  private get live(): boolean {
    return this.id === this.flow.run;
  }

  /** A window claimed and the state busy: the button is disabled. Not while a closed window may still hand over a container. */
  get busy(): boolean {
    return !!this.session && !this.session.waiting && isBusy(this.flow.status.state);
  }

  /** Busy, or still preparing: a start() is ignored. */
  get pending(): boolean {
    return this.preparing || this.busy;
  }

  /**
   * The preflight (nothing is spent yet), the window claimed, the plugin and a session token at
   * once, then `open()`.
   */
  async start(): Promise<void> {
    const { status, host } = this.flow;
    const { config } = this;
    this.preparing = true;
    warnRetired(config.retired);
    // A phone opened from a hand-off link captures only for the hand-off it claimed.
    const refused = await this.flow.phone?.claimed;
    if (!this.live) return;
    if (refused) {
      this.preparing = false;
      return status.fail(refused);
    }
    const problem = await preflightProblem();
    if (!this.live) return;
    this.preparing = false;
    if (problem) return status.fail(problem);
    const session = (this.session = new CaptureSession({
      captured: (result, container) => this.live && this.captured(result, container),
      failed: (raw) => {
        if (this.live) this.failing = this.failed(pluginError(raw));
      },
      misconfigured: (callback) => this.live && this.misconfigured(callback),
      closed: (reason, beforeCapture) => this.live && void this.closed(reason, beforeCapture),
    }));
    if (!session.claimWindow()) {
      this.flow.end();
      return status.fail(kitError('plugin-busy'));
    }
    status.go(this.flow.plugin ? 'start' : 'load');
    try {
      const { plugin, sessionToken } = await prepare(config, takeToken(host), host.nonce, this.abort.signal, (p) => {
        if (!this.live) return;
        this.flow.pluginReady(p);
        status.go('start');
      });
      if (!this.live) return;
      status.go('open');
      if (!this.live) return; // closed or reset by an oz-state-change listener: the window never opens
      session.open(plugin, { ...config.openOptions, ...(sessionToken && { session_token: sessionToken }) });
      // After open(), as its name says: a listener's close() or reset() then has a window to close.
      if (this.live) status.emit('oz-open', { options: structuredClone(config.openOptions) });
    } catch (e) {
      if (!this.live) return;
      this.flow.end();
      status.fail(e as OzErrorDetail);
    }
  }

  /** POSTs the kept container with its one `Idempotency-Key`: after the capture, and for `retryUpload()`. */
  async upload(config: ValidConfig): Promise<void> {
    const { status } = this.flow;
    const { container, containerKey } = status;
    if (!container) return;
    status.go('upload');
    try {
      const folder = await upload(container, config, containerKey, this.abort.signal, (loaded, total) => {
        if (this.live) status.progress(loaded, total);
      });
      if (this.live) status.succeed(toResult(folder));
    } catch (e) {
      if (this.live) status.fail(e as OzErrorDetail);
    }
  }

  /**
   * `close()`: an open window is closed (`oz-close` "api"); before the window opened (the preflight,
   * the plugin and the token on their way, or an `oz-state-change` listener as capturing begins) the
   * start is canceled and nothing opens. After the window has come and gone there is nothing to close.
   */
  close(): void {
    const { status } = this.flow;
    if (this.session?.windowShown || this.session?.waiting) {
      this.session.close();
      return;
    }
    if (this.session?.opened || !(this.preparing || isBusy(status.state))) return;
    this.flow.end();
    if (isBusy(status.state)) status.go('cancel');
  }

  /** A new capture is asked for: a window that closed before its container stops waiting for it. */
  stopWaiting(): void {
    this.session?.stopWaiting();
  }

  /** Stops what this run started: its requests, its backoff timers and its window. */
  end(): void {
    this.abort.abort(new DOMException('The capture was reset.', 'AbortError'));
    this.session?.dispose();
  }

  private captured(result: unknown, container: Blob): void {
    const { status } = this.flow;
    status.keep(container, randomKey());
    const idempotencyKey = status.containerKey;
    if (status.emit('oz-capture-complete', { result, container, idempotencyKey })) void this.upload(this.config);
    else status.go('handOver'); // the page uploads it itself
  }

  /**
   * A plugin error: whatever its code, the browser's camera permission says whether the camera was
   * refused (the plugin's camera errors have no documented codes). Refused → `camera-denied` with
   * this browser's steps, keeping the plugin's code and session id.
   */
  private async failed(plugin: OzErrorDetail): Promise<void> {
    const denied = (await cameraPermission()) === 'denied';
    if (!this.live) return;
    this.flow.status.fail(
      denied
        ? cameraDenied(`the plugin reported ${plugin.code} (${plugin.message}) and the camera permission is denied`, {
            pluginCode: plugin.code,
            telemetryId: plugin.telemetryId,
          })
        : plugin,
    );
  }

  /** The plugin uploads by itself: the adapter's setting. The window is closed and nothing is uploaded. */
  private misconfigured(callback: string): void {
    this.flow.status.fail(
      kitError(
        'adapter-not-capture-mode',
        `the plugin called ${callback}; set the Web Adapter's architecture to "capture"`,
      ),
    );
    this.session?.close(); // oz-close `error`
    this.flow.end(); // a container the plugin may still give is not this run's any more
  }

  /** One `oz-close` per opened window, whoever closed it; the reason says who. */
  private async closed(reason: OzCloseReason, beforeCapture: boolean): Promise<void> {
    if (this.failing) await this.failing; // an error on its way is told first, as the plugin told it
    if (!this.live) return;
    const { status } = this.flow;
    if (beforeCapture && status.state === 'capturing') {
      this.flow.end(); // closed before a capture: any late callback of that window is stale
      status.go('cancel');
    }
    status.emit('oz-close', { reason });
  }
}

/** A token the page gave is for one capture: cleared everywhere it could linger. */
function takeToken(host: CaptureFlowHost): string | undefined {
  const given = host.sessionToken;
  if (given) {
    host.removeAttribute('session-token');
    host.sessionToken = undefined;
  }
  return given;
}
