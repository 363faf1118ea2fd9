/**
 * `<oz-liveness-check>` in a fixture, wired to the test backend and the stub plugin: a fresh plugin
 * URL (so each test loads its own script), a token and an upload route keyed by `id` (so a test
 * reads back what the backend received), and no upload retries unless `attrs` say otherwise.
 */
import { fixture, html } from '@open-wc/testing';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { freshStubSrc, uniqueId } from './stub-plugin.js';

if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);

export async function check(attrs: Record<string, string> = {}, id = uniqueId()): Promise<OzLivenessCheck> {
  const el = document.createElement('oz-liveness-check');
  el.setAttribute('plugin-src', freshStubSrc());
  el.setAttribute('session-token-url', `/test-backend/token?id=${id}`);
  el.setAttribute('backend-url', `/test-backend/upload?id=${id}`);
  el.setAttribute('upload-retries', '0');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  await fixture(html`<div>${el}</div>`);
  return el;
}
