import { css } from 'lit';
import { kitStyles } from './kit.styles.js';

// The kit's card, palette and bar (kit.styles.ts), and what only the banner has: its own
// `--oz-banner-*` properties, each read in front of the kit's token (a page can theme the whole kit
// with `--oz-*` and still set one banner apart), the staff view's rows and the best shot.
// - The reference's values never break inside (a code read out must be whole); the line wraps only
//   around them, and a value longer than the whole line scrolls rather than being cut off.
// - Idle (no `.shown`): the live region stays in the page (so later text is announced) but shows
//   nothing.
export const styles = [
  kitStyles,
  css`
    :host {
      --_c: var(--oz-banner-pending-color,var(--_pending));
    }
    :host([status=accept]) {
      --_c: var(--oz-banner-accept-color,var(--_accept));
    }
    :host([status=reject]) {
      --_c: var(--oz-banner-reject-color,var(--_reject));
    }
    :host([status=failed]) {
      --_c: var(--oz-banner-failed-color,var(--_problem));
    }
    :host([status=error]) {
      --_c: var(--oz-banner-error-color,var(--_problem));
    }
    .card.shown {
      --_c: inherit;
      gap: var(--oz-banner-gap,calc(var(--_space)*.75));
      padding: var(--oz-banner-padding,var(--_space));
      color: var(--oz-banner-color,var(--_text));
      background: var(--oz-banner-background,var(--_surface));
      border-color: var(--oz-banner-border-color,var(--_border));
      border-inline-start: var(--oz-banner-accent-width,.25rem) solid var(--_c);
      border-radius: var(--oz-banner-border-radius,var(--_radius));
    }
    .reference {
      color: var(--oz-banner-muted-color,var(--_muted));
    }
    .token {
      display: inline-block;
      max-inline-size: 100%;
      overflow-x: auto;
      vertical-align: bottom;
      user-select: all;
      -webkit-user-select: all;
    }
    [part=icon] {
      inline-size: var(--oz-banner-icon-size,2rem);
      block-size: var(--oz-banner-icon-size,2rem);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: .25rem 1rem;
      margin: .75rem 0 0;
    }
    .row {
      display: contents;
    }
    dt {
      font-weight: 600;
    }
    dd {
      display: flex;
      align-items: center;
      gap: .375rem;
      margin: 0;
    }
    img {
      display: block;
      max-inline-size: min(100%,var(--oz-banner-best-shot-size,10rem));
      block-size: auto;
      margin-block-start: .75rem;
      border-radius: calc(var(--_radius)/2);
    }
  `,
];
