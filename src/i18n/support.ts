/**
 * The support part of a failure: one short reference a person can read out on the phone or copy
 * (`5C8D-2E1A`), with a Copy button, and a collapsed "details for support" holding what support looks
 * up: the kit's code, the service's code, the full request, session and verification ids. None of it
 * for what a person fixes alone (the camera, the browser, a connection that drops) or for a decision.
 * Values come from the network: they are only ever text, each id isolated (`<bdi dir=ltr>`) so it keeps
 * its order in a right-to-left page.
 */
import { css, html, nothing } from 'lit';
import type { OzFolder } from '../core/decision.js';
import { errorKindOf, type OzErrorDetail } from '../core/errors.js';
import type { MessageKey } from './index.js';

type Translate = (key: MessageKey) => string;

/** Bidirectional controls (LRM, RLM, ALM, embeddings, overrides, isolates) reorder what a person reads. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Longer values are not ids; they are cut rather than let them stretch the banner. */
const MAX_ID = 128;
/** An id as shown: no bidirectional controls, at most `MAX_ID` characters; `''` for anything else. */
export const cleanId = (value: unknown): string =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
    ? String(value).replace(BIDI, '').trim().slice(0, MAX_ID)
    : '';

/**
 * The short reference: the first 8 letters and digits of the first id that has 8 (the request id,
 * else the plugin's session id, else the verification's), upper case, grouped 4-4. Support finds the
 * full id by it. `''` when no id has 8.
 */
export function shortReference(...ids: unknown[]): string {
  for (const id of ids) {
    const letters = cleanId(id)
      .replace(/[^0-9a-z]/gi, '')
      .toUpperCase();
    if (letters.length >= 8) return `${letters.slice(0, 4)}-${letters.slice(4, 8)}`;
  }
  return '';
}

/**
 * Whether support can help: a system failure, and errors the person cannot mend alone. Not a camera
 * they can allow, another browser or device, a connection that may come back, another window open.
 * A page whose connection is not secure, or that may not use the camera, is the page owner's to fix.
 */
export function supportCanHelp(status: string, error: OzErrorDetail | undefined): boolean {
  if (status === 'failed') return true;
  if (status !== 'error' || !error) return false;
  if (error.code === 'insecure-context' || error.messageKey === 'error.camera-unsupported.policy') return true;
  const kind = errorKindOf(error);
  if (kind === 'camera' || kind === 'browser' || kind === 'device' || error.code === 'plugin-busy') return false;
  return !(kind === 'network' && error.retryable);
}

export interface SupportInput {
  status: string;
  error?: OzErrorDetail;
  folder?: OzFolder;
  /** The reference last copied: its button then says so. */
  copied?: string;
  onCopy: (reference: string) => void;
  t: Translate;
  /** Marks a fallback language (`OzI18nController.mark`). */
  lang?: string;
}

/**
 * The support part (`part=reference`), or nothing when support cannot help or there is nothing to
 * show. Not announced (`aria-live=off` inside the live region): a person hears what happened and what
 * to do; the reference is there to read out when support asks.
 */
export function supportPart({ status, error, folder, copied, onCopy, t, lang }: SupportInput) {
  if (!supportCanHelp(status, error)) return nothing;
  const session = error?.telemetryId ?? (folder?.meta_data as Record<string, unknown> | undefined)?.event_session_id;
  const reference = shortReference(error?.requestId, session, folder?.folder_id);
  const rows = (
    [
      [undefined, error?.code],
      ['banner.reference.ozCode', error?.ozErrorCode],
      ['banner.reference.request', error?.requestId],
      ['banner.reference.session', session],
      ['banner.reference.check', folder?.folder_id],
    ] as [MessageKey | undefined, unknown][]
  )
    .map(([label, value]) => [label, cleanId(value)] as const)
    .filter(([, value]) => value);
  if (!reference && !rows.length) return nothing;
  return html`<div part=reference class=reference aria-live=off lang=${lang ?? nothing}>${
    reference
      ? html`<p class=short>${t('banner.reference')} <bdi class=token dir=ltr>${reference}</bdi> <button part=copy class=copy type=button @click=${() => onCopy(reference)}>${t(copied === reference ? 'banner.reference.copied' : 'banner.reference.copy')}</button></p>`
      : nothing
  }${
    rows.length
      ? html`<details part=support-details><summary>${t('banner.reference.details')}</summary><ul>${rows.map(
          ([label, value]) => {
            const [before, ...after] = label ? t(label).split('{id}') : [''];
            return html`<li dir=auto>${before}<bdi class=token dir=ltr>${value}</bdi>${after.join('{id}')}</li>`;
          },
        )}</ul></details>`
      : nothing
  }</div>`;
}

/**
 * Copies the short `reference` to the clipboard. Where the Clipboard API is refused (an insecure page,
 * a browser that asks, an older one), the reference as `supportPart` shows it in `root` is selected
 * instead, so the person copies it with the keyboard; focus stays on the button either way. Resolves
 * `true` when the text reached the clipboard.
 */
export async function copyReference(reference: string, root: ParentNode): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(reference);
    return true;
  } catch {
    const shown = root.querySelector('.short bdi');
    if (shown) getSelection()?.selectAllChildren(shown);
    return false;
  }
}

/**
 * The support part's look, the same in both elements: a quiet Copy button of the text's own colour
 * (a 24 px target, WCAG 2.5.8), the details' list indented, focus rings in the text's colour.
 */
export const supportStyles = css`
  .reference ul {
    margin: .25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  .reference p {
    margin: .25rem 0 0;
  }
  .reference summary {
    margin-block-start: .25rem;
    cursor: pointer;
  }
  button.copy {
    min-block-size: 1.5rem;
    margin-inline-start: .25rem;
    padding: 0 .5rem;
    border: 1px solid currentColor;
    border-radius: .25rem;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .copy:focus-visible, .reference summary:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
  .token {
    white-space: nowrap;
  }
`;
