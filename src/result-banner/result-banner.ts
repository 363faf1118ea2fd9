import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { analysisRows, bestShot, normalizeResult, type OzFolder, type OzResultDetail } from '../core/decision.js';
import { titleKeyFor } from '../core/errors.js';
import { OzI18nController, type MessageKey, type OzMessages } from '../i18n/index.js';
import { renderMessage, renderSteps } from '../i18n/render.js';
import { copyReference, supportPart, supportStyles } from '../i18n/support.js';
import { dirOf, icon, lookOf, progressBar, statusIcon } from './outcome.js';
import { styles } from './result-banner.styles.js';
import { BannerSource } from './banner-source.js';
import { errorKey, statusOf, type OzBannerStatus } from './view.js';

export { OzBannerStatus } from './view.js';
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
 * @slot icon-pending - Replaces the kit's icon while pending (one slot per status: `icon-accept`, `icon-reject`, `icon-failed`, `icon-error`).
 *
 * @csspart base - The card (its status colour on the inline-start edge); also the live region (`role=status` or `role=alert`).
 * @csspart icon - The status icon's place (decorative; the title says the same in words).
 * @csspart title - The status in a few words.
 * @csspart message - What happened and what the person can do.
 * @csspart steps - The numbered steps that go with an error (how to allow the camera in this browser).
 * @csspart details - The list of analyses and their outcomes (`show-details`, a staff view).
 * @csspart best-shot - The best-shot image (`show-best-shot`).
 * @csspart reference - The support part of a failure support can help with: one short reference (`5C8D-2E1A`) with a Copy button, and the collapsed details.
 * @csspart copy - The button that copies the short reference.
 * @csspart support-details - The collapsed "details for support": the codes and the full ids.
 * @csspart contact - The page's `support-contact` text inside the message.
 * @csspart progress - The upload's progress bar while pending (the same bar as the check's).
 *
 * @cssproperty [--oz-color-surface=#ffffff (dark: #141a22)] - Card background (both elements).
 * @cssproperty [--oz-color-text=#17202b (dark: #e9eef4)] - Text.
 * @cssproperty [--oz-color-text-muted=#4d5866 (dark: #a7b1be)] - The support part's text.
 * @cssproperty [--oz-color-border=#8a95a3 (dark: #6b7685)] - Card border.
 * @cssproperty [--oz-color-accent=#1d4ed8 (dark: #8fb1ff)] - Buttons.
 * @cssproperty [--oz-color-accent-hover=#1a43b8 (dark: #a9c3ff)] - A button under the pointer.
 * @cssproperty [--oz-color-accent-active=#163a9e (dark: #c3d5ff)] - A button being pressed.
 * @cssproperty [--oz-color-on-accent=#ffffff (dark: #0b1733)] - Text on a button.
 * @cssproperty [--oz-color-focus=#1d4ed8 (dark: #8fb1ff)] - Focus ring.
 * @cssproperty [--oz-color-disabled=#e3e7ec (dark: #2a323d)] - A busy (disabled) button.
 * @cssproperty [--oz-color-on-disabled=#4d5866 (dark: #b3bcc8)] - Text on a busy button.
 * @cssproperty [--oz-color-pending=#1d4ed8 (dark: #8fb1ff)] - Status colour while pending.
 * @cssproperty [--oz-color-accept=#16794a (dark: #5fd394)] - Status colour of an accept.
 * @cssproperty [--oz-color-reject=#b42336 (dark: #ff8f9c)] - Status colour of a reject.
 * @cssproperty [--oz-color-problem=#995200 (dark: #f2b65a)] - Status colour of "could not be completed" (failed or error).
 * @cssproperty [--oz-radius=0.5rem] - Corner radius of the card and the buttons.
 * @cssproperty [--oz-font=inherit] - Font family.
 * @cssproperty [--oz-space=1rem] - The spacing unit (padding; gaps are fractions of it).
 * @cssproperty [--oz-title-size=1.25rem] - The title's size.
 * @cssproperty [--oz-measure=65ch] - The longest line of text.
 * @cssproperty [--oz-banner-background] - This banner's background (else `--oz-color-surface`).
 * @cssproperty [--oz-banner-color] - This banner's text colour (else `--oz-color-text`).
 * @cssproperty [--oz-banner-muted-color] - This banner's support part (else `--oz-color-text-muted`).
 * @cssproperty [--oz-banner-border-color] - This banner's border (else `--oz-color-border`).
 * @cssproperty [--oz-banner-border-radius] - This banner's corner radius (else `--oz-radius`).
 * @cssproperty [--oz-banner-padding] - This banner's inner spacing (else `--oz-space`).
 * @cssproperty [--oz-banner-gap=0.75rem] - Space between the icon and the text.
 * @cssproperty [--oz-banner-accent-width=0.25rem] - Width of the status stripe on the inline-start edge.
 * @cssproperty [--oz-banner-icon-size=2rem] - Size of the status icon.
 * @cssproperty [--oz-banner-best-shot-size=10rem] - Largest width of the best-shot image.
 * @cssproperty [--oz-banner-pending-color] - This banner's colour while pending (else `--oz-color-pending`).
 * @cssproperty [--oz-banner-accept-color] - For an accept (else `--oz-color-accept`).
 * @cssproperty [--oz-banner-reject-color] - For a reject (else `--oz-color-reject`).
 * @cssproperty [--oz-banner-failed-color] - For a failed check (else `--oz-color-problem`).
 * @cssproperty [--oz-banner-error-color] - For an error (else `--oz-color-problem`).
 */
export class OzResultBanner extends LitElement {
  static override styles = [...styles, supportStyles];

  // Declared here rather than with decorators (smaller output); each field's JSDoc below is its
  // documentation in custom-elements.json.
  static override properties = {
    htmlFor: { attribute: 'for', reflect: true },
    result: { attribute: false },
    showDetails: { type: Boolean, attribute: 'show-details', reflect: true },
    showBestShot: { type: Boolean, attribute: 'show-best-shot', reflect: true },
    lang: { reflect: true },
    supportContact: { attribute: 'support-contact', reflect: true },
    messages: { attribute: false },
    // What @state() declares (CEM would otherwise list these as attributes).
    hasActions: { state: true, attribute: false },
    speaks: { state: true, attribute: false },
    copied: { state: true, attribute: false },
  };

  /** The id of the `<oz-liveness-check>` to follow, in the same document or shadow root. */
  htmlFor?: string;

  /** A folder JSON or an `oz-result` detail to show; the decision is recomputed from the folder. */
  result?: OzFolder | OzResultDetail | null;

  /**
   * A staff view (back office, design review): one row per analysis (liveness, face match, document)
   * with its outcome. Not for the person: which part failed is jargon to a customer and a hint to a fraudster.
   */
  showDetails = false;

  /** The liveness best shot, when the backend sent one that really is a JPEG or PNG. */
  showBestShot = false;

  /** Message language; else the closest `[lang]`, then `<html lang>`, then English (docs/languages.md). */
  override lang!: string;

  /**
   * How the person reaches your support (e.g. "call 0800 123 456"), shown as text in failures support
   * can help with. A banner following a check uses the check's when it has none.
   */
  supportContact?: string;

  /** Replacements for any message, by key (e.g. `{ 'banner.title.accept': 'Verified' }`). */
  messages?: Partial<OzMessages>;

  private hasActions = false;
  /** Whether this banner is the one voice of the check it follows (context.ts); one that follows none speaks. */
  private speaks = true;
  /** The short reference last copied: its button says so. */
  private copied?: string;

  #status: OzBannerStatus = 'idle';
  /** Where the view comes from: `for=`, the check around it, or `result` (banner-source.ts). */
  #source = new BannerSource(this, (speaks) => (this.speaks = speaks));
  #i18n = new OzI18nController(this, { lang: () => this.lang, messages: () => this.messages });

  /** `idle` `pending` `accept` `reject` `failed` `error`; reflected as the `status` attribute. */
  get status(): OzBannerStatus {
    return this.#status;
  }

  /** Resolves once the banner has rendered in its language (nothing is shown before it arrives). */
  protected override getUpdateComplete(): Promise<boolean> {
    return this.#i18n.updateComplete(() => super.getUpdateComplete());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor') && this.isConnected) this.#source.attach();
    // The last source to speak wins: a page's `result` shows until the check reports again.
    if (changed.has('result') && (this.result != null || changed.get('result') != null)) {
      this.#source.view = { result: normalizeResult(this.result) };
    }
    const s = (this.#status = statusOf(this.#source.view));
    if (this.getAttribute('status') !== s) this.setAttribute('status', s);
  }

  #copy = async (reference: string): Promise<void> => {
    if (await copyReference(reference, this.renderRoot)) this.copied = reference;
  };

  protected override render() {
    // Until its language has arrived the live region stays empty: nothing to read, nothing to announce.
    const s = this.#i18n.ready ? this.#status : 'idle';
    const t = (key: MessageKey, params?: Record<string, string>) => this.#i18n.t(key, params);
    const { state, result, error, progress, analysing } = this.#source.view;
    // Only accept, reject and failed show the result (theirs); pending and error none of an older one.
    const folder = result?.decision === s ? result.folder : undefined;
    const title =
      s === 'idle'
        ? ''
        : s === 'pending'
          ? t(state === 'uploading' && analysing ? 'check.state.analysing' : `check.state.${state!}`)
          : t(s === 'error' ? titleKeyFor(error) : `banner.title.${s}`);
    const messageKey: MessageKey | undefined =
      s === 'idle' || s === 'pending' ? undefined : s === 'error' ? errorKey(error) : `banner.message.${s}`;
    const own =
      this.supportContact ?? (this.#source.followed as { supportContact?: unknown } | undefined)?.supportContact;
    const contact = typeof own === 'string' ? own : undefined;
    const rows = this.showDetails && folder ? analysisRows(folder) : [];
    const shot = this.showBestShot && folder ? bestShot(folder) : undefined;
    // Words in a fallback language carry it (English on a German page): each part that holds the
    // kit's words, not the box, so the page's slotted content keeps the page's language.
    const lang = this.#i18n.mark ?? nothing;

    // No whitespace between the tags (templates ship as written); line breaks only inside `${}`.
    // `dir=auto` on each text: an English text in a right-to-left page keeps its full stop at its end.
    // One voice: a banner that another banner speaks for shows the same words with no live region.
    const role = !this.speaks ? nothing : s === 'reject' || s === 'failed' || s === 'error' ? 'alert' : 'status';
    // The card is laid out in the direction of its words' language; failed and error share one look.
    return html`<div part=base class=${s === 'idle' ? '' : `shown card ${lookOf(s)}`} role=${role} dir=${s === 'idle' ? nothing : dirOf(this.#i18n.spoken)}>${
      s === 'idle'
        ? nothing
        : html`${statusIcon(s)}<div class=body><p part=title class=title dir=auto lang=${lang}>${title}</p>${
            messageKey && t(messageKey) ? renderMessage(t, messageKey, contact, this.#i18n.mark) : nothing
          }${s === 'error' ? renderSteps(t, errorKey(error), this.#i18n.mark) : nothing}${
            // Analysing has no measure: an indeterminate bar (no value), never a full one.
            state === 'uploading' && s === 'pending'
              ? progressBar(progress, analysing, title, lang, 'progress')
              : nothing
          }${supportPart({ status: s, error, folder, copied: this.copied, onCopy: this.#copy, t, lang: this.#i18n.mark })}${
            rows.length
              ? html`<dl part=details lang=${lang}>${rows.map(
                  (r) =>
                    html`<div class=row><dt>${t(`analysis.${r.type}`)}</dt><dd>${icon(lookOf(r.decision))}${t(`analysis.${r.decision}`)}</dd></div>`,
                )}</dl>`
              : nothing
          }${
            shot ? html`<img part=best-shot src=${shot} alt=${t('banner.bestShot')} lang=${lang}>` : nothing
          }<slot></slot><div class=${this.hasActions ? 'actions' : ''}><slot name=actions @slotchange=${(e: Event) =>
            (this.hasActions =
              (e.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0)}></slot></div></div>`
    }</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-result-banner': OzResultBanner;
  }
}
