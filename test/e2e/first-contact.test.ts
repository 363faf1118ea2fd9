// First contact with a real Oz deployment, rehearsed: a real <oz-liveness-check> on the simulator
// (the plugin as a classic script, the fake camera, the real backend half, the simulated Oz API)
// through each way Oz's docs leave room (docs/simulator.md, "Where the docs leave room"). The
// plugin really calls back in that order; the fake Oz really answers 400 / 8 or 401 / 8.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { SimulatedOzLiveness } from '../../src/testing/index.js';

type Requests = { method: string; url: string }[];

/** Records the page's requests (fetch and XHR), passing each on unchanged; `restore()` undoes it. */
function recordRequests(): { requests: Requests; restore: () => void } {
  const requests: Requests = [];
  const realFetch = window.fetch;
  const realOpen = XMLHttpRequest.prototype.open;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push({ method: request.method, url: request.url });
    return realFetch.call(window, input, init);
  };
  XMLHttpRequest.prototype.open = function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    requests.push({ method: method.toUpperCase(), url: new URL(url, location.href).href });
    return (realOpen as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  return {
    requests,
    restore: () => {
      window.fetch = realFetch;
      XMLHttpRequest.prototype.open = realOpen;
    },
  };
}

let n = 0;
/**
 * A check whose plugin runs `pluginScenario`; with `apiScenario`, its backend route has its own
 * simulated Oz API in that scenario (demo/dev-backend.ts, one per page so the browsers don't share it).
 */
async function page(pluginScenario: string, apiScenario?: string) {
  n += 1;
  const run = `fc-${Date.now().toString(36)}-${n}`;
  const backend = apiScenario ? `/api/liveness-sim/${apiScenario}/${run}` : '/api/liveness';
  const check = await fixture<OzLivenessCheck>(html`<oz-liveness-check
    plugin-src=${`/simulator/plugin_liveness.js?scenario=${pluginScenario}&delay=200&n=${run}`}
    session-token-url=${`${backend}/session-token`}
    backend-url=${`${backend}/container`}
    meta='{"transaction_id":"first-contact"}'
  ></oz-liveness-check>`);
  return { check, backend };
}

const oz = () => (window as unknown as { OzLiveness?: SimulatedOzLiveness }).OzLiveness;
/**
 * The first oz-result or oz-error of `check`, or its return to rest (`ready`/`idle`) from a capture
 * with neither (the kit took the end for a cancel): a kit that loses the capture fails here at once
 * instead of at the test's timeout.
 */
const outcome = (check: OzLivenessCheck) =>
  Promise.race([
    oneEvent(check, 'oz-result'),
    oneEvent(check, 'oz-error'),
    new Promise<{ type: string; detail: Record<string, unknown> }>((resolve) =>
      check.addEventListener('oz-state-change', ({ detail }) => {
        const rest = detail.state === 'ready' || detail.state === 'idle';
        if (rest && (detail.previous === 'capturing' || detail.previous === 'starting'))
          resolve({ type: 'back to rest, no outcome', detail: { ...detail } });
      }),
    ),
  ]);
/** The containers of every oz-capture-complete of `check`, as they come. */
function captures(check: OzLivenessCheck): Blob[] {
  const seen: Blob[] = [];
  check.addEventListener('oz-capture-complete', ({ detail }) => seen.push(detail.container));
  return seen;
}
const uploads = (requests: Requests, backend: string) =>
  requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === `${backend}/container`);

describe('first contact: every way the docs allow, on the simulator', function () {
  this.timeout(120_000); // a whole capture (and a retry) on a loaded machine; each wait has its own bound
  let recorder: ReturnType<typeof recordRequests>;
  beforeEach(() => (recorder = recordRequests()));
  afterEach(() => {
    recorder.restore();
    oz()?.uninstall(); // also gives the page back its own camera permission answers
  });

  it('the window closes before the container is handed over: the container is still uploaded', async () => {
    const { check, backend } = await page('window_closes_first');
    const captured = captures(check);
    const result = outcome(check);
    void check.start();
    const { type, detail } = await result;
    expect(type, JSON.stringify(detail)).to.equal('oz-result');
    expect(detail.decision).to.equal('accept');
    expect(captured, 'oz-capture-complete with the container').to.have.length(1);
    expect(captured[0]).to.be.instanceOf(Blob);
    expect(uploads(recorder.requests, backend)).to.have.length(1);
  });

  it('on_capture_complete(container), one argument: the container is uploaded', async () => {
    const { check, backend } = await page('container_only_argument');
    const captured = captures(check);
    const result = outcome(check);
    void check.start();
    const { type, detail } = await result;
    expect(type, JSON.stringify(detail)).to.equal('oz-result');
    expect(detail.decision).to.equal('accept');
    expect(captured, 'oz-capture-complete with the container').to.have.length(1);
    expect(captured[0]).to.be.instanceOf(Blob);
    expect(captured[0]!.type).to.equal('application/octet-stream');
    expect(uploads(recorder.requests, backend)).to.have.length(1);
  });

  it('an adapter in the normal architecture: adapter-not-capture-mode, the window closed, nothing uploaded', async () => {
    const { check, backend } = await page('architecture_normal');
    const result = outcome(check);
    const captured = captures(check);
    void check.start();
    const { type, detail } = await result;
    expect(type, JSON.stringify(detail)).to.equal('oz-error');
    expect(detail).to.include({ code: 'adapter-not-capture-mode', category: 'config', retryable: false });
    await waitUntil(() => oz()?.isOpen === false, 'the plugin window is closed');
    await waitUntil(() => check.state === 'error', 'the check shows the error');
    expect(captured, 'no oz-capture-complete').to.have.length(0);
    expect(uploads(recorder.requests, backend), 'nothing reaches the backend').to.have.length(0);
  });

  it("the camera refused at the plugin's own prompt: camera-denied, the plugin's code kept", async () => {
    const { check, backend } = await page('camera_refused_at_prompt');
    const result = outcome(check);
    void check.start();
    const { type, detail } = await result;
    expect(type, JSON.stringify(detail)).to.equal('oz-error');
    expect(detail).to.include({ code: 'camera-denied', category: 'environment' });
    expect(JSON.stringify(detail), "the plugin's own code is in the detail").to.contain('sim_camera_denied');
    expect(uploads(recorder.requests, backend)).to.have.length(0);
  });

  for (const status of [400, 401]) {
    it(`the access token expired on the session-token call (${status} / 8): the person still gets a decision`, async () => {
      const { check, backend } = await page('accept', `auth_expired_${status}_session_token`);
      const result = outcome(check);
      void check.start();
      const { type, detail } = await result;
      expect(type, JSON.stringify(detail)).to.equal('oz-result');
      expect(detail.decision).to.equal('accept');
      const tokenCalls = recorder.requests.filter((r) => new URL(r.url).pathname === `${backend}/session-token`);
      expect(tokenCalls, 'the server logged in again by itself').to.have.length(1);
    });

    it(`the access token expired on the upload (${status} / 8): the browser's retry goes through`, async () => {
      const { check, backend } = await page('accept', `auth_expired_${status}_upload`);
      const result = outcome(check);
      void check.start();
      const { type, detail } = await result;
      expect(type, JSON.stringify(detail)).to.equal('oz-result');
      expect(detail.decision).to.equal('accept');
      expect(uploads(recorder.requests, backend), 'a 503, then the same container again').to.have.length(2);
    });
  }
});
