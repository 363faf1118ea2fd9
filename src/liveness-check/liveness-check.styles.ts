import { css } from 'lit';
import { kitStyles } from '../result-banner/kit.styles.js';

// The kit's card, palette, button and bar (result-banner/kit.styles.ts: the banner's visual
// language), and the check's own layout: the card, then the button, then the bar, each as wide as
// the text needs and never wider than the element. `--oz-check-*` (the first theming properties)
// still win over the kit's tokens for the Start button.
export const styles = [
  kitStyles,
  css`
    [part=base] {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(var(--_space)*.75);
    }
    [part~=button] {
      background: var(--oz-check-accent,var(--_accent));
      color: var(--oz-check-accent-text,var(--_on-accent));
      border-radius: var(--oz-check-radius,var(--_radius));
    }
    [part~=button]:hover {
      background: var(--oz-check-accent,var(--_accent-hover));
    }
    [part~=button]:active {
      background: var(--oz-check-accent,var(--_accent-active));
    }
    [part~=button]:focus-visible {
      outline-color: var(--oz-check-accent,var(--_focus));
    }
    [part~=button]:disabled {
      background: var(--_disabled);
      color: var(--_on-disabled);
    }
    [part=status] {
      margin: 0;
    }
    [part=progress] {
      margin: 0;
    }
    /* "Use your phone instead": the second action, outlined in the accent colour; the first, filled,
       when this device has no usable camera (class lead). */
    [part=handoff-button], [part~=handoff-cancel] {
      box-sizing: border-box;
      display: inline-flex;
      align-items: center;
      max-inline-size: 100%;
      font: inherit;
      text-align: start;
      padding-block: .625rem;
      padding-inline: 1.25rem;
      border: 2px solid currentColor;
      border-radius: var(--oz-check-radius,var(--_radius));
      background: transparent;
      color: var(--oz-check-accent,var(--_accent));
      cursor: pointer;
    }
    [part=handoff-button].lead {
      border-color: transparent;
      background: var(--oz-check-accent,var(--_accent));
      color: var(--oz-check-accent-text,var(--_on-accent));
    }
    [part=handoff-button]:focus-visible, [part~=handoff-cancel]:focus-visible {
      outline: 3px solid var(--oz-check-accent,var(--_focus));
      outline-offset: 2px;
    }
    [part=handoff-button]:disabled {
      cursor: progress;
      border-color: transparent;
      background: var(--_disabled);
      color: var(--_on-disabled);
    }
    [part=handoff-return] {
      margin: 0;
    }
    @media (forced-colors: active) {
      [part=handoff-button], [part~=handoff-cancel] {
        border-color: ButtonText;
      }
    }
  `,
];
