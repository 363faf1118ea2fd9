// Issue 24, the backend at the edges, over real HTTP from the test backend:
// - a session-token route that holds the connection open and never answers: the start ends in
//   session-token-failed (retryable) within session-token-timeout, and the button works again;
// - a token or upload route that answers what no retry can mend (401, 403, 404, 405, 410, 418):
//   category config, not retryable, detail.status, one request only, words that do not blame the
//   person's connection (the element's status line and a nested banner's title and message).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import en from '../../src/i18n/en.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { check } from '../support/check-fixture.js';
import { installStub, randomContainer, received, uniqueId, type StubPlugin } from '../support/stub-plugin.js';

const REFUSED = [401, 403, 404, 405, 410, 418];
const button = (el: OzLivenessCheck) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=button]')!;
const statusText = (el: OzLivenessCheck) => el.shadowRoot!.querySelector('[part=status]')?.textContent ?? '';
// The words of a network failure ("Check your internet connection…", "Connection problem").
const blamesConnection = (text: string) => /internet connection|connection problem/i.test(text);

async function withBanner(el: OzLivenessCheck): Promise<OzResultBanner> {
  const banner = document.createElement('oz-result-banner');
  el.append(banner);
  await banner.updateComplete;
  return banner;
}

describe('<oz-liveness-check> at the backend’s edges', function () {
  this.timeout(60_000);
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  it('a token route that never answers ends in session-token-failed (retryable) and the button works again', async () => {
    const id = uniqueId();
    const el = await check(
      { lang: 'en', 'session-token-url': `/test-backend/token?id=${id}&hang=1`, 'session-token-timeout': '1500' },
      id,
    );
    const failed = oneEvent(el, 'oz-error');
    button(el).click();
    await waitUntil(() => el.state === 'starting' || el.state === 'loading', 'started');
    const d = (await failed).detail;
    expect(d).to.include({ code: 'session-token-failed', category: 'network', retryable: true });
    expect(d.message).to.contain('1500 ms');
    expect(el.state).to.equal('error');
    expect(stub.calls, 'the plugin was never opened').to.have.length(0);
    expect((await received(`token:${id}`))[0]).to.include({ hang: true });
    await el.updateComplete;
    expect(button(el).disabled, 'the button is usable again').to.equal(false);
    // The route answers now: the same button starts a capture.
    el.setAttribute('session-token-url', `/test-backend/token?id=${id}`);
    button(el).click();
    await waitUntil(() => el.state === 'capturing', 'the next press opened the plugin');
    expect(stub.last.session_token).to.match(new RegExp(`^tok-${id}-`));
  });

  it('session-token-timeout defaults to 15 s and a bad value is invalid-config naming it', async () => {
    const el = await check({ 'session-token-url': '/test-backend/token?hang=1' });
    const bad = oneEvent(el, 'oz-error');
    el.setAttribute('session-token-timeout', 'soon');
    expect((await bad).detail).to.include({ code: 'invalid-config', field: 'session-token-timeout' });
    const { buildConfig } = await import('../../src/core/options.js');
    const r = buildConfig({ pluginSrc: '/p.js', backendUrl: '/b' }, document.baseURI);
    expect(r.ok && r.config.sessionTokenTimeout).to.equal(15_000);
  });

  for (const status of REFUSED) {
    it(`a token route answering ${status}: config, not retryable, one request, no word about the connection`, async () => {
      const id = uniqueId();
      const el = await check({ lang: 'en', 'session-token-url': `/test-backend/token?id=${id}&status=${status}` }, id);
      const failed = oneEvent(el, 'oz-error');
      button(el).click();
      const d = (await failed).detail;
      expect(d).to.include({ code: 'session-token-failed', category: 'config', retryable: false, status });
      expect(d.messageKey).to.equal('error.session-token-failed.config');
      await el.updateComplete;
      expect(statusText(el)).to.equal(en['error.session-token-failed.config']);
      expect(blamesConnection(statusText(el))).to.equal(false);
      expect(await received(`token:${id}`)).to.have.length(1);
      expect(stub.calls).to.have.length(0);
    });
  }

  for (const status of REFUSED) {
    it(`an upload route answering ${status}: config, not retryable, sent once whatever upload-retries`, async () => {
      const id = uniqueId();
      const el = await check(
        { lang: 'en', 'upload-retries': '3', 'backend-url': `/test-backend/upload?id=${id}&seq=${status}` },
        id,
      );
      const banner = await withBanner(el);
      const failed = oneEvent(el, 'oz-error');
      button(el).click();
      await waitUntil(() => el.state === 'capturing', 'plugin opened');
      stub.last.on_capture_complete({ action: 'video_selfie_blank' }, randomContainer(10_000));
      const d = (await failed).detail;
      expect(d).to.include({ code: 'upload-failed', category: 'config', retryable: false, status });
      expect(await received(id), 'no automatic retry').to.have.length(1);
      await waitUntil(() => banner.status === 'error', 'the banner shows the error');
      await banner.updateComplete;
      const title = banner.shadowRoot!.querySelector('[part=title]')!.textContent!;
      const message = banner.shadowRoot!.querySelector('[part=message]')!.textContent!;
      expect(message).to.equal(en['error.upload-failed.config']);
      expect(title).to.equal(en['error.title.check']);
      expect(blamesConnection(`${title} ${message}`)).to.equal(false);
      // Nothing to resend: the button offers a new start, not "Try again" on the same route.
      expect(button(el).textContent!.trim()).to.equal(en['check.start']);
    });
  }

  it('the 4xx answers that say something else stay what they were (409, 413, 415, 422 upload-failed; 400 rejected)', async () => {
    const seen: Record<number, unknown> = {};
    for (const status of [400, 409, 413, 415, 422]) {
      const id = uniqueId();
      const el = await check({ 'backend-url': `/test-backend/upload?id=${id}&seq=${status}` }, id);
      const failed = oneEvent(el, 'oz-error');
      void el.start();
      await waitUntil(() => el.state === 'capturing', 'plugin opened');
      stub.last.on_capture_complete({ action: 'video_selfie_blank' }, randomContainer(1_000));
      const { code, category } = (await failed).detail;
      seen[status] = `${code} ${category}`;
    }
    expect(seen).to.deep.equal({
      400: 'container-rejected backend',
      409: 'upload-failed network',
      413: 'upload-failed network',
      415: 'upload-failed network',
      422: 'upload-failed network',
    });
  });
});
