// The phone's side of a hand-off: an ordinary <oz-liveness-check> on a page whose address carries
// `#oz-handoff=<secret>`. It takes the secret out of the address at once, claims the hand-off, and
// sends the secret (as `Oz-Handoff`) with its session token and its upload: the backend moves the
// hand-off to `done` only for an upload that carried it, after a token request that carried it.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import {
  claim,
  createHandoff,
  currentState,
  handoffBackend,
  plainCheck,
  secretOf,
} from '../support/handoff-browser.js';

let run = 0;
const home = location.pathname + location.search;

/**
 * The phone page: this test page with the link's fragment (none: the page reloaded after the secret
 * left its address), and the element as a bank would place it.
 */
async function phonePage(base: string, secret?: string): Promise<OzLivenessCheck> {
  if (secret) history.replaceState(history.state, '', `${home}#oz-handoff=${secret}`);
  return fixture<OzLivenessCheck>(html`<oz-liveness-check
    plugin-src=${`/simulator/plugin_liveness.js?scenario=accept&delay=200&n=phone${++run}`}
    session-token-url=${`${base}/session-token`}
    backend-url=${`${base}/container`}
    handoff-url=${`${base}/handoff`}
  ></oz-liveness-check>`);
}

describe('<oz-liveness-check> hand-off, phone side', function () {
  this.timeout(120_000); // a whole capture on the simulator, on a loaded machine

  afterEach(() => {
    history.replaceState(history.state, '', home);
    sessionStorage.removeItem('oz-handoff-phone'); // this page plays the phone: a tab keeps its claim
  });

  it('takes the secret out of the address at once, claims, captures with Oz-Handoff, and sends the person back', async () => {
    const base = handoffBackend();
    const { phoneUrl, watchToken } = await createHandoff(base);
    const secret = secretOf(phoneUrl);
    const state = () => currentState(base, watchToken);
    const el = await phonePage(base, secret);
    expect(location.hash).to.equal('');
    expect(location.href).to.not.include(secret);
    await waitUntil(async () => (await state()) === 'opened', 'the phone claimed the hand-off');
    expect(el.shadowRoot!.querySelector('[part~=handoff-button]'), 'no phone button on the phone').to.equal(null);
    const result = oneEvent(el, 'oz-result');
    void el.start();
    expect((await result).detail.decision).to.equal('accept');
    // `capturing` needs a token request with the secret, `done` an upload with it.
    expect(await state()).to.equal('done');
    await el.updateComplete;
    const back = el.shadowRoot!.querySelector('[part=handoff-return]');
    expect(back?.textContent?.trim()).to.equal('You can now return to your computer.');
    expect(el.shadowRoot!.querySelector('[part=button]'), 'no Try again: the link is spent').to.equal(null);
    expect(document.documentElement.outerHTML).to.not.include(secret);
    expect(el.shadowRoot!.innerHTML).to.not.include(secret);
    expect(await claim(base, secret), 'the link is spent').to.equal(409);
  });

  it('a link another phone opened first: handoff-used, and nothing is captured', async () => {
    const base = handoffBackend();
    const { phoneUrl } = await createHandoff(base);
    const secret = secretOf(phoneUrl);
    expect(await claim(base, secret)).to.equal(200);
    history.replaceState(history.state, '', `${home}#oz-handoff=${secret}`);
    const el = document.createElement('oz-liveness-check');
    const error = oneEvent(el, 'oz-error');
    el.setAttribute('plugin-src', '/simulator/plugin_liveness.js');
    el.setAttribute('backend-url', `${base}/container`);
    el.setAttribute('handoff-url', `${base}/handoff`);
    await fixture(html`<div>${el}</div>`);
    expect(location.hash).to.equal('');
    const { detail } = await error;
    expect(detail).to.include({ code: 'handoff-used', category: 'network', retryable: false, status: 409 });
    expect(el.state).to.equal('error');
    const opened = oneEvent(el, 'oz-error');
    void el.start();
    expect((await opened).detail.code, 'a start reports the same refusal').to.equal('handoff-used');
  });

  it('the phone page reloads after its claim (a pull to refresh): it goes on with the same hand-off, no second claim', async () => {
    const base = handoffBackend();
    const { phoneUrl, watchToken } = await createHandoff(base);
    const secret = secretOf(phoneUrl);
    const first = await phonePage(base, secret);
    await waitUntil(async () => (await currentState(base, watchToken)) === 'opened', 'claimed');
    await waitUntil(() => sessionStorage.getItem('oz-handoff-phone'), 'kept for this tab');
    first.remove();
    // The reloaded page: its address has no fragment any more; the tab kept the claim.
    expect(location.hash).to.equal('');
    const el = await phonePage(base);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=handoff-button]'), 'still the phone: no phone button').to.equal(null);
    const result = oneEvent(el, 'oz-result');
    void el.start();
    expect((await result).detail.decision).to.equal('accept');
    expect(await currentState(base, watchToken)).to.equal('done');
    expect(el.state).to.equal('done');
    expect(sessionStorage.getItem('oz-handoff-phone'), 'the outcome spends it').to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.include(secret);
  });

  it('a kept claim whose link has expired is dropped: an ordinary page again', async () => {
    sessionStorage.setItem('oz-handoff-phone', JSON.stringify({ secret: 'Z'.repeat(26), expiresAt: Date.now() - 1 }));
    const el = await plainCheck();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=handoff-button]')).to.not.equal(null);
    expect(sessionStorage.getItem('oz-handoff-phone')).to.equal(null);
  });

  it('an ordinary page (no fragment) claims nothing and shows the phone button', async () => {
    const el = await plainCheck();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=handoff-button]')).to.not.equal(null);
    expect(el.state).to.equal('idle');
  });
});
