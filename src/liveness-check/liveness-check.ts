import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { ozLivenessContext, type OzLivenessSnapshot } from '../context.js';
import { ozEvent, type OzCloseReason, type OzEventDetails, type OzEventName } from '../events.js';
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import { toResult, type OzResultDetail } from '../core/decision.js';
import { canTransition, isBusy, type OzState } from '../core/state.js';
import {
  RETIRED,
  actionsConverter,
  buildConfig,
  jsonConverter,
  msOrJsonConverter,
  numberConverter,
  type ConfigProblem,
  type RawConfig,
  type ValidConfig,
} from '../core/options.js';
import type { OzLivenessPlugin } from '../core/plugin-loader.js';
import { OzI18nController, type MessageKey } from '../i18n/index.js';
import { styles } from './liveness-check.styles.js';

/** Properties whose change is re-validated (everything that feeds the configuration). */
const CONFIG_PROPS = [
  'pluginSrc', 'backendUrl', 'sessionTokenUrl', 'actions', 'meta', 'lang', 'cameraFacingMode', 'deviceId',
  'getUserMediaTimeout', 'getUserMediaPromiseTimeoutMs', 'getUserMediaPromiseTimeoutThrowError',
  'disableAdaptiveAspectRatio', 'extractBestShot', 'hideDocumentPattern', 'enable3dMask',
  'uploadRetries', 'uploadTimeout', 'credentials', 'headers', 'openOptions',
] as const;

/** What a page may set on the element: every writable property (the framework typings read this one list). */
export type OzLivenessCheckProperties = Partial<
  Pick<OzLivenessCheck, (typeof CONFIG_PROPS)[number] | 'sessionToken' | 'preload' | 'nonce'>
>;

// The plugin has one window per page. Kept on globalThis (Symbol.for) so that two copies of the
// kit on one page still see each other.
const WINDOW_OWNER = Symbol.for('oz-liveness-elements.window-owner');
type OwnerHolder = { [WINDOW_OWNER]?: OzLivenessCheck };
const holder = globalThis as OwnerHolder;
const warned = new Set<string>();

const configError = (p: ConfigProblem) => kitError('invalid-config', p.message, { field: p.field });
const machineryError = (code: 'plugin-load-failed' | 'upload-failed', e: unknown) =>
  kitError(code, `the kit's capture module failed to load (${String(e)})`);

type Machinery = typeof import('../core/machinery.js');
let machinery: Promise<Machinery> | undefined;
/** The capture machinery, loaded once on first need; a failed load is forgotten so a retry tries again. */
function loadMachinery(): Promise<Machinery> {
  return (machinery ??= import('../core/machinery.js').catch((e: unknown) => {
    machinery = undefined;
    throw e;
  }));
}

/**
 * Runs an Oz Forensics liveness check: loads the Oz Web SDK plugin, fetches a fresh session token,
 * opens the plugin, and POSTs the encrypted container to your backend, which answers with the Oz folder.
 *
 * @tagname oz-liveness-check
 * @summary Runs an Oz liveness capture and uploads the container to your backend.
 *
 * @attribute state - Reflected, read-only: `idle` `loading` `ready` `starting` `capturing` `uploading` `done` `error`.
 * @attribute nonce - CSP nonce put on the plugin `<script>` (the standard `nonce` attribute).
 *
 * @slot - Content below the button, e.g. an `<oz-result-banner>` (it follows this element with no attribute).
 * @slot trigger - Replaces the built-in Start button; a click on it calls `start()`.
 *
 * @csspart base - The wrapper.
 * @csspart button - The built-in Start button.
 * @csspart status - The visible, announced state line.
 *
 * @cssproperty [--oz-check-accent=#1a56db] - Button background.
 * @cssproperty [--oz-check-accent-text=#ffffff] - Button text colour.
 * @cssproperty [--oz-check-radius=0.5rem] - Button corner radius.
 *
 * @fires {CustomEvent<{}>} oz-plugin-ready - The plugin script is loaded and `OzLiveness` exists.
 * @fires {CustomEvent<{options: object}>} oz-open - `OzLiveness.open()` was called; `options` leaves out the session token.
 * @fires {CustomEvent<{result: object, container: Blob}>} oz-capture-complete - Cancelable: `preventDefault()` skips the built-in upload.
 * @fires {CustomEvent<{loaded: number, total: number}>} oz-upload-progress - Upload byte progress.
 * @fires {CustomEvent<{decision: 'accept'|'reject'|'failed', folder: object, status: string}>} oz-result - The backend's answer and the decision (fail closed).
 * @fires {CustomEvent<{code: string, category: string, message: string, retryable: boolean}>} oz-error - Any plugin, network, backend or configuration error.
 * @fires {CustomEvent<{reason: 'user'|'complete'|'error'|'api'}>} oz-close - The plugin window closed.
 * @fires {CustomEvent<{state: string, previous: string}>} oz-state-change - Every state transition.
 */
