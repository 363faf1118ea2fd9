import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import { LitElement } from 'lit';
import { ContextProvider } from '@lit/context';
import { dirOf } from '../../src/result-banner/outcome.js';
import { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { ozLivenessContext, type OzLivenessSnapshot } from '../../src/context.js';
import { ozEvent, type OzEventDetails, type OzEventName } from '../../src/events.js';
import {
  kitError,
  pluginError,
  KitErrorCode,
  WASM_ERRORS,
  OZ_CONTAINER_ERROR_CODES,
  type OzErrorDetail,
} from '../../src/core/errors.js';
import { toResult, type OzFolder, type OzResultDetail } from '../../src/core/decision.js';
import type { OzState } from '../../src/core/state.js';
import en from '../../src/i18n/en.js';
import ru from '../../src/i18n/ru.js';
import es from '../../src/i18n/es.js';
import { isMessageKey, translate } from '../../src/i18n/index.js';

if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);

/** Stands in for <oz-liveness-check>: the same read-only properties and events, driven by hand. */
class FakeCheck extends HTMLElement {
  state: OzState = 'idle';
  result?: OzResultDetail;
  error?: OzErrorDetail;
  emit<K extends OzEventName>(name: K, detail: OzEventDetails[K]) {
    this.dispatchEvent(ozEvent(name, detail));
  }
  move(state: OzState) {
    const previous = this.state;
    this.state = state;
    if (state === 'loading' || state === 'starting') this.error = undefined;
    this.emit('oz-state-change', { state, previous });
  }
  finish(folder: OzFolder) {
    this.result = toResult(folder);
    this.move('done');
    this.emit('oz-result', this.result);
  }
  fail(detail: OzErrorDetail) {
    this.error = detail;
    this.move('error');
    this.emit('oz-error', detail);
  }
}
if (!customElements.get('fake-liveness-check')) customElements.define('fake-liveness-check', FakeCheck);

/** Stands in for the check as a context provider. */
class FakeProvider extends LitElement {
  provider = new ContextProvider(this, { context: ozLivenessContext, initialValue: { state: 'idle' } });
  share(value: OzLivenessSnapshot) {
    this.provider.setValue(value);
  }
  override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('fake-liveness-provider')) customElements.define('fake-liveness-provider', FakeProvider);

// A real 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SOURCE_EVENTS = ['oz-error', 'oz-result', 'oz-state-change', 'oz-upload-progress'];
const HOSTILE = '<img src=x onerror="window.__ozPwned=1">';

const folder = (system_resolution: string, extra: Partial<OzFolder> = {}): OzFolder => ({
  folder_id: 'f-123',
  resolution_status: system_resolution === 'FAILED' ? 'FAILED' : 'FINISHED',
  system_resolution,
  ...extra,
});
const withAnalyses: Partial<OzFolder> = {
  analyses: [
    {
      type: 'QUALITY',
      state: 'FINISHED',
      resolution_status: 'SUCCESS',
      results_media: [{ output_images: [{ image_b64: PNG }] }],
    },
    { type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'DECLINED' },
    { type: 'DOCUMENTS', state: 'FAILED', resolution_status: 'FAILED' },
    { type: 'SOMETHING_ELSE', state: 'FINISHED', resolution_status: 'SUCCESS' },
  ],
};

const part = (el: OzResultBanner, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: OzResultBanner, name: string) => part(el, name)?.textContent?.trim() ?? '';
const role = (el: OzResultBanner) => part(el, 'base')!.getAttribute('role');

async function banner(result?: unknown) {
  const el = await fixture<OzResultBanner>(html`<oz-result-banner lang="en" .result=${result}></oz-result-banner>`);
  await el.updateComplete;
  return el;
}

async function following() {
  const root = await fixture<HTMLElement>(html`<div lang="en">
    <fake-liveness-check id="check"></fake-liveness-check>
    <oz-result-banner for="check"></oz-result-banner>
  </div>`);
  const check = root.querySelector<FakeCheck>('fake-liveness-check')!;
  const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
  await el.updateComplete;
  return { root, check, el };
}

