// What a person sees and hears from the check: one voice (the status line steps aside for a
// banner), words that match the outcome, a button per outcome doing the right retry, preflight
// before anything is spent, the analysing phase, and the request id of a failed token request.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { followCheck } from '../../src/context.js';
import en from '../../src/i18n/en.js';
import {
  freshStubSrc,
  installStub,
  randomContainer,
  received,
  uniqueId,
  type StubPlugin,
} from '../support/stub-plugin.js';

if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);
if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);

function configure(el: OzLivenessCheck, id: string, backend = `/test-backend/upload?id=${id}`) {
  el.setAttribute('plugin-src', freshStubSrc());
  el.setAttribute('session-token-url', `/test-backend/token?id=${id}`);
  el.setAttribute('backend-url', backend);
  el.setAttribute('upload-retries', '0');
}

async function check(id = uniqueId(), backend?: string): Promise<OzLivenessCheck> {
  const el = document.createElement('oz-liveness-check');
  configure(el, id, backend);
  await fixture(html`<div>${el}</div>`);
  await el.updateComplete;
  return el;
}

const status = (el: OzLivenessCheck) => el.shadowRoot!.querySelector<HTMLElement>('[part=status]');
const button = (el: OzLivenessCheck) => el.shadowRoot!.querySelector<HTMLButtonElement>('button');

async function captureOnce(el: OzLivenessCheck, stub: StubPlugin, container = randomContainer(20_000)) {
  const before = stub.calls.length;
  void el.start();
  await waitUntil(() => stub.calls.length > before && el.state === 'capturing', 'plugin opened', { timeout: 10_000 });
  stub.last.on_capture_complete({ action: 'video_selfie_blank' }, container);
}

describe('<oz-liveness-check> one voice', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  it('alone, it speaks: a polite status line; each state change changes its text once', async () => {
    const el = await check();
    const line = status(el)!;
    expect(line.getAttribute('role')).to.equal('status');
    const texts: string[] = [];
    new MutationObserver(() => texts.push(line.textContent!.trim())).observe(line, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    const result = oneEvent(el, 'oz-result');
    await captureOnce(el, stub);
    await result;
    await el.updateComplete;
    expect(texts.filter((t) => t === '')).to.deep.equal([]); // no blank flicker between two texts
    expect(texts.at(-1)).to.equal(en['check.outcome.accept']);
    expect(new Set(texts).size).to.equal(texts.length); // each text once: one announcement per change
  });

  it('with a nested banner, the status line steps aside (not shown, not live); without it, it is back', async () => {
    const el = await check();
    const banner = document.createElement('oz-result-banner');
    el.append(banner);
    await waitUntil(() => status(el) === null, 'the check stepped aside for the nested banner');
    expect(el.shadowRoot!.querySelector('[role=status], [aria-live]')).to.equal(null);
    banner.remove();
    await waitUntil(() => status(el) !== null, 'alone again, it speaks');
  });

  it('a banner following through for= makes it step aside too', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('oz-liveness-check');
    el.id = uniqueId();
    configure(el, el.id);
    const banner = document.createElement('oz-result-banner');
    banner.htmlFor = el.id;
    wrapper.append(el, banner);
    await waitUntil(() => el.shadowRoot && status(el) === null, 'stepped aside for the for= banner');
    banner.remove();
    await waitUntil(() => status(el) !== null, 'back when the banner left');
  });

  it('the follow handshake: each follower counts; the last unfollow brings the line back', async () => {
    const el = await check();
    const a = el[followCheck](document.createElement('div'));
    const b = el[followCheck](document.createElement('div'));
    await el.updateComplete;
    expect(status(el)).to.equal(null);
    a();
    await el.updateComplete;
    expect(status(el)).to.equal(null);
    b();
    await el.updateComplete;
    expect(status(el)).to.not.equal(null);
  });
});

