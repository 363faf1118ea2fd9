// The desktop comes back to a hand-off (docs/handoff.md, "A reload"): the page is reloaded, or the
// element is put back, while a phone is on its way. A new element in the same tab follows the same
// hand-off with no press, from the watch token this tab remembered; the phone's secret is never kept.
// A real reload of a whole page, with a real phone, is in test/e2e/handoff-faults.test.ts.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { claim, desktop, handoffBackend, part, playPhone, pressHandoff, secretOf } from '../support/handoff-browser.js';

/** Everything this tab keeps in sessionStorage, as one string to search. */
const stored = () =>
  Object.keys(sessionStorage)
    .map((key) => `${key}=${sessionStorage.getItem(key)}`)
    .join('\n');

describe('<oz-liveness-check> hand-off, after a reload', function () {
  this.timeout(120_000); // a loaded machine: each wait is bounded by waitUntil's own limit
  beforeEach(() => sessionStorage.removeItem('oz-handoff'));

  it('the phone is mid-way: a new element follows the same hand-off to its outcome, with no press and no focus taken', async () => {
    const base = handoffBackend();
    const first = await desktop(base);
    const secret = secretOf(await pressHandoff(first.el));
    expect(await claim(base, secret)).to.equal(200);
    await waitUntil(() => first.states.includes('opened'), 'the first page sees the phone');
    // What this tab keeps: enough to follow the hand-off, nothing to claim it.
    expect(stored()).to.include('watchToken');
    expect(stored().toUpperCase()).to.not.include(secret.replaceAll('-', '').toUpperCase());
    first.el.remove(); // the page goes (a reload): nothing is called off

    const again = await desktop(base);
    await waitUntil(() => again.states.includes('opened'), 'the new element follows the same hand-off');
    expect(part(again.el, 'handoff-status')!.textContent).to.not.equal('');
    expect(part(again.el, 'handoff-qr'), 'no code: the phone has it').to.equal(null);
    expect(again.el.shadowRoot!.activeElement, 'no focus taken on a page load').to.equal(null);
    const result = oneEvent(again.el, 'oz-result');
    expect(await playPhone(base, secret, { claimed: true })).to.equal(201);
    expect((await result).detail.decision).to.equal('accept');
    expect(again.states).to.deep.equal(['opened', 'capturing', 'uploading', 'done']);
    expect(again.errors).to.deep.equal([]);
    expect(stored(), 'forgotten once over').to.not.include('watchToken');
  });

  it('no phone has opened the link yet: that link is called off and a new code is shown', async () => {
    const base = handoffBackend();
    const first = await desktop(base);
    const old = await pressHandoff(first.el);
    first.el.remove();

    const again = await desktop(base);
    await waitUntil(() => part(again.el, 'handoff-qr'), 'a new code');
    const shown = part(again.el, 'handoff-link')!.textContent!.trim();
    expect(shown).to.not.equal(old);
    expect(again.states).to.deep.equal(['waiting']);
    // The old link, whose secret this page no longer has, is dead; the new one works.
    await waitUntil(async () => (await claim(base, secretOf(old))) === 410, 'the old link is called off');
    expect(await claim(base, secretOf(shown))).to.equal(200);
    again.el.reset();
  });

  it('a remembered hand-off the backend no longer knows is forgotten quietly: no panel, no error', async () => {
    const base = handoffBackend();
    const url = new URL(`${base}/handoff`, location.href).href;
    const forged = { watchToken: 'Z'.repeat(26), expiresAt: Date.now() + 60_000 };
    sessionStorage.setItem('oz-handoff', JSON.stringify({ [url]: forged }));
    const { el, errors } = await desktop(base);
    await waitUntil(() => !sessionStorage.getItem('oz-handoff'), 'forgotten');
    await el.updateComplete;
    expect(part(el, 'handoff')).to.equal(null);
    expect(errors).to.deep.equal([]);
    expect(part(el, 'handoff-button')).to.not.equal(null);
  });

  it('an element put back on the page follows on too, and a finished hand-off is not shown again', async () => {
    const base = handoffBackend();
    const { el, states } = await desktop(base);
    const secret = secretOf(await pressHandoff(el));
    expect(await claim(base, secret)).to.equal(200);
    await waitUntil(() => states.includes('opened'));
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    const result = oneEvent(el, 'oz-result');
    expect(await playPhone(base, secret, { claimed: true })).to.equal(201);
    expect((await result).detail.decision).to.equal('accept');
    el.remove();
    parent.append(el);
    await el.updateComplete;
    expect(part(el, 'handoff')).to.equal(null);
    expect(el.result!.decision).to.equal('accept');
  });
});
