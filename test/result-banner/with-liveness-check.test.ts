import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import en from '../../src/i18n/en.js';

// With the real <oz-liveness-check>: a start() without plugin-src fails with invalid-config, which
// needs no plugin and no network, and the banner must show it through either source.
describe('<oz-result-banner> with <oz-liveness-check>', () => {
  it('follows it through for=', async () => {
    const root = await fixture<HTMLElement>(html`<div lang="en">
      <oz-liveness-check id="real"></oz-liveness-check>
      <oz-result-banner for="real"></oz-result-banner>
    </div>`);
    const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
    expect(el.status).to.equal('idle');
    void root.querySelector('oz-liveness-check')!.start();
    await waitUntil(() => el.status === 'error', 'the banner never showed the error');
    expect(el.shadowRoot!.querySelector('[part=message]')!.textContent).to.equal(en['error.invalid-config']);
  });

  it('follows the check it is placed in', async () => {
    const check = await fixture<OzLivenessCheck>(
      html`<oz-liveness-check lang="en"><oz-result-banner></oz-result-banner></oz-liveness-check>`,
    );
    const el = check.querySelector<OzResultBanner>('oz-result-banner')!;
    void check.start();
    await waitUntil(() => el.status === 'error', 'the banner never showed the error');
    expect(el.shadowRoot!.querySelector('[part=message]')!.textContent).to.equal(en['error.invalid-config']);
  });
});
