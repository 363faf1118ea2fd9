// The desktop's side of a hand-off to a phone (docs/handoff.md), against the real handler mounted
// by web-test-runner: the dev backend's /api/liveness for the code itself, and a hand-off backend of
// its own per test (test/support/test-backend.mjs) where the phone is played by hand through the routes.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import {
  claim,
  decodeQr,
  desktop,
  handoffBackend,
  part,
  playPhone,
  pressHandoff,
  secretOf,
} from '../support/handoff-browser.js';

describe('<oz-liveness-check> hand-off, desktop side', function () {
  this.timeout(120_000); // a loaded machine: each wait is bounded by waitUntil's own limit
  // A tab remembers the hand-off it follows (a reload follows it on): each test starts from a fresh tab.
  beforeEach(() => sessionStorage.removeItem('oz-handoff'));

  it('handoff() without handoff-url: invalid-config naming it, and no phone button', async () => {
    const { el, errors } = await desktop(undefined);
    expect(part(el, 'handoff-button')).to.equal(null);
    await el.handoff();
    expect(errors.map((e) => [e.code, e.field])).to.deep.equal([['invalid-config', 'handoff-url']]);
    expect(part(el, 'handoff')).to.equal(null);
  });

  it('the dev backend: a press POSTs, shows the link and a QR code that reads as that link, and says waiting', async () => {
    const { el, states } = await desktop('/api/liveness');
    const link = await pressHandoff(el);
    expect(link).to.match(/^http:\/\/localhost:\d+\/demo\/phone\.html#oz-handoff=[0-9A-HJKMNP-TV-Z]{26}$/);
    // To type it, the secret reads in groups of four (spaced, not dashed: a copy is the link itself).
    const groups = [...part(el, 'handoff-link')!.querySelectorAll('.group')].map((s) => s.textContent!.length);
    expect(groups).to.deep.equal([4, 4, 4, 4, 4, 4, 2]);
    await waitUntil(() => states.includes('waiting'), 'oz-handoff waiting');
    expect(states).to.deep.equal(['waiting']);
    const qr = part(el, 'handoff-qr') as unknown as SVGSVGElement;
    // Text-free: one light square and one path of numbers, dark on light whatever the theme.
    expect(qr.querySelectorAll('text, foreignObject, a, script')).to.have.length(0);
    expect(qr.querySelector('rect')!.getAttribute('fill')).to.equal('#fff');
    expect(qr.querySelector('path')!.getAttribute('fill')).to.equal('#000');
    expect(qr.querySelector('path')!.getAttribute('d')).to.match(/^[Mhvz\d\s-]+$/);
    expect(qr.getAttribute('role')).to.equal('img');
    expect(await decodeQr(qr)).to.equal(link);
    // Focus went into the panel as it opened.
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'handoff'));
    el.reset();
  });

  it('the phone opens, captures and uploads: opened → capturing → uploading → done, then oz-result as after a local upload', async () => {
    const base = handoffBackend();
    const { el, states } = await desktop(base);
    const banner = await fixture<OzResultBanner>(html`<oz-result-banner for="desktop-check"></oz-result-banner>`);
    el.id = 'desktop-check';
    el.after(banner);
    const link = await pressHandoff(el);
    const result = oneEvent(el, 'oz-result');
    expect(await playPhone(base, secretOf(link))).to.equal(201);
    const { detail } = await result;
    expect(states).to.deep.equal(['waiting', 'opened', 'capturing', 'uploading', 'done']);
    expect(detail.decision).to.equal('accept');
    expect(detail.folder.folder_id).to.be.a('string');
    expect(detail.status).to.equal('SUCCESS');
    expect(el.state).to.equal('done');
    expect(el.result).to.deep.equal(detail);
    await el.updateComplete;
    expect(part(el, 'handoff')).to.equal(null);
    await waitUntil(() => banner.status === 'accept', 'the banner follows the phone’s outcome');
  });

  it('a second claim of the same link is refused (409), and the desktop goes on', async () => {
    const base = handoffBackend();
    const { el, states } = await desktop(base);
    const secret = secretOf(await pressHandoff(el));
    expect(await claim(base, secret)).to.equal(200);
    expect(await claim(base, secret)).to.equal(409);
    await waitUntil(() => states.includes('opened'), 'opened');
    el.reset();
  });

  it('Cancel: oz-handoff cancelled, the panel closes, focus is back on the button, the link is dead', async () => {
    const base = handoffBackend();
    const { el, states } = await desktop(base);
    const secret = secretOf(await pressHandoff(el));
    await waitUntil(() => states.includes('waiting'));
    part(el, 'handoff-cancel')!.focus();
    part(el, 'handoff-cancel')!.click();
    await waitUntil(() => states.includes('cancelled'), 'oz-handoff cancelled');
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'handoff-button'), 'focus back on the button');
    expect(part(el, 'handoff')).to.equal(null);
    expect(states).to.deep.equal(['waiting', 'cancelled']);
    expect(await claim(base, secret)).to.equal(410);
  });

  it('a code the phone never opens expires: expired, handoff-expired, and a new code on offer', async () => {
    const base = handoffBackend(1000);
    const { el, states, errors } = await desktop(base);
    const first = await pressHandoff(el);
    await waitUntil(() => states.includes('expired'), 'oz-handoff expired');
    expect(errors.map((e) => [e.code, e.category])).to.deep.equal([['handoff-expired', 'network']]);
    expect(await claim(base, secretOf(first))).to.equal(410);
    await waitUntil(() => part(el, 'handoff-new'), 'a new code is offered');
    part(el, 'handoff-new')!.focus();
    part(el, 'handoff-new')!.click();
    await waitUntil(() => states.filter((s) => s === 'waiting').length === 2, 'waiting again');
    // The pressed button is gone with the old code; focus is in the panel, not lost on the page.
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement?.closest('[part=handoff]')).to.not.equal(null);
    expect(states.slice(0, 3)).to.deep.equal(['waiting', 'expired', 'waiting']);
    el.reset();
  });

  it('a stream that drops mid-way is opened again and still brings done', async () => {
    const base = handoffBackend(600_000, 1);
    const { el, states } = await desktop(base);
    const link = await pressHandoff(el);
    const stats = async () => (await fetch(`${base}/stats`)).json();
    await waitUntil(async () => (await stats()).streams >= 2, 'the desktop opened its stream again');
    const result = oneEvent(el, 'oz-result');
    expect(await playPhone(base, secretOf(link))).to.equal(201);
    expect((await result).detail.decision).to.equal('accept');
    expect(states.at(-1)).to.equal('done');
    expect((await stats()).dropped).to.equal(1);
  });

  it('a backend out of reach: handoff-failed, and Try again in the panel', async () => {
    const { el, errors } = await desktop('http://127.0.0.1:9/api/liveness');
    part(el, 'handoff-button')!.click();
    await waitUntil(() => errors.length > 0, 'oz-error');
    expect(errors[0]).to.include({ code: 'handoff-failed', category: 'network', retryable: true });
    await waitUntil(() => part(el, 'handoff-new'), 'Try again in the panel');
    el.reset();
  });

  it('a route that refuses: handoff-failed with the status', async () => {
    const { el, errors } = await desktop('/test-backend/nowhere');
    await el.handoff();
    await waitUntil(() => errors.length > 0, 'oz-error');
    expect(errors[0]).to.include({ code: 'handoff-failed', status: 404 });
    el.reset();
  });
});

