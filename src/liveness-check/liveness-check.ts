import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { followCheck } from '../context.js';
import type { OzCloseReason } from '../events.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import { toResult, type OzResultDetail } from '../core/decision.js';
import type { OzPreflightResult } from '../core/preflight.js';
import { isBusy, type OzState } from '../core/state.js';
import { OPTIONS, RETIRED, buildConfig, litProperties, type OzCheckOptionValues, type RawConfig, type ValidConfig } from '../core/options.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import { OzI18nController, resolveLang, type MessageKey } from '../i18n/index.js';
import type { CaptureSession } from './capture-session.js';
import { configError, loadMachinery, machineryError, type Machinery } from './check-support.js';
import { CheckStatus } from './check-status.js';
import { styles } from './liveness-check.styles.js';

/** What a page may set on the element: every option of the table, and the CSP `nonce`. */
export type OzLivenessCheckProperties = OzCheckOptionValues & { nonce?: string };

const warned = new Set<string>();
const CONFIG_PROPS = Object.keys(OPTIONS).filter((p) => p !== 'preload' && p !== 'sessionToken');

// The option table declares the properties (static properties, below); this gives them their types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface OzLivenessCheck extends Omit<OzCheckOptionValues, 'lang'> {}

/**
 * Runs an Oz Forensics liveness check: loads the Oz Web SDK plugin and fetches a fresh session
 * token (both at once, at the click), opens the plugin, and POSTs the encrypted container to your
 * backend, which answers with the Oz folder. Its options are the rows of `OPTIONS` (core/options.ts).
 *
 * @tagname oz-liveness-check
 * @summary Runs an Oz liveness capture and uploads the container to your backend.
 *
 * @attribute state - Reflected, read-only: `idle` `loading` `ready` `starting` `capturing` `uploading` `done` `error`.
 * @attribute nonce - CSP nonce put on the plugin `<script>` (the standard `nonce` attribute).
 *
 * @slot - Content below the button, e.g. an `<oz-result-banner>` (it follows this element with no attribute).
 * @slot trigger - Replaces the built-in Start button; a click on it calls `start()` (or the right retry).
 * @slot next - Shown instead of the button after an accepted check: what the person does next (the button is hidden).
 *
 * @csspart base - The wrapper.
 * @csspart button - The built-in Start / Try again button.
 * @csspart status - The visible, announced state line (absent while a banner follows this check).
 * @csspart progress - An indeterminate bar beside the status line while the backend analyses (every byte sent).
 *
 * @cssproperty [--oz-check-accent=#1a56db] - Button background.
 * @cssproperty [--oz-check-accent-text=#ffffff] - Button text colour.
 * @cssproperty [--oz-check-radius=0.5rem] - Button corner radius.
 *
 * @fires {CustomEvent<{}>} oz-plugin-ready - The plugin script is loaded and `OzLiveness` exists.
 * @fires {CustomEvent<{options: object}>} oz-open - `OzLiveness.open()` was called; `options` leaves out the session token.
 * @fires {CustomEvent<{result: object, container: Blob, idempotencyKey: string}>} oz-capture-complete - Cancelable: `preventDefault()` skips the built-in upload.
 * @fires {CustomEvent<{loaded: number, total: number}>} oz-upload-progress - Upload byte progress.
 * @fires {CustomEvent<{decision: 'accept'|'reject'|'failed', folder: object, status: string}>} oz-result - The backend's answer and the decision (fail closed).
 * @fires {CustomEvent<{code: string, category: string, message: string, retryable: boolean}>} oz-error - Any plugin, network, backend or configuration error.
 * @fires {CustomEvent<{reason: 'user'|'complete'|'error'|'api'}>} oz-close - The plugin window closed.
 * @fires {CustomEvent<{state: string, previous: string}>} oz-state-change - Every state transition.
 */
export class OzLivenessCheck extends LitElement {
  static override styles = styles;
  static override properties = litProperties();

  /** Language of the plugin and of this element's text. Default: the closest `[lang]`, else `en`. */
  declare lang: string;
  /** The one resolver of both elements (i18n): own `lang`, closest `[lang]`, `<html lang>`, else `en`. */
  private i18n = new OzI18nController(this, { lang: () => this.lang });
  /** State, outcome, context for a banner, followers and events (check-status.ts). */
  private status = new CheckStatus(this, () => !!this.plugin);
  /** The `Idempotency-Key` of the kept container: one per capture, on every POST of it. */
  private containerKey = '';
  /** The capture under way or last made; see capture-session.ts. */
  private session?: CaptureSession;
  private preloading?: AbortController;
  /** A start() is past its checks and waiting for the capture machinery: a second one is ignored. */
  private startPending = false;
  private plugin?: OzLivenessPlugin;
  private lastProblem = '';
  private teardown?: Promise<void>;

  constructor() {
    super();
    this.lang = '';
    for (const [name, o] of Object.entries(OPTIONS)) if ('boolean' in o) (this as Record<string, unknown>)[name] = false;
  }

