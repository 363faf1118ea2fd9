import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { OzResultBanner } from '../../src/result-banner/result-banner.js';
import en from '../../src/i18n/en.js';
import {
  freshStubSrc,
  installStub,
  randomContainer,
  received,
  sha256,
  uniqueId,
  type StubPlugin,
} from '../support/stub-plugin.js';

if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);
if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);

const RESULT = { action: 'video_selfie_blank', best_frame: 'data:image/jpeg;base64,AAAA' };

async function check(attrs: Record<string, string | boolean> = {}, id = uniqueId()): Promise<OzLivenessCheck> {
  const el = document.createElement('oz-liveness-check');
  el.setAttribute('plugin-src', freshStubSrc());
  el.setAttribute('session-token-url', `/test-backend/token?id=${id}`);
  el.setAttribute('backend-url', `/test-backend/upload?id=${id}`);
  el.setAttribute('upload-retries', '0');
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) el.removeAttribute(k);
    else el.setAttribute(k, v === true ? '' : v);
  }
  return fixture(html`<div>${el}</div>`).then(() => el);
}

async function capturing(el: OzLivenessCheck, stub: StubPlugin): Promise<Record<string, any>> {
  const before = stub.calls.length;
  void el.start();
  await waitUntil(() => stub.calls.length > before && el.state === 'capturing', 'plugin opened');
  return stub.last;
}

