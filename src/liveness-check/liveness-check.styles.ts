import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
  }
  button {
    font: inherit;
    padding-block: 0.625rem;
    padding-inline: 1.25rem;
    border: 2px solid transparent;
    border-radius: var(--oz-check-radius, 0.5rem);
    background: var(--oz-check-accent, #1a56db);
    color: var(--oz-check-accent-text, #ffffff);
    cursor: pointer;
  }
  [part='handoff-button']:not(.lead) {
    background: transparent;
    color: var(--oz-check-accent, #1a56db);
    border-color: currentColor;
  }
  button:focus-visible {
    outline: 3px solid var(--oz-check-accent, #1a56db);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }
  [part='status'],
  [part='handoff-return'] {
    margin: 0;
    min-block-size: 1.5em;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
  }
`;
