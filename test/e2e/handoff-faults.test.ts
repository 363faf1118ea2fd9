// The hand-off's faults end to end, with two devices and two instances on one redis-server
// (test/support/handoff-e2e.mjs): the desktop (this page, no camera, each browser) watches
// instance A, the phone (a headless Chromium with the fake camera) uses instance B.
import { expect } from '@open-wc/testing';
import {
  desktop,
  instances,
  leadsWithPhone,
  part,
  phone,
  phoneCaptures,
  scanCode,
  until,
  twoDevices,
} from '../support/handoff-devices.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { decodeQr } from '../support/handoff-browser.js';

describe('hand-off end to end: faults', function () {
  this.timeout(240_000); // two browsers and a whole capture on a loaded machine; each wait is bounded

  twoDevices();

  it('the phone loses the upload’s answer and retries with the same Idempotency-Key: one Oz call, and the desktop gets the outcome', async () => {
    const { handoffUrl, stats } = await instances('-drop1');
    const { el, states } = await desktop(handoffUrl);
    await leadsWithPhone(el);
    const { scanned } = await scanCode(el);
    const onPhone = await phoneCaptures(el, states, scanned);
    expect(onPhone.result!.decision).to.equal('accept');
    expect(el.result!.decision).to.equal('accept');
    expect(el.result!.folder.folder_id).to.equal(onPhone.result!.folder.folder_id);
    const seen = await stats();
    expect(seen.dropped, 'an answer was lost').to.equal(1);
    expect(seen.b.requests.filter((r) => r === 'POST /container')).to.have.length(2);
    expect(seen.keys, 'both attempts carried one key').to.have.length(1);
    expect(seen.keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(seen.b.ozUploads + seen.a.ozUploads, 'Oz saw one container').to.equal(1);
  });

  it('the desktop’s stream drops mid-way: it opens it again and still gets the outcome', async () => {
    const { handoffUrl, stats } = await instances('-cut1');
    const { el, states, banner } = await desktop(handoffUrl);
    await leadsWithPhone(el);
    const { scanned } = await scanCode(el);
    const onPhone = await phoneCaptures(el, states, scanned);
    expect(el.result!.folder.folder_id).to.equal(onPhone.result!.folder.folder_id);
    expect(states.at(-1)).to.equal('done');
    expect(states.filter((s) => s === 'done')).to.have.length(1);
    const seen = await stats();
    expect(seen.streamsCut, 'a stream was cut after `capturing`').to.equal(1);
    expect(seen.streams, 'the desktop opened its stream again').to.be.at.least(2);
    await until(() => banner.status === 'accept', 'the banner shows the phone’s decision');
  });

  it('the desktop reloads mid-way (a real reload of its page): the page follows the same hand-off and gets the outcome', async () => {
    const { run, stats } = await instances();
    const frame = document.createElement('iframe');
    frame.src = `${run}/desktop.html`; // instance A, as the test page's own checks
    document.body.append(frame);
    /** The frame's check, once it shows its hand-off button or panel (a fresh page: a new element). */
    const check = async () => {
      const found = () => frame.contentDocument?.querySelector<OzLivenessCheck>('oz-liveness-check');
      const shown = '[part~=handoff-button], [part=handoff]';
      await until(() => found()?.shadowRoot?.querySelector(shown), 'the desktop page is up');
      return found()!;
    };
    try {
      const before = await check();
      const beforeStates: string[] = [];
      before.addEventListener('oz-handoff', (e) => beforeStates.push(e.detail.state));
      const { scanned } = await scanCode(before);
      await phone.open(scanned);
      await until(() => beforeStates.includes('opened'), 'the desktop sees the phone open the link');

      const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow!.location.reload();
      await reloaded;
      const after = await check();
      expect(after, 'a new page, a new element').to.not.equal(before);
      await until(() => part(after, 'handoff-status')?.textContent?.trim(), 'the hand-off under way, with no press');
      expect(part(after, 'handoff-qr'), 'the phone has the link; no code shown').to.equal(null);
      const result = new Promise<CustomEvent>((resolve) =>
        after.addEventListener('oz-result', resolve, { once: true }),
      );
      expect(await phone.start(), 'the phone’s Start button was there').to.equal(true);
      const { detail } = await result;
      expect(detail.decision).to.equal('accept');
      await until(async () => (await phone.state()).state === 'done', 'the phone shows its outcome');
      expect(detail.folder.folder_id).to.equal((await phone.state()).result!.folder.folder_id);
      expect(frame.contentWindow!.sessionStorage.getItem('oz-handoff'), 'forgotten once over').to.equal(null);
      expect((await stats()).b.ozUploads, 'one upload, from the phone').to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('the phone reloads its page after opening the link (a pull to refresh): it goes on with the same hand-off', async () => {
    const { handoffUrl, stats } = await instances();
    const { el, states } = await desktop(handoffUrl);
    await leadsWithPhone(el);
    const { scanned } = await scanCode(el);
    await phone.open(scanned);
    await until(() => states.includes('opened'), 'the desktop sees the phone open the link');
    await phone.reload();
    expect((await phone.state()).href, 'the secret stays out of the address').to.not.include('oz-handoff');
    expect(await phone.start(), 'the reloaded phone’s Start button was there').to.equal(true);
    await until(() => el.state === 'done', 'the desktop gets the reloaded phone’s outcome');
    await until(async () => (await phone.state()).state === 'done', 'the phone shows its outcome');
    const after = await phone.state();
    expect(after.error).to.equal(null);
    expect(after.returnText).to.equal('You can now return to your computer.');
    expect(el.result!.folder.folder_id).to.equal(after.result!.folder.folder_id);
    const seen = await stats();
    expect(
      seen.b.requests.filter((r) => r === 'POST /handoff/claim'),
      'one claim, before the reload',
    ).to.have.length(1);
  });

  it('the phone never opens the link: the desktop shows it expired and offers a new code; the old link is refused on the phone', async () => {
    const { handoffUrl } = await instances('-ttl4000');
    const { el, states, errors } = await desktop(handoffUrl);
    await leadsWithPhone(el);
    const first = await scanCode(el);
    await until(() => states.includes('expired'), 'the desktop shows the code expired');
    expect(errors.map((e) => e.code)).to.deep.equal(['handoff-expired']);
    await until(() => part(el, 'handoff-new'), 'a new code is offered');
    // A phone that opens the old link now is told, and captures nothing.
    await phone.open(first.scanned);
    await until(async () => (await phone.state()).error?.code === 'handoff-expired', 'the phone says expired');
    part(el, 'handoff-new')!.click();
    await until(() => states.filter((s) => s === 'waiting').length === 2, 'waiting again, with a new code');
    await until(() => part(el, 'handoff-qr'), 'a new QR code');
    const again = await decodeQr(part(el, 'handoff-qr') as unknown as SVGSVGElement);
    expect(again).to.match(/#oz-handoff=[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(again).to.not.equal(first.scanned);
    el.reset();
  });
});