describe('<oz-liveness-check> hand-off button', function () {
  this.timeout(60_000);
  // A tab remembers the hand-off it follows (a reload follows it on): each test starts from a fresh tab.
  beforeEach(() => sessionStorage.removeItem('oz-handoff'));

  it('comes after Start while this device has a camera', async () => {
    const { el } = await desktop('/api/liveness');
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('part'))).to.deep.equal(['button', 'handoff-button']);
    expect(part(el, 'handoff-button')!.classList.contains('lead')).to.equal(false);
  });

  it('leads when the preflight finds no usable camera', async () => {
    const media = navigator.mediaDevices as unknown as Record<string, unknown>;
    Object.defineProperty(media, 'getUserMedia', { value: undefined, configurable: true });
    try {
      const { el } = await desktop('/api/liveness');
      await waitUntil(() => part(el, 'handoff-button')?.classList.contains('lead'), 'the phone leads');
      const buttons = [...el.shadowRoot!.querySelectorAll('button')];
      expect(buttons.map((b) => b.getAttribute('part'))).to.deep.equal(['handoff-button', 'button']);
    } finally {
      delete media.getUserMedia;
    }
  });

  it('leads on a device that lists its media devices but no camera; a browser that lists none decides nothing', async () => {
    const media = navigator.mediaDevices as unknown as Record<string, unknown>;
    const listed = (devices: { kind: string }[]) =>
      Object.defineProperty(media, 'enumerateDevices', { value: async () => devices, configurable: true });
    try {
      listed([{ kind: 'audioinput' }, { kind: 'audiooutput' }]);
      const { el } = await desktop('/api/liveness');
      await waitUntil(() => part(el, 'handoff-button')?.classList.contains('lead'), 'the phone leads');
      listed([]);
      const quiet = (await desktop('/api/liveness')).el;
      await quiet.preflight();
      await quiet.updateComplete;
      expect(part(quiet, 'handoff-button')!.classList.contains('lead')).to.equal(false);
    } finally {
      delete media.enumerateDevices;
    }
  });
});
