/**
 * The hand-off as a browser test drives it: a fresh hand-off backend per test (test-backend.mjs,
 * `/test-backend/handoff/<id>/<ttl>/<drop>/`), a phone played by hand through the routes, the
 * hand-off's state read from the test page, and the QR code decoded from a drawing of its SVG.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { OzErrorDetail } from '../../src/core/errors.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { createSimulatedContainer } from '../../src/testing/index.js';

let count = 0;
/** A hand-off backend of its own: links live `ttlMs`, the first `drop` event streams are cut. */
export function handoffBackend(ttlMs = 600_000, drop = 0): string {
  return `/test-backend/handoff/t${Date.now().toString(36)}-${++count}/${ttlMs}/${drop}`;
}

/** The secret in a phone link's fragment. */
export const secretOf = (phoneUrl: string) => new URL(phoneUrl).hash.replace(/^#oz-handoff=/, '');

/** `POST …/handoff` as a desktop page would. */
export async function createHandoff(base: string): Promise<{ phoneUrl: string; watchToken: string }> {
  const response = await fetch(`${base}/handoff`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`POST ${base}/handoff answered ${response.status}`);
  return response.json();
}

/** `POST …/handoff/claim` as a phone would: the status. */
export async function claim(base: string, secret: string): Promise<number> {
  const response = await fetch(`${base}/handoff/claim`, { method: 'POST', headers: { 'Oz-Handoff': secret } });
  await response.body?.cancel();
  return response.status;
}

/** The phone, played by hand: claim (unless done already), a session token, then a simulated container. */
export async function playPhone(base: string, secret: string, { claimed = false } = {}): Promise<number> {
  if (!claimed) {
    const status = await claim(base, secret);
    if (status !== 200) throw new Error(`claim answered ${status}`);
  }
  const token = await fetch(`${base}/session-token`, { headers: { 'Oz-Handoff': secret } });
  const { session_token: sessionToken } = await token.json();
  const container = await createSimulatedContainer({ sessionToken, scenario: 'accept' });
  const upload = await fetch(`${base}/container`, {
    method: 'POST',
    headers: {
      'Oz-Handoff': secret,
      'Content-Type': 'application/octet-stream',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: container,
  });
  await upload.body?.cancel();
  return upload.status;
}

/**
 * The hand-off's state as the backend holds it: a desktop stream opened, its first event (the
 * current state, which every stream starts with) read, and the stream closed again.
 */
export async function currentState(base: string, watchToken: string): Promise<string | undefined> {
  const stop = new AbortController();
  const response = await fetch(`${base}/handoff/events`, {
    headers: { 'Oz-Handoff-Watch': watchToken },
    signal: stop.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      text += decoder.decode(value, { stream: true });
      // Only whole events (a long one, `done` with its folder, arrives in pieces).
      for (const block of text.split('\n\n').slice(0, -1)) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) return JSON.parse(data).state;
      }
    }
  } finally {
    stop.abort();
  }
}

let jsQr: Promise<void> | undefined;
/** jsQR is a classic (UMD) script: loaded once as one, it defines `window.jsQR`. */
function loadJsQr(): Promise<void> {
  return (jsQr ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/jsqr/dist/jsQR.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('jsQR did not load'));
    document.head.append(script);
  }));
}
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/**
 * What a phone's camera would read: the SVG as the page paints it (its own light square, nothing
 * added around it; each shape's fill and stroke as the page's styles compute them, so a stylesheet
 * that strokes or fills the code shows) drawn on a canvas, then decoded. `undefined` when no code can
 * be read.
 */
export async function decodeQr(svgElement: SVGSVGElement, pixels = 480): Promise<string | undefined> {
  await loadJsQr();
  const copy = svgElement.cloneNode(true) as SVGSVGElement;
  const painted = [...svgElement.querySelectorAll<SVGElement>('*')];
  copy.querySelectorAll<SVGElement>('*').forEach((shape, i) => {
    const style = getComputedStyle(painted[i]);
    shape.setAttribute('style', `fill:${style.fill};stroke:${style.stroke};stroke-width:${style.strokeWidth}`);
  });
  copy.setAttribute('width', String(pixels));
  copy.setAttribute('height', String(pixels));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = pixels;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, pixels, pixels);
    const { data } = context.getImageData(0, 0, pixels, pixels);
    return ((window as unknown as { jsQR: JsQr }).jsQR(data, pixels, pixels) ?? undefined)?.data;
  } finally {
    URL.revokeObjectURL(url);
  }
}

export const part = (el: OzLivenessCheck, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

export async function desktop(base: string | undefined) {
  const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check
    plugin-src="/simulator/plugin_liveness.js"
    session-token-url="/api/liveness/session-token"
    backend-url="/api/liveness/container"
    handoff-url=${base === undefined ? '' : `${base}/handoff`}
  ></oz-liveness-check>`);
  if (base === undefined) el.removeAttribute('handoff-url');
  const states: string[] = [];
  const errors: OzErrorDetail[] = [];
  el.addEventListener('oz-handoff', (e) => states.push(e.detail.state));
  el.addEventListener('oz-error', (e) => errors.push(e.detail));
  await el.updateComplete;
  return { el, states, errors };
}

/** Presses "Use your phone instead" and waits for the link; returns it. */
export async function pressHandoff(el: OzLivenessCheck): Promise<string> {
  part(el, 'handoff-button')!.click();
  await waitUntil(() => part(el, 'handoff-link')?.textContent?.includes('#oz-handoff='), 'the link is shown');
  return part(el, 'handoff-link')!.textContent!.trim();
}

/** An ordinary page's check with a hand-off on offer (the dev backend's routes): no fragment, no press. */
export const plainCheck = () =>
  fixture<OzLivenessCheck>(html`<oz-liveness-check
    plugin-src="/simulator/plugin_liveness.js"
    backend-url="/api/liveness/container"
    handoff-url="/api/liveness/handoff"
  ></oz-liveness-check>`);
