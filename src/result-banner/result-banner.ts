import { LitElement, html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import { ozLivenessContext, type OzLivenessSnapshot } from '../context.js';
import { analysisRows, bestShot, normalizeResult, type OzDecision, type OzFolder, type OzResultDetail } from '../core/decision.js';
import { messageKeyFor, type OzErrorDetail } from '../core/errors.js';
import { OzState } from '../core/state.js';
import { OzI18nController, isMessageKey, type MessageKey, type OzMessages } from '../i18n/index.js';
import { styles } from './result-banner.styles.js';

export const OzBannerStatus = {
  idle: 'idle',
  pending: 'pending',
  accept: 'accept',
  reject: 'reject',
  failed: 'failed',
  error: 'error',
} as const;
export type OzBannerStatus = (typeof OzBannerStatus)[keyof typeof OzBannerStatus];

/** What the banner shows, from whichever source spoke last. Everything is checked on the way in. */
type View = Partial<OzLivenessSnapshot>;

const SOURCE_EVENTS = ['oz-state-change', 'oz-upload-progress', 'oz-result', 'oz-error'] as const;
const PENDING: readonly OzState[] = ['loading', 'starting', 'capturing', 'uploading'];
const STATES = Object.values(OzState) as readonly string[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const asState = (v: unknown): OzState | undefined => (STATES.includes(v as string) ? (v as OzState) : undefined);
const asError = (v: unknown): OzErrorDetail | undefined => (isRecord(v) ? (v as unknown as OzErrorDetail) : undefined);
function asProgress(v: unknown): View['progress'] {
  if (!isRecord(v)) return undefined;
  const { loaded, total } = v;
  return typeof loaded === 'number' && typeof total === 'number' && loaded >= 0 && total >= 0 ? { loaded, total } : undefined;
}

/** A snapshot from a check (its properties or its context) → a view; decisions are recomputed. */
function toView(s: unknown): View {
  if (!isRecord(s)) return {};
  return { state: asState(s.state), result: normalizeResult(s.result), error: asError(s.error), progress: asProgress(s.progress) };
}

/**
 * `ready` shows nothing too: a check gets there by loading ahead, by a reset, or by a new attempt
 * closed before the capture; none has an outcome. An error outranks a result: a check clears its
 * error when a result arrives, so when both are there the error is the newer.
 */
function statusOf(v: View): OzBannerStatus {
  if (v.state && PENDING.includes(v.state)) return 'pending';
  if (v.state === 'idle' || v.state === 'ready') return 'idle';
  if (v.state === 'error' || v.error) return 'error';
  return v.result ? v.result.decision : 'idle';
}

function errorKey(e: OzErrorDetail | undefined): MessageKey {
  if (isMessageKey(e?.messageKey)) return e.messageKey;
  const code = typeof e?.code === 'string' ? e.code : '';
  const key = messageKeyFor(code, typeof e?.ozErrorCode === 'number' ? e.ozErrorCode : undefined);
  return isMessageKey(key) ? key : 'error.plugin';
}

// Shapes differ per status, so the meaning never rests on colour; words carry it anyway.
const ICONS: Record<Exclude<OzBannerStatus, 'idle'> | OzDecision, SVGTemplateResult> = {
  pending: svg`<circle cx="12" cy="12" r="9" opacity=".25"/><path class="spin" d="M12 3a9 9 0 0 1 9 9"/>`,
  accept: svg`<circle cx="12" cy="12" r="9"/><path d="m8 12.5 2.75 2.75L16.5 9.5"/>`,
  reject: svg`<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6m0-6-6 6"/>`,
  failed: svg`<path d="M12 3.5 21.5 20h-19z"/><path d="M12 10v4.5m0 2.5v.01"/>`,
  error: svg`<path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z"/><path d="M12 7.5v5.5m0 3v.01"/>`,
};
const icon = (name: keyof typeof ICONS) =>
  html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;

/**
 * Shows the outcome of a liveness check in words a person can read, in their language: pending
 * (with upload progress), accepted, declined, a system failure (neither), or what went wrong and
 * what to do next. It only shows; the backend decides.
 *
 * Sources: `for` (the id of an `<oz-liveness-check>` in the same root, also one added later),
 * the check it is placed in (through context), or the `result` property. It follows re-captures.
 * Backend data is only ever rendered as text.
 *
 * @tagname oz-result-banner
 * @summary The outcome of a liveness check: accepted, declined, failed or an error, accessibly.
 *
 * @attribute status - Reflected, read-only: `idle` `pending` `accept` `reject` `failed` `error`.
 *
 * @slot - Extra content under the message (shown whenever the banner is not idle).
 * @slot actions - Buttons or links for the person, e.g. the page's own "Try again".
 *
 * @csspart base - The box; also the live region (`role=status` or `role=alert`).
 * @csspart icon - The status icon (decorative; the title says the same in words).
 * @csspart title - The status in a few words.
 * @csspart message - What happened and what the person can do.
 * @csspart details - The list of analyses and their outcomes (`show-details`).
 * @csspart best-shot - The best-shot image (`show-best-shot`).
 *
 * @cssproperty [--oz-banner-background=#ffffff (dark: #161b22)] - Background.
 * @cssproperty [--oz-banner-color=#1f2328 (dark: #e6edf3)] - Text colour.
 * @cssproperty [--oz-banner-muted-color=#59636e (dark: #9198a1)] - The reference line's colour.
 * @cssproperty [--oz-banner-border-color=#d1d9e0 (dark: #3d444d)] - Border colour.
 * @cssproperty [--oz-banner-border-radius=0.5rem] - Corner radius.
 * @cssproperty [--oz-banner-padding=1rem] - Inner spacing.
 * @cssproperty [--oz-banner-gap=0.75rem] - Space between the icon and the text.
 * @cssproperty [--oz-banner-accent-width=0.25rem] - Width of the status stripe on the inline-start edge.
 * @cssproperty [--oz-banner-icon-size=1.5rem] - Size of the status icon.
 * @cssproperty [--oz-banner-best-shot-size=10rem] - Largest width of the best-shot image.
 * @cssproperty [--oz-banner-pending-color=#0969da (dark: #4493f8)] - Accent while pending.
 * @cssproperty [--oz-banner-accept-color=#1a7f37 (dark: #3fb950)] - Accent for accept.
 * @cssproperty [--oz-banner-reject-color=#cf222e (dark: #ff7b72)] - Accent for reject.
 * @cssproperty [--oz-banner-failed-color=#9a6700 (dark: #d29922)] - Accent for a system failure.
 * @cssproperty [--oz-banner-error-color=#bc4c00 (dark: #f0883e)] - Accent for an error.
 */
export class OzResultBanner extends LitElement {
  static override styles = styles;

  /** The id of the `<oz-liveness-check>` to follow, in the same document or shadow root. */
  @property({ attribute: 'for', reflect: true }) htmlFor?: string;

  /** A folder JSON or an `oz-result` detail to show; the decision is recomputed from the folder. */
  @property({ attribute: false }) result?: OzFolder | OzResultDetail | null;

  /** One row per analysis (liveness, face match, document) with its outcome. */
  @property({ type: Boolean, attribute: 'show-details', reflect: true }) showDetails = false;

  /** The liveness best shot, when the backend sent one that really is a JPEG or PNG. */
  @property({ type: Boolean, attribute: 'show-best-shot', reflect: true }) showBestShot = false;

  /** Message language; else the closest `[lang]`, then the browser's language, then English. */
  @property({ reflect: true }) override lang!: string;

  /** Replacements for any message, by key (e.g. `{ 'banner.title.accept': 'Verified' }`). */
  @property({ attribute: false }) messages?: Partial<OzMessages>;

  @state() private view: View = {};
  @state() private hasActions = false;

  private currentStatus: OzBannerStatus = 'idle';
  private target?: Element;
  private attachedFor?: string;
  private rootObserver?: MutationObserver;
  private readonly i18n = new OzI18nController(this, { lang: () => this.lang, messages: () => this.messages });
  private readonly consumer = new ContextConsumer(this, {
    context: ozLivenessContext,
    subscribe: true,
    callback: (value) => {
      if (!this.htmlFor) this.view = toView(value);
    },
  });

  /** `idle` `pending` `accept` `reject` `failed` `error`; reflected as the `status` attribute. */
  get status(): OzBannerStatus {
    return this.currentStatus;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.attachSource();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detachSource();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor') && this.isConnected) this.attachSource();
    // The last source to speak wins: a page's `result` shows until the check reports again.
    if (changed.has('result') && (this.result != null || changed.get('result') != null)) {
      this.view = { result: normalizeResult(this.result) };
    }
    this.currentStatus = statusOf(this.view);
    if (this.getAttribute('status') !== this.currentStatus) this.setAttribute('status', this.currentStatus);
  }

  private attachSource(): void {
    if (this.rootObserver && this.attachedFor === this.htmlFor) return;
    this.detachSource();
    this.attachedFor = this.htmlFor;
    if (this.htmlFor) {
      // Watch the root so a check added (or given this id) later is found, and a replaced one followed.
      const root = this.getRootNode() as Document | ShadowRoot;
      this.rootObserver = new MutationObserver(() => this.findTarget());
      this.rootObserver.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
      this.findTarget();
    } else if (this.consumer.value) {
      this.view = toView(this.consumer.value);
    } else {
      this.view = this.result != null ? { result: normalizeResult(this.result) } : {};
    }
  }

  private detachSource(): void {
    this.rootObserver?.disconnect();
    this.rootObserver = undefined;
    this.attachedFor = undefined;
    this.listen(undefined);
  }

  private findTarget(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const found = (this.htmlFor && root.getElementById?.(this.htmlFor)) || undefined;
    if (found === this.target) return;
    this.listen(found);
    this.view = found ? toView({ state: Reflect.get(found, 'state'), result: Reflect.get(found, 'result'), error: Reflect.get(found, 'error') }) : {};
  }

  private listen(el: Element | undefined): void {
    for (const type of SOURCE_EVENTS) this.target?.removeEventListener(type, this.onSourceEvent);
    this.target = el;
    for (const type of SOURCE_EVENTS) el?.addEventListener(type, this.onSourceEvent);
  }

  private onSourceEvent = (e: Event): void => {
    if (e.target !== this.target) return; // not from a check nested inside the one we follow
    const detail: unknown = (e as CustomEvent).detail;
    const v = this.view;
    if (e.type === 'oz-state-change') {
      const next = asState(isRecord(detail) ? detail.state : undefined);
      if (!next) return;
      // A new attempt (or a reset) forgets the last outcome.
      const fresh = next === 'idle' || next === 'ready' || (PENDING.includes(next) && !(v.state && PENDING.includes(v.state)));
      this.view = fresh ? { state: next } : { ...v, state: next };
    } else if (e.type === 'oz-upload-progress') {
      this.view = { ...v, progress: asProgress(detail) };
    } else if (e.type === 'oz-result') {
      this.view = { ...v, result: normalizeResult(detail), error: undefined };
    } else if (e.type === 'oz-error') {
      this.view = { ...v, error: asError(detail), result: undefined };
    }
  };

  private onActionsChange(e: Event): void {
    this.hasActions = (e.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  }

  protected override render() {
    const s = this.currentStatus;
    const role = s === 'reject' || s === 'failed' || s === 'error' ? 'alert' : 'status';
    return html`<div part="base" class="base ${s === 'idle' ? '' : 'shown'}" role=${role}>${s === 'idle' ? nothing : this.renderShown(s)}</div>`;
  }

  private renderShown(s: Exclude<OzBannerStatus, 'idle'>) {
    const t = (key: MessageKey, params?: Record<string, string>) => this.i18n.t(key, params);
    const { state, result, error, progress } = this.view;
    let title: string;
    let message: string | undefined;
    let reference: string | undefined;
    if (s === 'pending') {
      title = t(`check.state.${state ?? 'loading'}` as MessageKey);
    } else if (s === 'error') {
      title = t('banner.title.error');
      message = t(errorKey(error));
      const ids = [error?.code, error?.telemetryId].filter((x): x is string => typeof x === 'string' && x !== '');
      reference = ids.length ? ids.join(' · ') : undefined;
    } else {
      title = t(`banner.title.${s}`);
      message = t(`banner.message.${s}`);
      const id = result?.folder.folder_id;
      if (s === 'failed' && typeof id === 'string' && id) reference = id;
    }
    const rows = this.showDetails && result && s !== 'pending' && s !== 'error' ? analysisRows(result.folder) : [];
    const shot = this.showBestShot && result && s !== 'pending' && s !== 'error' ? bestShot(result.folder) : undefined;
    const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : undefined;

    return html`
      <span part="icon" class="icon">${icon(s)}</span>
      <div class="body">
        <p part="title" class="title">${title}</p>
        ${message ? html`<p part="message" class="message">${message}</p>` : nothing}
        ${s === 'pending' && state === 'uploading'
          ? html`<progress max="100" value=${pct ?? nothing} aria-label=${t('check.state.uploading')}></progress>`
          : nothing}
        ${reference ? html`<p class="reference">${t('banner.reference', { id: reference })}</p>` : nothing}
        ${rows.length
          ? html`<dl part="details" class="details">
              ${rows.map(
                (r) => html`<div class="row">
                  <dt>${t(`analysis.${r.type}`)}</dt>
                  <dd><span class="row-icon ${r.decision}">${icon(r.decision)}</span>${t(`analysis.${r.decision}`)}</dd>
                </div>`,
              )}
            </dl>`
          : nothing}
        ${shot ? html`<img part="best-shot" class="best-shot" src=${shot} alt=${t('banner.bestShot')} />` : nothing}
        <slot></slot>
        <div class="actions ${this.hasActions ? 'has-actions' : ''}"><slot name="actions" @slotchange=${this.onActionsChange}></slot></div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-result-banner': OzResultBanner;
  }
}