describe('<oz-liveness-check> words and button per outcome', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });

  for (const [decision, query] of [
    ['reject', 'sr=DECLINED'],
    ['failed', 'rs=FAILED&sr=FAILED'],
  ] as const) {
    it(`after ${decision}: the status names the outcome (never "${en['check.state.done']}"), the button says Try again and starts a new capture`, async () => {
      const id = uniqueId();
      const el = await check(id, `/test-backend/upload?id=${id}&${query}`);
      const result = oneEvent(el, 'oz-result');
      await captureOnce(el, stub);
      expect((await result).detail.decision).to.equal(decision);
      await el.updateComplete;
      expect(status(el)!.textContent!.trim()).to.equal(en[`check.outcome.${decision}`]);
      expect(button(el)!.textContent!.trim()).to.equal(en['check.retry']);
      button(el)!.click();
      await waitUntil(() => stub.calls.length === 2 && el.state === 'capturing', 'a new capture opened');
      expect(await received(`token:${id}`)).to.have.length(2); // a fresh token for it
    });
  }

  it('after accept: no button; the next slot shows what the page put there', async () => {
    const el = await check();
    const next = document.createElement('a');
    next.slot = 'next';
    next.href = '#continue';
    next.textContent = 'Continue';
    el.append(next);
    const result = oneEvent(el, 'oz-result');
    await captureOnce(el, stub);
    await result;
    await el.updateComplete;
    expect(button(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('slot[name=trigger]')).to.equal(null);
    const slot = el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name=next]')!;
    expect(slot.assignedElements()).to.deep.equal([next]);
    expect(status(el)!.textContent!.trim()).to.equal(en['check.outcome.accept']);
  });

  it('an upload that failed: Try again re-sends the kept container (same key), without a new capture', async () => {
    const id = uniqueId();
    const el = await check(id, `/test-backend/upload?id=${id}&seq=503,201`);
    const failed = oneEvent(el, 'oz-error');
    await captureOnce(el, stub);
    expect((await failed).detail.code).to.equal('upload-failed');
    await el.updateComplete;
    expect(button(el)!.textContent!.trim()).to.equal(en['check.retry']);
    const result = oneEvent(el, 'oz-result');
    button(el)!.click();
    expect((await result).detail.decision).to.equal('accept');
    expect(stub.calls).to.have.length(1); // no second capture
    const posts = await received(id);
    expect(posts).to.have.length(2);
    expect(posts[1].headers['idempotency-key']).to.equal(posts[0].headers['idempotency-key']);
  });

  it('a rejected container (Oz checked it): Try again is a new capture, not the same bytes again', async () => {
    const id = uniqueId();
    const el = await check(id, `/test-backend/upload?id=${id}&seq=400&ozCode=14`);
    const failed = oneEvent(el, 'oz-error');
    await captureOnce(el, stub);
    expect((await failed).detail.code).to.equal('container-rejected');
    await el.updateComplete;
    expect(button(el)!.textContent!.trim()).to.equal(en['check.retry']);
    button(el)!.click();
    await waitUntil(() => stub.calls.length === 2, 'a new capture opened');
    expect(await received(id)).to.have.length(1);
  });

  it('while the backend analyses (every byte sent), the status says so and its bar is indeterminate', async () => {
    const id = uniqueId();
    const el = await check(id, `/test-backend/upload?id=${id}&hang=1`);
    el.uploadTimeout = 15_000;
    await captureOnce(el, stub, randomContainer(300_000));
    await waitUntil(() => status(el)?.textContent?.trim() === en['check.state.analysing'], 'analysing shown', {
      timeout: 10_000,
    });
    const bar = el.shadowRoot!.querySelector('progress')!;
    expect(bar.hasAttribute('value')).to.equal(false); // indeterminate, not a full bar
    el.reset();
  });

  it("a failed session-token request carries the backend's X-Request-Id as detail.requestId", async () => {
    const el = await check();
    el.sessionTokenUrl = `/test-backend/token?status=503&requestId=req-7f3a`;
    const err = oneEvent(el, 'oz-error');
    void el.start();
    expect((await err).detail).to.include({ code: 'session-token-failed', status: 503, requestId: 'req-7f3a' });
  });

  it("updateComplete waits for the element's language: no English first", async () => {
    const el = document.createElement('oz-liveness-check');
    el.lang = 'tr';
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(button(el)!.textContent!.trim()).to.not.equal(en['check.start']);
      expect(button(el)!.textContent!.trim()).to.not.equal('');
    } finally {
      el.remove();
    }
  });
});

describe('<oz-liveness-check> preflight', () => {
  let stub: StubPlugin;
  let undo: (() => void)[] = [];
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(() => {
    undo.forEach((f) => f());
    undo = [];
  });

  /** Replaces a browser API at the edge for one test. */
  function stubProperty(target: object, name: string, value: unknown) {
    const own = Object.getOwnPropertyDescriptor(target, name);
    Object.defineProperty(target, name, { value, configurable: true, writable: true });
    undo.push(() =>
      own ? Object.defineProperty(target, name, own) : delete (target as Record<string, unknown>)[name],
    );
  }

  const problems: [string, () => void, string][] = [
    ['no camera API', () => stubProperty(navigator.mediaDevices, 'getUserMedia', undefined), 'camera-unsupported'],
    [
      'a refused camera',
      () => stubProperty(navigator.permissions, 'query', async () => ({ state: 'denied' })),
      'camera-denied',
    ],
    ['no WebAssembly', () => stubProperty(globalThis, 'WebAssembly', undefined), 'wasm-unsupported'],
  ];
  for (const [name, breakIt, code] of problems) {
    it(`${name}: start() reports ${code} before loading the plugin or fetching a token`, async () => {
      const id = uniqueId();
      const el = await check(id);
      breakIt();
      expect((await el.preflight()).problems.map((p) => p.code)).to.include(code);
      const err = oneEvent(el, 'oz-error');
      void el.start();
      const { detail } = await err;
      expect(detail).to.include({ code, category: 'environment' });
      expect(el.state).to.equal('error');
      expect(await received(`token:${id}`)).to.have.length(0);
      const src = new URL(el.pluginSrc!, document.baseURI).href;
      expect([...document.scripts].some((s) => s.src === src)).to.equal(false);
      expect(stub.calls).to.have.length(0);
    });
  }

  it('nothing wrong: preflight() is ok and start() goes on', async () => {
    const el = await check();
    expect(await el.preflight()).to.deep.equal({ ok: true, problems: [] });
  });
});
