/**
 * The capture flow of `<oz-liveness-check>`, as a reactive controller: `preload`, `start()` (preflight,
 * then the plugin and the session token at once, then `open()`), the upload and its retry, `close()`,
 * `reset()`, and the teardown on removal. Each capture is a `CaptureSession` (capture-session.ts,
 * loaded with the capture machinery at the first need); what the person sees and the events are
 * `CheckStatus`'s (check-status.ts). The element keeps attributes and rendering.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OzCloseReason } from '../events.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import { toResult } from '../core/decision.js';
import { isBusy } from '../core/state.js';
import type { ValidConfig } from '../core/options.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import type { CaptureSession } from './capture-session.js';
import type { CheckStatus } from './check-status.js';
import { configError, loadMachinery, machineryError, readConfig, warnRetired, type Machinery } from './check-support.js';

/** What the flow reads from its element. */
export type CaptureFlowHost = ReactiveControllerHost & HTMLElement & { preload?: boolean; sessionToken?: string };

export class CaptureFlow implements ReactiveController {
  /** The plugin once loaded (by a preload or a capture). */
  plugin?: OzLivenessPlugin;
  /** The capture under way or last made. */
  private session?: CaptureSession;
  /** The `Idempotency-Key` of the kept container: one per capture, on every POST of it. */
  private containerKey = '';
  private preloading?: AbortController;
  /** A start() is past its checks and waiting for the capture machinery: a second one is ignored. */
  private startPending = false;
  private teardown?: Promise<void>;

  constructor(private readonly host: CaptureFlowHost, private readonly status: CheckStatus) {
    host.addController(this);
  }

  /** Whether a capture or an upload is under way (a preload alone is not: a start() joins it). */
  get busy(): boolean {
    return !!this.session && isBusy(this.status.state);
  }

  hostConnected(): void {
    this.teardown = undefined; // a disconnect–connect in one task (React StrictMode) keeps everything
    if (this.host.preload) void this.preloadPlugin();
  }

  hostDisconnected(): void {
    // Tear down only if still disconnected after this task: a move or a StrictMode re-mount keeps the flow.
    const t = (this.teardown = Promise.resolve().then(() => {
      if (this.teardown !== t || this.host.isConnected) return;
      this.endSession();
      this.status.go('reset'); // silently: a removed element fires nothing; put back, it starts from here
    }));
  }

  /**
   * Runs `preflight()`, then loads the plugin and fetches a session token, both at once, then
   * opens the plugin. Joins a preload under way. Ignored while a capture or an upload is under way.
   */
  async start(): Promise<void> {
    if (this.startPending || (this.session && isBusy(this.status.state))) return;
    const r = readConfig(this.host, true);
    if (!r.ok) return this.status.fail(configError(r.problem));
    const config = r.config;
    warnRetired(config.retired);

    let m: Machinery;
    let problem: OzErrorDetail | undefined;
    this.startPending = true;
    try {
      m = await loadMachinery();
      // Before the plugin and before a token: what this browser cannot do is said first, and costs nothing.
      problem = (await m.preflight()).problems[0];
    } catch (e) {
      return this.status.fail(machineryError('plugin-load-failed', e));
    } finally {
      this.startPending = false;
    }
    if (problem) return this.status.fail(problem);
    const session = this.newSession(m);
    if (!session.claimWindow()) return this.endSession(), this.status.fail(kitError('plugin-busy'));
    this.status.go(this.plugin ? 'start' : 'load');
    const given = this.host.sessionToken;
    if (given) {
      // One capture only: clear it everywhere it could linger.
      this.host.removeAttribute('session-token');
      this.host.sessionToken = undefined;
    }
    try {
      const { plugin, sessionToken } = await session.prepare(config, given, this.host.nonce, (p) => (this.pluginReady(p), this.status.go('start')));
      if (this.session !== session) return;
      this.status.go('open');
      this.status.emit('oz-open', { options: structuredClone(config.openOptions) });
      session.open(plugin, { ...config.openOptions, ...(sessionToken && { session_token: sessionToken }) });
    } catch (e) {
      if (this.session !== session || session.disposed) return;
      this.endSession();
      this.status.fail(e as OzErrorDetail);
    }
  }

