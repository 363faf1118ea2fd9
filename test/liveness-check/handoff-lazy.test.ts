// Nothing of the hand-off loads before it is asked for: neither its chunk nor the QR encoder. In a
// file of its own, so no earlier test of the same page has loaded them.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { plainCheck } from '../support/handoff-browser.js';

const loaded = (pattern: RegExp) =>
  performance.getEntriesByType('resource').some((entry) => pattern.test(new URL(entry.name).pathname));
const HANDOFF_CHUNK = /\/liveness-check\/handoff\/desktop\./;
const QR_ENCODER = /\/node_modules\/uqr\//;

describe('<oz-liveness-check> hand-off, loaded lazily', function () {
  this.timeout(60_000);
  // A tab remembers the hand-off it follows (a reload follows it on): each test starts from a fresh tab.
  beforeEach(() => sessionStorage.removeItem('oz-handoff'));

  it('the hand-off chunk and the QR encoder load at the first handoff(), not before', async () => {
    const el = await plainCheck();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=handoff-button]')).to.not.equal(null);
    // The element's own modules are all here (the button renders): the hand-off's are not.
    expect(loaded(/\/liveness-check\/liveness-check\./)).to.equal(true);
    expect(loaded(HANDOFF_CHUNK)).to.equal(false);
    expect(loaded(QR_ENCODER)).to.equal(false);
    void el.handoff();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=handoff-qr]'), 'the code is shown');
    expect(loaded(HANDOFF_CHUNK)).to.equal(true);
    expect(loaded(QR_ENCODER)).to.equal(true);
    el.reset();
  });
});