export class OzLivenessCheck extends LitElement {
  static override styles = styles;

  /** URL of the Oz plugin script (`plugin_liveness.php`); loaded once per page. */
  @property({ attribute: 'plugin-src', reflect: true }) pluginSrc?: string;
  /** Where the container Blob is POSTed (your backend route). */
  @property({ attribute: 'backend-url', reflect: true }) backendUrl?: string;
  /** GET before every capture; answers `{ "session_token": "…" }`. */
  @property({ attribute: 'session-token-url', reflect: true }) sessionTokenUrl?: string;
  /** A session token the page fetched itself: used for one capture, then cleared. Never reflected. */
  @property({ attribute: 'session-token' }) sessionToken?: string;
  /** Actions, space- or comma-separated in the attribute. Default `video_selfie_blank`. */
  @property({ converter: actionsConverter, reflect: true }) actions?: string[];
  /** `meta` for Oz API: a JSON object of strings. */
  @property({ converter: jsonConverter, reflect: true }) meta?: Record<string, string>;
  /** `user` or `environment`. */
  @property({ attribute: 'camera-facing-mode', reflect: true }) cameraFacingMode?: 'user' | 'environment';
  /** The camera to use (`MediaDeviceInfo.deviceId`). */
  @property({ attribute: 'device-id', reflect: true }) deviceId?: string;
  /** ms before the plugin shows a hint when it can't get the camera. */
  @property({ attribute: 'get-user-media-timeout', converter: numberConverter, reflect: true }) getUserMediaTimeout?: number;
  /** ms after which a hung getUserMedia ends; or JSON `{platform_browser, browser, platform, default}`. */
  @property({ attribute: 'get-user-media-promise-timeout-ms', converter: msOrJsonConverter, reflect: true })
  getUserMediaPromiseTimeoutMs?: number | Record<string, number>;
  /** After that timeout: `on_error` (true) or an instruction to the person (false). */
  @property({ attribute: 'get-user-media-promise-timeout-throw-error', type: Boolean, reflect: true }) getUserMediaPromiseTimeoutThrowError = false;
  /** Stop fitting the video to 4:3, 3:4, 16:9 or 9:16. */
  @property({ attribute: 'disable-adaptive-aspect-ratio', type: Boolean, reflect: true }) disableAdaptiveAspectRatio = false;
  /** Best-frame choice in the liveness analysis (`params.extract_best_shot`). */
  @property({ attribute: 'extract-best-shot', type: Boolean, reflect: true }) extractBestShot = false;
  /** A plain frame instead of the document template. */
  @property({ attribute: 'hide-document-pattern', type: Boolean, reflect: true }) hideDocumentPattern = false;
  /** 3D mask capture. Deprecated: Oz retires it on 2027-01-01 (warns once). */
  @property({ attribute: 'enable-3d-mask', type: Boolean, reflect: true }) enable3dMask = false;
  /** Start loading the plugin script on connect. */
  @property({ type: Boolean, reflect: true }) preload = false;
  /** Retries on network error, timeout, 408, 429 and 5xx. Default 2. */
  @property({ attribute: 'upload-retries', converter: numberConverter, reflect: true }) uploadRetries?: number;
  /** One upload attempt's limit, ms. Default 60000. */
  @property({ attribute: 'upload-timeout', converter: numberConverter, reflect: true }) uploadTimeout?: number;
  /** fetch credentials for the token and the upload: `same-origin` (default), `include`, `omit`. */
  @property({ reflect: true }) credentials?: RequestCredentials;
  /** Extra request headers for the token and the upload (e.g. CSRF). Property only. */
  @property({ attribute: false }) headers?: Record<string, string>;
  /** Extra `OzLiveness.open()` options merged in; cannot replace the callbacks. Property only. */
  @property({ attribute: false }) openOptions?: Record<string, unknown>;
  /** Language of the plugin and of this element's text. Default: the closest `[lang]`, else `en`. */
  @property({ reflect: true }) override lang = '';
  // The CSP nonce for the plugin <script> is the element's own `nonce` (a standard HTML attribute).

