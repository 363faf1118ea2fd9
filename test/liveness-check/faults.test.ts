// Faults at every edge: the plugin script, the session token, the upload; and the lifecycle
// (removal mid-flow, StrictMode's connect–disconnect–connect, a second element while one is open).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { check } from '../support/check-fixture.js';
import { installStub, randomContainer, received, sha256, uniqueId, type StubPlugin } from '../support/stub-plugin.js';

async function capture(el: OzLivenessCheck, stub: StubPlugin, container = randomContainer(20_000)) {
  const before = stub.calls.length;
  void el.start();
  await waitUntil(() => stub.calls.length > before && el.state === 'capturing', 'plugin opened');
  stub.last.on_capture_complete({ action: 'video_selfie_blank' }, container);
  return container;
}

async function errorOf(el: OzLivenessCheck, action: () => unknown) {
  const e = oneEvent(el, 'oz-error');
  action();
  return (await e).detail;
}

describe('<oz-liveness-check> faults', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(() => sinon.restore());

  describe('plugin script', () => {
    it('a script that fails to load gives plugin-load-failed, retryable; the next start() tries again', async () => {
      const el = await check({ 'plugin-src': `/test-backend/missing.js?${uniqueId()}` });
      const d = await errorOf(el, () => el.start());
      expect(d).to.include({ code: 'plugin-load-failed', retryable: true });
      expect(el.state).to.equal('error');
      const abs = new URL(el.pluginSrc!, document.baseURI).href;
      expect([...document.scripts].some((s) => s.src === abs)).to.equal(false); // removed, so a retry adds a fresh one
      const again = await errorOf(el, () => el.start());
      expect(again.code).to.equal('plugin-load-failed');
    });

    it('a script that defines no OzLiveness.open gives plugin-missing', async () => {
      delete (window as any).OzLiveness;
      const el = await check({ 'plugin-src': `/test-backend/empty.js?${uniqueId()}` });
      const d = await errorOf(el, () => el.start());
      expect(d).to.include({ code: 'plugin-missing', category: 'plugin', retryable: false });
    });

    it("a second element's start() while a window is open gives plugin-busy and leaves the first alone", async () => {
      const first = await check();
      void first.start();
      await waitUntil(() => first.state === 'capturing');
      const second = await check();
      const d = await errorOf(second, () => second.start());
      expect(d).to.include({ code: 'plugin-busy', retryable: true });
      expect(first.state).to.equal('capturing');
      expect(stub.calls).to.have.length(1);
      expect(stub.closes).to.equal(0);
    });

    it('start() while capturing is ignored (no second open)', async () => {
      const el = await check();
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      await el.start();
      expect(stub.calls).to.have.length(1);
    });

    it('a plugin that throws from open() becomes an oz-error, not an exception', async () => {
      stub.onOpen = () => {
        throw new Error('boom');
      };
      const el = await check();
      const d = await errorOf(el, () => el.start());
      expect(d).to.include({ category: 'plugin' });
      expect(d.message).to.contain('boom');
    });
  });

  describe('session token', () => {
    const bad: [string, Record<string, string>, number | undefined][] = [
      ['HTTP 500', { status: '500' }, 500],
      ['not JSON', { body: 'hello', type: 'text/plain' }, 200],
      ['no session_token', { body: '{"token":"x"}' }, 200],
      ['an empty session_token', { body: '{"session_token":""}' }, 200],
      ['a non-string session_token', { body: '{"session_token":42}' }, 200],
    ];
    for (const [name, q, status] of bad) {
      it(`${name} → session-token-failed (status ${status}), plugin not opened`, async () => {
        const el = await check({ 'session-token-url': `/test-backend/token?${new URLSearchParams(q)}` });
        const d = await errorOf(el, () => el.start());
        expect(d).to.include({ code: 'session-token-failed', category: 'network', retryable: true, status });
        expect(stub.calls).to.have.length(0);
      });
    }

    it('sends credentials and headers with the token request', async () => {
      const id = uniqueId();
      const el = await check({ credentials: 'include' }, id);
      el.headers = { 'X-CSRF-Token': 'csrf-1' };
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      const [got] = await received(`token:${id}`);
      expect(got.csrf).to.equal('csrf-1');
    });
  });

  describe('upload', () => {
    it('retries 503 then succeeds, sending identical bytes each time', async () => {
      const id = uniqueId();
      const el = await check({ 'upload-retries': '2', 'backend-url': `/test-backend/upload?id=${id}&seq=503,201` }, id);
      const result = oneEvent(el, 'oz-result');
      const container = await capture(el, stub);
      expect((await result).detail.decision).to.equal('accept');
      const got = await received(id);
      expect(got).to.have.length(2);
      const hash = await sha256(container);
      expect(got.map((g: any) => g.sha256)).to.deep.equal([hash, hash]);
    });

    for (const status of [408, 429, 500, 502]) {
      it(`retries ${status} upload-retries times, then upload-failed (retryable), the container kept`, async () => {
        const id = uniqueId();
        const el = await check(
          { 'upload-retries': '1', 'backend-url': `/test-backend/upload?id=${id}&seq=${status}` },
          id,
        );
        const err = oneEvent(el, 'oz-error');
        const container = await capture(el, stub);
        expect((await err).detail).to.include({ code: 'upload-failed', status, retryable: true });
        // Chromium's network stack itself re-sends some requests answered 408, so count at least ours.
        if (status === 408) expect((await received(id)).length).to.be.at.least(2);
        else expect(await received(id)).to.have.length(2);
        expect(el.container).to.equal(container);
        expect(el.state).to.equal('error');
      });
    }

    it('honours Retry-After', async () => {
      const id = uniqueId();
      const el = await check(
        { 'upload-retries': '1', 'backend-url': `/test-backend/upload?id=${id}&seq=429,201&retryAfter=1` },
        id,
      );
      const result = oneEvent(el, 'oz-result');
      await capture(el, stub);
      await result;
      expect(await received(id)).to.have.length(2);
    });

    for (const code of [3, 4, 5, 13, 14]) {
      it(`400 with Oz error_code ${code} → container-rejected, ozErrorCode ${code}, never retried`, async () => {
        const id = uniqueId();
        const el = await check(
          { 'upload-retries': '3', 'backend-url': `/test-backend/upload?id=${id}&seq=400&ozCode=${code}` },
          id,
        );
        const err = oneEvent(el, 'oz-error');
        await capture(el, stub);
        expect((await err).detail).to.include({ code: 'container-rejected', ozErrorCode: code, status: 400 });
        expect(await received(id)).to.have.length(1);
      });
    }

    it('a 2xx that is not JSON → backend-response-invalid', async () => {
      const el = await check({
        'backend-url': `/test-backend/upload?id=${uniqueId()}&seq=200&body=${encodeURIComponent('<html>ok</html>')}&type=text/html`,
      });
      const err = oneEvent(el, 'oz-error');
      await capture(el, stub);
      expect((await err).detail).to.include({ code: 'backend-response-invalid', status: 200 });
    });

    it('a 2xx JSON that is not a folder → backend-response-invalid', async () => {
      const el = await check({
        'backend-url': `/test-backend/upload?id=${uniqueId()}&seq=200&body=${encodeURIComponent('{"ok":true}')}`,
      });
      const err = oneEvent(el, 'oz-error');
      await capture(el, stub);
      expect((await err).detail.code).to.equal('backend-response-invalid');
    });

    it('an attempt longer than upload-timeout → upload-timeout, retryable', async () => {
      const el = await check({
        'upload-timeout': '300',
        'backend-url': `/test-backend/upload?id=${uniqueId()}&hang=1`,
      });
      const err = oneEvent(el, 'oz-error');
      await capture(el, stub);
      expect((await err).detail).to.include({ code: 'upload-timeout', retryable: true });
    });

    it('retryUpload() sends the identical bytes to the current backend-url', async () => {
      const failing = uniqueId();
      const el = await check({ 'backend-url': `/test-backend/upload?id=${failing}&seq=500` });
      const err = oneEvent(el, 'oz-error');
      const container = await capture(el, stub);
      await err;
      const fixed = uniqueId();
      el.backendUrl = `/test-backend/upload?id=${fixed}`;
      const result = oneEvent(el, 'oz-result');
      await el.retryUpload();
      expect((await result).detail.decision).to.equal('accept');
      const [got] = await received(fixed);
      expect(got.sha256).to.equal(await sha256(container));
    });

    it('reports progress from 0 to the total', async () => {
      const el = await check();
      const seen: { loaded: number; total: number }[] = [];
      el.addEventListener('oz-upload-progress', (e) => seen.push(e.detail));
      const result = oneEvent(el, 'oz-result');
      const container = await capture(el, stub, randomContainer(300_000));
      await result;
      expect(seen[0]).to.deep.equal({ loaded: 0, total: container.size });
      expect(seen.at(-1)).to.deep.equal({ loaded: container.size, total: container.size });
    });

    it('sends headers and the octet-stream type with the upload', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      el.headers = { 'X-CSRF-Token': 'c-2' };
      const result = oneEvent(el, 'oz-result');
      await capture(el, stub);
      await result;
      const [got] = await received(id);
      expect(got.headers['x-csrf-token']).to.equal('c-2');
      expect(got.contentType).to.equal('application/octet-stream');
    });

    it('credentials="omit" uploads through fetch, still byte for byte', async () => {
      const id = uniqueId();
      const el = await check({ credentials: 'omit' }, id);
      const result = oneEvent(el, 'oz-result');
      const container = await capture(el, stub);
      await result;
      const [got] = await received(id);
      expect(got.sha256).to.equal(await sha256(container));
    });

    it('reset() drops the container, result and error', async () => {
      const el = await check();
      const result = oneEvent(el, 'oz-result');
      await capture(el, stub);
      await result;
      el.reset();
      expect(el.container).to.equal(undefined);
      expect(el.result).to.equal(undefined);
      expect(el.state).to.equal('ready');
    });
  });

  describe('lifecycle', () => {
    it('removed mid-capture: the plugin is closed, no event fires afterwards; put back, it works again', async () => {
      const el = await check();
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      const options = stub.last;
      const parent = el.parentElement!;
      const events: string[] = [];
      for (const n of ['oz-error', 'oz-close', 'oz-state-change', 'oz-result', 'oz-capture-complete'] as const)
        el.addEventListener(n, () => events.push(n));
      el.remove();
      await waitUntil(() => stub.closes === 1 && el.state === 'ready', 'torn down after the task');
      // The window's callbacks now belong to a disposed capture: ignored on the spot.
      options.on_capture_complete({}, randomContainer(10));
      options.on_error({ code: 'x' });
      expect(el.container).to.equal(undefined);
      expect(el.error).to.equal(undefined);
      await el.updateComplete;
      expect(events).to.deep.equal([]);
      expect(el.state).to.equal('ready');

      parent.append(el);
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      expect(stub.calls).to.have.length(2);
    });

    it('removed mid-upload: the request is aborted and no oz-result fires', async () => {
      const el = await check({
        'upload-timeout': '5000',
        'backend-url': `/test-backend/upload?id=${uniqueId()}&hang=1`,
      });
      const events: string[] = [];
      el.addEventListener('oz-result', () => events.push('result'));
      el.addEventListener('oz-error', () => events.push('error'));
      await capture(el, stub);
      await waitUntil(() => el.state === 'uploading');
      el.remove();
      await waitUntil(() => el.state === 'ready', 'torn down: the upload aborted');
      await el.updateComplete;
      expect(events).to.deep.equal([]);
      expect(el.container).to.be.instanceOf(Blob); // nothing lost: the page can still take it
    });

    it('connect–disconnect–connect in one task (React StrictMode) neither loads twice nor opens twice', async () => {
      const el = await check();
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      const parent = el.parentElement!;
      el.remove();
      parent.append(el);
      // The teardown check runs in a microtask of the removal's task: one task boundary is after it.
      await new Promise((r) => setTimeout(r));
      expect(el.state).to.equal('capturing');
      expect(stub.closes).to.equal(0);
      expect(stub.calls).to.have.length(1);
      const src = new URL(el.pluginSrc!, document.baseURI).href;
      expect([...document.scripts].filter((s) => s.src === src)).to.have.length(1);
    });
  });
});

