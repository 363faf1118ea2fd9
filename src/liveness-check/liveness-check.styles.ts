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
    [part=button] {
      background: var(--oz-check-accent,var(--_accent));
      color: var(--oz-check-accent-text,var(--_on-accent));
      border-radius: var(--oz-check-radius,var(--_radius));
    }
    [part=button]:hover {
      background: var(--oz-check-accent,var(--_accent-hover));
    }
    [part=button]:active {
      background: var(--oz-check-accent,var(--_accent-active));
    }
    [part=button]:focus-visible {
      outline-color: var(--oz-check-accent,var(--_focus));
    }
    [part=button]:disabled {
      background: var(--_disabled);
      color: var(--_on-disabled);
    }
    [part=status] {
      margin: 0;
    }
    [part=progress] {
      margin: 0;
    }
  `,
];
