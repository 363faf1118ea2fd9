import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ContextProvider } from '@lit/context';
import { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { Followers, followCheck, ozLivenessContext, type OzLivenessSnapshot } from '../../src/context.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import '../../src/index.js';
import { LiveRegionLog, deepQueryAll } from '../a11y/spoken.js';
import { freshStubSrc, installStub, randomContainer, uniqueId, type StubPlugin } from '../support/stub-plugin.js';
import { ozEvent, type OzEventDetails, type OzEventName } from '../../src/events.js';
import {
  KitErrorCode,
  WASM_ERRORS,
  kitError,
  pluginError,
  titleKeyFor,
  type OzErrorDetail,
} from '../../src/core/errors.js';
import { toResult } from '../../src/core/decision.js';
import { routeError } from '../../src/core/route-failure.js';
import type { OzState } from '../../src/core/state.js';
import en from '../../src/i18n/en.js';
import { translate } from '../../src/i18n/index.js';
import { splitSteps } from '../../src/i18n/render.js';

if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);

/** Who followed and who stopped, as a check sees it through the follow handshake. */
class FollowLog {
  followers = new Set<Element>();
  calls: string[] = [];
  offer(who: Element) {
    this.followers.add(who);
    this.calls.push('follow');
    return () => {
      this.followers.delete(who);
      this.calls.push('unfollow');
    };
  }
}

/** Stands in for <oz-liveness-check> followed through for=: its events and the follow handshake. */
class VoiceCheck extends HTMLElement {
  state: OzState = 'idle';
  log = new FollowLog();
  [followCheck](who: Element) {
    return this.log.offer(who);
  }
  emit<K extends OzEventName>(name: K, detail: OzEventDetails[K]) {
    this.dispatchEvent(ozEvent(name, detail));
  }
  move(state: OzState) {
    const previous = this.state;
    this.emit('oz-state-change', { state: (this.state = state), previous });
  }
}
if (!customElements.get('voice-check')) customElements.define('voice-check', VoiceCheck);

/** Stands in for <oz-liveness-check> with a nested banner: the context and the follow handshake. */
class VoiceProvider extends LitElement {
  log = new FollowLog();
  provider = new ContextProvider(this, { context: ozLivenessContext, initialValue: { state: 'idle' } });
  [followCheck](who: Element) {
    return this.log.offer(who);
  }
  share(value: OzLivenessSnapshot) {
    this.provider.setValue(value);
  }
  override render() {
    return html`<slot></slot>`;
  }
}
if (!customElements.get('voice-provider')) customElements.define('voice-provider', VoiceProvider);

const part = (el: OzResultBanner, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: OzResultBanner, name: string) => part(el, name)?.textContent?.trim() ?? '';

async function following() {
  const root = await fixture<HTMLElement>(
    html`<div lang="en"><voice-check id="c"></voice-check><oz-result-banner for="c"></oz-result-banner></div>`,
  );
  const check = root.querySelector<VoiceCheck>('voice-check')!;
  const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
  await el.updateComplete;
  return { root, check, el };
}

async function nested() {
  const provider = await fixture<VoiceProvider>(
    html`<voice-provider lang="en"><oz-result-banner></oz-result-banner></voice-provider>`,
  );
  const el = provider.querySelector<OzResultBanner>('oz-result-banner')!;
  await el.updateComplete;
  return { provider, el };
}

async function showing(detail: OzErrorDetail) {
  const { provider, el } = await nested();
  provider.share({ state: 'error', error: detail });
  await el.updateComplete;
  return el;
}

/** Records every change of the live region's text (what a screen reader would be told again). */
function watchAnnouncements(el: OzResultBanner) {
  const changes: MutationRecord[] = [];
  const observer = new MutationObserver((records) => changes.push(...records.filter((r) => r.type !== 'attributes')));
  observer.observe(part(el, 'base')!, { subtree: true, childList: true, characterData: true });
  return {
    changes,
    stop: () => (changes.push(...observer.takeRecords().filter((r) => r.type !== 'attributes')), observer.disconnect()),
  };
}