  /** Closes the plugin window (`oz-close` with reason `api`); a token request under way is dropped. */
  close(): void {
    if (this.status.state === 'starting' || (this.status.state === 'loading' && this.session)) {
      this.endSession();
      this.status.go('cancel');
    } else if (this.status.state === 'capturing') {
      this.session?.close();
    }
  }

  /** Sends the kept container again, identical bytes and the same `Idempotency-Key`, to the current `backendUrl`. */
  async retryUpload(): Promise<void> {
    const container = this.status.container;
    if (!container || !['done', 'error'].includes(this.status.state)) return;
    const r = readConfig(this.host, true);
    if (!r.ok) return this.status.fail(configError(r.problem));
    let m: Machinery;
    try {
      m = await loadMachinery();
    } catch (e) {
      return this.status.fail(machineryError('upload-failed', e));
    }
    await this.upload(this.session && !this.session.disposed ? this.session : this.newSession(m), container, r.config);
  }

  /** Drops the container, result and error; closes the plugin if it is open; back to `idle` (or `ready`). */
  reset(): void {
    this.endSession();
    this.status.container = this.status.result = this.status.error = undefined;
    this.status.go('reset');
  }

  async preloadPlugin(): Promise<void> {
    if (this.preloading || this.plugin || this.status.state !== 'idle') return;
    const r = readConfig(this.host, false);
    if (!r.ok || !r.config.pluginSrc) return;
    const preload = (this.preloading = new AbortController());
    this.status.go('load');
    try {
      const m = await loadMachinery();
      this.pluginReady(await m.loadPlugin(r.config.pluginSrc, { signal: preload.signal, nonce: this.host.nonce }));
      if (!this.session) this.status.go('loaded'); // a start() during the preload has joined it and moves on itself
    } catch (e) {
      if (preload.signal.aborted || this.session) return;
      const code = (e as { code?: string }).code === 'plugin-missing' ? 'plugin-missing' : 'plugin-load-failed';
      this.status.fail(kitError(code, e instanceof Error ? e.message : String(e)));
    } finally {
      if (this.preloading === preload) this.preloading = undefined;
    }
  }

  private pluginReady(plugin: OzLivenessPlugin): void {
    if (this.plugin === plugin) return;
    this.plugin = plugin;
    this.status.emit('oz-plugin-ready', {});
  }

  private newSession(m: Machinery): CaptureSession {
    this.endSession();
    const session: CaptureSession = (this.session = new m.CaptureSession({
      captured: (result, container) => this.onCaptured(m, session, result, container),
      failed: (raw) => this.status.fail(pluginError(raw)),
      closed: (reason, beforeCapture) => this.onClosed(session, reason, beforeCapture),
    }));
    return session;
  }

  private endSession(): void {
    this.session?.dispose(); // orphans every callback; aborts requests and backoff timers
    this.session = undefined;
    this.preloading?.abort();
  }

  private onCaptured(m: Machinery, session: CaptureSession, result: unknown, container: Blob): void {
    this.status.container = container; // kept through any failure, until a new capture or reset()
    this.containerKey = m.randomKey();
    if (!this.status.emit('oz-capture-complete', { result, container, idempotencyKey: this.containerKey })) {
      this.status.go('handOver'); // the page uploads it itself
      return;
    }
    const r = readConfig(this.host, true);
    if (!r.ok) return this.status.fail(configError(r.problem));
    void this.upload(session, container, r.config);
  }

  private async upload(session: CaptureSession, container: Blob, config: ValidConfig): Promise<void> {
    this.status.go('upload');
    try {
      const folder = await session.upload(container, config, this.containerKey, (loaded, total) => this.status.progress(loaded, total));
      if (this.session === session) this.status.succeed(toResult(folder));
    } catch (e) {
      if (this.session === session && !session.disposed) this.status.fail(e as OzErrorDetail);
    }
  }

  /** One `oz-close` per opened window, whoever closed it; the reason says who. */
  private onClosed(session: CaptureSession, reason: OzCloseReason, beforeCapture: boolean): void {
    if (beforeCapture && this.status.state === 'capturing') {
      session.dispose(); // closed before a capture: any late callback of that window is ignored
      this.status.go('cancel');
    }
    this.status.emit('oz-close', { reason });
  }
}
