/**
 * The pieces of the kit's one visual language that both elements render (styled in kit.styles.ts):
 * the look of a status, its icon (with a slot per status, so a page can bring its own), the
 * direction of a card, and the one progress bar.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';

/** What a person sees of a status: pending, an outcome, or "could not be completed" (failed or error, one look). */
export type OzLook = 'pending' | 'accept' | 'reject' | 'problem';
export const lookOf = (status: string): OzLook =>
  status === 'pending' || status === 'accept' || status === 'reject' ? status : 'problem';

// A shape per look, so the meaning never rests on colour (the words carry it anyway): a ring or an
// outline, then a mark (pending: a faint ring and the arc that spins). Strokes are styled in CSS.
const RING = svg`<circle cx=12 cy=12 r=9 />`;
const ICONS: Record<OzLook, readonly [string | null, string]> = {
  pending: [null, 'M12 3a9 9 0 0 1 9 9'],
  accept: [null, 'm8 12.5 2.75 2.75L16.5 9.5'],
  reject: [null, 'm9 9 6 6m0-6-6 6'],
  problem: ['M12 3.5 21.5 20h-19z', 'M12 10v4.5m0 2.5v.01'],
};

/** A decorative icon; its class (the look) gives its colour. */
export function icon(look: OzLook): TemplateResult {
  const [outline, mark] = ICONS[look];
  return html`<span class="ic ${look}"><svg viewBox="0 0 24 24" aria-hidden=true>${
    outline ? svg`<path d=${outline} />` : RING
  }<path d=${mark} /></svg></span>`;
}

/** The status icon of a card: the page's `icon-<status>` slot, else the kit's icon. */
export const statusIcon = (status: string) => html`<slot part=icon name=icon-${status}>${icon(lookOf(status))}</slot>`;

/**
 * The direction of a language's script: a card is laid out in the direction of its words (the
 * kit's own languages are all left-to-right today; a right-to-left page still gets a card whose
 * icon sits beside the words it goes with).
 */
export const dirOf = (lang: string) => (/^(ar|he|fa|ur|yi|ps|sd|ug|dv|ckb)\b/i.test(lang) ? 'rtl' : 'ltr');

/**
 * One progress style for both elements: a measured bar while bytes go out with a known total, an
 * indeterminate one (no value) when the total is unknown (0) or every byte is out and the backend
 * decides (`analysing`), never a full one.
 */
export function progressBar(
  progress: { loaded: number; total: number } | undefined,
  analysing: boolean | undefined,
  label: string | typeof nothing,
  lang: string | typeof nothing,
  part?: string,
) {
  const total = progress?.total;
  const value = !analysing && total ? Math.min(100, Math.round(((progress?.loaded ?? 0) / total) * 100)) : undefined;
  return html`<progress part=${part ?? nothing} max=100 value=${value ?? nothing} aria-label=${label} lang=${lang}></progress>`;
}