describe('<oz-result-banner>: one voice', () => {
  describe('the follow handshake (the check steps its status line aside)', () => {
    it('follows the check named by for=, and stops when removed', async () => {
      const { check, el } = await following();
      expect([...check.log.followers]).to.deep.equal([el]);
      el.remove();
      expect(check.log.followers.size).to.equal(0);
      expect(check.log.calls).to.deep.equal(['follow', 'unfollow']);
    });

    it('moves from one check to another when for= changes', async () => {
      const { root, check, el } = await following();
      const second = document.createElement('voice-check') as VoiceCheck;
      second.id = 'second';
      root.append(second);
      el.htmlFor = 'second';
      await el.updateComplete;
      expect(check.log.followers.size).to.equal(0);
      expect([...second.log.followers]).to.deep.equal([el]);
    });

    it('follows the check it is placed in, and stops when taken out', async () => {
      const { provider, el } = await nested();
      expect([...provider.log.followers]).to.deep.equal([el]);
      el.remove();
      expect(provider.log.followers.size).to.equal(0);
    });

    it('follows no one when it only shows a page-set result', async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" .result=${{ folder_id: 'f', resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }}></oz-result-banner>`,
      );
      expect(el.status).to.equal('accept');
    });
  });

  describe('each change announced once', () => {
    it('does not touch the live region when the same snapshot comes again', async () => {
      const { provider, el } = await nested();
      provider.share({
        state: 'error',
        error: kitError('upload-failed', 'HTTP 502', { status: 502, requestId: 'req-1' }),
      });
      await el.updateComplete;
      const watch = watchAnnouncements(el);
      provider.share({
        state: 'error',
        error: kitError('upload-failed', 'HTTP 502', { status: 502, requestId: 'req-1' }),
      });
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
      watch.stop();
      expect(watch.changes).to.deep.equal([]);
    });

    it('keeps the title text as it is while upload progress moves', async () => {
      const { check, el } = await following();
      check.move('loading');
      check.move('uploading');
      check.emit('oz-upload-progress', { loaded: 1, total: 10 });
      await el.updateComplete;
      const watch = watchAnnouncements(el);
      for (let loaded = 2; loaded < 10; loaded++) {
        check.emit('oz-upload-progress', { loaded, total: 10 });
        await el.updateComplete;
      }
      watch.stop();
      expect(watch.changes).to.deep.equal([]);
      expect(text(el, 'title')).to.equal(en['check.state.uploading']);
    });
  });

  describe('analysing', () => {
    it('shows an indeterminate "Analysing" state from the context, not a full bar', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'uploading', progress: { loaded: 100, total: 100 }, analysing: true });
      await el.updateComplete;
      expect(el.status).to.equal('pending');
      expect(text(el, 'title')).to.equal(en['check.state.analysing']);
      const bar = el.shadowRoot!.querySelector('progress')!;
      expect(bar.hasAttribute('value')).to.equal(false);
      expect(bar.position).to.equal(-1); // indeterminate
      expect(bar.getAttribute('aria-label')).to.equal(en['check.state.analysing']);
    });

    it('while sending, shows the share sent', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'uploading', progress: { loaded: 25, total: 100 }, analysing: false });
      await el.updateComplete;
      expect(text(el, 'title')).to.equal(en['check.state.uploading']);
      expect(el.shadowRoot!.querySelector('progress')!.value).to.equal(25);
    });

    it('through for=: once the last byte is sent', async () => {
      const { check, el } = await following();
      check.move('loading');
      check.move('uploading');
      check.emit('oz-upload-progress', { loaded: 100, total: 100 });
      await el.updateComplete;
      expect(text(el, 'title')).to.equal(en['check.state.analysing']);
      expect(el.shadowRoot!.querySelector('progress')!.position).to.equal(-1);
      check.move('done');
      check.emit(
        'oz-result',
        toResult({ folder_id: 'f', resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }),
      );
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
      expect(text(el, 'title')).to.equal(en['banner.title.accept']);
    });
  });

  describe('a title per kind of error', () => {
    const cases: [string, OzErrorDetail, string][] = [
      [
        'a refused camera',
        kitError('camera-denied', '', { messageKey: 'error.camera-denied.firefox' }),
        en['error.title.camera'],
      ],
      ['a page that is not secure', kitError('insecure-context'), en['error.title.camera']],
      ['a lost connection', kitError('upload-failed'), en['error.title.network']],
      ['a token that could not be fetched', kitError('session-token-failed'), en['error.title.network']],
      ['a rejected container', kitError('container-rejected', '', { ozErrorCode: 14 }), en['error.title.check']],
      ['an unknown plugin code', pluginError({ code: 'camera_broke' }), en['error.title.check']],
      ['a browser without WebAssembly', kitError('wasm-unsupported'), en['error.title.browser']],
    ];
    for (const [name, detail, title] of cases) {
      it(`${name}: "${title}"`, async () => {
        const el = await showing(detail);
        expect(text(el, 'title')).to.equal(title);
        expect(text(el, 'message')).to.equal(translate('en', detail.messageKey as keyof typeof en));
      });
    }

    it('five different titles (camera, connection, interrupted, browser, memory), none "Something went wrong"', () => {
      const titles = new Set(
        [...Object.values(KitErrorCode), ...Object.keys(WASM_ERRORS)].map((c) => en[titleKeyFor(c)]),
      );
      expect(titles.size).to.equal(5);
      expect([...titles]).to.not.include('Something went wrong');
    });

    it('a refused camera says how to allow it', async () => {
      const el = await showing(kitError('camera-denied', '', { messageKey: 'error.camera-denied.chrome' }));
      expect(text(el, 'message')).to.match(/To allow it in Chrome:$/);
      // Numbered steps, one item each (a list a screen reader counts), ending at the button's words.
      const steps = [...part(el, 'steps')!.querySelectorAll('li')].map((li) => li.textContent);
      expect(steps).to.deep.equal(splitSteps(en['steps.camera-denied.chrome']));
      expect(part(el, 'steps')!.localName).to.equal('ol');
      expect(steps.at(-1)).to.include(en['check.retry']);
    });
  });

  describe('the support reference', () => {
    const short = (el: OzResultBanner) => el.shadowRoot!.querySelector('.short bdi')?.textContent ?? '';
    const rows = (el: OzResultBanner) =>
      [...el.shadowRoot!.querySelectorAll('[part~="support-details"] li')].map((li) => li.textContent);

    it('shows one short reference, grouped 4-4, and the code, Oz’s error_code and the request id only in the collapsed details', async () => {
      const el = await showing(
        kitError('container-rejected', 'HTTP 400', { status: 400, ozErrorCode: 14, requestId: 'req-7f3a9c' }),
      );
      expect(short(el)).to.equal('REQ7-F3A9');
      const details = part(el, 'support-details') as HTMLDetailsElement;
      expect(details.localName).to.equal('details');
      expect(details.open).to.equal(false);
      expect(rows(el)).to.deep.equal(['container-rejected', 'Service code 14', 'Request req-7f3a9c']);
      // What is on screen before the details are opened: no code, no full id.
      const seen = el.shadowRoot!.querySelector('.short')!.textContent!;
      expect(seen).to.not.match(/container-rejected|14|req-7f3a9c/);
      expect(seen).to.contain(en['banner.reference.copy']);
    });

    it('takes the plugin’s session id when there is no request id; a short id only in the details', async () => {
      const el = await showing(
        pluginError({ code: 'error_wasm_internal_failure_3', event_session_id: 'a41f9c2e-77d0-4b1a' }),
      );
      expect(short(el)).to.equal('A41F-9C2E');
      const bare = await showing(pluginError({ code: 'error_wasm_internal_failure_3', event_session_id: 'ev-5' }));
      expect(short(bare)).to.equal(''); // fewer than 8 letters and digits: nothing to read out
      expect(rows(bare)).to.deep.equal(['error_wasm_internal_failure_3', 'Session ev-5']);
    });

    for (const [what, detail] of [
      ['a refused camera', kitError('camera-denied', '', { requestId: 'req-11112222' })],
      ['a connection that may come back', kitError('upload-failed', '', { status: 502, requestId: 'req-11112222' })],
      ['another browser needed', kitError('wasm-unsupported', '', { requestId: 'req-11112222' })],
    ] as const) {
      it(`shows no support part for ${what}: the person can fix it alone`, async () => {
        const el = await showing(detail);
        expect(part(el, 'reference')).to.equal(null);
      });
    }

    it('shows one for what no retry mends (a config answer from the backend)', async () => {
      const el = await showing(routeError('upload-failed', '', { status: 404, requestId: 'b7c1d2e3f4' }));
      expect(short(el)).to.equal('B7C1-D2E3');
    });

    it('copies the short reference with its button; the button says so and keeps the focus', async () => {
      const el = await showing(kitError('container-rejected', '', { ozErrorCode: 14, requestId: 'req-7f3a9c' }));
      const copied: string[] = [];
      const clipboard = navigator.clipboard;
      const writeText = clipboard.writeText;
      clipboard.writeText = async (t: string) => void copied.push(t);
      try {
        const button = part(el, 'copy') as HTMLButtonElement;
        button.focus();
        button.click();
        await waitUntil(() => button.textContent!.trim() === en['banner.reference.copied'], 'the button says Copied');
        expect(copied).to.deep.equal(['REQ7-F3A9']);
        expect(el.shadowRoot!.activeElement).to.equal(button);
      } finally {
        clipboard.writeText = writeText;
      }
    });

    it('selects the reference when the browser refuses the clipboard, so the keyboard can copy it', async () => {
      const el = await showing(kitError('container-rejected', '', { ozErrorCode: 14, requestId: 'req-7f3a9c' }));
      const clipboard = navigator.clipboard;
      const writeText = clipboard.writeText;
      clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
      try {
        const button = part(el, 'copy') as HTMLButtonElement;
        button.focus();
        button.click();
        await waitUntil(() => getSelection()!.toString() === 'REQ7-F3A9', 'the reference is selected');
        expect(button.textContent!.trim()).to.equal(en['banner.reference.copy']);
        expect(el.shadowRoot!.activeElement).to.equal(button);
      } finally {
        clipboard.writeText = writeText;
        getSelection()!.removeAllRanges();
      }
    });

    it('strips bidirectional controls from ids and isolates each one (<bdi dir=ltr>)', async () => {
      const forged = 'req-\u202e1234\u2066abcd\u200f';
      const el = await showing(kitError('container-rejected', '', { ozErrorCode: 14, requestId: forged }));
      const ids = [...el.shadowRoot!.querySelectorAll('[part~="reference"] bdi')];
      expect(ids.map((b) => b.textContent)).to.deep.equal(['REQ1-234A', 'container-rejected', '14', 'req-1234abcd']);
      for (const b of ids) expect(b.getAttribute('dir')).to.equal('ltr');
      expect(part(el, 'reference')!.textContent).to.not.match(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    });

    it('keeps the short reference on one line in a 320 px banner', async () => {
      const el = await showing(
        kitError('container-rejected', '', { ozErrorCode: 14, requestId: '0f8e2c4a-9b7d-4e21-a3c6-5d1f0e9b8a77' }),
      );
      el.style.inlineSize = '320px';
      await el.updateComplete;
      const ref = el.shadowRoot!.querySelector<HTMLElement>('.short bdi')!;
      expect(ref.getClientRects().length).to.equal(1);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1); // nothing cut, nothing sideways
    });

    it('is not announced: the live region tells what happened, the reference waits to be asked for', async () => {
      const el = await showing(kitError('container-rejected', '', { ozErrorCode: 14, requestId: 'req-7f3a9c' }));
      expect(part(el, 'reference')!.getAttribute('aria-live')).to.equal('off');
    });

    it('shows no support part when there is no id and no code', async () => {
      const el = await showing({ code: '', category: 'plugin', message: '', retryable: true, messageKey: '' });
      expect(part(el, 'reference')).to.equal(null);
    });
  });

  describe('support-contact', () => {
    it('puts the page’s contact, as text, in a failure support can help with', async () => {
      const el = await showing(routeError('upload-failed', '', { status: 404 }));
      el.supportContact = '<b>call</b> 0800 123 456';
      await el.updateComplete;
      expect(text(el, 'contact')).to.equal('<b>call</b> 0800 123 456');
      expect(el.shadowRoot!.querySelector('b')).to.equal(null);
      expect(text(el, 'message')).to.equal(
        en['error.upload-failed.config.contact'].replace('{contact}', '<b>call</b> 0800 123 456'),
      );
      expect(el.getAttribute('support-contact')).to.equal('<b>call</b> 0800 123 456');
    });

    it('uses the followed check’s contact when it has none of its own, its own when it has one', async () => {
      const { check, el } = await following();
      (check as VoiceCheck & { supportContact?: string }).supportContact = 'call 0800 111 222';
      check.emit('oz-error', routeError('upload-failed', '', { status: 404 }));
      check.move('error');
      await el.updateComplete;
      expect(text(el, 'contact')).to.equal('call 0800 111 222');
      el.supportContact = 'write to help@bank.example';
      await el.updateComplete;
      expect(text(el, 'contact')).to.equal('write to help@bank.example');
    });
  });

  describe('right-to-left pages', () => {
    it('keeps an English text’s full stop at its end, and ids in their order', async () => {
      const root = await fixture<HTMLElement>(
        html`<div dir="rtl"><voice-provider lang="en"><oz-result-banner></oz-result-banner></voice-provider></div>`,
      );
      const provider = root.querySelector<VoiceProvider>('voice-provider')!;
      const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
      provider.share({
        state: 'error',
        error: routeError('upload-failed', '', { status: 404, requestId: 'req-1' }),
      });
      await el.updateComplete;
      for (const name of ['title', 'message'])
        expect(getComputedStyle(part(el, name)!).direction, name).to.equal('ltr');
      // The card follows its words' language, not the page: English words in a right-to-left page get a
      // left-to-right card, so the icon sits beside the words it goes with (issue 25).
      expect(getComputedStyle(part(el, 'base')!).direction).to.equal('ltr');
      expect(el.shadowRoot!.querySelectorAll('bdi.token').length).to.equal(2);
    });
  });

  describe('accessibility (axe) in the new states', () => {
    it('passes while analysing', async () => {
      const { provider, el } = await nested();
      provider.share({ state: 'uploading', progress: { loaded: 1, total: 1 }, analysing: true });
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    for (const code of ['insecure-context', 'camera-unsupported', 'camera-denied', 'wasm-unsupported'] as const) {
      it(`passes for ${code}`, async () => {
        await expect(await showing(kitError(code))).to.be.accessible();
      });
    }

    it('passes for an error with a full reference', async () => {
      await expect(
        await showing(kitError('container-rejected', '', { ozErrorCode: 14, requestId: 'req-1' })),
      ).to.be.accessible();
    });
  });
});

