// route-failure.ts's reading of an HTTP status from the page's own token or upload route: what no
// retry can mend is a configuration problem, not retryable, titled as a problem with the check.
import { expect } from '@open-wc/testing';
import { kitError, titleKeyFor } from '../../src/core/errors.js';
import { MENDABLE_4XX, isRouteRefusal, routeError } from '../../src/core/route-failure.js';
import { retryFor } from '../../src/core/retry-policy.js';

describe('route refusals (errors.ts)', () => {
  it('every 4xx but 400, 408, 409, 413, 415, 422 and 429 is a refusal; no 2xx, 3xx or 5xx is', () => {
    const refused = [];
    for (let s = 200; s < 600; s++) if (isRouteRefusal(s)) refused.push(s);
    expect(refused.filter((s) => s < 400 || s >= 500)).to.deep.equal([]);
    expect(refused).to.include.members([401, 403, 404, 405, 410, 418, 451]);
    expect(refused.filter((s) => MENDABLE_4XX.includes(s))).to.deep.equal([]);
    expect(refused).to.have.length(100 - MENDABLE_4XX.length);
  });

  it('session-token-failed and upload-failed with a refusal: config, not retryable, their own words and title', () => {
    for (const code of ['session-token-failed', 'upload-failed'] as const) {
      const d = routeError(code, 'x', { status: 404 });
      expect(d).to.include({ category: 'config', retryable: false, status: 404, messageKey: `error.${code}.config` });
      expect(titleKeyFor(d)).to.equal('error.title.check');
      expect(retryFor(d, true)).to.equal('none');
      // A status that can mend, or none at all, stays a network failure.
      for (const extra of [{ status: 503 }, { status: 429 }, {}]) {
        const n = routeError(code, 'x', extra);
        expect(n).to.include({ category: 'network', retryable: true, messageKey: `error.${code}` });
        expect(titleKeyFor(n)).to.equal('error.title.network');
      }
    }
  });

  it('other codes keep their category whatever the status', () => {
    expect(kitError('backend-response-invalid', 'x', { status: 404 }).category).to.equal('backend');
    expect(kitError('container-rejected', 'x', { status: 400 }).category).to.equal('backend');
  });
});
