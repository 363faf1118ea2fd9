/** The hand-off panel's styles: adopted by the element's shadow root when the panel first opens. */
import { css, type ReactiveControllerHost } from 'lit';

export const handoffStyles = css`
  [part='handoff'] {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 0.5rem;
    max-inline-size: 40rem;
  }
  [part='handoff']:focus {
    outline: none;
  }
  [part='handoff'] p {
    margin: 0;
  }
  .handoff-code {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem;
  }
  [part='handoff-qr'] {
    inline-size: 12rem;
    block-size: 12rem;
    /* The code keeps its own colours in forced-colours mode: a scanner needs dark on light. */
    forced-color-adjust: none;
  }
  [part='handoff-link'] {
    font-family: ui-monospace, monospace;
    /* Any character may end a line (a monospace link wraps the same whatever its secret). */
    word-break: break-all;
    user-select: all;
    max-inline-size: 24rem;
  }
  /* The fragment and each of the secret's groups kept whole on a line; the groups spaced for the eye only (a copy gives the link as it is). */
  [part='handoff-link'] span {
    display: inline-block;
  }
  [part='handoff-link'] .group {
    margin-inline-start: 0.4em;
  }
  .handoff-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;

/** The panel's styles join the element's, once per shadow root. */
export function adoptStyles(host: ReactiveControllerHost & HTMLElement): void {
  const root = host.shadowRoot;
  const sheet = handoffStyles.styleSheet;
  if (!root) return;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style[data-oz-handoff]')) {
    // No constructable style sheets (older Safari): a <style>, with Lit's nonce when the page set one.
    const style = document.createElement('style');
    style.dataset.ozHandoff = '';
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = handoffStyles.cssText;
    root.append(style);
  }
}
