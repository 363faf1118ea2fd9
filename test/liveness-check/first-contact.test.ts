// Every way Oz's documentation lets a real plugin behave, not only the friendly one (issue 23;
// docs/troubleshooting.md, "The Web Adapter's settings"): a stub plugin that really calls back in
// that order and with those arguments, each callback in a task of its own after open().
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { check } from '../support/check-fixture.js';
import { installStub, randomContainer, received, sha256, uniqueId, type StubPlugin } from '../support/stub-plugin.js';

const RESULT = { action: 'video_selfie_blank', best_frame: 'data:image/jpeg;base64,AAAA', additional_info: '' };
const KIT_EVENTS = ['oz-capture-complete', 'oz-close', 'oz-error', 'oz-result', 'oz-state-change'] as const;

/** Every kit event of `el`, in order: `oz-close:user`, `oz-state-change:ready`, … */
function record(el: OzLivenessCheck): string[] {
  const seen: string[] = [];
  for (const name of KIT_EVENTS)
    el.addEventListener(name, (e) => {
      const d = (e as CustomEvent).detail;
      seen.push(`${name}${d?.reason ? `:${d.reason}` : d?.state ? `:${d.state}` : d?.code ? `:${d.code}` : ''}`);
    });
  return seen;
}

/** start(), until the plugin's open() (its script, if any, may move the state on at once). */
async function opened(el: OzLivenessCheck, stub: StubPlugin): Promise<Record<string, any>> {
  const before = stub.calls.length;
  void el.start();
  await waitUntil(() => stub.calls.length > before, 'plugin opened', { timeout: 10_000 });
  return stub.last;
}

