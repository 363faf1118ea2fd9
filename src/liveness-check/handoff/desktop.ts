/**
 * The desktop's side of a hand-off to a phone, the entry of the lazy hand-off chunk (loaded at the
 * first `handoff()`; the QR encoder comes later still, with the first code). A reactive controller
 * that owns one hand-off at a time: it asks the backend for a code (`POST handoff-url`), shows it as a
 * QR code and as the full link, the time left and the phone's progress, follows the event stream
 * (stream.ts) and, on `done`, gives the phone's folder to the element exactly as a local upload
 * would (`oz-result`, the fail-closed decision). `run` is the one staleness check, as in CaptureFlow.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { toResult } from '../../core/decision.js';
import { kitError, type OzErrorDetail } from '../../core/errors.js';
import type { ValidConfig } from '../../core/options.js';
import type { OzHandoffState } from '../../events.js';
import type { MessageKey } from '../../i18n/index.js';
import { configError, readConfig } from '../check-config.js';
import type { CheckStatus } from '../check-status.js';
import { handoffStyles } from './handoff.styles.js';
import { encodeQr, renderQr, type QrCode } from './qr.js';
import { handoffRoute, refusal, requestInit, unreachable } from './request.js';
import { followHandoff, type HandoffUpdate } from './stream.js';

type Host = ReactiveControllerHost & HTMLElement;
type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** What the panel shows: `starting` while the code is asked for, `failed` when that or the stream failed. */
type Phase = OzHandoffState | 'starting' | 'failed';

interface Code {
  phoneUrl: string;
  watchToken: string;
  expiresAt: number;
  qr: QrCode;
}

/** States in which the phone may still come: the clock runs and Cancel calls the hand-off off. */
const LIVE: readonly Phase[] = ['waiting', 'opened', 'capturing'];

export class HandoffPanel implements ReactiveController {
  /** What the panel shows; `undefined` while it is closed. */
  phase?: Phase;
  private code?: Code;
  private config?: ValidConfig;
  private problem?: OzErrorDetail;
  /** The current hand-off's id: bumped by each new one and by whatever ends one. */
  private run = 0;
  private abort?: AbortController;
  private ticker?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: Host,
    private readonly status: CheckStatus,
    private readonly t: Translate,
  ) {
    host.addController(this);
    adoptStyles(host);
  }

  hostDisconnected(): void {
    this.end(); // nothing outlives a removed element; the link expires on the server by itself
    this.phase = undefined;
  }

  /** Opens the panel with a new code; while a hand-off is under way, does nothing. */
  async start(): Promise<void> {
    if (this.phase && !['expired', 'cancelled', 'failed'].includes(this.phase)) return;
    const read = readConfig(this.host, false);
    if (!read.ok) return this.status.fail(configError(read.problem));
    const config = read.config;
    if (!config.handoffUrl)
      return this.status.fail(
        configError({ field: 'handoff-url', message: 'handoff() needs handoff-url, the backend’s hand-off route.' }),
      );
    const opening = !this.phase;
    this.end();
    const run = this.run;
    const abort = (this.abort = new AbortController());
    this.config = config;
    this.show('starting');
    // Into the panel as it opens (its status is read out), and when the pressed "new code" is gone.
    void this.host.updateComplete.then(() => {
      if (run === this.run && (opening || focusLost(this.host))) this.panel()?.focus();
    });
    try {
      const created = await createHandoff(config, abort.signal);
      const qr = await encodeQr(created.phoneUrl);
      if (run !== this.run) return;
      this.code = { ...created, qr };
      this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
      this.change({ state: 'waiting' });
      const watch = requestInit(config, { 'Oz-Handoff-Watch': created.watchToken }, abort.signal);
      await followHandoff(handoffRoute(config.handoffUrl, 'events'), watch, (u) => run === this.run && this.change(u));
    } catch (e) {
      if (run !== this.run || abort.signal.aborted) return;
      this.problem = isDetail(e) ? e : kitError('handoff-failed', String(e));
      this.stop();
      this.show('failed');
      this.status.report(this.problem);
    }
  }

  /** The person's Cancel (or `reset()`, a local `start()`): calls the hand-off off and closes the panel. */
  async cancel(): Promise<void> {
    const { phase, code, config, run } = this;
    if (!phase) return;
    if (code && config?.handoffUrl && LIVE.includes(phase)) {
      const url = handoffRoute(config.handoffUrl, 'cancel');
      try {
        const response = await fetch(url, requestInit(config, { 'Oz-Handoff-Watch': code.watchToken }));
        void response.body?.cancel().catch(() => {});
        // Too late: the phone is uploading, and its outcome comes on the stream.
        if (response.status === 409) return;
      } catch {
        // Out of reach: the link expires on the server by itself, and this page stops following it.
      }
      if (run !== this.run) return; // the stream said `cancelled` (or `done`) meanwhile
    }
    if (phase === 'starting' || LIVE.includes(phase)) this.change({ state: 'cancelled' });
    else this.close();
  }

  /** The panel, or `nothing` while it is closed. `lang` marks words in a fallback language. */
  view(lang: string | typeof nothing): TemplateResult | typeof nothing {
    const { phase, code, t } = this;
    if (!phase) return nothing;
    const over = phase === 'expired' || phase === 'failed';
    const left = code ? Math.max(0, Math.ceil((code.expiresAt - Date.now()) / 1000)) : 0;
    const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    const said =
      phase === 'starting'
        ? ''
        : t((phase === 'failed' ? this.problem?.messageKey : `handoff.state.${phase}`) as MessageKey);
    return html`<section part="handoff" role="group" aria-label=${t('handoff.start')} tabindex="-1" lang=${lang}>
      ${
        phase === 'waiting' && code
          ? html`<p>${t('handoff.scan')}</p>
            <div class="handoff-code">${renderQr(code.qr, t('handoff.qr'))}<code part="handoff-link">${code.phoneUrl}</code></div>`
          : nothing
      }
      ${LIVE.includes(phase) ? html`<p part="handoff-time">${t('handoff.timeLeft', { time })}</p>` : nothing}
      <p part="handoff-status" role="status">${said}</p>
      <div class="handoff-actions">
        ${
          over
            ? html`<button type="button" part="button handoff-new" @click=${() => this.start()}>
              ${t(phase === 'failed' ? 'check.retry' : 'handoff.newCode')}
            </button>`
            : nothing
        }
        <button type="button" part="handoff-cancel" @click=${() => this.cancel()}>${t('handoff.cancel')}</button>
      </div>
    </section>`;
  }

  /** One state from the stream (or this page): shown, told as `oz-handoff`, and acted on. */
  private change({ state, folder }: HandoffUpdate): void {
    if (state === this.phase) return;
    this.show(state);
    this.status.emit('oz-handoff', { state });
    if (state === 'done') {
      this.close();
      // The phone's folder, decided here as after a local upload: the page is not the authority.
      this.status.succeed(toResult(folder), 'remote');
    } else if (state === 'expired') {
      this.stop();
      this.status.report(kitError('handoff-expired', 'the phone did not finish before the link expired'));
    } else if (state === 'cancelled') this.close();
  }

  private show(phase: Phase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  /** Closes the panel; focus that was in it goes back to the element's button. */
  private close(): void {
    const hadFocus = this.host.matches(':focus-within');
    this.end();
    this.phase = this.code = undefined;
    this.host.requestUpdate();
    if (hadFocus) void this.host.updateComplete.then(() => restoreFocus(this.host));
  }

  /** Stops following the hand-off (its requests and clock); the panel stays. */
  private stop(): void {
    this.abort?.abort();
    clearInterval(this.ticker);
  }

  /** Ends the current hand-off: whatever it awaits is stale. */
  private end(): void {
    this.run++;
    this.stop();
  }

  private panel(): HTMLElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>('[part=handoff]');
  }
}