describe('<oz-result-banner>', () => {
  afterEach(() => {
    sinon.restore();
    delete (window as { __ozPwned?: number }).__ozPwned;
  });

  describe('status', () => {
    it('is idle, and shows nothing, with no source', async () => {
      const el = await banner();
      expect(el.status).to.equal('idle');
      expect(el.getAttribute('status')).to.equal('idle');
      expect(el.getBoundingClientRect().height).to.equal(0);
      expect(part(el, 'base')!.textContent!.trim()).to.equal('');
    });

    it('is accept for FINISHED + SUCCESS, with role=status', async () => {
      const el = await banner(folder('SUCCESS'));
      expect(el.getAttribute('status')).to.equal('accept');
      expect(role(el)).to.equal('status');
      expect(text(el, 'title')).to.equal(en['banner.title.accept']);
    });

    it('is reject for DECLINED, with role=alert', async () => {
      const el = await banner(folder('DECLINED'));
      expect(el.status).to.equal('reject');
      expect(role(el)).to.equal('alert');
      expect(text(el, 'title')).to.equal(en['banner.title.reject']);
    });

    it('is failed for FAILED, with role=alert, and says in plain words that there is no result', async () => {
      const el = await banner(folder('FAILED'));
      expect(el.status).to.equal('failed');
      expect(role(el)).to.equal('alert');
      expect(text(el, 'title')).to.equal(en['banner.title.failed']);
      expect(text(el, 'message')).to.equal(en['banner.message.failed']);
      expect(text(el, 'message')).to.match(/before it finished/);
    });

    it('fails closed: SUCCESS without FINISHED is failed, not accept', async () => {
      const el = await banner({ folder_id: 'x', resolution_status: 'PROCESSING', system_resolution: 'SUCCESS' });
      expect(el.status).to.equal('failed');
    });

    it('recomputes a forged oz-result detail from its folder', async () => {
      const el = await banner({ decision: 'accept', status: 'SUCCESS', folder: folder('DECLINED') });
      expect(el.status).to.equal('reject');
    });

    it('shows the folder id as a reference for a system failure', async () => {
      const el = await banner(folder('FAILED', { folder_id: 'folder-42' }));
      expect(el.shadowRoot!.querySelector('.short bdi')!.textContent).to.equal('FOLD-ER42');
      expect(text(el, 'support-details')).to.equal(`${en['banner.reference.details']}Verification folder-42`);
    });

    it('goes back to idle when result is cleared', async () => {
      const el = await banner(folder('SUCCESS'));
      el.result = null;
      await el.updateComplete;
      expect(el.status).to.equal('idle');
    });

    it('has an icon that is hidden from assistive technology', async () => {
      const el = await banner(folder('DECLINED'));
      expect(part(el, 'icon')!.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    });
  });

  describe('following a check through for=', () => {
    it('reads the check’s current state and result when it attaches', async () => {
      const check = document.createElement('fake-liveness-check') as FakeCheck;
      check.id = 'pre';
      check.state = 'done';
      check.result = toResult(folder('DECLINED'));
      const root = await fixture<HTMLElement>(html`<div lang="en"></div>`);
      root.append(check);
      const el = document.createElement('oz-result-banner') as OzResultBanner;
      el.htmlFor = 'pre';
      root.append(el);
      await el.updateComplete;
      expect(el.status).to.equal('reject');
    });

    for (const [state, key] of [
      ['loading', 'check.state.loading'],
      ['starting', 'check.state.starting'],
      ['capturing', 'check.state.capturing'],
      ['uploading', 'check.state.uploading'],
    ] as const) {
      it(`is pending while the check is ${state}, with role=status`, async () => {
        const { check, el } = await following();
        if (state !== 'loading') check.move('loading');
        check.move(state);
        await el.updateComplete;
        expect(el.status).to.equal('pending');
        expect(role(el)).to.equal('status');
        expect(text(el, 'title')).to.equal(en[key]);
      });
    }

    it('shows upload progress', async () => {
      const { check, el } = await following();
      check.move('uploading');
      await el.updateComplete;
      const progress = el.shadowRoot!.querySelector('progress')!;
      expect(progress.hasAttribute('value')).to.equal(false); // indeterminate until the first event
      check.emit('oz-upload-progress', { loaded: 30, total: 120 });
      await el.updateComplete;
      expect(progress.value).to.equal(25);
      expect(progress.getAttribute('aria-label')).to.equal(en['check.state.uploading']);
    });

    it('shows the result the check reports', async () => {
      const { check, el } = await following();
      check.move('uploading');
      check.finish(folder('SUCCESS'));
      await el.updateComplete;
      expect(el.status).to.equal('accept');
    });

    it('follows a re-capture: pending again, then the new result', async () => {
      const { check, el } = await following();
      check.finish(folder('SUCCESS'));
      await el.updateComplete;
      check.move('starting');
      await el.updateComplete;
      expect(el.status).to.equal('pending');
      check.move('capturing');
      check.move('uploading');
      check.finish(folder('DECLINED'));
      await el.updateComplete;
      expect(el.status).to.equal('reject');
    });

    it('shows nothing after the check is reset', async () => {
      const { check, el } = await following();
      check.finish(folder('SUCCESS'));
      check.move('ready');
      await el.updateComplete;
      expect(el.status).to.equal('idle');
    });

    it('shows an error the check reports, with role=alert and its message', async () => {
      const { check, el } = await following();
      check.move('uploading');
      check.fail(kitError('upload-timeout'));
      await el.updateComplete;
      expect(el.status).to.equal('error');
      expect(role(el)).to.equal('alert');
      expect(text(el, 'title')).to.equal(en['error.title.network']);
      expect(text(el, 'message')).to.equal(en['error.upload-timeout']);
    });

    it('shows an error that comes while a result is shown', async () => {
      const { check, el } = await following();
      check.finish(folder('SUCCESS'));
      check.emit('oz-error', kitError('plugin-busy')); // refused start(): the state stays done
      await el.updateComplete;
      expect(el.status).to.equal('error');
      expect(text(el, 'message')).to.equal(en['error.plugin-busy']);
    });

    it('finds a check that is added later', async () => {
      const root = await fixture<HTMLElement>(
        html`<div lang="en"><oz-result-banner for="late"></oz-result-banner></div>`,
      );
      const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
      const check = document.createElement('fake-liveness-check') as FakeCheck;
      check.id = 'late';
      root.append(check);
      await waitUntil(() => {
        check.move('loading');
        return el.status === 'pending';
      }, 'the banner never followed the late check');
    });

    it('finds a check that gets the id later', async () => {
      const { root, el } = await following();
      const other = document.createElement('fake-liveness-check') as FakeCheck;
      root.append(other);
      el.htmlFor = 'later';
      await el.updateComplete;
      other.id = 'later';
      await waitUntil(() => {
        other.finish(folder('DECLINED'));
        return el.status === 'reject';
      }, 'the banner never followed the renamed check');
    });

    it('finds its check inside the same shadow root', async () => {
      const host = await fixture<HTMLElement>(html`<div lang="en"></div>`);
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML =
        '<fake-liveness-check id="inner"></fake-liveness-check><oz-result-banner for="inner"></oz-result-banner>';
      const el = shadow.querySelector<OzResultBanner>('oz-result-banner')!;
      shadow.querySelector<FakeCheck>('fake-liveness-check')!.finish(folder('SUCCESS'));
      await el.updateComplete;
      expect(el.status).to.equal('accept');
    });

    it('stops listening to the old check when for= changes', async () => {
      const { root, check, el } = await following();
      const second = document.createElement('fake-liveness-check') as FakeCheck;
      second.id = 'second';
      root.append(second);
      el.htmlFor = 'second';
      await el.updateComplete;
      check.finish(folder('SUCCESS'));
      await el.updateComplete;
      expect(el.status).to.equal('idle');
      second.finish(folder('DECLINED'));
      await el.updateComplete;
      expect(el.status).to.equal('reject');
    });

    it('removes its listeners from the old check when for= changes', async () => {
      const { root, check, el } = await following();
      const removed = sinon.spy(check, 'removeEventListener');
      const second = document.createElement('fake-liveness-check') as FakeCheck;
      second.id = 'second';
      root.append(second);
      el.htmlFor = 'second';
      await el.updateComplete;
      expect(removed.args.map((a) => a[0]).sort()).to.deep.equal(SOURCE_EVENTS);
    });

    it('removes its listeners from the check when removed', async () => {
      const { check, el } = await following();
      const removed = sinon.spy(check, 'removeEventListener');
      el.remove();
      expect(removed.args.map((a) => a[0]).sort()).to.deep.equal(SOURCE_EVENTS);
    });

    it('listens again when put back', async () => {
      const { root, check, el } = await following();
      el.remove();
      root.append(el);
      check.finish(folder('DECLINED'));
      await el.updateComplete;
      expect(el.status).to.equal('reject');
    });

    it('ignores oz- events from elements nested inside the check', async () => {
      const { check, el } = await following();
      const inner = document.createElement('fake-liveness-check') as FakeCheck;
      check.append(inner);
      inner.finish(folder('SUCCESS'));
      await el.updateComplete;
      expect(el.status).to.equal('idle');
    });

    it('shows a page-set result until the check reports again', async () => {
      const { check, el } = await following();
      el.result = folder('DECLINED');
      await el.updateComplete;
      expect(el.status).to.equal('reject');
      check.move('starting');
      await el.updateComplete;
      expect(el.status).to.equal('pending');
    });
  });

  describe('inside a check (context)', () => {
    async function nested() {
      const provider = await fixture<FakeProvider>(
        html`<fake-liveness-provider lang="en"><oz-result-banner></oz-result-banner></fake-liveness-provider>`,
      );
      const el = provider.querySelector<OzResultBanner>('oz-result-banner')!;
      return { provider, el };
    }

    it('follows the context value', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'capturing' });
      await el.updateComplete;
      expect(el.status).to.equal('pending');
      provider.share({ state: 'done', result: toResult(folder('SUCCESS')) });
      await el.updateComplete;
      expect(el.status).to.equal('accept');
    });

    it('shows an error from the context', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'error', error: pluginError({ code: 'error_wasm_internal_failure_2' }) });
      await el.updateComplete;
      expect(el.status).to.equal('error');
      expect(text(el, 'message')).to.equal(en['error.error_wasm_internal_failure_2']);
    });

    it('hides an old result while a new attempt runs', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'starting', result: toResult(folder('SUCCESS')) });
      await el.updateComplete;
      expect(el.status).to.equal('pending');
    });

    it('recomputes the decision from the folder', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'done', result: { decision: 'accept', status: 'SUCCESS', folder: folder('FAILED') } });
      await el.updateComplete;
      expect(el.status).to.equal('failed');
    });

    it('prefers for= over the enclosing check', async () => {
      const root = await fixture<HTMLElement>(html`<div lang="en">
        <fake-liveness-check id="other"></fake-liveness-check>
        <fake-liveness-provider><oz-result-banner for="other"></oz-result-banner></fake-liveness-provider>
      </div>`);
      const provider = root.querySelector<FakeProvider>('fake-liveness-provider')!;
      const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
      provider.share({ state: 'done', result: toResult(folder('SUCCESS')) });
      await el.updateComplete;
      expect(el.status).to.equal('idle');
      root.querySelector<FakeCheck>('#other')!.finish(folder('DECLINED'));
      await el.updateComplete;
      expect(el.status).to.equal('reject');
    });
  });

  describe('error messages', () => {
    const details: [string, OzErrorDetail][] = [
      ...Object.values(KitErrorCode).map((c) => [c, kitError(c)] as [string, OzErrorDetail]),
      ...OZ_CONTAINER_ERROR_CODES.map(
        (n) =>
          [`container-rejected ${n}`, kitError('container-rejected', undefined, { ozErrorCode: n, status: 400 })] as [
            string,
            OzErrorDetail,
          ],
      ),
      ...Object.keys(WASM_ERRORS).map((c) => [c, pluginError({ code: c })] as [string, OzErrorDetail]),
      ['an undocumented plugin code', pluginError({ code: 'camera_broke' })],
    ];
    for (const [name, detail] of details) {
      it(`shows the plain-words message for ${name}`, async () => {
        const el = await banner();
        const check = document.createElement('fake-liveness-check') as FakeCheck;
        check.id = 'e';
        el.before(check);
        el.htmlFor = 'e';
        await el.updateComplete;
        check.fail(detail);
        await el.updateComplete;
        expect(isMessageKey(detail.messageKey)).to.equal(true);
        expect(text(el, 'message')).to.equal(translate('en', detail.messageKey as keyof typeof en));
      });
    }

    it('says what to do for a browser without WebAssembly', async () => {
      expect(translate('en', 'error.error_wasm_internal_failure_1')).to.match(/up-to-date Chrome.*or another device/);
      expect(en['error.error_wasm_internal_failure_2']).to.match(/Close other apps/);
    });

    it('falls back to the code when messageKey is missing or unknown', async () => {
      const { check, el } = await following();
      check.fail({ code: 'upload-failed', category: 'network', message: 'x', retryable: true, messageKey: 'nope' });
      await el.updateComplete;
      expect(text(el, 'message')).to.equal(en['error.upload-failed']);
    });

    it('shows the code and the telemetry id as a reference', async () => {
      const { check, el } = await following();
      check.fail(pluginError({ code: 'error_wasm_internal_failure_3', event_session_id: 'sess-9' }));
      await el.updateComplete;
      expect(text(el, 'support-details')).to.equal(
        `${en['banner.reference.details']}error_wasm_internal_failure_3Session sess-9`,
      );
    });
  });

  describe('details and best shot', () => {
    it('shows one row per known analysis with its outcome', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" show-details .result=${folder('DECLINED', withAnalyses)}></oz-result-banner>`,
      );
      const rows = [...part(el, 'details')!.querySelectorAll('.row')].map((r) => [
        r.querySelector('dt')!.textContent!.trim(),
        r.querySelector('dd')!.textContent!.trim(),
      ]);
      expect(rows).to.deep.equal([
        ['Live presence', 'Passed'],
        ['Face match', 'Declined'],
        ['Document', 'Not completed'],
      ]);
    });

    it('shows no details without show-details', async () => {
      const el = await banner(folder('DECLINED', withAnalyses));
      expect(part(el, 'details')).to.equal(null);
    });

    it('shows the best shot with alt text when the bytes are a PNG', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" show-best-shot .result=${folder('SUCCESS', withAnalyses)}></oz-result-banner>`,
      );
      const img = part(el, 'best-shot') as HTMLImageElement;
      expect(img.getAttribute('src')).to.equal(`data:image/png;base64,${PNG}`);
      expect(img.alt).to.equal(en['banner.bestShot']);
    });

    it('shows no best shot when the bytes are not JPEG or PNG', async () => {
      const svgB64 = btoa('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__ozPwned=1"/>');
      const f = folder('SUCCESS', {
        analyses: [
          {
            type: 'QUALITY',
            resolution_status: 'SUCCESS',
            results_media: [
              { output_images: [{ image_b64: svgB64 }, { image_b64: `x" onerror="window.__ozPwned=1` }] },
            ],
          },
        ],
      });
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" show-best-shot .result=${f}></oz-result-banner>`,
      );
      expect(part(el, 'best-shot')).to.equal(null);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    });

    it('shows no best shot without show-best-shot', async () => {
      const el = await banner(folder('SUCCESS', withAnalyses));
      expect(part(el, 'best-shot')).to.equal(null);
    });
  });

  describe('language', () => {
    it('speaks its lang attribute', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="ru" .result=${folder('SUCCESS')}></oz-result-banner>`,
      );
      await waitUntil(() => text(el, 'title') === ru['banner.title.accept'], 'never spoke Russian');
    });

    it('speaks the closest [lang]', async () => {
      const root = await fixture<HTMLElement>(
        html`<div lang="es-MX"><oz-result-banner .result=${folder('DECLINED')}></oz-result-banner></div>`,
      );
      const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
      await waitUntil(() => text(el, 'title') === es['banner.title.reject'], 'never spoke Spanish');
    });

    it('follows a change of its lang', async () => {
      const el = await banner(folder('SUCCESS'));
      el.lang = 'ru';
      await waitUntil(() => text(el, 'title') === ru['banner.title.accept'], 'never switched to Russian');
    });

    it('follows a change of <html lang>', async () => {
      const saved = document.documentElement.getAttribute('lang');
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner .result=${folder('SUCCESS')}></oz-result-banner>`,
      );
      try {
        document.documentElement.setAttribute('lang', 'es');
        await waitUntil(() => text(el, 'title') === es['banner.title.accept'], 'never followed <html lang>');
      } finally {
        if (saved === null) document.documentElement.removeAttribute('lang');
        else document.documentElement.setAttribute('lang', saved);
      }
    });

    it('uses messages overrides', async () => {
      const el = await banner(folder('SUCCESS'));
      el.messages = { 'banner.title.accept': 'Verified' };
      await el.updateComplete;
      expect(text(el, 'title')).to.equal('Verified');
    });
  });

  describe('safety', () => {
    it('renders hostile backend strings as text only', async () => {
      const f: OzFolder = {
        folder_id: HOSTILE,
        resolution_status: 'FAILED',
        system_resolution: 'FAILED',
        resolution_comment: HOSTILE,
        meta_data: { event_session_id: HOSTILE },
        analyses: [
          {
            type: 'QUALITY',
            state: HOSTILE,
            resolution_status: HOSTILE,
            error_message: HOSTILE,
            error_code: HOSTILE,
            results_media: [{ output_images: [{ image_b64: HOSTILE }] }],
          },
          { type: HOSTILE, resolution_status: 'SUCCESS' },
        ],
      };
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" show-details show-best-shot .result=${f}></oz-result-banner>`,
      );
      expect(el.shadowRoot!.querySelector('img, script, iframe')).to.equal(null);
      expect(text(el, 'support-details')).to.include(`Verification ${HOSTILE}`);
      expect(text(el, 'details')).to.include('Not completed');
      expect((window as { __ozPwned?: number }).__ozPwned).to.equal(undefined);
    });

    it('renders hostile error fields as text only', async () => {
      const { check, el } = await following();
      check.fail({
        code: HOSTILE,
        category: 'plugin',
        message: HOSTILE,
        retryable: true,
        messageKey: HOSTILE,
        telemetryId: HOSTILE,
        requestId: HOSTILE,
      });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img, script, iframe')).to.equal(null);
      expect(text(el, 'message')).to.equal(en['error.plugin']);
      expect(text(el, 'support-details')).to.equal(
        `${en['banner.reference.details']}${HOSTILE}Request ${HOSTILE}Session ${HOSTILE}`,
      );
      expect((window as { __ozPwned?: number }).__ozPwned).to.equal(undefined);
    });

    it('renders hostile message overrides as text only', async () => {
      const el = await banner(folder('DECLINED'));
      el.messages = { 'banner.title.reject': HOSTILE, 'banner.message.reject': HOSTILE };
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img, script, iframe')).to.equal(null);
      expect(text(el, 'title')).to.equal(HOSTILE);
    });

    it('ignores progress that is not numbers', async () => {
      const { check, el } = await following();
      check.move('uploading');
      check.dispatchEvent(new CustomEvent('oz-upload-progress', { detail: { loaded: HOSTILE, total: HOSTILE } }));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('progress')!.hasAttribute('value')).to.equal(false);
    });
  });

  describe('theming and layout', () => {
    it('exposes the parts', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" show-details show-best-shot .result=${folder('SUCCESS', withAnalyses)}></oz-result-banner>`,
      );
      for (const name of ['base', 'icon', 'title', 'message', 'details', 'best-shot'])
        expect(part(el, name), name).to.not.equal(null);
    });

    it('takes its accent colour from --oz-banner-accept-color', async () => {
      const el = await banner(folder('SUCCESS'));
      el.style.setProperty('--oz-banner-accept-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'icon')!).color).to.equal('rgb(1, 2, 3)');
    });

    it('lays the card out in the direction of its words, whatever the page: English in an rtl page is an ltr card', async () => {
      const root = await fixture<HTMLElement>(
        html`<div dir="rtl"><oz-result-banner lang="en" .result=${folder('SUCCESS')}></oz-result-banner></div>`,
      );
      const base = part(root.querySelector<OzResultBanner>('oz-result-banner')!, 'base')!;
      expect(base.getAttribute('dir')).to.equal('ltr');
      let style = getComputedStyle(base);
      expect(parseFloat(style.borderLeftWidth)).to.be.greaterThan(parseFloat(style.borderRightWidth));
      expect(dirOf('ar')).to.equal('rtl');
      expect(dirOf('he-IL')).to.equal('rtl');
      expect(dirOf('ru')).to.equal('ltr');
      // The stripe is on the inline-start edge: the right one in a right-to-left card.
      base.dir = 'rtl';
      style = getComputedStyle(base);
      expect(parseFloat(style.borderRightWidth)).to.be.greaterThan(parseFloat(style.borderLeftWidth));
    });

    it('shows slotted actions when there is an outcome', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" .result=${folder('DECLINED')}><button slot="actions">Try again</button></oz-result-banner>`,
      );
      const button = el.querySelector('button')!;
      expect(button.assignedSlot?.name).to.equal('actions');
      expect(button.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('hides slotted content while idle', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner><button slot="actions">Try again</button><p>More</p></oz-result-banner>`,
      );
      expect(el.querySelector('button')!.assignedSlot).to.equal(null);
      expect(el.querySelector('p')!.assignedSlot).to.equal(null);
    });
  });

  describe('accessibility (axe)', () => {
    it('passes while idle', async () => {
      await expect(await banner()).to.be.accessible();
    });

    for (const state of ['loading', 'starting', 'capturing', 'uploading'] as const) {
      it(`passes while pending (${state})`, async () => {
        const { check, el } = await following();
        if (state !== 'loading') check.move('loading');
        check.move(state);
        if (state === 'uploading') check.emit('oz-upload-progress', { loaded: 1, total: 2 });
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });
    }

    for (const [name, sr] of [
      ['accept', 'SUCCESS'],
      ['reject', 'DECLINED'],
      ['failed', 'FAILED'],
    ] as const) {
      it(`passes for ${name} with details, best shot and actions`, async () => {
        const el = await fixture<OzResultBanner>(
          html`<oz-result-banner lang="en" show-details show-best-shot .result=${folder(sr, withAnalyses)}
            ><button slot="actions">Try again</button></oz-result-banner
          >`,
        );
        expect(el.status).to.equal(name);
        await expect(el).to.be.accessible();
      });
    }

    it('passes for an error', async () => {
      const { check, el } = await following();
      check.fail(pluginError({ code: 'error_wasm_internal_failure_1', event_session_id: 's-1' }));
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
});
