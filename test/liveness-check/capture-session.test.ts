// The capture session alone: no element, a plain object standing in for the plugin.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import {
  CaptureSession,
  CLOSE_GRACE_MS,
  errorObject,
  randomKey,
  type CaptureSessionEvents,
} from '../../src/liveness-check/capture-session.js';

function fakePlugin() {
  const plugin = {
    calls: [] as Record<string, any>[],
    closes: 0,
    open(options: Record<string, any>) {
      plugin.calls.push(options);
    },
    close() {
      plugin.closes++;
      plugin.calls.at(-1)?.on_close?.(); // like Oz: close() still calls on_close
    },
  };
  return plugin;
}

function recorder() {
  const seen: [string, ...unknown[]][] = [];
  const events: CaptureSessionEvents = {
    captured: (result, container) => seen.push(['captured', result, container]),
    failed: (raw) => seen.push(['failed', raw]),
    misconfigured: (callback) => seen.push(['misconfigured', callback]),
    closed: (reason, beforeCapture) => seen.push(['closed', reason, beforeCapture]),
  };
  return { seen, events };
}

describe('CaptureSession', () => {
  afterEach(() => sinon.restore()); // fake timers too

  it('passes the options through with its own callbacks', () => {
    const plugin = fakePlugin();
    const { events } = recorder();
    new CaptureSession(events).open(plugin, { lang: 'en', action: ['video_selfie_blank'] });
    expect(plugin.calls[0]).to.include({ lang: 'en' });
    expect(plugin.calls[0].on_capture_complete).to.be.a('function');
  });

  it('one close per window, and the reason says who closed it', () => {
    const clock = sinon.useFakeTimers();
    const cases: [string, (s: CaptureSession, p: ReturnType<typeof fakePlugin>) => void, string][] = [
      ['the person, before a capture', (_s, p) => p.calls[0].on_close(), 'user'],
      [
        'after a capture',
        (_s, p) => (p.calls[0].on_capture_complete({}, new Blob(['x'])), p.calls[0].on_close()),
        'complete',
      ],
      ['the page (close())', (s) => s.close(), 'api'],
      ['after an error', (_s, p) => (p.calls[0].on_error({ code: 'x' }), p.calls[0].on_close()), 'error'],
    ];
    for (const [name, act, reason] of cases) {
      const plugin = fakePlugin();
      const { seen, events } = recorder();
      const session = new CaptureSession(events);
      session.open(plugin, {});
      act(session, plugin);
      plugin.calls[0].on_close(); // a second on_close is not a second close
      clock.tick(CLOSE_GRACE_MS); // a close before any container is told once the grace is over
      session.close();
      expect(
        seen.filter((e) => e[0] === 'closed'),
        name,
      ).to.deep.equal([['closed', reason, reason !== 'complete']]);
    }
  });

  it('a capture is reported once, and only with a Blob', () => {
    const plugin = fakePlugin();
    const { seen, events } = recorder();
    new CaptureSession(events).open(plugin, {});
    plugin.calls[0].on_capture_complete({}, 'not a blob');
    const blob = new Blob(['c']);
    plugin.calls[0].on_capture_complete({ a: 1 }, blob);
    plugin.calls[0].on_capture_complete({ a: 2 }, new Blob(['d']));
    expect(seen.map((e) => e[0])).to.deep.equal(['failed', 'captured']);
    expect((seen[0][1] as { code: string }).code).to.equal('plugin_invalid_container');
    expect(seen[1][2]).to.equal(blob);
  });

  it('dispose() closes a window still open, once, and frees the lock', () => {
    const plugin = fakePlugin();
    const { events } = recorder();
    const session = new CaptureSession(events);
    expect(session.claimWindow()).to.equal(true);
    session.open(plugin, {});
    session.dispose();
    session.dispose();
    expect(plugin.closes).to.equal(1);
    const other = new CaptureSession(events);
    expect(other.claimWindow()).to.equal(true);
    other.dispose();
  });

  it('the container from either argument; a close before it waits for it and is then told as complete', () => {
    const clock = sinon.useFakeTimers();
    const plugin = fakePlugin();
    const { seen, events } = recorder();
    new CaptureSession(events).open(plugin, {});
    const blob = new Blob(['c']);
    plugin.calls[0].on_close(); // first, as Oz's docs allow
    expect(seen).to.deep.equal([]); // not yet a cancel
    clock.tick(CLOSE_GRACE_MS - 1);
    plugin.calls[0].on_capture_complete(blob); // one argument, the container
    expect(seen).to.deep.equal([
      ['captured', undefined, blob],
      ['closed', 'complete', false],
    ]);
    clock.tick(CLOSE_GRACE_MS);
    expect(seen).to.have.length(2);
  });

  it('on_complete, on_submit, on_result are reported as the wrong adapter mode; the close after them says error', () => {
    for (const name of ['on_complete', 'on_submit', 'on_result']) {
      const plugin = fakePlugin();
      const { seen, events } = recorder();
      new CaptureSession(events).open(plugin, {});
      plugin.calls[0][name]({ state: 'finished' });
      plugin.calls[0].on_close();
      expect(seen, name).to.deep.equal([
        ['misconfigured', name],
        ['closed', 'error', true],
      ]);
    }
  });

  it('a plugin that throws from open() is a failure, not an exception', () => {
    const { seen, events } = recorder();
    new CaptureSession(events).open(
      {
        open: () => {
          throw new Error('boom');
        },
      },
      {},
    );
    expect(seen[0][0]).to.equal('failed');
    expect((seen[0][1] as { message: string }).message).to.equal('boom');
  });

  it('the window lock: one session at a time, freed by a capture, a close or dispose()', () => {
    const { events } = recorder();
    const first = new CaptureSession(events);
    const second = new CaptureSession(events);
    expect(first.claimWindow()).to.equal(true);
    expect(second.claimWindow()).to.equal(false);
    const plugin = fakePlugin();
    first.open(plugin, {});
    plugin.calls[0].on_capture_complete({}, new Blob(['x'])); // the plugin is done with its window
    expect(second.claimWindow()).to.equal(true);
    second.dispose();
    const third = new CaptureSession(events);
    expect(third.claimWindow()).to.equal(true);
    third.dispose();
  });

  it('on_error with null, a string or an Error keeps whatever text it had', () => {
    expect(errorObject('camera blocked')).to.deep.equal({ message: 'camera blocked' });
    expect(errorObject(Object.assign(new Error('no frames'), { code: 'c1' }))).to.deep.equal({
      code: 'c1',
      message: 'no frames',
    });
    expect((errorObject(null) as { message: string }).message).to.contain('no detail');
    const documented = { code: 'x', message: 'm', event_session_id: 'e' };
    expect(errorObject(documented)).to.equal(documented);
  });

  it('randomKey() is a v4 UUID, new each time', () => {
    const a = randomKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomKey()).to.not.equal(a);
  });
});
