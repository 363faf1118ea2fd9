import { css } from 'lit';

// The kit's palette and measures, as tokens (`--oz-*`, each read in front of its default, light
// first, then the prefers-color-scheme block): see kit.styles.ts for why they are as they are.
export const tokens = css`
  :host {
    display: block;
    --_surface: var(--oz-color-surface,#ffffff);
    --_text: var(--oz-color-text,#17202b);
    --_muted: var(--oz-color-text-muted,#4d5866);
    --_border: var(--oz-color-border,#8a95a3);
    --_accent: var(--oz-color-accent,#1d4ed8);
    --_accent-hover: var(--oz-color-accent-hover,#1a43b8);
    --_accent-active: var(--oz-color-accent-active,#163a9e);
    --_on-accent: var(--oz-color-on-accent,#ffffff);
    --_focus: var(--oz-color-focus,#1d4ed8);
    --_disabled: var(--oz-color-disabled,#e3e7ec);
    --_on-disabled: var(--oz-color-on-disabled,#4d5866);
    --_pending: var(--oz-color-pending,#1d4ed8);
    --_accept: var(--oz-color-accept,#16794a);
    --_reject: var(--oz-color-reject,#b42336);
    --_problem: var(--oz-color-problem,#995200);
    --_radius: var(--oz-radius,.5rem);
    --_space: var(--oz-space,1rem);
    --_c: var(--_pending);
    font-family: var(--oz-font,inherit);
  }
  @media(prefers-color-scheme:dark) {
    :host {
      --_surface: var(--oz-color-surface,#141a22);
      --_text: var(--oz-color-text,#e9eef4);
      --_muted: var(--oz-color-text-muted,#a7b1be);
      --_border: var(--oz-color-border,#6b7685);
      --_accent: var(--oz-color-accent,#8fb1ff);
      --_accent-hover: var(--oz-color-accent-hover,#a9c3ff);
      --_accent-active: var(--oz-color-accent-active,#c3d5ff);
      --_on-accent: var(--oz-color-on-accent,#0b1733);
      --_focus: var(--oz-color-focus,#8fb1ff);
      --_disabled: var(--oz-color-disabled,#2a323d);
      --_on-disabled: var(--oz-color-on-disabled,#b3bcc8);
      --_pending: var(--oz-color-pending,#8fb1ff);
      --_accept: var(--oz-color-accept,#5fd394);
      --_reject: var(--oz-color-reject,#ff8f9c);
      --_problem: var(--oz-color-problem,#f2b65a);
    }
  }
`;