describe('<oz-liveness-check> at first contact with a real plugin', () => {
  let stub: StubPlugin;
  beforeEach(() => {
    stub = installStub();
  });
  afterEach(async () => {
    sinon.restore();
    await executeServerCommand('camera-permission', { setting: 'reset' });
  });

  describe('the container, wherever the plugin hands it over', () => {
    const shapes: [string, (container: Blob) => unknown[], unknown][] = [
      ['as the only argument (the launch-options page)', (c) => [c], undefined],
      ['first, with the result second', (c) => [c, RESULT], RESULT],
    ];
    for (const [name, args, result] of shapes) {
      it(`on_capture_complete with the container ${name}: uploaded byte for byte`, async () => {
        const id = uniqueId();
        const el = await check({}, id);
        const container = randomContainer(30_000);
        stub.script = [(o) => o.on_capture_complete(...args(container))];
        const complete = oneEvent(el, 'oz-capture-complete');
        const done = oneEvent(el, 'oz-result');
        await opened(el, stub);
        const { detail } = await complete;
        expect(detail.container).to.equal(container);
        expect(detail.result).to.deep.equal(result);
        expect((await done).detail.decision).to.equal('accept');
        const [got] = await received(id);
        expect(got.sha256).to.equal(await sha256(container));
      });
    }
  });

  describe('a window that closes before it hands over the container', () => {
    it('is not a cancel: the container that follows is uploaded, and the close is told as complete, once', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      const container = randomContainer(20_000);
      stub.script = [(o) => o.on_close(), (o) => o.on_capture_complete(RESULT, container)];
      const seen = record(el);
      const done = oneEvent(el, 'oz-result');
      await opened(el, stub);
      await done;
      await waitUntil(() => seen.includes('oz-close:complete'), 'the close told');
      const fromCapture = seen.slice(seen.indexOf('oz-state-change:capturing'));
      expect(fromCapture).to.not.include('oz-state-change:ready'); // never taken for a cancel
      expect(fromCapture.filter((e) => e.startsWith('oz-close'))).to.deep.equal(['oz-close:complete']);
      expect(fromCapture.indexOf('oz-capture-complete')).to.be.lessThan(fromCapture.indexOf('oz-close:complete'));
      expect((await received(id))[0].sha256).to.equal(await sha256(container));
    });

    it('with no container within the grace period it is a cancel (user); a container after that is not uploaded', async () => {
      const id = uniqueId();
      const el = await check({}, id);
      stub.script = [(o) => o.on_close()];
      const seen = record(el);
      const closed = oneEvent(el, 'oz-close');
      const o = await opened(el, stub);
      expect((await closed).detail.reason).to.equal('user');
      expect(el.state).to.equal('ready');
      o.on_capture_complete(RESULT, randomContainer(1000)); // too late: the person has moved on
      expect(seen).to.not.include('oz-capture-complete');
      expect(el.state).to.equal('ready');
      expect(el.container).to.equal(undefined);
      expect(await received(id)).to.have.length(0);
    });

    const cancels: [string, (el: OzLivenessCheck) => void, string[]][] = [
      ['close()', (el) => el.close(), ['oz-close:user']],
      ['reset()', (el) => el.reset(), []],
    ];
    for (const [name, cancel, told] of cancels) {
      it(`${name} while it may still come is a real cancel at once: the late container is not uploaded`, async () => {
        const id = uniqueId();
        const el = await check({}, id);
        stub.script = [(o) => o.on_close()];
        const o = await opened(el, stub);
        await stub.played;
        const seen = record(el);
        cancel(el);
        expect(['ready', 'idle']).to.include(el.state);
        o.on_capture_complete(RESULT, randomContainer(1000));
        expect(seen.filter((e) => !e.startsWith('oz-state-change'))).to.deep.equal(told);
        expect(el.container).to.equal(undefined);
        expect(await received(id)).to.have.length(0);
      });
    }

    it("start() while it may still come: that window's close is told, a new capture opens, the old container is not uploaded", async () => {
      const id = uniqueId();
      const el = await check({}, id);
      stub.script = [(o) => o.on_close()];
      const old = await opened(el, stub);
      await stub.played;
      stub.script = [];
      const seen = record(el);
      await opened(el, stub);
      expect(seen.filter((e) => e.startsWith('oz-close'))).to.deep.equal(['oz-close:user']);
      old.on_capture_complete(RESULT, randomContainer(1000));
      expect(seen).to.not.include('oz-capture-complete');
      expect(el.state).to.equal('capturing');
      expect(await received(id)).to.have.length(0);
    });
  });

  describe('a Web Adapter that is not in the capture architecture', () => {
    for (const callback of ['on_complete', 'on_submit', 'on_result']) {
      it(`the plugin calls ${callback} → adapter-not-capture-mode (config, not retryable); the window closed, nothing uploaded`, async () => {
        const id = uniqueId();
        const el = await check({}, id);
        // What a plugin in the `normal` architecture does: it uploads by itself and reports that.
        stub.script = [(o) => o[callback]({ state: 'finished', analyses: {} }), (o) => o.on_close()];
        const seen = record(el);
        const failed = oneEvent(el, 'oz-error');
        const o = await opened(el, stub);
        const { detail } = await failed;
        expect(detail).to.include({ code: 'adapter-not-capture-mode', category: 'config', retryable: false });
        expect(detail.message).to.contain(callback);
        expect(stub.closes).to.equal(1);
        expect(el.state).to.equal('error');
        await stub.played;
        o.on_capture_complete(RESULT, randomContainer(1000)); // whatever comes next is not this kit's to send
        expect(seen.filter((e) => e.startsWith('oz-close'))).to.deep.equal(['oz-close:error']);
        expect(seen).to.not.include('oz-capture-complete');
        expect(await received(id)).to.have.length(0);
      });
    }
  });

  describe('open() options as Oz documents them', () => {
    it("lang reaches open() exactly as given: a pack the kit has no words for, an ancestor's region tag", async () => {
      const el = await check({ lang: 'fr' });
      expect((await opened(el, stub)).lang).to.equal('fr');
      el.reset();
      const inner = await check();
      inner.parentElement!.setAttribute('lang', 'de-CH');
      expect((await opened(inner, stub)).lang).to.equal('de-CH');
      inner.reset();
    });

    it('get-user-media-promise-timeout-ms: milliseconds reach open() as { default: ms }, a JSON object as is', async () => {
      const ms = await check({ 'get-user-media-promise-timeout-ms': '5000' });
      expect((await opened(ms, stub)).get_user_media_promise_timeout_ms).to.deep.equal({ default: 5000 });
      ms.reset();
      const keyed = await check({ 'get-user-media-promise-timeout-ms': '{"browser":7000,"default":9000}' });
      expect((await opened(keyed, stub)).get_user_media_promise_timeout_ms).to.deep.equal({
        browser: 7000,
        default: 9000,
      });
      keyed.reset();
    });
  });

  describe("a camera refused at the plugin's own prompt", () => {
    it("a plugin error with the camera now refused → camera-denied with the preflight's guidance, the plugin's code kept", async () => {
      const el = await check();
      await opened(el, stub); // the preflight passed: the camera was not refused yet
      // The person says no at the plugin's prompt: for real where the engine lets a test set it.
      const real = await executeServerCommand<boolean, { setting: string }>('camera-permission', { setting: 'denied' });
      if (real) {
        expect((await navigator.permissions.query({ name: 'camera' as PermissionName })).state).to.equal('denied');
      } else {
        sinon
          .stub(navigator.permissions, 'query')
          .resolves({ state: 'denied', name: 'camera' } as unknown as PermissionStatus);
      }
      const failed = oneEvent(el, 'oz-error');
      stub.last.on_error({ code: 'camera_not_allowed', event_session_id: 'ev-77', message: 'NotAllowedError' });
      const { detail } = await failed;
      expect(detail).to.include({
        code: 'camera-denied',
        category: 'environment',
        retryable: true,
        pluginCode: 'camera_not_allowed',
        telemetryId: 'ev-77',
      });
      const [found] = (await el.preflight()).problems; // what the preflight now says in this browser
      expect(found).to.include({ code: 'camera-denied' });
      expect(detail.messageKey).to.equal(found.messageKey);
    });
  });
});
