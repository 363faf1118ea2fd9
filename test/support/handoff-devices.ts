/**
 * The two devices of a hand-off end to end (test/e2e/handoff-*.test.ts): the desktop is this test
 * page, without a camera; the phone is a headless Chromium with the fake camera, driven through
 * the server commands of test/support/handoff-e2e.mjs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { OzErrorDetail } from '../../src/core/errors.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { decodeQr } from './handoff-browser.js';

export interface PhoneState {
  state?: string;
  result: { decision: string; folder: { folder_id: string }; status: string } | null;
  error: { code: string; message: string } | null;
  returnText: string | null;
  href: string;
  logs: string[];
}

export const phone = {
  open: (url: string) => executeServerCommand<boolean, { url: string }>('phone-open', { url }),
  start: () => executeServerCommand<boolean, undefined>('phone-start'),
  reload: () => executeServerCommand<boolean, undefined>('phone-reload'),
  state: () => executeServerCommand<PhoneState, undefined>('phone-state'),
  close: () => executeServerCommand<boolean, undefined>('phone-close'),
};

/** Waits for `condition` (no fixed sleep); on time-out says what the phone was doing. */
export async function until(condition: () => unknown, what: string, timeout = 120_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) {
      const seen = await phone.state().catch((err) => String(err));
      throw new Error(`${what}: not within ${timeout} ms. The phone: ${JSON.stringify(seen)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A desktop without a camera: no `getUserMedia` on this page (an own property hides the prototype's),
 * so the preflight finds `camera-unsupported`. Returns the undo.
 */
export function withoutCamera(): () => void {
  const devices = navigator.mediaDevices;
  if (!devices) return () => {};
  Object.defineProperty(devices, 'getUserMedia', { value: undefined, configurable: true, writable: true });
  return () => void delete (devices as { getUserMedia?: unknown }).getUserMedia;
}

/**
 * Each test of the calling `describe` starts as a fresh desktop tab without a camera (no hand-off
 * remembered: a tab follows its hand-off on) and ends with the phone closed.
 */
export function twoDevices(): void {
  let restore = () => {};
  beforeEach(() => {
    sessionStorage.removeItem('oz-handoff');
    restore = withoutCamera();
  });
  afterEach(async () => {
    restore();
    await phone.close();
  });
}

export const part = (el: OzLivenessCheck, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

let n = 0;
/** The desktop page: a check with `handoff-url` (its other routes on the dev backend) and a banner following it. */
export async function desktop(handoffUrl: string) {
  const id = `handoff-desktop-${++n}`;
  const root = await fixture<HTMLDivElement>(html`<div>
    <oz-liveness-check
      id=${id}
      plugin-src="/simulator/plugin_liveness.js"
      session-token-url="/api/liveness/session-token"
      backend-url="/api/liveness/container"
      handoff-url=${handoffUrl}
    ></oz-liveness-check>
    <oz-result-banner for=${id}></oz-result-banner>
  </div>`);
  const el = root.querySelector<OzLivenessCheck>('oz-liveness-check')!;
  const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
  const states: string[] = [];
  const errors: OzErrorDetail[] = [];
  el.addEventListener('oz-handoff', (e) => states.push(e.detail.state));
  el.addEventListener('oz-error', (e) => errors.push(e.detail));
  return { el, banner, states, errors };
}

/** The element leads with "Use your phone instead": the first button, in the lead style. */
export async function leadsWithPhone(el: OzLivenessCheck): Promise<void> {
  await until(() => part(el, 'handoff-button')?.classList.contains('lead'), 'the check leads with the phone');
  const buttons = [...el.shadowRoot!.querySelectorAll('button')];
  if (buttons[0] !== part(el, 'handoff-button'))
    throw new Error(`the first button is ${buttons[0]?.getAttribute('part')}, not the phone's`);
}

/** Presses "Use your phone instead" and reads the QR code from its rendered picture: the phone's URL. */
export async function scanCode(el: OzLivenessCheck): Promise<{ scanned: string; shown: string }> {
  part(el, 'handoff-button')!.click();
  await until(() => part(el, 'handoff-link')?.textContent?.includes('#oz-handoff='), 'the code is shown');
  const qr = part(el, 'handoff-qr') as unknown as SVGSVGElement;
  const scanned = await decodeQr(qr);
  if (!scanned) throw new Error('the QR code could not be read');
  return { scanned, shown: part(el, 'handoff-link')!.textContent!.trim() };
}

/** The phone side, from the scanned URL to its outcome; the desktop's `done` awaited. */
export async function phoneCaptures(el: OzLivenessCheck, states: string[], url: string) {
  await phone.open(url);
  // The phone took the secret out of its address and claimed the hand-off: the desktop sees `opened`.
  await until(() => states.includes('opened'), 'the desktop sees the phone open the link');
  const opened = await phone.state();
  expect(opened.href, 'the secret is out of the phone’s address').to.not.include('oz-handoff');
  expect(await phone.start(), 'the phone’s Start button was there').to.equal(true);
  await until(() => el.state === 'done', 'the desktop gets the phone’s outcome');
  // The desktop may hear `done` from the stream before the phone has read its own answer.
  await until(async () => (await phone.state()).state === 'done', 'the phone shows its outcome');
  const after = await phone.state();
  expect(after.returnText).to.equal('You can now return to your computer.');
  return after;
}

export interface InstanceStats {
  a: { requests: string[]; ozUploads: number };
  b: { requests: string[]; ozUploads: number };
  dropped: number;
  streams: number;
  streamsCut: number;
  keys: string[];
}

let pairs = 0;
/** A pair of instances of its own; `options` as in handoff-e2e.mjs (`-drop1`, `-cut1`, `-ttl4000`). */
export async function instances(options = '') {
  const run = `/handoff-e2e/r${Date.now().toString(36)}${++pairs}${options}`;
  // The pair starts on first use, with the redis-server the plugin starts: say so when it cannot.
  const first = await fetch(`${run}/stats`);
  if (!first.ok) throw new Error(`the two instances did not start: ${await first.text()}`);
  return {
    run,
    handoffUrl: `${run}/a/api/liveness/handoff`,
    stats: async (): Promise<InstanceStats> => (await fetch(`${run}/stats`)).json(),
  };
}
