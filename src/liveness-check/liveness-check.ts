import { LitElement, type PropertyValues } from 'lit';
import { followCheck } from '../context.js';
import type { OzErrorDetail } from '../core/errors.js';
import type { OzResultDetail } from '../core/decision.js';
import type { OzPreflightResult } from '../core/preflight.js';
import type { OzState } from '../core/state.js';
import { OPTIONS, litProperties, type OzCheckOptionValues } from '../core/options.js';
import { OzI18nController, type MessageKey } from '../i18n/index.js';
import { copyReference, supportStyles } from '../i18n/support.js';
import { CONFIG_PROPS, configError, readConfig } from './check-config.js';
import { CheckStatus } from './check-status.js';
import { CaptureFlow } from './capture-flow.js';
import { renderCheck } from './check-view.js';
import { styles } from './liveness-check.styles.js';
import { HandoffOffer } from './handoff/offer.js';

/** What a page may set on the element: every option of the table, and the CSP `nonce`. */
export type OzLivenessCheckProperties = OzCheckOptionValues & { nonce?: string };

// The option table declares the properties (static properties, below); this gives them their types.
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
 * @slot icon-accept - Replaces the outcome card's icon after an accept (one slot per outcome: `icon-reject`, `icon-failed`, `icon-error`).
 *
 * @csspart base - The wrapper: the outcome card, then the button, then the support part and the progress bar.
 * @csspart button - The built-in Start / Try again button; while busy it says what is happening, with a spinner.
 * @csspart icon - The outcome card's icon (decorative; the words say the same).
 * @csspart title - After an error: what went wrong, in a few words.
 * @csspart status - The announced state line (absent while a banner follows this check): hidden while the busy button says the same, the card's title after an outcome, its message after an error.
 * @csspart message - After an outcome: what happens next.
 * @csspart steps - The numbered steps that go with an error (how to allow the camera in this browser).
 * @csspart progress - The upload's bar (the banner's): measured while bytes go out with a known total, indeterminate while the backend analyses.
 * @csspart reference - After the button, for failures support can help with: one short reference (`5C8D-2E1A`) with a Copy button, and the collapsed details (absent while a banner follows).
 * @csspart copy - The button that copies the short reference.
 * @csspart support-details - The collapsed "details for support": the codes and the full ids.
 * @csspart contact - The page's `support-contact` text inside the status line.
 * @csspart handoff-button - "Use your phone instead" (with `handoff-url`); first, in the accent colour, when this device has no usable camera.
 * @csspart handoff - The hand-off panel: the QR code, the link, the time left, the phone's progress.
 * @csspart handoff-qr - The QR code (an SVG, dark on white in every theme).
 * @csspart handoff-link - The phone link to type, as selectable text (its secret spaced in groups of four).
 * @csspart handoff-status - The hand-off's announced state line.
 * @csspart handoff-return - On the phone a hand-off opened, after the outcome: "You can now return to your computer."
 *
 * @cssproperty [--oz-color-accent=#1d4ed8 (dark: #8fb1ff)] - Button background; every `--oz-*` token of `<oz-result-banner>` applies here too (docs/theming.md).
 * @cssproperty [--oz-check-accent] - Start button background (else `--oz-color-accent`).
 * @cssproperty [--oz-check-accent-text] - Start button text colour (else `--oz-color-on-accent`).
 * @cssproperty [--oz-check-radius] - Start button corner radius (else `--oz-radius`).
 *
 * @fires {CustomEvent<{}>} oz-plugin-ready - The plugin script is loaded and `OzLiveness` exists.
 * @fires {CustomEvent<{options: object}>} oz-open - `OzLiveness.open()` was called; `options` leaves out the session token.
 * @fires {CustomEvent<{result: object, container: Blob, idempotencyKey: string}>} oz-capture-complete - Cancelable: `preventDefault()` skips the built-in upload.
 * @fires {CustomEvent<{loaded: number, total: number}>} oz-upload-progress - Upload byte progress.
 * @fires {CustomEvent<{decision: 'accept'|'reject'|'failed', folder: object, status: string}>} oz-result - The backend's answer and the decision (fail closed).
 * @fires {CustomEvent<{code: string, category: string, message: string, retryable: boolean}>} oz-error - Any plugin, network, backend or configuration error.
 * @fires {CustomEvent<{reason: 'user'|'complete'|'error'|'api'}>} oz-close - The plugin window closed.
 * @fires {CustomEvent<{state: string, previous: string}>} oz-state-change - Every state transition.
 * @fires {CustomEvent<{state: 'waiting'|'opened'|'capturing'|'uploading'|'done'|'expired'|'cancelled'}>} oz-handoff - A hand-off to a phone moved on (`handoff()`).
 */
export class OzLivenessCheck extends LitElement {
  static override styles = [...styles, supportStyles];
  static override properties = litProperties();

  /** Language of the plugin and of this element's text. Default: the closest `[lang]`, else `en`. */
  declare lang: string;
  /** The one resolver of both elements (i18n): own `lang`, closest `[lang]`, `<html lang>`, else `en`. */
  private i18n = new OzI18nController(this, { lang: () => this.lang });
  /** State, outcome, context for a banner, followers and events (check-status.ts). */
  private status: CheckStatus = new CheckStatus(this, () => !!this.flow.plugin);
  /** The capture: preload, start, upload, close, reset, teardown (capture-flow.ts). */
  private flow = new CaptureFlow(this, this.status);
  /** The last configuration problem reported, so an unchanged one is not reported again. */
  private lastProblem = '';
  /**
   * A shadow root from the server (declarative shadow DOM): the first render must match what Lit SSR
   * wrote, so it ignores banners that connected before it (the server knew none); the next one follows them.
   */
  private hydrating = this.shadowRoot !== null;
  /** The short support reference last copied: its button says so. */
  private copied?: string;
  /** The hand-off: its button, and its panel from the first press (handoff/offer.ts). */
  private offer = new HandoffOffer(this, this.status, this.flow, this.i18n);

  constructor() {
    super();
    // No initial `lang`: it reflects, and `lang=""` on the host would declare the element's content
    // (and the page's slotted content) to be in an unknown language, hiding the page's from screen readers.
    for (const [name, o] of Object.entries(OPTIONS))
      if ('boolean' in o) (this as Record<string, unknown>)[name] = false;
    if (this.hydrating)
      void this.updateComplete.then(() => {
        this.hydrating = false;
        this.requestUpdate();
      });
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    // preload set after connecting (framework wrappers set properties on a connected element)
    if (changed.has('preload') && this.preload && this.isConnected) void this.flow.preloadPlugin();
    // With a hand-off on offer, a device without a usable camera is told so before any press.
    if (changed.has('handoffUrl') && this.offer.offered()) this.preflight().catch(() => {}); // a start reports it
    if (CONFIG_PROPS.some((p) => changed.has(p)) && this.hasUpdated) {
      const r = readConfig(this, false);
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
    const found = await this.flow.preflight();
    await this.offer.found(found);
    return found;
  }

  /** Follow handshake (context.ts): while a banner follows, the status line steps aside. */
  [followCheck](follower: Element, voice?: (speaks: boolean) => void): () => void {
    return this.status.follow(follower, voice);
  }

  /**
   * Runs `preflight()`, then loads the plugin and fetches a session token, both at once, then
   * opens the plugin. Joins a preload under way. Ignored while a capture or an upload is under way.
   */
  start(): Promise<void> {
    this.offer.cancel(); // one way at a time: a hand-off under way is called off
    return this.flow.start();
  }

  /**
   * Starts a hand-off to a phone (`handoff-url`): shows a QR code and the link, follows the phone
   * (`oz-handoff`) and ends with the phone's `oz-result`. Ignored while a capture, an upload or
   * another hand-off is under way. See docs/handoff.md.
   */
  handoff(): Promise<void> {
    return this.offer.open();
  }

  /** Closes the plugin window (`oz-close` with reason `api`); a token request under way is dropped. */
  close(): void {
    this.flow.close();
  }

  /** Sends the kept container again, identical bytes and the same `Idempotency-Key`, to the current `backendUrl`. */
  retryUpload(): Promise<void> {
    return this.flow.retryUpload();
  }

  /** Drops the container, result and error; closes the plugin if it is open; back to `idle` (or `ready`). */
  reset(): void {
    this.offer.cancel();
    this.flow.reset();
  }

  protected override render() {
    const { state, result, error, analysing, uploaded } = this.status;
    return renderCheck({
      state,
      result,
      error,
      analysing,
      progress: uploaded,
      retry: this.status.retry(),
      statusKey: this.status.statusKey() as MessageKey,
      following: !this.hydrating && this.status.followers.size > 0,
      busy: this.flow.busy,
      spoken: this.i18n.spoken,
      mark: this.i18n.mark,
      say: (key) => this.i18n.t(key),
      supportContact: this.supportContact,
      copied: this.copied,
      onCopy: this.onCopy,
      onTrigger: this.onTrigger,
      handoff: this.offer.view(),
    });
  }

  private onCopy = async (reference: string) => {
    if (!(await copyReference(reference, this.renderRoot))) return;
    this.copied = reference;
    this.requestUpdate();
  };

  private onTrigger = (e: Event) => {
    e.stopPropagation(); // one click, one action, whether it hit the button or the slotted trigger
    void (this.status.retry() === 'retry-upload' ? this.retryUpload() : this.start());
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-liveness-check': OzLivenessCheck;
  }
}
