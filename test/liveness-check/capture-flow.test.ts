// The path to open() (plugin and token at once, preload joined, a late OzLiveness), the plugin's
// odd on_error arguments, one Idempotency-Key per container, and bad input caught at configuration
// time without a token spent.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { check } from '../support/check-fixture.js';
import {
  freshStubSrc,
  installStub,
  randomContainer,
  received,
  uniqueId,
  type StubPlugin,
} from '../support/stub-plugin.js';

const tokensOf = async (id: string) => (await received(`token:${id}`)).length;

describe('<oz-liveness-check> on the way to open()', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  it('asks for the session token while the plugin script is still loading (both at once)', async () => {
    const id = uniqueId();
    const el = await check({ 'plugin-src': `${freshStubSrc()}&delay=3000` }, id);
    void el.start();
    await waitUntil(async () => (await tokensOf(id)) === 1, 'token requested', { timeout: 10_000 });
    expect(el.state).to.equal('loading'); // the plugin is not there yet
    expect(stub.calls).to.have.length(0);
    await waitUntil(() => el.state === 'capturing', 'opened once the plugin arrived', { timeout: 10_000 });
    expect(stub.last.session_token).to.match(new RegExp(`^tok-${id}-`));
  });

  it('preload never fetches a token before the click; start() during the preload joins it and opens', async () => {
    const id = uniqueId();
    const src = `${freshStubSrc()}&delay=1500`;
    const el = await check({ 'plugin-src': src, preload: '' }, id);
    await waitUntil(() => el.state === 'loading', 'preloading');
    expect(await tokensOf(id)).to.equal(0);
    void el.start(); // while the preload is still loading
    await waitUntil(() => el.state === 'capturing', 'the capture opened after the preload', { timeout: 10_000 });
    expect(stub.calls).to.have.length(1);
    expect(await tokensOf(id)).to.equal(1);
    const abs = new URL(src, document.baseURI).href;
    expect([...document.scripts].filter((s) => s.src === abs)).to.have.length(1); // one load, shared
  });

  it("OzLiveness defined a second after the script's load still opens", async () => {
    delete (window as any).OzLiveness;
    const src = `/test-backend/empty.js?${uniqueId()}`;
    const abs = new URL(src, document.baseURI).href;
    const observer = new MutationObserver(() => {
      const script = [...document.scripts].find((s) => s.src === abs);
      if (!script) return;
      observer.disconnect();
      script.addEventListener('load', () => setTimeout(() => ((window as any).OzLiveness = stub), 1000));
    });
    observer.observe(document.head, { childList: true });
    const el = await check({ 'plugin-src': src });
    void el.start();
    await waitUntil(() => el.state === 'capturing', 'opened', { timeout: 10_000 });
    expect(stub.calls).to.have.length(1);
  });

  it('reset() while start() waits for its preflight withdraws it: no token, no plugin, back at rest', async () => {
    const id = uniqueId();
    const el = await check({}, id);
    void el.start();
    el.reset();
    await el.preflight(); // answered after the withdrawn start's own preflight
    await new Promise((r) => setTimeout(r));
    expect(el.state).to.equal('idle');
    expect(await tokensOf(id)).to.equal(0);
    const src = new URL(el.pluginSrc!, document.baseURI).href;
    expect([...document.scripts].some((s) => s.src === src)).to.equal(false);
    void el.start(); // and a new start() is not refused as "pending"
    await waitUntil(() => el.state === 'capturing', 'opened', { timeout: 10_000 });
  });

  it("reset() mid-capture: that window's late callbacks fire nothing and upload nothing (the run is over)", async () => {
    const id = uniqueId();
    const el = await check({}, id);
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const old = stub.last;
    el.reset();
    const events: string[] = [];
    for (const n of ['oz-error', 'oz-close', 'oz-result', 'oz-capture-complete', 'oz-upload-progress'] as const)
      el.addEventListener(n, () => events.push(n));
    old.on_capture_complete({}, randomContainer(10));
    old.on_error({ code: 'late' });
    old.on_close();
    void el.start(); // a new run: by the time it opens, anything the old one did would show
    await waitUntil(() => el.state === 'capturing' && stub.calls.length === 2, 'the new run opened');
    expect(events).to.deep.equal([]);
    expect(el.container).to.equal(undefined);
    expect(await received(id)).to.have.length(0);
  });

  const odd: [string, unknown, RegExp][] = [
    ['null', null, /no detail/],
    ['a string', 'Camera is in use by another app', /^Camera is in use by another app$/],
    ['an Error', new Error('getUserMedia failed'), /^getUserMedia failed$/],
  ];
  for (const [name, arg, text] of odd) {
    it(`on_error with ${name} keeps its text in detail.message`, async () => {
      const el = await check();
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      const err = oneEvent(el, 'oz-error');
      stub.last.on_error(arg);
      const { detail } = await err;
      expect(detail.message).to.match(text);
      expect(detail).to.include({ category: 'plugin' });
      expect(el.state).to.equal('error');
    });
  }
});

