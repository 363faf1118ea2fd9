/**
 * The element's side of its captures: a reactive controller that reads the configuration once per
 * action, loads the capture chunk (capture.ts and the steps it calls) at the first need, begins a
 * `Capture` per run and ends it on a reset, a removal or the next run. `run` is the one staleness
 * check: a `Capture` whose id is no longer `run` stops at its next await, as `@lit/task` does with
 * its call id. What outlives a run (the plugin once loaded, a preload) lives here; what belongs to
 * one capture lives in its `Capture`; what the person sees and the events are `CheckStatus`'s.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { kitError, type OzErrorDetail } from '../core/errors.js';
import type { ValidConfig } from '../core/options.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import type { OzPreflightResult } from '../core/preflight.js';
import { isBusy } from '../core/state.js';
import type { Capture } from './capture.js';
import type { FocusReturn } from './focus-return.js';
import type { CheckStatus } from './check-status.js';
import { configError, readConfig } from './check-config.js';
import { PhoneLink, takeHandoffSecret } from './handoff/phone-link.js';

type Chunk = typeof import('./capture.js');
let chunk: Promise<Chunk> | undefined;
/** The capture chunk, loaded once on first need; a failed load is forgotten so a retry tries again. */
function loadChunk(): Promise<Chunk> {
  return (chunk ??= import('./capture.js').catch((e: unknown) => {
    chunk = undefined;
    throw e;
  }));
}
type ChunkFailure = 'plugin-load-failed' | 'upload-failed';
/** A failed chunk load as the error of the action that needed it. */
const chunkError = (code: ChunkFailure) => (e: unknown) => {
  throw kitError(code, `the kit's capture module failed to load (${String(e)})`);
};

/** What the flow reads from its element. */
export type CaptureFlowHost = ReactiveControllerHost & HTMLElement & { preload?: boolean; sessionToken?: string };

export class CaptureFlow implements ReactiveController {
  /** The plugin once loaded (by a preload or a capture). */
  plugin?: OzLivenessPlugin;
  /** The current run's id: bumped by every new run and by whatever ends one. */
  run = 0;
  /** On a page opened from a hand-off link: its secret and claim (handoff/phone-link.ts). */
  phone?: PhoneLink;
  /** The current run's capture, from its start until it ends. */
  private capture?: Capture;
  /** The run a start() began at the press, before its capture exists. */
  private pressed = -1;
  private focus?: FocusReturn;
  private preloading?: AbortController;
  private teardown?: Promise<void>;

  constructor(
    readonly host: CaptureFlowHost,
    readonly status: CheckStatus,
  ) {
    host.addController(this);
  }

  /** Whether a capture or an upload is under way (a preload alone is not: a start() joins it). */
  get busy(): boolean {
    return !!this.capture?.busy;
  }

  hostConnected(): void {
    this.teardown = undefined; // a disconnect–connect in one task (React StrictMode) keeps everything
    const link = this.phone ? undefined : takeHandoffSecret();
    if (link) this.phone = new PhoneLink(link, this.host, this.status);
    if (this.host.preload) void this.preloadPlugin();
  }

  hostDisconnected(): void {
    // Tear down only if still disconnected after this task: a move or a StrictMode re-mount keeps the flow.
    const t = (this.teardown = Promise.resolve().then(() => {
      if (this.teardown !== t || this.host.isConnected) return;
      this.end();
      this.status.go('reset'); // silently: a removed element fires nothing; put back, it starts from here
    }));
  }

