import { css } from 'lit';

// Every default below meets WCAG 2.2 AA against its own background (accents ≥ 4.5:1, so they
// could even carry text); dark defaults come from prefers-color-scheme. The public
// `--oz-banner-*` properties are read once, into private `--_*` ones, so a page's value wins in
// both schemes.
export const styles = css`
  :host {
    display: block;
    --_bg: var(--oz-banner-background, #ffffff);
    --_fg: var(--oz-banner-color, #1f2328);
    --_muted: var(--oz-banner-muted-color, #59636e);
    --_border: var(--oz-banner-border-color, #d1d9e0);
    --_pending: var(--oz-banner-pending-color, #0969da);
    --_accept: var(--oz-banner-accept-color, #1a7f37);
    --_reject: var(--oz-banner-reject-color, #cf222e);
    --_failed: var(--oz-banner-failed-color, #9a6700);
    --_error: var(--oz-banner-error-color, #bc4c00);
    --_accent: var(--_pending);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--oz-banner-background, #161b22);
      --_fg: var(--oz-banner-color, #e6edf3);
      --_muted: var(--oz-banner-muted-color, #9198a1);
      --_border: var(--oz-banner-border-color, #3d444d);
      --_pending: var(--oz-banner-pending-color, #4493f8);
      --_accept: var(--oz-banner-accept-color, #3fb950);
      --_reject: var(--oz-banner-reject-color, #ff7b72);
      --_failed: var(--oz-banner-failed-color, #d29922);
      --_error: var(--oz-banner-error-color, #f0883e);
    }
  }

  :host([hidden]) {
    display: none;
  }

  :host([status='accept']) {
    --_accent: var(--_accept);
  }
  :host([status='reject']) {
    --_accent: var(--_reject);
  }
  :host([status='failed']) {
    --_accent: var(--_failed);
  }
  :host([status='error']) {
    --_accent: var(--_error);
  }

  /* Idle: the live region stays in the page (so later text is announced) but shows nothing. */
  .base {
    box-sizing: border-box;
  }

  .base.shown {
    display: flex;
    align-items: flex-start;
    gap: var(--oz-banner-gap, 0.75rem);
    padding: var(--oz-banner-padding, 1rem);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-inline-start: var(--oz-banner-accent-width, 0.25rem) solid var(--_accent);
    border-radius: var(--oz-banner-border-radius, 0.5rem);
    text-align: start;
    overflow-wrap: anywhere;
  }

  .icon {
    flex: none;
    display: inline-flex;
    color: var(--_accent);
    inline-size: var(--oz-banner-icon-size, 1.5rem);
    block-size: var(--oz-banner-icon-size, 1.5rem);
  }

  svg {
    inline-size: 100%;
    block-size: 100%;
  }

  .body {
    flex: 1;
    min-inline-size: 0;
  }

  .title {
    margin: 0;
    font-weight: 600;
    line-height: 1.4;
  }

  .message,
  .reference {
    margin: 0.25rem 0 0;
    line-height: 1.5;
  }

  .reference {
    color: var(--_muted);
    font-size: 0.875em;
  }

  progress {
    display: block;
    inline-size: 100%;
    margin-block-start: 0.5rem;
    accent-color: var(--_accent);
  }

  .details {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 0.75rem 0 0;
  }

  .row {
    display: contents;
  }

  .details dt {
    font-weight: 600;
  }

  .details dd {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    margin: 0;
  }

  .row-icon {
    flex: none;
    display: inline-flex;
    inline-size: 1em;
    block-size: 1em;
  }
  .row-icon.accept {
    color: var(--_accept);
  }
  .row-icon.reject {
    color: var(--_reject);
  }
  .row-icon.failed {
    color: var(--_failed);
  }

  .best-shot {
    display: block;
    max-inline-size: var(--oz-banner-best-shot-size, 10rem);
    block-size: auto;
    margin-block-start: 0.75rem;
    border-radius: calc(var(--oz-banner-border-radius, 0.5rem) / 2);
  }

  .actions.has-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.75rem;
  }

  /* Motion only for those who have not asked for less. */
  @media (prefers-reduced-motion: no-preference) {
    .spin {
      transform-origin: center;
      animation: oz-banner-spin 1s linear infinite;
    }
  }
  @keyframes oz-banner-spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (forced-colors: active) {
    .base.shown {
      border-color: CanvasText;
    }
    .icon,
    .row-icon,
    .reference {
      color: CanvasText;
    }
  }
`;
