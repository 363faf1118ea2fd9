/**
 * `<oz-story-check>`: stands in for `<oz-liveness-check>` around a banner, for the state stories.
 * It provides one fixed context value (a state, a result, an error: what a check shares) and the
 * follow handshake, so a nested banner shows exactly that state, at once and every time, without
 * a camera or a simulator's timing. The check's own states are shown by the check's stories.
 */
import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { followCheck, ozLivenessContext, type OzLivenessSnapshot } from '../../src/context.js';

export class OzStoryCheck extends LitElement {
  #provider = new ContextProvider(this, { context: ozLivenessContext, initialValue: { state: 'idle' } });

  /** What the banner inside sees. */
  set snapshot(value: OzLivenessSnapshot) {
    this.#provider.setValue(value);
  }

  [followCheck](): () => void {
    return () => {};
  }

  override render() {
    return html`<slot></slot>`;
  }
}

/**
 * A story check around `child`, sharing `snapshot`. Defined here, on use: the package's
 * `sideEffects` list lets the bundler drop a bare side-effect import of this module.
 */
export function storyCheck(snapshot: OzLivenessSnapshot, child: Node): OzStoryCheck {
  if (!customElements.get('oz-story-check')) customElements.define('oz-story-check', OzStoryCheck);
  const host = document.createElement('oz-story-check');
  host.snapshot = snapshot;
  host.append(child);
  return host;
}

declare global {
  interface HTMLElementTagNameMap {
    'oz-story-check': OzStoryCheck;
  }
}