  /** Loads the element's language on demand and re-renders when it arrives. */
  private i18n = new OzI18nController(this, { lang: () => this.uiLang() });
  /** What a nested `<oz-result-banner>` follows. */
  private provider = new ContextProvider(this, { context: ozLivenessContext, initialValue: { state: 'idle' } });

  private _state: OzState = 'idle';
  private _result?: OzResultDetail;
  private _error?: OzErrorDetail;
  private _container?: Blob;
  private idempotencyKey?: string; // one per container: every POST of it carries it (retry-safe)
  private run = 0; // bumped to orphan every callback and request of an earlier run
  private abort?: AbortController;
  private plugin?: OzLivenessPlugin;
  private windowOpen = false;
  private captured = false;
  private closing?: OzCloseReason;
  private closeReported = false;
  private lastProblem = '';
  private teardown?: Promise<void>;

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
    if (this.preload && this._state === 'idle') void this.preloadPlugin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Tear down only if still disconnected after this task: a move or a StrictMode re-mount keeps the flow.
    const t = (this.teardown = Promise.resolve().then(() => {
      if (this.teardown !== t || this.isConnected) return;
      this.stopEverything();
      // Silently: a removed element fires nothing. Put back, it starts from here.
      this._state = this.plugin ? 'ready' : 'idle';
      this.setAttribute('state', this._state);
      this.share({ state: this._state });
    }));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // preload set after connecting (framework wrappers set properties on a connected element)
    if (changed.has('preload') && this.preload && this.isConnected && this._state === 'idle') void this.preloadPlugin();
    if (CONFIG_PROPS.some((p) => changed.has(p)) && this.hasUpdated) {
      const r = this.config(false);
      const key = r.ok ? '' : `${r.problem.field}:${r.problem.message}`;
      if (key !== this.lastProblem && !r.ok) this.emitError(configError(r.problem), false);
      this.lastProblem = key;
    }
  }

  /** Loads the plugin (if needed), fetches a session token and opens the plugin. Ignored while busy. */
  async start(): Promise<void> {
    if (isBusy(this._state)) return;
    const r = this.config(true);
    if (!r.ok) return this.fail(configError(r.problem));
    const config = r.config;
    for (const key of config.retired) {
      if (!warned.has(key)) console.warn(`oz-liveness-check: ${RETIRED[key]}`), warned.add(key);
    }
    if (this.windowBusyElsewhere()) return this.fail(kitError('plugin-busy'));

    const run = this.newRun();
    const signal = this.abort!.signal;
    let m: Machinery | undefined;
    try {
      if (!this.plugin) this.transition('loading');
      m = await loadMachinery();
      const plugin = await this.loadPluginFor(m, config, signal);
      if (run !== this.run) return;
      // Checked again: another element may have opened the window while this one loaded.
      if (this.windowBusyElsewhere()) return this.fail(kitError('plugin-busy'));
      holder[WINDOW_OWNER] = this;
      this.windowOpen = true; // claimed before the token request, so a second start() meets plugin-busy
      this.transition('starting');
      const token = await this.takeSessionToken(m, config, signal);
      if (run !== this.run) return;
      this.openPlugin(m, plugin, config, token, run);
    } catch (e) {
      if (run !== this.run || signal.aborted) return;
      this.releaseWindow();
      if (!m) this.fail(machineryError('plugin-load-failed', e));
      else if (e instanceof m.PluginLoadError) this.fail(kitError(e.code, e.message));
      else if (e instanceof m.SessionTokenError) this.fail(kitError('session-token-failed', e.message, { status: e.status }));
      else this.fail(pluginError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) }));
    }
  }

  /** Closes the plugin window (`oz-close` with reason `api`); a token request under way is dropped. */
  close(): void {
    if (this._state === 'starting') {
      this.newRun();
      this.releaseWindow();
      this.transition(this.plugin ? 'ready' : 'idle');
    } else if (this._state === 'capturing') {
      this.closing = 'api';
      this.plugin?.close?.();
      // A plugin that does not call on_close from close() still ends here (once: see onPluginClose).
      this.onPluginClose(this.run);
    }
  }

  /** Sends the kept container again, identical bytes, to the current `backendUrl`. */
  async retryUpload(): Promise<void> {
    if (!this._container || !canTransition(this._state, 'uploading')) return;
    const r = this.config(true);
    if (!r.ok) return this.fail(configError(r.problem));
    const run = this.newRun();
    try {
      await this.upload(await loadMachinery(), this._container, r.config, run);
    } catch (e) {
      if (run === this.run) this.fail(machineryError('upload-failed', e));
    }
  }

  /** Drops the container, result and error; closes the plugin if it is open; back to `idle` (or `ready`). */
  reset(): void {
    this.stopEverything();
    this._container = undefined;
    this._result = undefined;
    this._error = undefined;
    this.transition(this.plugin ? 'ready' : 'idle');
  }

  protected override render() {
    const t = (key: string) => this.i18n.t(key as MessageKey);
    const busy = isBusy(this._state);
    const retry = this._state === 'error' && this._error?.retryable;
    return html`<div part="base">
      <slot name="trigger" @click=${this.onTrigger}>
        <button part="button" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${this.onTrigger}>
          ${t(retry ? 'check.retry' : 'check.start')}
        </button>
      </slot>
      <p part="status" role="status" aria-live="polite">${this._state === 'idle' ? '' : t(`check.state.${this._state}`)}</p>
      <slot></slot>
    </div>`;
  }

  private onTrigger = (e: Event) => {
    e.stopPropagation(); // one click, one start, whether it hit the button or the slotted trigger
    const uploadFailed = this._error?.category === 'network' && this._error.code !== 'session-token-failed';
    void (this._state === 'error' && this._container && uploadFailed ? this.retryUpload() : this.start());
  };

  private async preloadPlugin(): Promise<void> {
    const r = this.config(false);
    if (!r.ok || !r.config.pluginSrc) return;
    const run = this.newRun();
    this.transition('loading');
    try {
      const m = await loadMachinery();
      await this.loadPluginFor(m, r.config, this.abort!.signal);
      if (run === this.run) this.transition('ready');
    } catch (e) {
      if (run !== this.run || this.abort!.signal.aborted) return;
      const code = (e as { code?: string }).code === 'plugin-missing' ? 'plugin-missing' : 'plugin-load-failed';
      this.fail(kitError(code, e instanceof Error ? e.message : String(e)));
    }
  }

  private async loadPluginFor(m: Machinery, config: ValidConfig, signal: AbortSignal): Promise<OzLivenessPlugin> {
    const plugin = await m.loadPlugin(config.pluginSrc, { signal, nonce: this.nonce });
    if (this.plugin !== plugin) {
      this.plugin = plugin;
      this.emit('oz-plugin-ready', {});
    }
    return plugin;
  }

  private async takeSessionToken(m: Machinery, config: ValidConfig, signal: AbortSignal): Promise<string | undefined> {
    const given = this.sessionToken;
    if (given) {
      // One capture only: clear it everywhere it could linger.
      this.removeAttribute('session-token');
      this.sessionToken = undefined;
      return given;
    }
    if (!config.sessionTokenUrl) return undefined; // installations where the plugin fetches it itself
    return m.fetchSessionToken(config.sessionTokenUrl, { credentials: config.credentials, headers: config.headers, signal });
  }

  private openPlugin(m: Machinery, plugin: OzLivenessPlugin, config: ValidConfig, token: string | undefined, run: number): void {
    const options: Record<string, unknown> = {
      ...config.openOptions,
      on_capture_complete: (result: unknown, container: unknown) => void this.onCaptureComplete(m, result, container, config, run),
      on_error: (error: unknown) => this.onPluginError(error, run),
      on_close: () => this.onPluginClose(run),
    };
    if (token) options.session_token = token;
    this.captured = false;
    this.closing = undefined;
    this.closeReported = false;
    this.transition('capturing');
    this.emit('oz-open', { options: structuredClone(config.openOptions) });
    try {
      plugin.open(options);
    } catch (e) {
      this.onPluginError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) }, run);
    }
  }

  private async onCaptureComplete(m: Machinery, result: unknown, container: unknown, config: ValidConfig, run: number): Promise<void> {
    if (run !== this.run || this.captured) return;
    if (!(container instanceof Blob)) {
      return this.onPluginError({ code: 'plugin_invalid_container', message: 'on_capture_complete gave no container Blob.' }, run);
    }
    this.captured = true;
    this._container = container; // kept through any failure, until a new capture or reset()
    this.idempotencyKey = crypto.randomUUID();
    this.releaseWindow(); // the plugin is done with its window: another element may open it now
    const proceed = this.emit('oz-capture-complete', { result, container });
    if (!proceed) {
      this.transition('done'); // the page uploads it itself
      return;
    }
    await this.upload(m, container, config, run);
  }

  private async upload(m: Machinery, container: Blob, config: ValidConfig, run: number): Promise<void> {
    this.transition('uploading');
    try {
      const folder = await m.uploadContainer(container, {
        url: config.backendUrl,
        headers: config.headers,
        idempotencyKey: this.idempotencyKey,
        credentials: config.credentials,
        retries: config.uploadRetries,
        timeoutMs: config.uploadTimeout,
        signal: this.abort?.signal,
        onProgress: (loaded, total) => {
          if (run !== this.run) return;
          this.share({ ...this.provider.value, progress: { loaded, total } });
          this.emit('oz-upload-progress', { loaded, total });
        },
      });
      if (run !== this.run) return;
      this._result = toResult(folder);
      this._error = undefined;
      this.transition('done');
      this.emit('oz-result', this._result);
    } catch (e) {
      if (run !== this.run) return;
      this.fail(e instanceof m.UploadError ? e.detail : kitError('upload-failed', e instanceof Error ? e.message : String(e)));
    }
  }

  private onPluginError(raw: unknown, run: number): void {
    if (run !== this.run) return;
    this.closing = 'error';
    this.fail(pluginError(raw));
  }

  /** One `oz-close` per opened window, whoever closed it; the reason says who. */
  private onPluginClose(run: number): void {
    if (run !== this.run || this.closeReported) return;
    this.closeReported = true;
    const reason: OzCloseReason = this.closing ?? (this.captured ? 'complete' : 'user');
    this.releaseWindow();
    if (this._state === 'capturing') {
      this.newRun(); // closed before a capture: any late callback of that window is ignored
      this.transition('ready');
    }
    this.emit('oz-close', { reason });
  }

  private config(forStart: boolean) {
    const raw: RawConfig = {};
    for (const p of CONFIG_PROPS) raw[p] = this[p] as never;
    raw.lang = this.uiLang();
    return buildConfig(raw, document.baseURI, { forStart });
  }

  private uiLang(): string {
    // The element's own lang, else the closest [lang] ancestor (across shadow roots), else en.
    for (let n: Node | null = this; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      if (n instanceof Element && n.getAttribute('lang')) return n.getAttribute('lang')!;
    }
    return 'en';
  }

  private windowBusyElsewhere(): boolean {
    const owner = holder[WINDOW_OWNER];
    return !!owner && owner !== this && owner.windowOpen;
  }

  private newRun(): number {
    this.abort?.abort();
    this.abort = new AbortController();
    return ++this.run;
  }

  private releaseWindow(): void {
    this.windowOpen = false;
    if (holder[WINDOW_OWNER] === this) holder[WINDOW_OWNER] = undefined;
  }

  private stopEverything(): void {
    const open = this.windowOpen && holder[WINDOW_OWNER] === this;
    this.newRun(); // orphans every callback; aborts requests and backoff timers
    if (open) this.plugin?.close?.();
    this.releaseWindow();
  }

  private fail(detail: OzErrorDetail): void {
    this._error = detail;
    this.transition('error');
    this.emitError(detail, true);
  }

  private emitError(detail: OzErrorDetail, stateful: boolean): void {
    if (!stateful) this._error = detail;
    this.share({ ...this.provider.value, error: detail });
    this.emit('oz-error', detail);
  }

  private transition(next: OzState): void {
    const previous = this._state;
    if (previous === next || !canTransition(previous, next)) return;
    this._state = next;
    if (next === 'loading' || next === 'starting') this._error = undefined;
    this.setAttribute('state', next);
    this.share({ state: next, result: this._result, error: this._error, progress: next === 'uploading' ? { loaded: 0, total: this._container?.size ?? 0 } : undefined });
    this.requestUpdate();
    this.emit('oz-state-change', { state: next, previous });
  }

  private share(value: OzLivenessSnapshot): void {
    this.provider.setValue(value);
  }

  /** Dispatches a kit event; returns false when a cancelable one was canceled. Silent once removed. */
  private emit<K extends OzEventName>(name: K, detail: OzEventDetails[K]): boolean {
    if (!this.isConnected) return true;
    return this.dispatchEvent(ozEvent(name, detail));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-liveness-check': OzLivenessCheck;
  }
}
