import { css } from 'lit';

// Why the styles are as they are (the build's css-template minifier drops the whitespace, not the meaning):
//
// - Every default meets WCAG 2.2 AA against its own background (accents ≥ 4.5:1, so they could even
//   carry text). `:host` holds the light defaults in private `--_*` properties, the
//   prefers-color-scheme block the dark ones; each public `--oz-banner-*` property is read in front
//   of its default (`var(--oz-banner-color,var(--_fg))`), so a page's value wins in both schemes.
// - `--_c` is the accent: the host's status sets it for the stripe, the status icon and the
//   progress bar; an icon's span carries its status as a class (`.accept` `.reject` `.failed`), so a
//   row's icon gets its own outcome's colour. Icons are square: width/height = the logical sizes.
// - The reference's values never break inside (a code read out must be whole); the line wraps only
//   around them, and a value longer than the whole line scrolls rather than being cut off. One
//   click selects a whole value for copying.
// - Idle (no `.shown`): the live region stays in the page (so later text is announced) but shows
//   nothing.
// - The pending icon's ring is faint and its arc spins, only for those who have not asked for less
//   motion. The bar is drawn here, not by the browser: sending fills it with the accent; a bar with
//   no measure (analysing, or before the first progress event) is striped, and the stripes move
//   only for those who have not asked for less motion (the browser's own indeterminate bar always
//   moves, and says nothing different from a stuck one in a still picture).
export const styles = css`
  :host {
    display: block;
    --_bg: #ffffff;
    --_fg: #1f2328;
    --_muted: #59636e;
    --_border: #d1d9e0;
    --_pending: #0969da;
    --_accept: #1a7f37;
    --_reject: #cf222e;
    --_failed: #9a6700;
    --_error: #bc4c00;
    --_c: var(--oz-banner-pending-color,var(--_pending));
  }
  @media(prefers-color-scheme:dark) {
    :host {
      --_bg: #161b22;
      --_fg: #e6edf3;
      --_muted: #9198a1;
      --_border: #3d444d;
      --_pending: #4493f8;
      --_accept: #3fb950;
      --_reject: #ff7b72;
      --_failed: #d29922;
      --_error: #f0883e;
    }
  }
  :host([hidden]) {
    display: none;
  }
  :host([status=accept]), .accept {
    --_c: var(--oz-banner-accept-color,var(--_accept));
  }
  :host([status=reject]), .reject {
    --_c: var(--oz-banner-reject-color,var(--_reject));
  }
  :host([status=failed]), .failed {
    --_c: var(--oz-banner-failed-color,var(--_failed));
  }
  :host([status=error]) {
    --_c: var(--oz-banner-error-color,var(--_error));
  }
  .shown {
    box-sizing: border-box;
    display: flex;
    align-items: flex-start;
    gap: var(--oz-banner-gap,.75rem);
    padding: var(--oz-banner-padding,1rem);
    color: var(--oz-banner-color,var(--_fg));
    background: var(--oz-banner-background,var(--_bg));
    border: 1px solid var(--oz-banner-border-color,var(--_border));
    border-inline-start: var(--oz-banner-accent-width,.25rem) solid var(--_c);
    border-radius: var(--oz-banner-border-radius,.5rem);
    text-align: start;
    overflow-wrap: anywhere;
  }
  .ic {
    flex: none;
    display: inline-flex;
    color: var(--_c);
    width: 1em;
    height: 1em;
  }
  [part=icon] {
    width: var(--oz-banner-icon-size,1.5rem);
    height: var(--oz-banner-icon-size,1.5rem);
  }
  svg {
    width: 100%;
    height: 100%;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .pending circle {
    opacity: .25;
  }
  .body {
    flex: 1;
    min-inline-size: 0;
  }
  p {
    margin: .25rem 0 0;
    line-height: 1.5;
  }
  .title {
    margin: 0;
    line-height: 1.4;
  }
  .title, dt {
    font-weight: 600;
  }
  .reference {
    color: var(--oz-banner-muted-color,var(--_muted));
    font-size: .875em;
    overflow-wrap: normal;
  }
  .token {
    display: inline-block;
    max-inline-size: 100%;
    overflow-x: auto;
    vertical-align: bottom;
    white-space: nowrap;
    user-select: all;
    -webkit-user-select: all;
  }
  progress {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    block-size: .5rem;
    margin-block-start: .5rem;
    appearance: none;
    -webkit-appearance: none;
    border: 0;
    border-radius: .25rem;
    overflow: hidden;
    background: color-mix(in srgb,var(--_c) 20%,transparent);
  }
  progress::-webkit-progress-bar {
    background: transparent;
  }
  progress::-webkit-progress-value {
    background: var(--_c);
  }
  progress::-moz-progress-bar {
    background: var(--_c);
  }
  progress:indeterminate {
    background: repeating-linear-gradient(-45deg,var(--_c) 0 .5rem,color-mix(in srgb,var(--_c) 25%,transparent) .5rem 1rem);
  }
  progress:indeterminate::-webkit-progress-value {
    background: transparent;
  }
  progress:indeterminate::-moz-progress-bar {
    background: transparent;
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
  dd {
    display: flex;
    align-items: center;
    gap: .375rem;
    margin: 0;
  }
  img {
    display: block;
    max-inline-size: var(--oz-banner-best-shot-size,10rem);
    block-size: auto;
    margin-block-start: .75rem;
    border-radius: calc(var(--oz-banner-border-radius,.5rem)/2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: .5rem;
    margin-block-start: .75rem;
  }
  @media(prefers-reduced-motion:no-preference) {
    .pending path {
      transform-origin: center;
      animation: oz-banner-spin 1s linear infinite;
    }
    progress:indeterminate {
      animation: oz-banner-slide 1s linear infinite;
    }
  }
  @keyframes oz-banner-slide {
    to {
      background-position: 1.414rem 0;
    }
  }
  @keyframes oz-banner-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media(forced-colors:active) {
    .shown {
      border-color: CanvasText;
    }
    .ic, .reference {
      color: CanvasText;
    }
    progress {
      border: 1px solid CanvasText;
    }
  }
`;
