/** The hand-off panel's styles: adopted by the element's shadow root when the panel first opens. */
import { css } from 'lit';

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
  .handoff-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
`;
