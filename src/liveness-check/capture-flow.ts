/**
 * The capture flow of `<oz-liveness-check>`, as a reactive controller: `preload`, `start()`, the
 * retry of an upload, `close()`, `reset()`, and the teardown on removal. What happens after the
 * click (preflight, the plugin and the session token at once, `open()`, the upload) is in
 * capture-steps.ts, loaded with the capture machinery at the first need; each capture is a
 * `CaptureSession` (capture-session.ts); what the person sees and the events are `CheckStatus`'s
 * (check-status.ts). The element keeps attributes and rendering.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { kitError } from '../core/errors.js';
import { isBusy } from '../core/state.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import type { CaptureSession } from './capture-session.js';
import type { CheckStatus } from './check-status.js';
import { configError, loadMachinery, machineryError, readConfig, type Machinery } from './check-support.js';

/** What the flow reads from its element. */
export type CaptureFlowHost = ReactiveControllerHost & HTMLElement & { preload?: boolean; sessionToken?: string };

export class CaptureFlow implements ReactiveController {
  /** The plugin once loaded (by a preload or a capture). */
  plugin?: OzLivenessPlugin;
  // Read and written by capture-steps.ts too (the steps after the click, in the lazy capture chunk).
  /** @internal The capture under way or last made. */
  session?: CaptureSession;
  /** @internal The `Idempotency-Key` of the kept container: one per capture, on every POST of it. */
  containerKey = '';
  /**
   * @internal The start() past its checks and waiting for the machinery and preflight: another is
   * ignored meanwhile, and a reset or a removal withdraws it (capture-steps.ts checks it is still this one).
   */
  pendingStart?: object;
  private preloading?: AbortController;
  private teardown?: Promise<void>;

  constructor(readonly host: CaptureFlowHost, readonly status: CheckStatus) {
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
    if (this.pendingStart || this.busy) return;
    const r = readConfig(this.host, true);
    if (!r.ok) return this.status.fail(configError(r.problem));
    const ticket = (this.pendingStart = {});
    let m: Machinery;
    try {
      m = await loadMachinery();
    } catch (e) {
      if (this.pendingStart !== ticket) return;
      this.pendingStart = undefined;
      return this.status.fail(machineryError('plugin-load-failed', e));
    }
    await m.startCapture(this, r.config, ticket);
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
    await m.uploadKept(this, container, r.config);
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

  /** @internal The plugin is here (once per plugin): `oz-plugin-ready`. */
  pluginReady(plugin: OzLivenessPlugin): void {
    if (this.plugin === plugin) return;
    this.plugin = plugin;
    this.status.emit('oz-plugin-ready', {});
  }

  /** @internal Disposes the capture (and stops a preload's wait). */
  endSession(): void {
    this.pendingStart = undefined;
    this.session?.dispose(); // orphans every callback; aborts requests and backoff timers
    this.session = undefined;
    this.preloading?.abort();
  }

}