  /** `idle` `loading` `ready` `starting` `capturing` `uploading` `done` `error`; reflected as `state`. */
  get state(): OzState {
    return this.status.state;
  }
  /** The last `oz-result` detail. */
  get result(): OzResultDetail | undefined {
    return this.status.result;
  }
  /** The last `oz-error` detail. */
  get error(): OzErrorDetail | undefined {
    return this.status.error;
  }
  /** The last container Blob, kept until a new capture or `reset()`. */
  get container(): Blob | undefined {
    return this.status.container;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.teardown = undefined; // a disconnect–connect in one task (React StrictMode) keeps everything
    if (this.preload) void this.preloadPlugin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Tear down only if still disconnected after this task: a move or a StrictMode re-mount keeps the flow.
    const t = (this.teardown = Promise.resolve().then(() => {
      if (this.teardown !== t || this.isConnected) return;
      this.endSession();
      this.status.go('reset'); // silently: a removed element fires nothing; put back, it starts from here
    }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // preload set after connecting (framework wrappers set properties on a connected element)
    if (changed.has('preload') && this.preload && this.isConnected) void this.preloadPlugin();
    if (CONFIG_PROPS.some((p) => changed.has(p as keyof OzLivenessCheck)) && this.hasUpdated) {
      const r = this.config(false);
      const key = r.ok ? '' : `${r.problem.field}:${r.problem.message}`;
      if (key !== this.lastProblem && !r.ok) this.status.report(configError(r.problem));
      this.lastProblem = key;
    }
  }

  /** Resolves once the element has rendered in its language (nothing is shown before it arrives). */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.i18n.updateComplete(() => super.getUpdateComplete());
  }

  /** What in this browser would stop a capture (insecure context, no or forbidden camera, a refused camera, no WebAssembly), found without opening the plugin or fetching a token. */
  async preflight(): Promise<OzPreflightResult> {
    return (await loadMachinery()).preflight();
  }

  /** Follow handshake (context.ts): while a banner follows, the status line steps aside. */
  [followCheck](follower: Element): () => void {
    return this.status.follow(follower);
  }

  /**
   * Runs `preflight()`, then loads the plugin and fetches a session token, both at once, then
   * opens the plugin. Joins a preload under way. Ignored while a capture or an upload is under way.
   */
  async start(): Promise<void> {
    if (this.startPending || (this.session && isBusy(this.status.state))) return;
    const r = this.config(true);
    if (!r.ok) return this.status.fail(configError(r.problem));
    const config = r.config;
    for (const key of config.retired) if (!warned.has(key)) console.warn(`oz-liveness-check: ${RETIRED[key]}`), warned.add(key);

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
    const given = this.sessionToken;
    if (given) {
      // One capture only: clear it everywhere it could linger.
      this.removeAttribute('session-token');
      this.sessionToken = undefined;
    }
    try {
      const { plugin, sessionToken } = await session.prepare(config, given, this.nonce, (p) => (this.pluginReady(p), this.status.go('start')));
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
    const r = this.config(true);
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

  protected override render() {
    const t = (key: string) => this.i18n.t(key as MessageKey);
    const { state, result, followers } = this.status;
    const busy = !!this.session && isBusy(state);
    // After an accept there is nothing to retry: the page's `next` slot says what comes next.
    const trigger =
      state === 'done' && result?.decision === 'accept'
        ? html`<slot name="next"></slot>`
        : html`<slot name="trigger" @click=${this.onTrigger}>
            <button part="button" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${this.onTrigger}>
              ${t(this.status.retry() === 'none' ? 'check.start' : 'check.retry')}
            </button>
          </slot>`;
    // One voice: while a banner follows, it speaks and this line is not there at all.
    return html`<div part="base">
      ${trigger}
      ${followers.size ? nothing : html`<p part="status" role="status" aria-live="polite">${state === 'idle' ? '' : t(this.status.statusKey())}</p>`}
      ${this.status.analysing && !followers.size ? html`<progress part="progress" aria-hidden="true"></progress>` : nothing}
      <slot></slot>
    </div>`;
  }

  private onTrigger = (e: Event) => {
    e.stopPropagation(); // one click, one action, whether it hit the button or the slotted trigger
    void (this.status.retry() === 'retry-upload' ? this.retryUpload() : this.start());
  };

  private async preloadPlugin(): Promise<void> {
    if (this.preloading || this.plugin || this.status.state !== 'idle') return;
    const r = this.config(false);
    if (!r.ok || !r.config.pluginSrc) return;
    const preload = (this.preloading = new AbortController());
    this.status.go('load');
    try {
      const m = await loadMachinery();
      this.pluginReady(await m.loadPlugin(r.config.pluginSrc, { signal: preload.signal, nonce: this.nonce }));
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
    const r = this.config(true);
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

  private config(forStart: boolean) {
    const raw: RawConfig = {};
    for (const p of CONFIG_PROPS) raw[p as keyof RawConfig] = (this as Record<string, unknown>)[p];
    raw.lang = resolveLang(this, this.lang);
    return buildConfig(raw, document.baseURI, { forStart });
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'oz-liveness-check': OzLivenessCheck;
  }
}
