// The whole chain, for real: page → <oz-liveness-check> → the simulator plugin (a classic script, as
// the demo serves it) with the browser's fake camera → an encrypted container → the backend route
// (createOzLivenessHandler) → the simulated Oz API → oz-result → <oz-result-banner>.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';

let n = 0;
async function page(scenario: string) {
  const id = `e2e-${++n}`;
  const root = await fixture<HTMLDivElement>(html`<div>
    <oz-liveness-check
      id=${id}
      plugin-src=${`/simulator/plugin_liveness.js?scenario=${scenario}&delay=200&n=${n}`}
      session-token-url="/api/liveness/session-token"
      backend-url="/api/liveness/container"
      meta='{"transaction_id":"e2e"}'
    ></oz-liveness-check>
    <oz-result-banner for=${id}></oz-result-banner>
  </div>`);
  return {
    check: root.querySelector<OzLivenessCheck>('oz-liveness-check')!,
    banner: root.querySelector<OzResultBanner>('oz-result-banner')!,
  };
}

describe('end to end, on the simulator', function () {
  this.timeout(120_000); // a whole capture on a loaded machine; each wait inside has its own bound

  it('accept: the banner shows accepted', async () => {
    const { check, banner } = await page('accept');
    const captured = oneEvent(check, 'oz-capture-complete');
    const result = oneEvent(check, 'oz-result');
    void check.start();
    const { detail: capture } = await captured;
    expect(capture.container).to.be.instanceOf(Blob);
    expect(capture.container.type).to.equal('application/octet-stream');
    expect(capture.container.size).to.be.greaterThan(0);
    const { detail } = await result;
    expect(detail.decision).to.equal('accept');
    expect(detail.folder.folder_id).to.be.a('string');
    await waitUntil(() => banner.status === 'accept', 'banner shows accept');
    expect(banner.getAttribute('status')).to.equal('accept');
  });

  it('declined: the banner shows declined', async () => {
    const { check, banner } = await page('declined');
    const result = oneEvent(check, 'oz-result');
    void check.start();
    expect((await result).detail.decision).to.equal('reject');
    await waitUntil(() => banner.status === 'reject');
  });

  it('failed: a system error, neither accept nor reject', async () => {
    const { check, banner } = await page('failed');
    const result = oneEvent(check, 'oz-result');
    void check.start();
    expect((await result).detail.decision).to.equal('failed');
    await waitUntil(() => banner.status === 'failed');
  });

  it('a tampered container is rejected by Oz with error_code 14, and kept', async () => {
    const { check, banner } = await page('container_error_14');
    const error = oneEvent(check, 'oz-error');
    void check.start();
    expect((await error).detail).to.include({ code: 'container-rejected', ozErrorCode: 14 });
    expect(check.container).to.be.instanceOf(Blob);
    await waitUntil(() => banner.status === 'error');
  });

  it('a WASM failure passes through verbatim', async () => {
    const { check } = await page('error_wasm_internal_failure_3');
    const error = oneEvent(check, 'oz-error');
    void check.start();
    expect((await error).detail).to.include({
      code: 'error_wasm_internal_failure_3',
      category: 'wasm',
      retryable: true,
    });
  });
});
