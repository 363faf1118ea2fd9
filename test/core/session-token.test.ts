// fetchSessionToken against the test backend over real HTTP: a route that holds the connection open
// is cut at timeoutMs with a SessionTokenError; the caller's abort stays an abort.
import { expect } from '@open-wc/testing';
import { fetchSessionToken, SessionTokenError } from '../../src/core/session-token.js';

let n = 0;
const id = () => `st-${Date.now()}-${++n}`;
const base = { credentials: 'same-origin' as const, headers: {} };

describe('fetchSessionToken', function () {
  this.timeout(30_000);

  it('a route that never answers ends in a SessionTokenError naming the limit', async () => {
    const err = await fetchSessionToken(`/test-backend/token?id=${id()}&hang=1`, { ...base, timeoutMs: 800 }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(SessionTokenError);
    expect((err as Error).message).to.contain('did not answer within 800 ms');
  });

  it("the caller's abort is thrown as the abort, not as a token failure", async () => {
    const stop = new AbortController();
    const pending = fetchSessionToken(`/test-backend/token?id=${id()}&hang=1`, {
      ...base,
      timeoutMs: 20_000,
      signal: stop.signal,
    }).catch((e: unknown) => e);
    stop.abort(new DOMException('reset', 'AbortError'));
    const err = await pending;
    expect(err).to.not.be.instanceOf(SessionTokenError);
    expect((err as Error).name).to.equal('AbortError');
  });

  it('an answer within the limit is the token', async () => {
    const key = id();
    const token = await fetchSessionToken(`/test-backend/token?id=${key}`, { ...base, timeoutMs: 20_000 });
    expect(token).to.match(new RegExp(`^tok-${key}-`));
  });
});