describe('<oz-result-banner>: what it says never contradicts the outcome', () => {
  const outcomes = [
    ['SUCCESS', 'FINISHED', 'accept'],
    ['DECLINED', 'FINISHED', 'reject'],
    ['FAILED', 'FAILED', 'failed'],
  ] as const;
  for (const [sr, rs, decision] of outcomes) {
    it(`${decision}: the title, the message and the status agree`, async () => {
      const { provider, el } = await nested();
      provider.share({
        state: 'done',
        result: toResult({ folder_id: 'f', resolution_status: rs, system_resolution: sr }),
      });
      await waitUntil(() => el.status === decision);
      expect(text(el, 'title')).to.equal(en[`banner.title.${decision}`]);
      expect(text(el, 'message')).to.equal(en[`banner.message.${decision}`]);
      const others = outcomes.filter(([, , d]) => d !== decision).map(([, , d]) => en[`banner.title.${d}`]);
      expect(el.shadowRoot!.textContent).to.not.include.oneOf(others);
    });
  }
});

// Any combination of banners following one real <oz-liveness-check> (nested, for=, several): one
// speaks, the others show the same words in silence, and a screen reader hears each change once.
describe('<oz-result-banner>: one voice with several banners on one check', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  const combos: [string, number, number][] = [
    ['one nested banner', 1, 0],
    ['one for= banner', 0, 1],
    ['a nested banner and a for= banner', 1, 1],
    ['two for= banners', 0, 2],
    ['a nested banner and two for= banners', 1, 2],
  ];
  for (const [name, nestedCount, forCount] of combos) {
    it(`${name}: each change of a whole run announced once, every banner showing it`, async () => {
      const id = uniqueId();
      const root = await fixture<HTMLElement>(html`<div lang="en"></div>`);
      const el = document.createElement('oz-liveness-check') as OzLivenessCheck;
      el.id = id;
      el.setAttribute('plugin-src', freshStubSrc());
      el.setAttribute('session-token-url', `/test-backend/token?id=${id}`);
      el.setAttribute('backend-url', `/test-backend/upload?id=${id}`);
      el.setAttribute('upload-retries', '0');
      for (let i = 0; i < nestedCount; i++) el.append(document.createElement('oz-result-banner'));
      root.append(el);
      for (let i = 0; i < forCount; i++) {
        const b = document.createElement('oz-result-banner');
        b.htmlFor = id;
        root.append(b);
      }
      const banners = [...root.querySelectorAll<OzResultBanner>('oz-result-banner')];
      await Promise.all([el.updateComplete, ...banners.map((b) => b.updateComplete)]);
      const log = new LiveRegionLog(root);
      void el.start();
      await waitUntil(() => stub.calls.length > 0 && el.state === 'capturing', 'plugin opened', { timeout: 10_000 });
      stub.last.on_capture_complete({ action: 'video_selfie_blank' }, randomContainer(20_000));
      await waitUntil(() => el.state === 'done', 'the run ended', { timeout: 15_000 });
      await Promise.all(banners.map((b) => b.updateComplete));
      const heard = log.stop().map((a) => a.text);
      const outcome = `${en['banner.title.accept']} ${en['banner.message.accept']}`;
      expect(
        heard.filter((t) => t === outcome),
        heard.join(' | '),
      ).to.have.length(1);
      expect(new Set(heard).size, heard.join(' | ')).to.equal(heard.length);
      expect(heard).to.include(en['check.state.capturing']);
      // One live region in the whole page; every banner shows the outcome.
      expect(deepQueryAll(root, '[role=status], [role=alert], [aria-live]:not([aria-live=off])')).to.have.length(1);
      for (const b of banners) expect(text(b, 'title')).to.equal(en['banner.title.accept']);
    });
  }

  it('when the banner that speaks goes, the next one speaks, still once per change', async () => {
    const root = await fixture<HTMLElement>(html`<div lang="en"></div>`);
    const el = document.createElement('oz-liveness-check') as OzLivenessCheck;
    el.id = uniqueId();
    const nestedBanner = el.appendChild(document.createElement('oz-result-banner'));
    const forBanner = document.createElement('oz-result-banner');
    forBanner.htmlFor = el.id;
    root.append(el, forBanner);
    await Promise.all([el.updateComplete, nestedBanner.updateComplete, forBanner.updateComplete]);
    const speaking = () => [nestedBanner, forBanner].filter((b) => part(b, 'base')!.hasAttribute('role'));
    expect(speaking()).to.have.length(1);
    const first = speaking()[0]!;
    first.remove();
    const other = first === nestedBanner ? forBanner : nestedBanner;
    await waitUntil(() => part(other, 'base')!.hasAttribute('role'), 'the other banner took the voice');
    const log = new LiveRegionLog(root);
    void el.start(); // no plugin-src: invalid-config at once
    await waitUntil(() => el.state === 'error', 'the error');
    await other.updateComplete;
    // Each press is heard at once (issue 24: feedback on every press), then the outcome: each change once.
    expect(log.stop().map((a) => a.text)).to.deep.equal([
      en['check.state.loading'],
      `${en['error.title.check']} ${en['error.invalid-config']}`,
    ]);
  });

  it('Followers: the first to follow speaks; each is told only when its role changes', () => {
    const followers = new Followers();
    const told: string[] = [];
    const a = document.createElement('a-');
    const b = document.createElement('b-');
    const stopA = followers.add(a, (speaks) => told.push(`a:${speaks}`));
    followers.add(b, (speaks) => told.push(`b:${speaks}`));
    expect(told).to.deep.equal(['a:true', 'b:false']);
    stopA();
    expect(told).to.deep.equal(['a:true', 'b:false', 'b:true']);
    stopA(); // a second unfollow changes nothing
    expect(followers.size).to.equal(1);
    expect(told).to.have.length(3);
  });
});
