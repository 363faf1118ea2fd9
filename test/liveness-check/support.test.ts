// The contract's support rules on <oz-liveness-check> alone (no banner), over real HTTP from the test
// backend: one short reference (4-4) with a Copy button and the codes and full ids collapsed, only
// for failures support can help with; `support-contact` as text in the words; a banner that follows
// the check takes the check's contact when it has none.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import en from '../../src/i18n/en.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { check } from '../support/check-fixture.js';
import { freshStubSrc, installStub, uniqueId } from '../support/stub-plugin.js';

const q = (el: Element, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const statusText = (el: OzLivenessCheck) => q(el, '[part=status]')?.textContent ?? '';

async function refused(attrs: Record<string, string> = {}, status = 404) {
  const id = uniqueId();
  const el = await check(
    {
      lang: 'en',
      'session-token-url': `/test-backend/token?id=${id}&status=${status}&requestId=9f3c7a21-0b4e`,
      ...attrs,
    },
    id,
  );
  const failed = oneEvent(el, 'oz-error');
  q(el, 'button[part=button]')!.click();
  const detail = (await failed).detail;
  await el.updateComplete;
  return { el, detail };
}

describe('<oz-liveness-check>: support reference and contact', function () {
  this.timeout(60_000);
  beforeEach(() => installStub());

  it('a route that refuses the page: the status line says what happened, one short reference beside it, the ids collapsed', async () => {
    const { el, detail } = await refused();
    expect(detail).to.include({ code: 'session-token-failed', category: 'config', requestId: '9f3c7a21-0b4e' });
    expect(statusText(el)).to.equal(en['error.session-token-failed.config']); // the live region: no code, no id
    expect(q(el, '.short bdi')!.textContent).to.equal('9F3C-7A21');
    expect(q(el, '[part=reference]')!.getAttribute('aria-live')).to.equal('off');
    const details = q(el, '[part~=support-details]') as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    expect([...details.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'session-token-failed',
      'Request 9f3c7a21-0b4e',
    ]);
    await expect(el).to.be.accessible();
  });

  it('no support part for what the person can mend alone (a connection that may come back)', async () => {
    const { el, detail } = await refused({}, 503);
    expect(detail).to.include({ category: 'network', retryable: true });
    expect(q(el, '[part=reference]')).to.equal(null);
  });

  it('support-contact goes into the words as text, isolated', async () => {
    const { el } = await refused({ 'support-contact': 'call <b>0800 123 456</b>' });
    expect(statusText(el)).to.equal(
      en['error.session-token-failed.config.contact'].replace('{contact}', 'call <b>0800 123 456</b>'),
    );
    expect(q(el, '[part=contact]')!.localName).to.equal('bdi');
    expect(q(el, 'b')).to.equal(null);
  });

  it('a support-contact that is not text is invalid-config naming it; nothing throws', async () => {
    const el = await check({ lang: 'en' });
    const bad = oneEvent(el, 'oz-error');
    (el as unknown as { supportContact: unknown }).supportContact = { phone: 1 };
    expect((await bad).detail).to.include({ code: 'invalid-config', field: 'support-contact' });
  });

  it('a banner following the check takes the check’s contact when it has none', async () => {
    const id = uniqueId();
    const root = await fixture<HTMLElement>(html`<div lang="en">
      <oz-liveness-check id="c-${id}" plugin-src=${freshStubSrc()} backend-url="/b"
        session-token-url="/test-backend/token?id=${id}&status=404" support-contact="call 0800 111 222"></oz-liveness-check>
      <oz-result-banner for="c-${id}"></oz-result-banner>
    </div>`);
    const el = root.querySelector<OzLivenessCheck>('oz-liveness-check')!;
    const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
    q(el, 'button[part=button]')!.click();
    await waitUntil(() => banner.status === 'error', 'the banner shows the error');
    expect(el.error).to.include({ code: 'session-token-failed', category: 'config' });
    await banner.updateComplete;
    expect(q(banner, '[part=contact]')?.textContent).to.equal('call 0800 111 222');
  });
});
