// Issue 24, the person and the integrator at the edges of the capture flow:
// 3. focus comes back into the element after the plugin window closes and after each outcome, with
//    real key presses (sendKeys), never left on <body>;
// 4. a decision on screen stays when a configuration problem comes after it;
// 5. close() and reset() act in every phase, also from inside the kit's own events;
// 6. every press gives visible and announced feedback, also when the same problem repeats.
// The plugin is the stub, with a window of its own in the page that takes focus as Oz's does.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import '../../src/index.js';
import en from '../../src/i18n/en.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { check } from '../support/check-fixture.js';
import { installStub, randomContainer, received, uniqueId, type StubPlugin } from '../support/stub-plugin.js';

const button = (el: OzLivenessCheck) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part=button]');
const statusLine = (el: OzLivenessCheck) => el.shadowRoot!.querySelector('[part=status]');

/**
 * The stub's open() shows a window in the page and moves focus into it, as the plugin does; Escape
 * in it closes it (on_close). `done()` plays the end of a capture: the container, then the window closes.
 */
function pluginWindow(stub: StubPlugin) {
  stub.onOpen = (options) => {
    const win = document.createElement('div');
    win.className = 'plugin-window';
    const cancel = document.createElement('button');
    cancel.textContent = 'Cancel';
    win.append(cancel);
    win.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      win.remove();
      options.on_close();
    });
    document.body.append(win);
    cancel.focus();
  };
  const close = stub.close;
  stub.close = function () {
    document.querySelector('.plugin-window')?.remove();
    close.call(this);
  };
  return {
    done(container = randomContainer(5_000)) {
      stub.last.on_capture_complete({ action: 'video_selfie_blank' }, container);
      document.querySelector('.plugin-window')?.remove();
      stub.last.on_close();
    },
  };
}

/** Where focus is: `button` (the element's own), `host` (the element itself), `body`, or `elsewhere`. */
function focusIn(el: OzLivenessCheck): string {
  const active = document.activeElement;
  if (active === el) return el.shadowRoot!.activeElement === button(el) && button(el) ? 'button' : 'host';
  if (!active || active === document.body) return 'body';
  return 'elsewhere';
}

/** Waits for `condition`; on giving up, says what it saw (`what`). */
async function until(condition: () => unknown, what: string | (() => string) = 'gave up'): Promise<void> {
  try {
    await waitUntil(condition, 'gave up');
  } catch {
    throw new Error(typeof what === 'function' ? what() : what);
  }
}

/** Presses Enter on the element's button, focused as by a keyboard user. */
async function press(el: OzLivenessCheck): Promise<void> {
  await until(() => button(el) && !button(el)!.disabled, 'the button is there and usable');
  button(el)!.focus();
  await sendKeys({ press: 'Enter' });
}

/** No plugin window is open: every open() has had its close (or its on_close). */
const windowsOpen = () => document.querySelectorAll('.plugin-window').length;

