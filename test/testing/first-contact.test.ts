// The simulator's scenarios for the places where Oz's docs leave room (docs/simulator.md): the
// plugin really calls back in that order, with those arguments, in a real browser with a fake camera.
import { expect } from '@open-wc/testing';
import { createSimulatedOzApi, installSimulator, type SimulatedOzLiveness } from '../../src/testing/index.js';
import { LATE_CONTAINER_MS } from '../../src/testing/session.js';
import { additionalInfo, open, simWindow } from '../support/simulator.js';

type Api = ReturnType<typeof createSimulatedOzApi>;

async function sessionToken(api: Api): Promise<string> {
  const res = await api(new Request(`${location.origin}/oz-api/api/authorize/session_token`));
  return ((await res.json()) as { session_token: string }).session_token;
}

async function uploadStatus(api: Api, container: Blob): Promise<number> {
  const res = await api(
    new Request(`${location.origin}/oz-api/api/instant/folders/`, {
      method: 'POST',
      body: container,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
  return res.status;
}

/** Resolves after every timer the session could have set has had its turn (timers fire in deadline order). */
function afterLateContainer(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, LATE_CONTAINER_MS * 2));
}

/** The camera permission as this page reads it: its state, or why it cannot be read. */
async function cameraPermission(): Promise<string> {
  if (!navigator.permissions) return 'no permissions API';
  try {
    return (await navigator.permissions.query({ name: 'camera' as PermissionName })).state;
  } catch (err) {
    return `unreadable: ${(err as Error).name}`;
  }
}

describe('simulator: where the docs leave room', () => {
  let oz: SimulatedOzLiveness;
  beforeEach(() => (oz = installSimulator(window, { delay: 120 })));
  afterEach(() => oz.uninstall());

  it('window_closes_first: on_close, the window already gone, then on_capture_complete(result, container)', async () => {
    oz.scenario = 'window_closes_first';
    const api = createSimulatedOzApi();
    const run = open(oz, { session_token: await sessionToken(api) });
    await run.closed;
    expect(run.calls, 'on_close first').to.deep.equal(['close']);
    expect(simWindow(), 'the window is gone at on_close').to.equal(null);
    expect(oz.isOpen, 'the session still has its container to give').to.equal(true);
    await run.completed;
    expect(run.calls).to.deep.equal(['close', 'complete']);
    expect(run.completeArgs).to.have.length(2);
    expect(run.result!.best_frame_bounding_box).to.have.keys('left', 'top', 'right', 'bottom');
    expect(run.container).to.be.instanceOf(Blob);
    expect(oz.isOpen).to.equal(false);
    expect(await uploadStatus(api, run.container!), 'a valid container').to.equal(201);
  });

  it('window_closes_first: close() after on_close aborts the container still to come, as Oz says close() does', async () => {
    oz.scenario = 'window_closes_first';
    const run = open(oz);
    await run.closed;
    oz.close();
    expect(oz.isOpen).to.equal(false);
    await afterLateContainer();
    expect(run.calls, 'no on_capture_complete, no second on_close').to.deep.equal(['close']);
  });

  it('container_only_argument: on_capture_complete(container), one argument, then on_close', async () => {
    oz.scenario = 'container_only_argument';
    const api = createSimulatedOzApi();
    const run = open(oz, { session_token: await sessionToken(api) });
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
    expect(run.completeArgs).to.have.length(1);
    expect(run.completeArgs![0]).to.be.instanceOf(Blob);
    expect(run.result).to.equal(undefined);
    expect(await uploadStatus(api, run.container!)).to.equal(201);
  });

  it('architecture_normal: on_submit, on_result, on_complete, on_close; never on_capture_complete', async () => {
    oz.scenario = 'architecture_normal';
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['submit', 'result', 'result', 'adapter-complete', 'close']);
    expect(run.container).to.equal(undefined);
    const [processing, finished, complete] = run.adapterResults;
    expect(processing).to.deep.include({ state: 'processing' });
    expect(finished!.analyses.quality).to.deep.equal({ state: 'finished', resolution: 'success' });
    expect(complete!.state).to.equal('finished');
    expect(complete!.event_session_id).to.be.a('string');
    expect(simWindow()).to.equal(null);
  });

  it('architecture_normal: close() in on_submit stops the rest; only on_close follows', async () => {
    oz.scenario = 'architecture_normal';
    const calls: string[] = [];
    await new Promise<void>((resolve) =>
      oz.open({
        on_submit: () => {
          calls.push('submit');
          oz.close();
        },
        on_result: () => void calls.push('result'),
        on_complete: () => void calls.push('complete'),
        on_capture_complete: () => void calls.push('capture'),
        on_close: () => {
          calls.push('close');
          resolve();
        },
      }),
    );
    await afterLateContainer();
    expect(calls).to.deep.equal(['submit', 'close']);
  });

  it('camera_refused_at_prompt: the camera permission reads denied, then on_error, then on_close', async () => {
    const before = await cameraPermission();
    expect(before, 'not denied before the prompt').to.not.equal('denied');
    // A status the page keeps from before the prompt (a real one is live), where the engine gives one.
    const held = await navigator.permissions?.query({ name: 'camera' as PermissionName }).catch(() => undefined);
    oz.scenario = 'camera_refused_at_prompt';
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['error', 'close']);
    expect(run.error!.code).to.equal('sim_camera_denied');
    expect(run.error!.context).to.include({ name: 'NotAllowedError' });
    // Where the page has a permissions API (all three engines here), it now says what happened.
    const after = await cameraPermission();
    if (navigator.permissions) expect(after).to.equal('denied');
    else expect(after).to.equal('no permissions API');
    if (held) expect(held.state, 'a status held from before reads denied too').to.equal('denied');
    oz.uninstall();
    expect(await cameraPermission(), 'uninstall gives the page its own answer back').to.equal(before);
    if (held) expect(held.state).to.equal(before);
  });

  it('camera_refused_at_prompt: a refusal lasts, the next open() is refused too, until uninstall()', async () => {
    oz.scenario = 'camera_refused_at_prompt';
    await open(oz).closed;
    oz.scenario = 'accept';
    const refused = open(oz);
    await refused.closed;
    expect(refused.calls).to.deep.equal(['error', 'close']);
    expect(refused.error!.code).to.equal('sim_camera_denied');
    if (navigator.permissions) expect(await cameraPermission()).to.equal('denied');
    oz = installSimulator(window, { delay: 120 }); // a new simulator: a person who changed the setting
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
    expect(additionalInfo(run.result!).scenario).to.equal('accept');
  });
});
