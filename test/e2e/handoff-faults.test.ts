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
  withoutCamera,
} from '../support/handoff-devices.js';
import { decodeQr } from '../support/handoff-browser.js';

describe('hand-off end to end: faults', function () {
  this.timeout(240_000); // two browsers and a whole capture on a loaded machine; each wait is bounded

  let restore = () => {};
  beforeEach(() => {
    restore = withoutCamera();
  });
  afterEach(async () => {
    restore();
    await phone.close();
  });

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
    expect(again).to.match(/#oz-handoff=[\w-]{22}$/);
    expect(again).to.not.equal(first.scanned);
    el.reset();
  });
});
