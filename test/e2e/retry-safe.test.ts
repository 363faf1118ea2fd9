// The one retry that must not happen twice, for real: the element → a proxy step that loses the
// first answer after Oz has given it (the socket is destroyed) → the real createOzLivenessHandler
// → the simulated Oz API, which spends a session token on the first whole container it checks.
// With the Idempotency-Key the retry is replayed: the person sees Oz's real outcome, and Oz saw one
// container. Without it (the control) the same retry earns 400 / 14.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';

let n = 0;
async function check(query: string) {
  const id = `retry-safe-${Date.now()}-${++n}`;
  const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check
    plugin-src=${`/simulator/plugin_liveness.js?scenario=accept&delay=200&n=rs${n}`}
    session-token-url=${`/test-backend/retry-safe/session-token?id=${id}${query}`}
    backend-url=${`/test-backend/retry-safe/container?id=${id}&drop=1${query}`}
  ></oz-liveness-check>`);
  const stats = async () => (await fetch(`/test-backend/retry-safe/stats?id=${id}${query}`)).json();
  return { el, stats };
}

describe('retry-safe upload through a connection that drops the answer', function () {
  this.timeout(120_000); // a whole capture, a dropped answer and a retry on a loaded machine

  it('the person sees the real outcome, and Oz saw one container', async () => {
    const { el, stats } = await check('');
    const result = oneEvent(el, 'oz-result');
    const error = oneEvent(el, 'oz-error');
    void el.start();
    const first = await Promise.race([result, error]);
    expect(first.type, JSON.stringify(first.detail)).to.equal('oz-result');
    expect(first.detail.decision).to.equal('accept');
    const seen = await stats();
    expect(seen.dropped).to.equal(1);
    expect(seen.replayed).to.equal(1);
    expect(seen.ozUploads).to.equal(1);
    expect(seen.keys).to.have.length(1);
    expect(seen.keys[0]).to.match(/^[0-9a-f-]{36}$/);
  });

  it('without idempotency the same retry is refused by Oz (the case this guards against)', async () => {
    const { el, stats } = await check('&idempotency=off');
    const error = oneEvent(el, 'oz-error');
    const result = oneEvent(el, 'oz-result');
    void el.start();
    const { detail } = await Promise.race([error, result]);
    expect(detail).to.include({ code: 'container-rejected', ozErrorCode: 14 });
    const seen = await stats();
    expect(seen.ozUploads).to.equal(2);
  });
});
