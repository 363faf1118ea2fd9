import { css } from 'lit';
import { tokens } from './tokens.styles.js';

// The kit's one visual language, shared by <oz-result-banner> and <oz-liveness-check> (its own
// outcome card, its button, its progress bar): one palette, one card, one button, one bar.
//
// - Tokens: every colour, the radius, the font, the spacing and the title size is an `--oz-*`
//   custom property read in front of its default (`var(--oz-color-text,#17202b)`), so a page's
//   value wins in both schemes; the defaults live in private `--_*` properties, light first, then
//   the prefers-color-scheme block. Every default meets WCAG 2.2 AA against the surface (text ≥
//   4.5:1; icons, borders of controls and the focus ring ≥ 3:1), measured by
//   test/result-banner/contrast.test.ts from computed styles in both schemes. The palette is the
//   kit's own (a deep blue, a green, a red and an amber), not any design system's.
// - `--_c` is the status colour (set by the card's look class): stripe, icon, bar. "Could not be
//   completed" (`problem`) is one style whatever the cause (a failed check or an error).
// - The card is laid out in the direction of its words' language (`dir` on the card), its text
//   kept to a readable measure (`--oz-measure`, 65ch), and nothing in it is wider than 320 px:
//   words wrap (`overflow-wrap:anywhere`), the actions wrap; the short reference stays on one line,
//   the full ids in the collapsed details wrap (a 132-character id cannot fit a line anyway).
// - Motion (the spinner, the moving stripes of a bar with no measure) only for those who have not
//   asked for less; a still spinner keeps its gap, so it still reads as "busy".
// - Forced colours: the card's border, the icon and the bars are drawn in system colours; the bar
//   opts out of forced colours so its stripes (the analysing phase) stay visible.
export const kitStyles = css`
  ${tokens}
  :host([hidden]) {
    display: none;
  }
  .accept {
    --_c: var(--_accept);
  }
  .reject {
    --_c: var(--_reject);
  }
  .problem {
    --_c: var(--_problem);
  }
  .card {
    box-sizing: border-box;
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space)*.75);
    inline-size: 100%;
    padding: var(--_space);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-inline-start: .25rem solid var(--_c);
    border-radius: var(--_radius);
    text-align: start;
    overflow-wrap: anywhere;
  }
  .body {
    flex: 1;
    min-inline-size: 0;
  }
  .body > * {
    max-inline-size: var(--oz-measure,65ch);
  }
  .ic {
    flex: none;
    display: inline-flex;
    color: var(--_c);
    width: 1em;
    height: 1em;
  }
  [part=icon] {
    display: flex;
    flex: none;
    color: var(--_c);
    inline-size: 2rem;
    block-size: 2rem;
  }
  [part=icon] .ic, ::slotted([slot^=icon-]) {
    width: 100%;
    height: 100%;
  }
  /* The kit's icons only (a QR code, say, keeps its own fill). */
  .ic svg {
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
  .body p, .body ol {
    margin: calc(var(--_space)*.25) 0 0;
    line-height: 1.5;
  }
  .body .title {
    margin: 0;
    font-size: var(--oz-title-size,1.25rem);
    font-weight: 600;
    line-height: 1.3;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space)*.5);
    margin-block-start: calc(var(--_space)*.75);
  }
  .reference {
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    margin-block-start: calc(var(--_space)*.5);
    color: var(--_muted);
    font-size: .875em;
  }
  .reference li .token {
    white-space: normal;
    user-select: all;
    -webkit-user-select: all;
  }
  [part~=button] {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    gap: .5rem;
    max-inline-size: 100%;
    font: inherit;
    text-align: start;
    padding-block: .625rem;
    padding-inline: 1.25rem;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  [part~=button]:hover {
    background: var(--_accent-hover);
  }
  [part~=button]:active {
    background: var(--_accent-active);
  }
  [part~=button]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~=button]:disabled {
    cursor: progress;
    background: var(--_disabled);
    color: var(--_on-disabled);
  }
  .spin {
    flex: none;
    box-sizing: border-box;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
  }
  progress {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    block-size: .5rem;
    margin-block-start: calc(var(--_space)*.5);
    appearance: none;
    -webkit-appearance: none;
    border: 1px solid var(--_c);
    border-radius: .25rem;
    background: var(--_surface);
    color: var(--_c);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: 0;
  }
  progress::-webkit-progress-value {
    background: var(--_c);
  }
  progress::-moz-progress-bar {
    background: var(--_c);
  }
  progress:indeterminate {
    background: repeating-linear-gradient(-45deg,var(--_c) 0 .5rem,transparent .5rem 1rem);
  }
  progress:indeterminate::-moz-progress-bar {
    background: 0;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media(prefers-reduced-motion:no-preference) {
    .spin, .pending path {
      transform-origin: center;
      animation: oz-spin 1s linear infinite;
    }
    progress:indeterminate {
      animation: oz-slide 1s linear infinite;
    }
  }
  @keyframes oz-slide {
    to {
      background-position: 1.414rem 0;
    }
  }
  @keyframes oz-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media(forced-colors:active) {
    .card {
      border-color: CanvasText;
    }
    .ic, .reference {
      color: CanvasText;
    }
    [part~=button] {
      border-color: ButtonText;
    }
    progress {
      forced-color-adjust: none;
      border-color: CanvasText;
      background: Canvas;
    }
    progress::-webkit-progress-value {
      background: Highlight;
    }
    progress::-moz-progress-bar {
      background: Highlight;
    }
    progress:indeterminate {
      background: repeating-linear-gradient(-45deg,CanvasText 0 .5rem,Canvas .5rem 1rem);
    }
  }
`;