describe('<oz-liveness-check> reset and retry boundaries', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  it('reset() during an upload aborts it and rests in ready, with nothing fired after', async () => {
    const id = uniqueId();
    const el = await check({ 'upload-timeout': '5000', 'backend-url': `/test-backend/upload?id=${id}&hang=1` }, id);
    const after: string[] = [];
    await capture(el, stub);
    await waitUntil(() => el.state === 'uploading');
    await waitUntil(async () => (await received(id)).length === 1, 'the POST reached the backend');
    el.addEventListener('oz-result', () => after.push('result'));
    el.addEventListener('oz-error', () => after.push('error'));
    el.addEventListener('oz-state-change', () => after.push('state'));
    el.reset();
    expect(el.state).to.equal('ready');
    expect(el.container).to.equal(undefined);
    after.length = 0; // reset's own move to ready
    // The aborted request settles in a later task; by then its capture is disposed.
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(after).to.deep.equal([]);
  });

  it('retryUpload() does nothing without a kept container or while capturing', async () => {
    const id = uniqueId();
    const el = await check({}, id);
    await el.retryUpload();
    expect(el.state).to.equal('idle');
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    await el.retryUpload();
    expect(el.state).to.equal('capturing');
    expect(await received(id)).to.have.length(0);
  });
});