describe('<oz-liveness-check> Idempotency-Key', () => {
  beforeEach(() => installStub());

  it('one key per container: on the first POST, every retry and retryUpload(); a new capture gets a new key', async () => {
    const stub = (window as any).__ozStub as StubPlugin;
    const id = uniqueId();
    const el = await check(
      { 'upload-retries': '1', 'backend-url': `/test-backend/upload?id=${id}&seq=503,500,201` },
      id,
    );
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const complete = oneEvent(el, 'oz-capture-complete');
    const failed = oneEvent(el, 'oz-error');
    stub.last.on_capture_complete({}, randomContainer(5000));
    const key = (await complete).detail.idempotencyKey;
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    expect((await failed).detail.code).to.equal('upload-failed');
    const result = oneEvent(el, 'oz-result');
    await el.retryUpload();
    await result;
    const attempts = await received(id);
    expect(attempts).to.have.length(3);
    expect(attempts.map((a: any) => a.headers['idempotency-key'])).to.deep.equal([key, key, key]);

    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const next = oneEvent(el, 'oz-capture-complete');
    stub.last.on_capture_complete({}, randomContainer(100));
    expect((await next).detail.idempotencyKey).to.not.equal(key);
  });
});

describe('<oz-liveness-check> bad input at configuration time', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  const cases: [string, (el: OzLivenessCheck) => void, string, RegExp][] = [
    [
      'a header value with CR/LF',
      (el) => (el.headers = { 'X-CSRF-Token': 'a\r\nSet-Cookie: x=1' }),
      'headers',
      /line break/,
    ],
    ['a Content-Type header', (el) => (el.headers = { 'content-TYPE': 'text/plain' }), 'headers', /cannot be replaced/],
    [
      'an Idempotency-Key header',
      (el) => (el.headers = { 'IDEMPOTENCY-key': 'mine' }),
      'headers',
      /cannot be replaced/,
    ],
    [
      'upload-timeout beyond what a timer holds',
      (el) => el.setAttribute('upload-timeout', String(2 ** 31)),
      'upload-timeout',
      /2147483647/,
    ],
    [
      'get-user-media-timeout beyond what a timer holds',
      (el) => el.setAttribute('get-user-media-timeout', '9999999999'),
      'get-user-media-timeout',
      /2147483647/,
    ],
    [
      'a keyed promise timeout beyond it',
      (el) => el.setAttribute('get-user-media-promise-timeout-ms', '{"default":3000000000}'),
      'get-user-media-promise-timeout-ms',
      /2147483647/,
    ],
    [
      'openOptions with a function',
      (el) => (el.openOptions = { style: { onTap: () => 1 } }),
      'openOptions',
      /plain data/,
    ],
    [
      'openOptions replacing action',
      (el) => (el.openOptions = { action: ['video_selfie_best'] }),
      'openOptions',
      /"action"/,
    ],
    ['openOptions replacing meta', (el) => (el.openOptions = { meta: { a: 'b' } }), 'openOptions', /"meta"/],
    ['openOptions replacing lang', (el) => (el.openOptions = { lang: 'ru' }), 'openOptions', /"lang"/],
    [
      'openOptions replacing session_token',
      (el) => (el.openOptions = { session_token: 't' }),
      'openOptions',
      /"session_token"/,
    ],
  ];
  for (const [name, set, field, message] of cases) {
    it(`${name} → invalid-config naming ${field}, no throw, no token, no open()`, async () => {
      const id = uniqueId();
      const el = await check({}, id);
      const err = oneEvent(el, 'oz-error');
      expect(() => set(el)).to.not.throw();
      const { detail } = await err;
      expect(detail).to.include({ code: 'invalid-config', field });
      expect(detail.message).to.match(message);
      const again = oneEvent(el, 'oz-error');
      await el.start();
      expect((await again).detail.field).to.equal(field);
      expect(await tokensOf(id)).to.equal(0);
      expect(stub.calls).to.have.length(0);
    });
  }
});
