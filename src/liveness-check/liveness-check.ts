import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { followCheck, ozLivenessContext, type OzLivenessSnapshot } from '../context.js';
import { ozEvent, type OzCloseReason, type OzEventDetails, type OzEventName } from '../events.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import { toResult, type OzResultDetail } from '../core/decision.js';
import type { OzPreflightResult } from '../core/preflight.js';
import { isBusy, nextState, type OzState, type OzStateEvent } from '../core/state.js';
import { retryFor } from '../core/retry-policy.js';
import { OPTIONS, RETIRED, buildConfig, litProperties, type OzCheckOptionValues, type RawConfig, type ValidConfig } from '../core/options.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import { OzI18nController, resolveLang, type MessageKey } from '../i18n/index.js';
import type { CaptureSession } from './capture-session.js';
import { configError, loadMachinery, machineryError, type Machinery } from './check-support.js';
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
  /** What a nested `<oz-result-banner>` follows. */
  private provider = new ContextProvider(this, { context: ozLivenessContext, initialValue: { state: 'idle' } });
  private followers = new Set<Element>();

  private _state: OzState = 'idle';
  private _result?: OzResultDetail;
  private _error?: OzErrorDetail;
  private _container?: Blob;
  /** The `Idempotency-Key` of the kept container: one per capture, on every POST of it. */
  private containerKey = '';
  /** The capture under way or last made; see capture-session.ts. */
  private session?: CaptureSession;
  private preloading?: AbortController;
  /** A start() is past its checks and waiting for the capture machinery: a second one is ignored. */
  private startPending = false;
  private plugin?: OzLivenessPlugin;
  private analysing = false;
  private lastProblem = '';
  private teardown?: Promise<void>;

  constructor() {
    super();
    this.lang = '';
    for (const [name, o] of Object.entries(OPTIONS)) if ('boolean' in o) (this as Record<string, unknown>)[name] = false;
  }

  /** `idle` `loading` `ready` `starting` `capturing` `uploading` `done` `error`; reflected as `state`. */
  get state(): OzState {
    return this._state;
  }
  /** The last `oz-result` detail. */
  get result(): OzResultDetail | undefined {
    return this._result;
  }
  /** The last `oz-error` detail. */
  get error(): OzErrorDetail | undefined {
    return this._error;
  }
  /** The last container Blob, kept until a new capture or `reset()`. */
  get container(): Blob | undefined {
    return this._container;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.teardown = undefined; // a disconnect–connect in one task (React StrictMode) keeps everything
    this.setAttribute('state', this._state);
    if (this.preload) void this.preloadPlugin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Tear down only if still disconnected after this task: a move or a StrictMode re-mount keeps the flow.
    const t = (this.teardown = Promise.resolve().then(() => {
      if (this.teardown !== t || this.isConnected) return;
      this.endSession();
      this.go('reset'); // silently: a removed element fires nothing; put back, it starts from here
    }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // preload set after connecting (framework wrappers set properties on a connected element)
    if (changed.has('preload') && this.preload && this.isConnected) void this.preloadPlugin();
    if (CONFIG_PROPS.some((p) => changed.has(p as keyof OzLivenessCheck)) && this.hasUpdated) {
      const r = this.config(false);
      const key = r.ok ? '' : `${r.problem.field}:${r.problem.message}`;
      if (key !== this.lastProblem && !r.ok) this.emitError(configError(r.problem), false);
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
    this.followers.add(follower);
    this.requestUpdate();
    return () => {
      this.followers.delete(follower);
      this.requestUpdate();
    };
  }

  /**
   * Runs `preflight()`, then loads the plugin and fetches a session token, both at once, then
   * opens the plugin. Joins a preload under way. Ignored while a capture or an upload is under way.
   */
  async start(): Promise<void> {
    if (this.startPending || (this.session && isBusy(this._state))) return;
    const r = this.config(true);
    if (!r.ok) return this.fail(configError(r.problem));
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
      return this.fail(machineryError('plugin-load-failed', e));
    } finally {
      this.startPending = false;
    }
    if (problem) return this.fail(problem);
    const session = this.newSession(m);
    if (!session.claimWindow()) return this.endSession(), this.fail(kitError('plugin-busy'));
    this.go(this.plugin ? 'start' : 'load');
    const given = this.sessionToken;
    if (given) {
      // One capture only: clear it everywhere it could linger.
      this.removeAttribute('session-token');
      this.sessionToken = undefined;
    }
    try {
      const { plugin, sessionToken } = await session.prepare(config, given, this.nonce, (p) => (this.pluginReady(p), this.go('start')));
      if (this.session !== session) return;
      this.go('open');
      this.emit('oz-open', { options: structuredClone(config.openOptions) });
      session.open(plugin, { ...config.openOptions, ...(sessionToken && { session_token: sessionToken }) });
    } catch (e) {
      if (this.session !== session || session.disposed) return;
      this.endSession();
      this.fail(e as OzErrorDetail);
    }
  }

  /** Closes the plugin window (`oz-close` with reason `api`); a token request under way is dropped. */
  close(): void {
    if (this._state === 'starting' || (this._state === 'loading' && this.session)) {
      this.endSession();
      this.go('cancel');
    } else if (this._state === 'capturing') {
      this.session?.close();
    }
  }

  /** Sends the kept container again, identical bytes and the same `Idempotency-Key`, to the current `backendUrl`. */
  async retryUpload(): Promise<void> {
    const container = this._container;
    if (!container || !['done', 'error'].includes(this._state)) return;
    const r = this.config(true);
    if (!r.ok) return this.fail(configError(r.problem));
    let m: Machinery;
    try {
      m = await loadMachinery();
    } catch (e) {
      return this.fail(machineryError('upload-failed', e));
    }
    await this.upload(this.session && !this.session.disposed ? this.session : this.newSession(m), container, r.config);
  }

  /** Drops the container, result and error; closes the plugin if it is open; back to `idle` (or `ready`). */
  reset(): void {
    this.endSession();
    this._container = this._result = this._error = undefined;
    this.go('reset');
  }

  protected override render() {
    const t = (key: string) => this.i18n.t(key as MessageKey);
    const state = this._state;
    const busy = !!this.session && isBusy(state);
    const retry = this.retry();
    const accepted = state === 'done' && this._result?.decision === 'accept';
    const trigger = accepted
      ? html`<slot name="next"></slot>`
      : html`<slot name="trigger" @click=${this.onTrigger}>
          <button part="button" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${this.onTrigger}>
            ${t(retry === 'none' ? 'check.start' : 'check.retry')}
          </button>
        </slot>`;
    return html`<div part="base">
      ${trigger}
      ${this.followers.size ? nothing : html`<p part="status" role="status" aria-live="polite">${this.statusText(t)}</p>`}
      ${this.analysing && !this.followers.size ? html`<progress part="progress" aria-hidden="true"></progress>` : nothing}
      <slot></slot>
    </div>`;
  }

  private statusText(t: (key: string) => string): string {
    const state = this._state;
    if (state === 'idle') return '';
    if (state === 'uploading' && this.analysing) return t('check.state.analysing');
    if (state === 'done' && this._result) return t(`check.outcome.${this._result.decision}`);
    if (state === 'error' && this._error) return t(this._error.messageKey);
    return t(`check.state.${state}`);
  }

  private retry() {
    if (this._state === 'done') return retryFor(this._result?.decision);
    return this._state === 'error' ? retryFor(this._error, !!this._container) : 'none';
  }

  private onTrigger = (e: Event) => {
    e.stopPropagation(); // one click, one action, whether it hit the button or the slotted trigger
    void (this.retry() === 'retry-upload' ? this.retryUpload() : this.start());
  };

  private async preloadPlugin(): Promise<void> {
    if (this.preloading || this.plugin || this._state !== 'idle') return;
    const r = this.config(false);
    if (!r.ok || !r.config.pluginSrc) return;
    const preload = (this.preloading = new AbortController());
    this.go('load');
    try {
      const m = await loadMachinery();
      this.pluginReady(await m.loadPlugin(r.config.pluginSrc, { signal: preload.signal, nonce: this.nonce }));
      if (!this.session) this.go('loaded'); // a start() during the preload has joined it and moves on itself
    } catch (e) {
      if (preload.signal.aborted || this.session) return;
      const code = (e as { code?: string }).code === 'plugin-missing' ? 'plugin-missing' : 'plugin-load-failed';
      this.fail(kitError(code, e instanceof Error ? e.message : String(e)));
    } finally {
      if (this.preloading === preload) this.preloading = undefined;
    }
  }

  private pluginReady(plugin: OzLivenessPlugin): void {
    if (this.plugin === plugin) return;
    this.plugin = plugin;
    this.emit('oz-plugin-ready', {});
  }

  private newSession(m: Machinery): CaptureSession {
    this.endSession();
    const session: CaptureSession = (this.session = new m.CaptureSession({
      captured: (result, container) => this.onCaptured(m, session, result, container),
      failed: (raw) => this.fail(pluginError(raw)),
      closed: (reason, beforeCapture) => this.onClosed(session, reason, beforeCapture),
    }));
    return session;
  }

  private endSession(): void {
    this.session?.dispose(); // orphans every callback; aborts requests and backoff timers
    this.session = undefined;
    this.preloading?.abort();
    this.analysing = false;
  }

  private onCaptured(m: Machinery, session: CaptureSession, result: unknown, container: Blob): void {
    this._container = container; // kept through any failure, until a new capture or reset()
    this.containerKey = m.randomKey();
    if (!this.emit('oz-capture-complete', { result, container, idempotencyKey: this.containerKey })) {
      this.go('handOver'); // the page uploads it itself
      return;
    }
    const r = this.config(true);
    if (!r.ok) return this.fail(configError(r.problem));
    void this.upload(session, container, r.config);
  }

  private async upload(session: CaptureSession, container: Blob, config: ValidConfig): Promise<void> {
    this.analysing = false;
    this.go('upload');
    try {
      const folder = await session.upload(container, config, this.containerKey, (loaded, total) => {
        // Every byte is out: what remains is the backend's (and Oz's) analysis.
        this.analysing = loaded >= total;
        this.share({ progress: { loaded, total }, analysing: this.analysing });
        this.emit('oz-upload-progress', { loaded, total });
      });
      if (this.session !== session) return;
      this.analysing = false;
      this._result = toResult(folder);
      this._error = undefined;
      this.go('result');
      this.emit('oz-result', this._result);
    } catch (e) {
      if (this.session === session && !session.disposed) this.fail(e as OzErrorDetail);
    }
  }

  /** One `oz-close` per opened window, whoever closed it; the reason says who. */
  private onClosed(session: CaptureSession, reason: OzCloseReason, beforeCapture: boolean): void {
    if (beforeCapture && this._state === 'capturing') {
      session.dispose(); // closed before a capture: any late callback of that window is ignored
      this.go('cancel');
    }
    this.emit('oz-close', { reason });
  }

  private config(forStart: boolean) {
    const raw: RawConfig = {};
    for (const p of CONFIG_PROPS) raw[p as keyof RawConfig] = (this as Record<string, unknown>)[p];
    raw.lang = resolveLang(this, this.lang);
    return buildConfig(raw, document.baseURI, { forStart });
  }

  private fail(detail: OzErrorDetail): void {
    this._error = detail;
    this.analysing = false;
    this.go('fail');
    this.emitError(detail, true);
  }

  private emitError(detail: OzErrorDetail, stateful: boolean): void {
    if (!stateful) this._error = detail;
    this.share({ error: detail });
    this.emit('oz-error', detail);
  }

  /** Moves the state machine by `event` (core/state.ts decides the target); a refused move is reported, never silent. */
  private go(event: OzStateEvent): void {
    const previous = this._state;
    let next: OzState;
    try {
      next = nextState(previous, event, !!this.plugin);
    } catch (e) {
      // A bug in this element, never the page's doing: report it (tests fail on it) and stay put.
      (globalThis.reportError ?? ((err: unknown) => setTimeout(() => { throw err; })))(e);
      return;
    }
    if (next === previous) return;
    this._state = next;
    if (next === 'loading' || next === 'starting') this._error = undefined;
    this.setAttribute('state', next);
    this.share({ state: next, result: this._result, error: this._error, progress: next === 'uploading' ? { loaded: 0, total: this._container?.size ?? 0 } : undefined }, true);
    this.requestUpdate();
    this.emit('oz-state-change', { state: next, previous });
  }

  /** Updates what a following banner sees: merged into the current value, or (`replace`) a new one. */
  private share(value: Partial<OzLivenessSnapshot>, replace = false): void {
    this.provider.setValue(replace ? (value as OzLivenessSnapshot) : { ...this.provider.value, ...value });
    this.requestUpdate();
  }

  /** Dispatches a kit event; returns false when a cancelable one was canceled. Silent once removed. */
  private emit<K extends OzEventName>(name: K, detail: OzEventDetails[K]): boolean {
    return this.isConnected ? this.dispatchEvent(ozEvent(name, detail)) : true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-liveness-check': OzLivenessCheck;
  }
}
