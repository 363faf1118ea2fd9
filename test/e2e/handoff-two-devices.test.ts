// The hand-off end to end, with two devices (issue 27): this page is the desktop, with NO camera
// (in each browser of the run); the phone is a second, headless Chromium with the fake camera
// (test/support/handoff-e2e.mjs). The desktop's QR code is read from its rendered picture, the phone
// opens what it reads, claims, captures on the simulator and uploads, and the desktop shows the
// phone's decision: oz-result, and the banner following it.
import { expect } from '@open-wc/testing';
import {
  desktop,
  instances,
  leadsWithPhone,
  phoneCaptures,
  scanCode,
  until,
  twoDevices,
} from '../support/handoff-devices.js';

describe('hand-off end to end: a desktop without a camera, a phone with one', function () {
  this.timeout(240_000); // two browsers and a whole capture on a loaded machine; each wait is bounded

  twoDevices();

  it('one server: the desktop leads with the phone, the phone scans its code, captures, and the desktop shows the decision', async () => {
    const { el, banner, states, errors } = await desktop('/api/liveness/handoff');
    const problems = await el.preflight();
    expect(problems.problems.map((p) => p.code)).to.include('camera-unsupported');
    await leadsWithPhone(el);

    const { scanned, shown } = await scanCode(el);
    expect(scanned).to.equal(shown);
    expect(scanned).to.match(/^http:\/\/localhost:\d+\/demo\/phone\.html#oz-handoff=[0-9A-HJKMNP-TV-Z]{26}$/);
    const result = new Promise<CustomEvent>((resolve) => el.addEventListener('oz-result', resolve, { once: true }));

    const onPhone = await phoneCaptures(el, states, scanned);
    const { detail } = await result;
    expect(detail.decision).to.equal('accept');
    expect(detail.status).to.equal('SUCCESS');
    expect(detail.folder.folder_id, 'the desktop has the folder the phone’s upload made').to.equal(
      onPhone.result!.folder.folder_id,
    );
    expect(el.result).to.deep.equal(detail);
    expect(states[0]).to.equal('waiting');
    expect(states).to.include.members(['opened', 'capturing']);
    expect(states.at(-1)).to.equal('done');
    expect(errors, JSON.stringify(errors)).to.deep.equal([]);
    await until(() => banner.status === 'accept', 'the banner shows the phone’s decision');
  });

  it('two instances on one redis-server: the desktop watches instance A, the phone (its link typed) uses instance B', async () => {
    const { run, handoffUrl, stats } = await instances();
    const { el, banner, states } = await desktop(handoffUrl);
    await leadsWithPhone(el);
    const { scanned, shown } = await scanCode(el);
    expect(scanned).to.match(
      new RegExp(`^http://localhost:\\d+${run}/phone\\.html#oz-handoff=[0-9A-HJKMNP-TV-Z]{26}$`),
    );
    // This phone cannot scan: its person types the link shown, in lower case as a phone keyboard
    // does, with a dash between the groups of four they read.
    const typed = shown.replace(
      /#oz-handoff=(.+)$/,
      (_, secret: string) => `#oz-handoff=${secret.match(/.{1,4}/g)!.join('-')}`,
    );
    const onPhone = await phoneCaptures(el, states, typed.toLowerCase());
    expect(el.result!.decision).to.equal('accept');
    expect(el.result!.folder.folder_id).to.equal(onPhone.result!.folder.folder_id);
    expect(states.at(-1)).to.equal('done');
    await until(() => banner.status === 'accept', 'the banner shows the phone’s decision');

    const seen = await stats();
    // The desktop only ever spoke to A; the phone only to B: the state crossed through Redis.
    expect(seen.a.requests.every((r) => /^(POST \/handoff|GET \/handoff\/events)$/.test(r))).to.equal(true);
    expect(seen.a.requests).to.include('GET /handoff/events');
    expect(seen.b.requests).to.include.members(['POST /handoff/claim', 'GET /session-token', 'POST /container']);
    expect(seen.b.requests.some((r) => r.includes('/handoff/events'))).to.equal(false);
    expect([seen.a.ozUploads, seen.b.ozUploads]).to.deep.equal([0, 1]);
  });
});
