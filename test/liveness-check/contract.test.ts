// The contract's surface: attribute ↔ property both ways, retired options, CSP nonce, the trigger
// slot, and the session token never leaving the flow.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { freshStubSrc, installStub, uniqueId, type StubPlugin } from '../support/stub-plugin.js';
import { OPTIONS } from '../../src/core/options.js';

if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);

async function bare(): Promise<OzLivenessCheck> {
  return fixture<OzLivenessCheck>(html`<oz-liveness-check></oz-liveness-check>`);
}

describe('<oz-liveness-check> contract', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(() => sinon.restore());

  it('every row of the option table is a property, and an observed attribute where it has one', () => {
    const observed = (OzLivenessCheck as unknown as { observedAttributes: string[] }).observedAttributes;
    for (const [name, row] of Object.entries(OPTIONS)) {
      expect(name in OzLivenessCheck.prototype, name).to.equal(true);
      if (row.attribute) expect(observed, name).to.include(row.attribute);
    }
    expect(observed.filter((a) => a !== 'nonce').sort()).to.deep.equal(
      Object.values(OPTIONS)
        .flatMap((r) => (r.attribute ? [r.attribute] : []))
        .sort(),
    );
  });

  describe('attribute → property', () => {
    const table: [string, string, keyof OzLivenessCheck, unknown][] = [
      ['plugin-src', '/p.js', 'pluginSrc', '/p.js'],
      ['backend-url', '/b', 'backendUrl', '/b'],
      ['session-token-url', '/t', 'sessionTokenUrl', '/t'],
      ['actions', 'video_selfie_left video_selfie_right', 'actions', ['video_selfie_left', 'video_selfie_right']],
      ['meta', '{"a":"1"}', 'meta', { a: '1' }],
      ['lang', 'tr', 'lang', 'tr'],
      ['camera-facing-mode', 'environment', 'cameraFacingMode', 'environment'],
      ['device-id', 'd1', 'deviceId', 'd1'],
      ['get-user-media-timeout', '4000', 'getUserMediaTimeout', 4000],
      ['get-user-media-promise-timeout-ms', '{"default":9000}', 'getUserMediaPromiseTimeoutMs', { default: 9000 }],
      ['get-user-media-promise-timeout-throw-error', '', 'getUserMediaPromiseTimeoutThrowError', true],
      ['disable-adaptive-aspect-ratio', '', 'disableAdaptiveAspectRatio', true],
      ['extract-best-shot', '', 'extractBestShot', true],
      ['hide-document-pattern', '', 'hideDocumentPattern', true],
      ['enable-3d-mask', '', 'enable3dMask', true],
      ['preload', '', 'preload', true],
      ['upload-retries', '5', 'uploadRetries', 5],
      ['upload-timeout', '1234', 'uploadTimeout', 1234],
      ['credentials', 'include', 'credentials', 'include'],
    ];
    for (const [attr, value, prop, expected] of table) {
      it(`${attr}="${value}" → ${String(prop)}`, async () => {
        const el = await bare();
        el.setAttribute(attr, value);
        expect(el[prop]).to.deep.equal(expected);
      });
    }
  });

  describe('property → attribute', () => {
    const table: [keyof OzLivenessCheck, unknown, string, string][] = [
      ['pluginSrc', '/p.js', 'plugin-src', '/p.js'],
      ['backendUrl', '/b', 'backend-url', '/b'],
      ['actions', ['video_selfie_smile', 'video_selfie_eyes'], 'actions', 'video_selfie_smile video_selfie_eyes'],
      ['meta', { transaction_id: 't' }, 'meta', '{"transaction_id":"t"}'],
      ['cameraFacingMode', 'user', 'camera-facing-mode', 'user'],
      ['getUserMediaTimeout', 3000, 'get-user-media-timeout', '3000'],
      ['getUserMediaPromiseTimeoutMs', { browser: 1 }, 'get-user-media-promise-timeout-ms', '{"browser":1}'],
      ['extractBestShot', true, 'extract-best-shot', ''],
      ['uploadRetries', 0, 'upload-retries', '0'],
      ['credentials', 'omit', 'credentials', 'omit'],
    ];
    for (const [prop, value, attr, expected] of table) {
      it(`${String(prop)} → ${attr}="${expected}"`, async () => {
        const el = await bare();
        (el as any)[prop] = value;
        await el.updateComplete;
        expect(el.getAttribute(attr)).to.equal(expected);
      });
    }

    it('never reflects the session token', async () => {
      const el = await bare();
      el.sessionToken = 'secret-token';
      await el.updateComplete;
      expect(el.hasAttribute('session-token')).to.equal(false);
    });

    it('state is reflected and read-only', async () => {
      const el = await bare();
      expect(el.getAttribute('state')).to.equal('idle');
      expect(() => ((el as any).state = 'done')).to.throw(); // a getter only: strict-mode assignment throws
      expect(el.state).to.equal('idle');
    });
  });

  it('warns once per page that video_selfie_best and enable-3d-mask are retired on 2027-01-01', async () => {
    const warn = sinon.stub(console, 'warn');
    const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b"
      actions="video_selfie_best" enable-3d-mask></oz-liveness-check>`);
    for (let i = 0; i < 2; i++) {
      void el.start();
      await waitUntil(() => el.state === 'capturing');
      stub.last.on_close();
    }
    const retired = warn.getCalls().filter((c) => String(c.args[0]).includes('2027-01-01'));
    // Two starts, two retired options, one warning each (each test file runs in its own page).
    expect(retired.map((c) => String(c.args[0]))).to.have.length(2);
    expect(retired.some((c) => String(c.args[0]).includes('video_selfie_best'))).to.equal(true);
    expect(retired.some((c) => String(c.args[0]).includes('enable-3d-mask'))).to.equal(true);
    expect(stub.calls[0].action).to.deep.equal(['video_selfie_best']);
    expect(stub.calls[0].enable_3d_mask).to.equal(true);
  });

  it('puts its nonce on the plugin <script> (strict CSP)', async () => {
    const src = freshStubSrc();
    const el = await fixture<OzLivenessCheck>(
      html`<oz-liveness-check nonce="n0nce" plugin-src=${src} backend-url="/b"></oz-liveness-check>`,
    );
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const script = [...document.scripts].find((s) => s.src === new URL(src, document.baseURI).href)!;
    expect(script.nonce).to.equal('n0nce');
  });

  it('a button in the trigger slot starts the check', async () => {
    const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b">
      <button slot="trigger">Verify me</button></oz-liveness-check>`);
    el.querySelector('button')!.click();
    await waitUntil(() => el.state === 'capturing');
    expect(stub.calls).to.have.length(1);
  });

  it('the session token reaches open() and nowhere else: not the console, not storage, not the DOM', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => sinon.spy(console, m));
    const id = uniqueId();
    const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b"
      session-token-url=${`/test-backend/token?id=${id}`}></oz-liveness-check>`);
    const events: unknown[] = [];
    for (const n of ['oz-open', 'oz-state-change', 'oz-plugin-ready', 'oz-error'] as const)
      el.addEventListener(n, (e) => events.push(e.detail));
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const token = stub.last.session_token as string;
    expect(token).to.match(/^tok-/);
    const logged = spies.flatMap((s) => s.getCalls().flatMap((c) => c.args.map(String)));
    expect(logged.join(' ')).to.not.contain(token);
    expect(JSON.stringify(events)).to.not.contain(token);
    expect(document.documentElement.outerHTML).to.not.contain(token);
    expect(el.shadowRoot!.innerHTML).to.not.contain(token);
    const stored = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => s.getItem(k)));
    expect(stored.join(' ')).to.not.contain(token);
  });

  it('a new capture replaces the kept container', async () => {
    const el = await fixture<OzLivenessCheck>(
      html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b"></oz-liveness-check>`,
    );
    el.addEventListener('oz-capture-complete', (e) => e.preventDefault());
    const first = new Blob(['one'], { type: 'application/octet-stream' });
    const second = new Blob(['two'], { type: 'application/octet-stream' });
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    stub.last.on_capture_complete({}, first);
    expect(el.container).to.equal(first);
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    stub.last.on_capture_complete({}, second);
    expect(el.container).to.equal(second);
  });

  it('a non-Blob container from the plugin is an error, not a crash', async () => {
    const el = await fixture<OzLivenessCheck>(
      html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b"></oz-liveness-check>`,
    );
    void el.start();
    await waitUntil(() => el.state === 'capturing');
    const err = oneEvent(el, 'oz-error');
    stub.last.on_capture_complete({}, 'not a blob');
    expect((await err).detail).to.include({ code: 'plugin_invalid_container', category: 'plugin' });
  });
});

describe('<oz-liveness-check> preload', () => {
  beforeEach(() => installStub());

  it('preload set after connecting (as framework wrappers do) loads the plugin', async () => {
    const el = await fixture<OzLivenessCheck>(
      html`<oz-liveness-check plugin-src=${freshStubSrc()} backend-url="/b"></oz-liveness-check>`,
    );
    expect(el.state).to.equal('idle');
    const ready = oneEvent(el, 'oz-plugin-ready');
    el.preload = true;
    await ready;
    await waitUntil(() => el.state === 'ready');
  });
});