describe('<oz-liveness-check>', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(() => {
    sinon.restore();
  });

  describe('the path of one capture', () => {
    it('loads the plugin, fetches a token, opens, uploads the container byte for byte and emits oz-result', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      const states: string[] = [];
      el.addEventListener('oz-state-change', (e) => states.push(e.detail.state));
      const options = await capturing(el, stub);
      expect(options.session_token).to.match(new RegExp(`^tok-${id}-`));

      const container = randomContainer();
      const resultEvent = oneEvent(document, 'oz-result'); // bubbles + composed: seen on the document
      options.on_capture_complete(RESULT, container);
      const { detail } = await resultEvent;
      expect(detail.decision).to.equal('accept');
      expect(detail.folder.folder_id).to.equal(`folder-${id}`);
      expect(el.state).to.equal('done');
      expect(el.getAttribute('state')).to.equal('done');
      expect(el.result).to.equal(detail);
      expect(el.container).to.equal(container);

      const [got] = await received(id);
      expect(got.bytes).to.equal(container.size);
      expect(got.sha256).to.equal(await sha256(container));
      expect(got.contentType).to.equal('application/octet-stream');
      expect(states).to.include.ordered.members(['loading', 'starting', 'capturing', 'uploading', 'done']);
    });

    it('GETs a fresh session token before every capture', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      const first = await capturing(el, stub);
      first.on_close();
      const second = await capturing(el, stub);
      expect(first.session_token).to.be.a('string');
      expect(second.session_token).to.be.a('string').and.not.equal(first.session_token);
      expect(await received(`token:${id}`)).to.have.length(2);
    });

    it('maps the attributes to open() options as the contract says', async () => {
      const el = await check({
        actions: 'video_selfie_left,video_selfie_smile',
        meta: '{"transaction_id":"t-1","end_user_id":"u"}',
        lang: 'ru',
        'camera-facing-mode': 'environment',
        'device-id': 'cam-2',
        'get-user-media-timeout': '5000',
        'get-user-media-promise-timeout-ms': '{"browser":3000,"default":8000}',
        'get-user-media-promise-timeout-throw-error': true,
        'disable-adaptive-aspect-ratio': true,
        'extract-best-shot': true,
        'hide-document-pattern': true,
      });
      const o = await capturing(el, stub);
      expect(o).to.deep.include({
        action: ['video_selfie_left', 'video_selfie_smile'],
        meta: { transaction_id: 't-1', end_user_id: 'u' },
        lang: 'ru',
        cameraFacingMode: 'environment',
        device_id: 'cam-2',
        get_user_media_timeout: 5000,
        get_user_media_promise_timeout_ms: { browser: 3000, default: 8000 },
        get_user_media_promise_timeout_throw_error: true,
        disable_adaptive_aspect_ratio: true,
        params: { extract_best_shot: true },
        overlay_options: { show_document_pattern: false },
      });
      expect(o.on_capture_complete).to.be.a('function');
      expect(o.on_error).to.be.a('function');
      expect(o.on_close).to.be.a('function');
    });

    it('takes lang from the closest [lang] ancestor, else en', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="kk"><section></section></div>`);
      const el = document.createElement('oz-liveness-check');
      el.pluginSrc = freshStubSrc();
      el.backendUrl = '/test-backend/upload';
      wrapper.querySelector('section')!.append(el);
      const o = await capturing(el, stub);
      expect(o.lang).to.equal('kk');
      o.on_close(); // one plugin window per page
      const bare = await check();
      expect((await capturing(bare, stub)).lang).to.equal('en');
    });

    it('oz-open leaves the session token out, and the token never lands in an attribute', async () => {
      const el = await check();
      const opened = oneEvent(el, 'oz-open');
      void el.start();
      const { detail } = await opened;
      expect(detail.options).to.not.have.property('session_token');
      expect(JSON.stringify(detail)).to.not.contain('tok-');
      expect(el.outerHTML).to.not.contain('tok-');
    });

    it('uses a page-given session-token once, then clears it', async () => {
      const el = await check({ 'session-token-url': false, 'session-token': 'page-token-1' });
      const o = await capturing(el, stub);
      expect(o.session_token).to.equal('page-token-1');
      expect(el.sessionToken).to.equal(undefined);
      expect(el.hasAttribute('session-token')).to.equal(false);
      o.on_close();
      const again = await capturing(el, stub);
      expect(again).to.not.have.property('session_token'); // neither given: the plugin fetches it itself
    });

    it('loads one script per plugin-src, however many elements', async () => {
      const src = freshStubSrc();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <oz-liveness-check plugin-src=${src} preload></oz-liveness-check>
        <oz-liveness-check plugin-src=${src} preload></oz-liveness-check>
        <oz-liveness-check plugin-src=${src} preload></oz-liveness-check>
      </div>`);
      const els = [...wrapper.querySelectorAll('oz-liveness-check')];
      await waitUntil(() => els.every((e) => e.state === 'ready'), 'all ready');
      const abs = new URL(src, document.baseURI).href;
      expect([...document.scripts].filter((s) => s.src === abs)).to.have.length(1);
    });
  });

  describe('events', () => {
    it('emits oz-error for a WASM code, verbatim, category wasm, with the telemetry id', async () => {
      const el = await check();
      const o = await capturing(el, stub);
      const err = oneEvent(document, 'oz-error');
      o.on_error({
        code: 'error_wasm_internal_failure_2',
        event_session_id: 'ev-9',
        message: 'no memory',
        context: {},
      });
      const { detail } = await err;
      expect(detail).to.include({
        code: 'error_wasm_internal_failure_2',
        category: 'wasm',
        retryable: false,
        telemetryId: 'ev-9',
      });
      expect(el.state).to.equal('error');
      const close = oneEvent(el, 'oz-close');
      o.on_close();
      expect((await close).detail.reason).to.equal('error');
    });

    const pluginCodes: [string, string, boolean][] = [
      ['error_wasm_internal_failure_1', 'wasm', false],
      ['error_wasm_internal_failure_2', 'wasm', false],
      ['error_wasm_internal_failure_3', 'wasm', true],
      ['error_wasm_internal_failure_4', 'wasm', true],
      ['error_wasm_internal_failure_5', 'wasm', true],
      ['error_wasm_internal_failure_1000', 'wasm', true],
      ['some_undocumented_code', 'plugin', true],
    ];
    for (const [code, category, retryable] of pluginCodes) {
      it(`on_error ${code} → oz-error ${category}, retryable ${retryable}, state error`, async () => {
        const el = await check();
        const o = await capturing(el, stub);
        const err = oneEvent(el, 'oz-error');
        o.on_error({ code, event_session_id: `ev-${code}`, message: 'm', context: {} });
        expect((await err).detail).to.include({ code, category, retryable, telemetryId: `ev-${code}` });
        expect(el.state).to.equal('error');
      });
    }

    it('oz-close says user when closed before the capture, and the element is ready again', async () => {
      const el = await check();
      const o = await capturing(el, stub);
      const close = oneEvent(el, 'oz-close');
      o.on_close();
      expect((await close).detail.reason).to.equal('user');
      expect(el.state).to.equal('ready');
    });

    it('oz-close says complete after a capture, and api after close()', async () => {
      const el = await check();
      const o = await capturing(el, stub);
      const done = oneEvent(el, 'oz-result');
      o.on_capture_complete(RESULT, randomContainer(1000));
      await done;
      const complete = oneEvent(el, 'oz-close');
      o.on_close();
      expect((await complete).detail.reason).to.equal('complete');

      await capturing(el, stub);
      const api = oneEvent(el, 'oz-close');
      el.close();
      expect((await api).detail.reason).to.equal('api');
      expect(stub.closes).to.equal(1);
      expect(el.state).to.equal('ready');
    });

    it('events bubble and are composed', async () => {
      const el = await check();
      const opened = oneEvent(el, 'oz-open');
      void el.start();
      const e = await opened;
      expect(e.bubbles).to.equal(true);
      expect(e.composed).to.equal(true);
    });

    it('oz-capture-complete is cancelable: the page uploads, the element keeps the container', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      el.addEventListener('oz-capture-complete', (e) => e.preventDefault());
      const o = await capturing(el, stub);
      const container = randomContainer(5000);
      o.on_capture_complete(RESULT, container);
      await waitUntil(() => el.state === 'done');
      expect(el.container).to.equal(container);
      expect(await received(id)).to.have.length(0);
    });
  });

  describe('one rule for the analysing phase', () => {
    it('an empty container (total 0): neither a banner following the check nor the check itself says "analysing"', async () => {
      const id = uniqueId();
      const el = await check({ 'upload-timeout': '30000', 'backend-url': `/test-backend/upload?id=${id}&hang=1` }, id);
      el.id = `check-${id}`;
      const banner = document.createElement('oz-result-banner');
      banner.htmlFor = el.id;
      el.after(banner);
      const o = await capturing(el, stub);
      const progress = oneEvent(el, 'oz-upload-progress');
      o.on_capture_complete(RESULT, new Blob([], { type: 'application/octet-stream' }));
      expect((await progress).detail).to.deep.equal({ loaded: 0, total: 0 });
      const title = () => banner.shadowRoot!.querySelector('[part=title]')?.textContent?.trim();
      await waitUntil(() => title() === en['check.state.uploading'], 'the banner says uploading');
      banner.remove(); // the check speaks again
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=status]')!.textContent!.trim()).to.equal(en['check.state.uploading']);
      expect(el.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
      el.reset();
    });
  });

  describe('bad input', () => {
    it('a bad attribute gives invalid-config naming it, never throws, never opens the plugin', async () => {
      const el = await check();
      const err = oneEvent(el, 'oz-error');
      expect(() => el.setAttribute('actions', 'video_selfie_dance')).to.not.throw();
      const { detail } = await err;
      expect(detail).to.include({ code: 'invalid-config', field: 'actions', category: 'config' });
      expect(detail.message).to.contain('video_selfie_blank');
      const again = oneEvent(el, 'oz-error');
      await el.start();
      expect((await again).detail.field).to.equal('actions');
      expect(stub.calls).to.have.length(0);
      expect(el.state).to.equal('error');
    });

    it('a missing plugin-src is reported at start()', async () => {
      const el = await check({ 'plugin-src': false });
      const err = oneEvent(el, 'oz-error');
      void el.start();
      expect((await err).detail).to.include({ code: 'invalid-config', field: 'plugin-src' });
    });

    it('invalid meta JSON is named', async () => {
      const el = await check();
      const err = oneEvent(el, 'oz-error');
      el.setAttribute('meta', '{"a":');
      expect((await err).detail.field).to.equal('meta');
    });
  });

  describe('the Start button', () => {
    it('is a real button that starts the check, disabled while busy', async () => {
      const el = await check();
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.type).to.equal('button');
      button.focus();
      expect(el.shadowRoot!.activeElement).to.equal(button);
      button.click();
      await waitUntil(() => el.state === 'capturing');
      await el.updateComplete;
      expect(button.disabled).to.equal(true);
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim()).to.not.equal('');
    });

    it("speaks the element's language once its messages arrive", async () => {
      const el = await check({ lang: 'ru' });
      const button = el.shadowRoot!.querySelector('button')!;
      await waitUntil(() => /[а-яё]/i.test(button.textContent!), 'Russian text');
      expect(button.textContent).to.match(/[а-яё]/i);
    });

    it('is accessible', async () => {
      const el = await check();
      await expect(el).to.be.accessible();
    });
  });
});
