/**
 * What `<oz-liveness-check>` looks like, in the kit's one visual language (the banner's card,
 * palette, button and bar: result-banner/kit.styles.ts and outcome.ts): first the outcome (icon,
 * colour, title), then what to do, then the action. A busy button says what is happening, with a
 * spinner; the upload shows the same bar as the banner. While a banner follows the check, the
 * banner speaks and shows the outcome: the check keeps only its button.
 *
 * A plain function of what the element gives it: the element keeps its state, its capture and its
 * events (and a hand-off panel or any other view can sit beside this one in its render).
 */
import { html, nothing } from 'lit';
import type { OzResultDetail } from '../core/decision.js';
import { titleKeyFor, type OzErrorDetail } from '../core/errors.js';
import type { OzRetry } from '../core/retry-policy.js';
import type { OzState } from '../core/state.js';
import type { MessageKey } from '../i18n/index.js';
import { renderSteps, withContact } from '../i18n/render.js';
import { supportPart } from '../i18n/support.js';
import { dirOf, lookOf, progressBar, statusIcon } from '../result-banner/outcome.js';

export interface CheckViewInput {
  state: OzState;
  result?: OzResultDetail;
  error?: OzErrorDetail;
  /** Every byte is sent; the backend decides. */
  analysing: boolean;
  /** The upload's last progress. */
  progress?: { loaded: number; total: number };
  /** What "Try again" does now; `none` before any outcome. */
  retry: OzRetry;
  /** The status line's message key (CheckStatus.statusKey). */
  statusKey: MessageKey;
  /** A banner follows (and speaks): the check keeps only its button. */
  following: boolean;
  busy: boolean;
  /** The language the words are in (the card's direction comes from it). */
  spoken: string;
  /** A fallback language the kit's words are marked with (`OzI18nController.mark`). */
  mark?: string;
  /** The translation; '' while the language is on its way. */
  say: (key: MessageKey) => string;
  supportContact?: string;
  copied?: string;
  onCopy: (reference: string) => void;
  onTrigger: (e: Event) => void;
  /** The hand-off (handoff/): its button, its panel once open (in place of the actions), whether it leads (no usable camera), and whether this is the phone a hand-off opened. */
  handoff: { button: unknown; panel: unknown; lead: boolean; phone: boolean };
}

export function renderCheck(v: CheckViewInput) {
  const { state, result, error, say } = v;
  // `nothing`, not '', in a text node while the language is on its way: Lit SSR renders '' as no
  // text node, and hydrating it would then write the later text into the part's end marker (demo/ssr).
  const t = (key: MessageKey) => say(key) || nothing;
  const lang = v.mark ?? nothing;
  // The card's status, as the banner names it: an outcome or an error (failed and error: one look).
  const shown = v.following ? '' : state === 'done' ? (result?.decision ?? '') : state === 'error' ? 'error' : '';
  const live = state === 'idle' || !say(v.statusKey) ? nothing : withContact(say, v.statusKey, v.supportContact);

  const { handoff } = v;
  // After an accept there is nothing to retry: the page's `next` slot says what comes next. Nor on
  // the phone a hand-off opened, once it has an outcome: that link is spent (a new code is the computer's).
  const trigger =
    state === 'done' && (result?.decision === 'accept' || handoff.phone)
      ? html`<slot name="next"></slot>`
      : html`<slot name="trigger" @click=${v.onTrigger}>
          <button part="button" type="button" lang=${lang} ?disabled=${v.busy} aria-busy=${v.busy ? 'true' : 'false'} @click=${v.onTrigger}>
            ${
              v.busy && say(v.statusKey)
                ? html`<span class="spin" aria-hidden="true"></span>${say(v.statusKey)}`
                : t(v.retry === 'none' ? 'check.start' : 'check.retry')
            }
          </button>
        </slot>`;

  // Outcome first (the card), then the action, then what support needs. The status line is one
  // element from idle to the outcome, so each change is announced once: visually hidden while the
  // busy button says the same, the card's title after an outcome, its message after an error (with
  // the numbered steps for a refused camera). One voice: while a banner follows, it is not there.
  const measured = !!v.progress?.total || v.analysing;
  return html`<div part="base">
      <div class=${shown ? `card ${lookOf(shown)}` : ''} dir=${shown ? dirOf(v.spoken) : nothing}>
        ${shown ? statusIcon(shown) : nothing}
        <div class=${shown ? 'body' : ''}>
          ${error && shown === 'error' ? html`<p part="title" class="title" lang=${lang}>${t(titleKeyFor(error))}</p>` : nothing}
          ${
            // The wrappers stay while a banner follows (a server-rendered shadow root keeps its nodes).
            v.following
              ? nothing
              : html`<div part="status" role="status" aria-live="polite" lang=${lang} class=${state === 'done' ? 'title' : shown ? '' : 'sr'}>${live}${
                  state === 'error' ? renderSteps(say, v.statusKey, v.mark) : nothing
                }</div>`
          }
          ${
            shown === result?.decision
              ? html`<p part="message" lang=${lang}>${t(`banner.message.${result.decision}`)}</p>`
              : nothing
          }
        </div>
      </div>
      ${handoff.panel !== nothing ? handoff.panel : handoff.lead ? [handoff.button, trigger] : [trigger, handoff.button]}
      ${
        handoff.phone && state === 'done'
          ? html`<p part="handoff-return" lang=${lang}>${t('handoff.phone.done')}</p>`
          : nothing
      }
      ${
        // The short reference for support, after the action (not read out with the status line).
        v.following
          ? nothing
          : supportPart({
              status: shown,
              error,
              folder: result?.folder,
              copied: v.copied,
              onCopy: v.onCopy,
              t: say,
              lang: v.mark,
            })
      }
      ${
        state === 'uploading' && !v.following && measured
          ? progressBar(v.progress, v.analysing, say(v.statusKey) || nothing, lang, 'progress')
          : nothing
      }
      <slot></slot>
    </div>`;
}