  async start(): Promise<void> {
    if (this.capture?.pending) return;
    // A window that closed before its container stops waiting: its close is told (user) before the new run.
    this.capture?.stopWaiting();
    this.end(); // the last run is over: nothing of it is pending (a preload's wait gives way: the capture joins its load)
    const id = (this.pressed = this.run);
    // Feedback at the press, whatever comes next, even the same problem again: the state moves (seen,
    // announced, and a banner shows it too) and is rendered before any outcome replaces it.
    this.status.go(this.plugin ? 'start' : 'load');
    // A task, not updateComplete: Lit renders in a microtask, and the element's updateComplete also
    // waits for its language, which must not hold back a failure (it shows once the words are there).
    await new Promise((resolve) => setTimeout(resolve));
    if (id !== this.run) return; // closed or reset meanwhile
    const ready = await this.ready('plugin-load-failed'); // the one read of this capture's configuration
    if (!ready) return;
    // Focus back in the element after the plugin window and each outcome: from the first press on
    // (in the capture chunk, so a page pays for it with the capture, focus-return.ts).
    this.focus ??= new ready[0].FocusReturn(this.host, () => this.status.state);
    await this.begin(...ready).start();
  }

  close(): void {
    if (this.capture) {
      this.capture.close();
      return;
    }
    // A start() before its capture exists (its first render, the capture chunk on its way): canceled.
    if (this.pressed !== this.run || !isBusy(this.status.state)) return;
    this.end();
    this.status.go('cancel');
  }

  async retryUpload(): Promise<void> {
    const { container } = this.status;
    if (!container || !['done', 'error'].includes(this.status.state)) return;
    const ready = await this.ready('upload-failed'); // the current backend-url, headers, limits
    // In the capture that made the container while it lasts; after a removal, in a run of its own.
    if (ready) await (this.capture ?? this.begin(...ready)).upload(ready[1]);
  }

  reset(): void {
    this.end();
    this.status.container = this.status.result = this.status.error = undefined;
    this.status.go('reset');
  }

  async preflight(): Promise<OzPreflightResult> {
    return (await loadChunk()).preflight();
  }

  async preloadPlugin(): Promise<void> {
    if (this.preloading || this.plugin || this.status.state !== 'idle') return;
    const r = readConfig(this.host, false);
    if (!r.ok || !r.config.pluginSrc) return;
    const preload = (this.preloading = new AbortController());
    this.status.go('load');
    try {
      const c = await loadChunk().catch(chunkError('plugin-load-failed'));
      this.pluginReady(await c.preload(r.config.pluginSrc, preload.signal, this.host.nonce));
      if (!preload.signal.aborted) this.status.go('loaded'); // a start() meanwhile has joined it and moves on itself
    } catch (e) {
      if (!preload.signal.aborted) this.status.fail(e as OzErrorDetail);
    } finally {
      if (this.preloading === preload) this.preloading = undefined;
    }
  }

  /** The plugin is here (once per plugin): `oz-plugin-ready`. */
  pluginReady(plugin: OzLivenessPlugin): void {
    if (this.plugin === plugin) return;
    this.plugin = plugin;
    this.status.emit('oz-plugin-ready', {});
  }

  /** Ends the current run (its requests, timers and window stop; whatever it awaits is stale) and a preload's wait. */
  end(): void {
    this.run++;
    this.capture?.end();
    this.capture = undefined;
    this.preloading?.abort();
  }

  /**
   * What an action needs: its configuration, read once for it, and the capture chunk. Nothing when
   * either failed (reported; `code` names a failed chunk) or when the run changed meanwhile (a
   * reset, a removal, or another start() that began its run first).
   */
  private async ready(code: ChunkFailure): Promise<[Chunk, ValidConfig] | undefined> {
    const r = readConfig(this.host, true);
    if (!r.ok) return void this.status.fail(configError(r.problem));
    r.config.handoffSecret = this.phone?.secret;
    const id = this.run;
    try {
      const c = await loadChunk().catch(chunkError(code));
      if (id === this.run) return [c, r.config];
    } catch (e) {
      if (id === this.run) this.status.fail(e as OzErrorDetail);
    }
  }

  /** A new run, with its own capture (a window of the last one still waiting for its container gives up). */
  private begin(c: Chunk, config: ValidConfig): Capture {
    this.capture?.stopWaiting();
    this.end();
    return (this.capture = new c.Capture(this, this.run, config));
  }
}
