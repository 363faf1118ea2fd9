/**
 * The hand-off panel's markup: what the person sees of one hand-off at each step. The code (a QR
 * code and the link to type) while the phone has not come, the time left while it may, and one
 * announced status line. Text only: nothing from the backend is rendered as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { OzErrorDetail } from '../../core/errors.js';
import type { OzHandoffState } from '../../events.js';
import type { MessageKey } from '../../i18n/index.js';
import { type Code, linkPieces, type Remembered } from './code.js';
import { type QrCode, renderQr } from './qr.js';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** What the panel shows: `starting` while the code is asked for, `failed` when that or the stream failed. */
export type Phase = OzHandoffState | 'starting' | 'failed';
/** The hand-off followed: a code shown (with its QR), or one this tab remembered (no link: no secret). */
export type Followed = Remembered & Partial<Code> & { qr?: QrCode };

/** States in which the phone may still come: the clock runs and Cancel calls the hand-off off. */
export const LIVE: readonly Phase[] = ['waiting', 'opened', 'capturing'];

export interface PanelView {
  phase: Phase;
  code?: Followed;
  problem?: OzErrorDetail;
  t: Translate;
  /** Marks words in a fallback language. */
  lang: string | typeof nothing;
  onNew(): void;
  onCancel(): void;
}

export function renderPanel({ phase, code, problem, t, lang, onNew, onCancel }: PanelView): TemplateResult {
  const over = phase === 'expired' || phase === 'failed';
  const left = code ? Math.max(0, Math.ceil((code.expiresAt - Date.now()) / 1000)) : 0;
  const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  const said =
    phase === 'starting' ? '' : t((phase === 'failed' ? problem?.messageKey : `handoff.state.${phase}`) as MessageKey);
  return html`<section part="handoff" role="group" aria-label=${t('handoff.start')} tabindex="-1" lang=${lang}>
    ${
      phase === 'waiting' && code?.qr && code.phoneUrl
        ? html`<p>${t('handoff.scan')}</p>
          <div class="handoff-code">${renderQr(code.qr, t('handoff.qr'))}${renderLink(code.phoneUrl)}</div>`
        : nothing
    }
    ${LIVE.includes(phase) ? html`<p part="handoff-time">${t('handoff.timeLeft', { time })}</p>` : nothing}
    <p part="handoff-status" role="status">${said}</p>
    <div class="handoff-actions">
      ${
        over
          ? html`<button type="button" part="button handoff-new" @click=${onNew}>
            ${t(phase === 'failed' ? 'check.retry' : 'handoff.newCode')}
          </button>`
          : nothing
      }
      <button type="button" part="handoff-cancel" @click=${onCancel}>${t('handoff.cancel')}</button>
    </div>
  </section>`;
}

/** The link as text (a copy gives it as it is); its fragment kept whole, the secret's groups spaced for the eye. */
function renderLink(phoneUrl: string): TemplateResult {
  const { page, groups } = linkPieces(phoneUrl);
  return html`<code part="handoff-link">${page}<span>#oz-handoff=</span>${groups.map((g) => html`<span class="group">${g}</span>`)}</code>`;
}