/** `POST handoff-url` → the phone link (its secret in the fragment), the watch token and the expiry. */
async function createHandoff(config: ValidConfig, signal: AbortSignal): Promise<Omit<Code, 'qr'>> {
  const url = config.handoffUrl!;
  let response: Response;
  try {
    response = await fetch(url, requestInit(config, {}, signal));
  } catch (e) {
    throw signal.aborted ? e : unreachable(`POST ${url}`, e);
  }
  if (!response.ok) throw refusal(response, `POST ${url}`);
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const expiresAt = Date.parse(String(body?.expiresAt));
  const { phoneUrl, watchToken } = body ?? {};
  if (typeof phoneUrl !== 'string' || !/^https?:\/\//.test(phoneUrl) || typeof watchToken !== 'string' || !expiresAt)
    throw kitError('handoff-failed', `POST ${url} answered without phoneUrl, watchToken and expiresAt`);
  return { phoneUrl, watchToken, expiresAt };
}

const isDetail = (e: unknown): e is OzErrorDetail =>
  typeof (e as OzErrorDetail)?.code === 'string' && typeof (e as OzErrorDetail)?.messageKey === 'string';

/** Focus lost with the panel (on `<body>`, or on the element itself) → the hand-off button, the Start button, or the element. */
function restoreFocus(host: Host): void {
  if (!focusLost(host)) return;
  const root = host.shadowRoot;
  const target =
    root?.querySelector<HTMLElement>('[part~=handoff-button]:not(:disabled)') ??
    root?.querySelector<HTMLElement>('[part~=button]:not(:disabled)');
  if (target) target.focus();
  else {
    if (!host.hasAttribute('tabindex')) host.tabIndex = -1;
    host.focus();
  }
}

/** Focus on nothing (`<body>`), or on the element with nothing focused inside it: a removed button took it. */
function focusLost(host: Host): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (active === host && !host.shadowRoot?.activeElement);
}

/** The panel's styles join the element's, once per shadow root. */
function adoptStyles(host: Host): void {
  const root = host.shadowRoot;
  const sheet = handoffStyles.styleSheet;
  if (!root) return;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style[data-oz-handoff]')) {
    // No constructable style sheets (older Safari): a <style>, with Lit's nonce when the page set one.
    const style = document.createElement('style');
    style.dataset.ozHandoff = '';
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = handoffStyles.cssText;
    root.append(style);
  }
}