describe('<oz-liveness-check> at the person’s edges', function () {
  this.timeout(60_000);
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(() => {
    sinon.restore();
    for (const w of document.querySelectorAll('.plugin-window')) w.remove();
  });

  describe('3. focus', () => {
    it('Escape in the plugin window: focus is back on the element’s button, not on <body>', async () => {
      const el = await check({ lang: 'en' });
      pluginWindow(stub);
      await press(el);
      await waitUntil(() => el.state === 'capturing' && windowsOpen() === 1, 'the plugin window opened');
      expect(document.activeElement?.textContent).to.equal('Cancel');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => windowsOpen() === 0, 'the plugin window closed');
      await until(
        () => focusIn(el) === 'button',
        () => `focus is on ${focusIn(el)}, not the button`,
      );
      // The button has it for real: Enter starts again.
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => stub.calls.length === 2, 'Enter on the returned focus started again');
    });

    const outcomes: [string, Record<string, string>, string][] = [
      ['accept (the button is gone: the element itself)', {}, 'host'],
      ['reject', { sr: 'DECLINED' }, 'button'],
      ['an upload error', { seq: '503' }, 'button'],
    ];
    for (const [name, query, where] of outcomes) {
      it(`after the window closes and after the outcome, ${name}: focus in the element`, async () => {
        const id = uniqueId();
        const el = await check(
          { lang: 'en', 'backend-url': `/test-backend/upload?${new URLSearchParams({ id, ...query })}` },
          id,
        );
        const plugin = pluginWindow(stub);
        await press(el);
        await waitUntil(() => el.state === 'capturing' && windowsOpen() === 1, 'the plugin window opened');
        plugin.done();
        await waitUntil(() => focusIn(el) !== 'body', 'focus left on <body> after the window closed');
        await waitUntil(() => el.state === 'done' || el.state === 'error', 'an outcome');
        await until(
          () => focusIn(el) === where,
          () => `after the outcome focus is on ${focusIn(el)}, not ${where}`,
        );
        if (where === 'host') expect(el.tabIndex).to.equal(-1);
      });
    }
  });

  describe('4. a decision on screen stays', () => {
    it('a bad attribute after "Check passed" is an oz-error only: state, result and banner keep the decision', async () => {
      const el = await check({ lang: 'en' });
      const banner = document.createElement('oz-result-banner') as OzResultBanner;
      el.append(banner);
      const plugin = pluginWindow(stub);
      void el.start();
      await waitUntil(() => el.state === 'capturing', 'opened');
      plugin.done();
      await waitUntil(() => el.state === 'done' && banner.status === 'accept', 'accepted');
      const result = el.result;
      const title = () => banner.shadowRoot!.querySelector('[part=title]')?.textContent;
      expect(title()).to.equal(en['banner.title.accept']);
      // A framework re-render sets a bad value.
      const error = oneEvent(el, 'oz-error');
      el.setAttribute('upload-retries', 'many');
      expect((await error).detail).to.include({ code: 'invalid-config', field: 'upload-retries' });
      await el.updateComplete;
      await banner.updateComplete;
      expect(el.state).to.equal('done');
      expect(el.result).to.equal(result);
      expect(banner.status).to.equal('accept');
      expect(title()).to.equal(en['banner.title.accept']);
      // reset() clears it; the next start() reports the problem as it stands.
      el.reset();
      const again = oneEvent(el, 'oz-error');
      void el.start();
      expect((await again).detail.code).to.equal('invalid-config');
      expect(el.state).to.equal('error');
    });

    it('without a banner the element’s own status line keeps "Check passed"', async () => {
      const el = await check({ lang: 'en' });
      const plugin = pluginWindow(stub);
      void el.start();
      await waitUntil(() => el.state === 'capturing', 'opened');
      plugin.done();
      await until(() => el.state === 'done', 'accepted');
      const error = oneEvent(el, 'oz-error');
      el.setAttribute('credentials', 'sometimes');
      await error;
      await el.updateComplete;
      expect(statusLine(el)?.textContent).to.equal(en['check.outcome.accept']);
    });
  });

  describe('5. close() and reset() in every phase', () => {
    /**
     * After a cancel: once the canceled start() has run its course (its promise settles after open()
     * or its failure), the element is at rest with no window open, and the next start() opens.
     */
    async function nextStartWorks(el: OzLivenessCheck, opensBefore: number, started?: Promise<void>) {
      await started;
      await until(
        () => el.state === 'idle' || el.state === 'ready',
        () => `back at rest, not ${el.state}`,
      );
      expect(windowsOpen(), 'no plugin window left open').to.equal(0);
      expect(stub.calls.length - stub.closes, 'every open() closed').to.be.at.most(0);
      void el.start();
      await until(
        () => el.state === 'capturing',
        () => `the next start() opened (state ${el.state})`,
      );
      expect(stub.calls).to.have.length(opensBefore + 1);
      expect(el.error).to.equal(undefined);
    }

    it('close() right after start(): no open()', async () => {
      const el = await check();
      pluginWindow(stub);
      const started = el.start();
      el.close();
      await nextStartWorks(el, 0, started);
    });

    for (const phase of ['loading', 'starting'] as const) {
      it(`close() from an oz-state-change listener in ${phase}: no open()`, async () => {
        const el = await check();
        pluginWindow(stub);
        const listener = (e: CustomEvent) => e.detail.state === phase && el.close();
        el.addEventListener('oz-state-change', listener as EventListener);
        const started = el.start();
        await started;
        el.removeEventListener('oz-state-change', listener as EventListener);
        await nextStartWorks(el, 0, started);
      });
    }

    it('close() from the oz-open listener: no window left open, oz-close "api"', async () => {
      const el = await check();
      pluginWindow(stub);
      const closed = oneEvent(el, 'oz-close');
      el.addEventListener('oz-open', () => el.close(), { once: true });
      const started = el.start();
      await started;
      expect(windowsOpen(), 'no plugin window left open').to.equal(0);
      expect((await closed).detail.reason).to.equal('api');
      await nextStartWorks(el, stub.calls.length, started);
    });

    it('reset() from an oz-state-change listener as capturing begins: no window left open', async () => {
      const el = await check();
      pluginWindow(stub);
      const listener = (e: CustomEvent) => e.detail.state === 'capturing' && el.reset();
      el.addEventListener('oz-state-change', listener as EventListener);
      const started = el.start();
      await started;
      el.removeEventListener('oz-state-change', listener as EventListener);
      expect(windowsOpen(), 'no plugin window left open').to.equal(0);
      await nextStartWorks(el, stub.calls.length, started);
    });

    it('reset() while capturing closes the plugin window; the next start() works', async () => {
      const el = await check();
      pluginWindow(stub);
      void el.start();
      await waitUntil(() => windowsOpen() === 1, 'opened');
      el.reset();
      expect(stub.closes).to.equal(1);
      await nextStartWorks(el, 1);
    });

    it('reset() while the simulator’s camera is on: the camera is released, its window gone, the next start() works', async () => {
      // The simulator plugin with the browser's fake camera: a real getUserMedia stream, really stopped (or not).
      const gum = sinon.spy(navigator.mediaDevices, 'getUserMedia');
      const streams = async () =>
        Promise.all(gum.getCalls().map((c) => (c.returnValue as Promise<MediaStream>).catch(() => undefined)));
      const live = async () => (await streams()).some((s) => s?.getTracks().some((t) => t.readyState === 'live'));
      const el = await check({
        'plugin-src': `/simulator/plugin_liveness.js?scenario=accept&delay=60000&n=${uniqueId()}`,
      });
      void el.start();
      await until(
        async () => el.state === 'capturing' && (await live()),
        () => `camera never on (state ${el.state})`,
      );
      el.reset();
      await until(async () => !(await live()), 'the camera is still on after reset()');
      const shown = () =>
        [...document.querySelectorAll('[data-oz-simulator]')].filter((w) => !w.hasAttribute('data-hidden'));
      await until(() => shown().length === 0, 'the simulator window is still shown');
      void el.start();
      await until(
        async () => el.state === 'capturing' && (await live()),
        () => `the next start() did not open (state ${el.state})`,
      );
      expect(el.error).to.equal(undefined);
      el.reset();
      await until(async () => !(await live()), 'the camera is still on after the second reset()');
    });

    it('reset() from the oz-capture-complete listener: nothing uploaded, no window left open', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      pluginWindow(stub);
      void el.start();
      await until(() => windowsOpen() === 1, 'opened');
      el.addEventListener('oz-capture-complete', () => el.reset(), { once: true });
      stub.last.on_capture_complete({ action: 'video_selfie_blank' }, randomContainer(1_000));
      await nextStartWorks(el, 1);
      expect(await received(id)).to.have.length(0);
      expect(el.container).to.equal(undefined);
    });
  });

  describe('6. every press gives feedback', () => {
    /** The texts the element's status line shows from now on, in order (one per change). */
    function watchStatus(el: OzLivenessCheck) {
      const seen: string[] = [];
      const read = () => {
        const text = statusLine(el)?.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      };
      const observer = new MutationObserver(read);
      observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      return { seen, stop: () => observer.disconnect() };
    }

    it('"Try again" while the camera is still blocked: the status line changes and says it again', async () => {
      // The browser's answer about the camera is the edge faked here: "denied", on every press.
      sinon.stub(navigator.permissions, 'query').resolves({ state: 'denied' } as PermissionStatus);
      const el = await check({ lang: 'en' });
      const first = oneEvent(el, 'oz-error');
      await press(el);
      expect((await first).detail.code).to.equal('camera-denied');
      await el.updateComplete;
      const text = statusLine(el)!.textContent;
      expect(text).to.not.equal('');
      expect(button(el)!.textContent!.trim()).to.equal(en['check.retry']);
      const watch = watchStatus(el);
      const second = oneEvent(el, 'oz-error');
      await press(el);
      expect((await second).detail.code).to.equal('camera-denied');
      await until(
        () => watch.seen.length >= 2 && watch.seen.at(-1) === text,
        () => `seen: ${JSON.stringify(watch.seen)}`,
      );
      watch.stop();
      expect(
        watch.seen.slice(0, -1).some((t) => t !== text),
        'the line showed something else in between',
      ).to.equal(true);
      expect(stub.calls).to.have.length(0);
    });

    it('the same configuration problem on every press: the status line changes and says it again', async () => {
      const el = await check({ lang: 'en' });
      el.removeAttribute('backend-url');
      const first = oneEvent(el, 'oz-error');
      await press(el);
      expect((await first).detail).to.include({ code: 'invalid-config', field: 'backend-url' });
      await el.updateComplete;
      const text = statusLine(el)!.textContent;
      const watch = watchStatus(el);
      const second = oneEvent(el, 'oz-error');
      await press(el);
      await second;
      await until(
        () => watch.seen.length >= 2 && watch.seen.at(-1) === text,
        () => `seen: ${JSON.stringify(watch.seen)}`,
      );
      watch.stop();
    });

    it('with a nested banner, the banner says the repeated problem again', async () => {
      sinon.stub(navigator.permissions, 'query').resolves({ state: 'denied' } as PermissionStatus);
      const el = await check({ lang: 'en' });
      const banner = document.createElement('oz-result-banner') as OzResultBanner;
      el.append(banner);
      await press(el);
      await waitUntil(() => banner.status === 'error', 'the banner shows the error');
      await banner.updateComplete;
      const message = () => banner.shadowRoot!.querySelector('[part=message]')?.textContent ?? '';
      const text = message();
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.at(-1) !== message() && seen.push(message()));
      observer.observe(banner.shadowRoot!, { subtree: true, childList: true, characterData: true });
      await press(el);
      await until(
        () => seen.length >= 2 && seen.at(-1) === text,
        () => `seen: ${JSON.stringify(seen)}`,
      );
      observer.disconnect();
    });
  });
});
