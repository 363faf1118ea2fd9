// The simulated OzLiveness plugin in a real browser with a fake camera: lifecycle, options,
// callbacks, camera release.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { installSimulator, type SimulatedOzLiveness } from '../../src/testing/index.js';
import { readContainer } from '../../src/testing/container.js';
import {
  additionalInfo,
  allEnded,
  inWindow,
  nextTasks,
  open,
  simWindow,
  streamsOf,
  until,
  watchRecorders,
  windowState,
} from '../support/simulator.js';

const LONG = 60_000; // a wait that never ends by itself in a test: steps move on through advance()

describe('installSimulator', () => {
  const installed = () => (window as unknown as { OzLiveness?: SimulatedOzLiveness }).OzLiveness;
  afterEach(() => installed()?.uninstall());

  it('puts OzLiveness on the window and returns it', () => {
    const oz = installSimulator(window);
    expect(installed()).to.equal(oz);
    expect(oz.open).to.be.a('function');
    expect(oz.close).to.be.a('function');
    expect(oz.hide).to.be.a('function');
    expect(oz.simulated).to.equal(true);
    expect(oz.scenario).to.equal('accept');
  });

  it('replaces an earlier simulator; uninstall() removes it', () => {
    const first = installSimulator(window);
    const second = installSimulator(window, { scenario: 'declined' });
    expect(installed()).to.equal(second);
    expect(second.scenario).to.equal('declined');
    first.uninstall();
    expect(installed(), 'the old one does not remove its successor').to.equal(second);
    second.uninstall();
    expect('OzLiveness' in window).to.equal(false);
  });

  it('refuses unknown scenario names', () => {
    expect(() => installSimulator(window, { scenario: 'nope' as never })).to.throw(TypeError);
    const oz = installSimulator(window);
    expect(() => (oz.scenario = 'error_wasm_internal_failure_6' as never)).to.throw(TypeError);
  });
});

describe('simulated plugin: a capture', () => {
  let oz: SimulatedOzLiveness;
  beforeEach(() => (oz = installSimulator(window, { delay: 150 })));
  afterEach(() => {
    oz.uninstall();
    sinon.restore();
  });

  it("calls on_capture_complete with the result in the shape of Oz's on_capture_complete page, then on_close", async () => {
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
    const r = run.result!;
    expect(r.action).to.equal('video_selfie_blank');
    expect(r.best_frame).to.match(/^data:image\/jpeg;base64,\/9j\//);
    expect(r.best_frame_png).to.match(/^data:image\/png;base64,iVBOR/);
    const box = r.best_frame_bounding_box;
    expect(Object.keys(box)).to.have.members(['left', 'top', 'right', 'bottom']);
    expect(box.right).to.be.greaterThan(box.left);
    expect(box.bottom).to.be.greaterThan(box.top);
    expect(Object.keys(r.best_frame_landmarks)).to.have.members([
      'left_eye',
      'right_eye',
      'nose_base',
      'mouth_bottom',
      'left_ear',
      'right_ear',
    ]);
    for (const [x, y] of Object.values(r.best_frame_landmarks)) {
      expect([Number.isInteger(x), Number.isInteger(y)]).to.deep.equal([true, true]);
      expect(x >= box.left && x <= box.right && y >= box.top && y <= box.bottom, 'inside the face box').to.equal(true);
    }
    expect(r.frame_list.length).to.be.greaterThan(0);
    expect(r.frame_list.every((f) => f.startsWith('data:image/jpeg;base64,'))).to.equal(true);
    expect(r.frame_bounding_box_list).to.have.length(r.frame_list.length);
    expect(r.frame_landmarks).to.have.length(r.frame_list.length);
    expect(r.additional_info).to.be.a('string');
    expect(additionalInfo(r).simulator).to.equal(true);
    expect(simWindow(), 'the window is gone').to.equal(null);
    expect(oz.isOpen).to.equal(false);
  });

  it('hands over an opaque application/octet-stream Blob with the session token and meta sealed in', async () => {
    const run = open(oz, { session_token: 'tok-123', meta: { transaction_id: 'tx-9' }, lang: 'ru' });
    await run.closed;
    const container = run.container!;
    expect(container).to.be.instanceOf(Blob);
    expect(container.type).to.equal('application/octet-stream');
    const bytes = new Uint8Array(await container.arrayBuffer());
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.includes('tok-123') || text.includes('tx-9'), 'not readable in plain bytes').to.equal(false);
    const c = await readContainer(bytes);
    if (!c.ok) throw new Error(c.reason);
    expect(c.envelope.session_token).to.equal('tok-123');
    expect(c.payload.meta).to.deep.equal({ transaction_id: 'tx-9' });
    expect(c.payload.lang).to.equal('ru');
    expect(c.payload.event_session_id).to.equal(additionalInfo(run.result!).event_session_id);
  });

  it('records video where MediaRecorder yields bytes, still frames where it does not', async () => {
    // The capture waits until the recorder has shown what it yields, not for a guessed time.
    oz.delay = LONG;
    const recorded = watchRecorders(sinon);
    const chromium = /Chrome\//.test(navigator.userAgent);
    const run = open(oz, { action: ['video_selfie_left', 'photo_id_front'] });
    await windowState('capturing');
    const started = performance.now();
    // Chromium's recorder works with the fake camera: wait for its bytes. Elsewhere, bytes, or slices
    // that come empty (WebKitGTK), or no recorder at all, or a recorder silent for 5 s.
    await until(
      () =>
        recorded.withBytes > 0 ||
        (!chromium && (recorded.recorders === 0 || recorded.empty >= 4 || performance.now() - started > 5000)),
      'the recorder delivered its first bytes',
    );
    oz.advance();
    await until(
      () => simWindow()?.dataset.action === 'photo_id_front' && simWindow()?.dataset.state === 'capturing',
      'the document step',
    );
    oz.advance();
    await run.closed;
    const c = await readContainer(new Uint8Array(await run.container!.arrayBuffer()));
    if (!c.ok) throw new Error(c.reason);
    const left = c.media.filter((m) => m.info.action === 'video_selfie_left');
    const video = left.find((m) => m.info.kind === 'video');
    if (video) {
      expect(video.info.type).to.match(/^video\/(webm|mp4)/);
    } else {
      expect(left.filter((m) => m.info.kind === 'frame').length, 'still frames instead of a clip').to.be.greaterThan(1);
    }
    // Bytes from the recorder make a clip, in any browser; Chromium's always gives bytes.
    if (recorded.withBytes > 0) expect(video, 'a clip from the recorded bytes').to.not.equal(undefined);
    if (chromium) expect(video, 'a clip in Chromium').to.not.equal(undefined);
    const doc = c.media.filter((m) => m.info.action === 'photo_id_front');
    expect(doc.map((m) => m.info.kind)).to.deep.equal(['frame']);
    expect(c.payload.capture.media_source).to.equal(video ? 'video' : 'frames');
  });

  it('goes on by itself after the delay, with no interaction', async () => {
    const run = open(oz, { action: ['video_selfie_smile', 'video_selfie_eyes'] });
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
  });

  /** Real fake-camera streams, whose track reports `facing` (fake devices differ: Firefox's says "environment"). */
  function cameraReporting(facing: string | undefined) {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    return sinon.stub(navigator.mediaDevices, 'getUserMedia').callsFake(async (constraints) => {
      const stream = await real(constraints);
      const track = stream.getVideoTracks()[0]!;
      const settings = track.getSettings();
      track.getSettings = () => ({ ...settings, facingMode: facing });
      return stream;
    });
  }

  it('shows a live preview of the camera, mirrored for the front camera', async () => {
    oz.delay = LONG;
    cameraReporting('user');
    open(oz);
    await windowState('capturing');
    const video = inWindow<HTMLVideoElement>('video');
    expect(video.srcObject).to.be.instanceOf(MediaStream);
    await until(() => video.readyState >= 2, 'preview plays');
    expect(video.hasAttribute('data-mirrored')).to.equal(true);
    expect(getComputedStyle(video).transform).to.not.equal('none');
  });

  it('mirrors by the facing mode asked for when the camera reports none', async () => {
    oz.delay = LONG;
    cameraReporting(undefined);
    open(oz);
    await windowState('capturing');
    expect(inWindow('video').hasAttribute('data-mirrored')).to.equal(true);
  });

  it('asks getUserMedia for the back camera and does not mirror it', async () => {
    oz.delay = LONG;
    const gum = cameraReporting('environment');
    open(oz, { cameraFacingMode: 'environment' });
    await windowState('capturing');
    expect((gum.firstCall.args[0]!.video as MediaTrackConstraints).facingMode).to.deep.equal({ ideal: 'environment' });
    expect(inWindow('video').hasAttribute('data-mirrored')).to.equal(false);
    expect(getComputedStyle(inWindow('video')).transform).to.equal('none');
  });

  it('asks getUserMedia for exactly the device_id', async () => {
    oz.delay = LONG;
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    const gum = sinon.stub(navigator.mediaDevices, 'getUserMedia').callsFake(() => real({ video: true }));
    open(oz, { device_id: 'camera-42' });
    await windowState('capturing');
    expect((gum.firstCall.args[0]!.video as MediaTrackConstraints).deviceId).to.deep.equal({ exact: 'camera-42' });
  });

  it('runs the actions in order, each with its own prompt and step', async () => {
    oz.delay = LONG;
    const run = open(oz, { action: ['video_selfie_left', 'video_selfie_smile', 'photo_id_front'] });
    const seen: string[][] = [];
    for (const action of ['video_selfie_left', 'video_selfie_smile', 'photo_id_front']) {
      await until(() => simWindow()?.dataset.action === action && simWindow()?.dataset.state === 'capturing', action);
      seen.push([action, inWindow('.prompt').textContent!, inWindow('.step').textContent!]);
      oz.advance();
    }
    await run.closed;
    expect(seen).to.deep.equal([
      ['video_selfie_left', 'Turn your head to the left', 'Step 1 of 3'],
      ['video_selfie_smile', 'Smile', 'Step 2 of 3'],
      ['photo_id_front', 'Show the front of your ID document', 'Step 3 of 3'],
    ]);
    expect(run.calls).to.deep.equal(['complete', 'close']);
  });

  it('speaks the language given by lang (ru)', async () => {
    oz.delay = LONG;
    open(oz, { lang: 'ru', action: ['video_selfie_smile'] });
    await windowState('capturing');
    expect(inWindow('.prompt').textContent).to.equal('Улыбнитесь');
    expect(inWindow('.step').textContent).to.equal('Шаг 1 из 1');
    expect(inWindow('button.close').getAttribute('aria-label')).to.equal('Закрыть');
  });

  it('shows the document template, or a plain frame with show_document_pattern: false', async () => {
    oz.delay = LONG;
    open(oz, { action: ['photo_id_front'] });
    await windowState('capturing');
    expect(simWindow()!.dataset.overlay).to.equal('document');
    oz.close();
    await until(() => !oz.isOpen);
    open(oz, { action: ['photo_id_back'], overlay_options: { show_document_pattern: false } });
    await windowState('capturing');
    expect(simWindow()!.dataset.overlay).to.equal('frame');
  });

  it('fits the preview to 4:3, 3:4, 16:9 or 9:16 unless disable_adaptive_aspect_ratio', async () => {
    oz.delay = LONG;
    open(oz);
    await windowState('capturing');
    await until(() => simWindow()!.dataset.aspect, 'aspect set');
    expect(['4:3', '3:4', '16:9', '9:16']).to.include(simWindow()!.dataset.aspect);
    expect(simWindow()!.dataset.fit).to.equal(undefined);
    oz.close();
    open(oz, { disable_adaptive_aspect_ratio: true });
    await windowState('capturing');
    await until(() => simWindow()!.dataset.aspect, 'aspect set');
    const video = inWindow<HTMLVideoElement>('video');
    expect(simWindow()!.dataset.aspect).to.equal(`${video.videoWidth}:${video.videoHeight}`);
    expect(simWindow()!.dataset.fit).to.equal('contain');
  });

  it('labels itself as the Oz simulator', async () => {
    oz.delay = LONG;
    open(oz);
    await windowState('capturing');
    const text = simWindow()!.shadowRoot!.textContent!;
    expect(text).to.contain('Oz simulator');
    expect(text).to.contain('invented');
    expect(inWindow('[role="dialog"]').getAttribute('aria-modal')).to.equal('true');
  });

  it('puts focus in the window and gives it back when it closes', async () => {
    oz.delay = LONG;
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    open(oz);
    await windowState('capturing');
    expect(simWindow()!.shadowRoot!.activeElement).to.equal(inWindow('button.close'));
    oz.close();
    expect(document.activeElement).to.equal(button);
    button.remove();
  });

  it('refuses an unknown action with sim_invalid_options, then closes', async () => {
    const run = open(oz, { action: ['video_selfie_jump'] });
    await run.closed;
    expect(run.calls).to.deep.equal(['error', 'close']);
    expect(run.error!.code).to.equal('sim_invalid_options');
    expect(run.error!.context.field).to.equal('action');
  });

  it('refuses meta that is not an object of strings', async () => {
    const run = open(oz, { meta: { amount: 5 as unknown as string } });
    await run.closed;
    expect(run.error!.code).to.equal('sim_invalid_options');
    expect(run.error!.context.field).to.equal('meta');
  });
});

describe('simulated plugin: ending a session', () => {
  let oz: SimulatedOzLiveness;
  let gum: sinon.SinonSpy;
  beforeEach(() => {
    oz = installSimulator(window, { delay: LONG });
    gum = sinon.spy(navigator.mediaDevices, 'getUserMedia');
  });
  afterEach(() => {
    oz.uninstall();
    sinon.restore();
  });

  it('stops every track on completion, before the page hears of the result', async () => {
    oz.delay = 150;
    let endedAtComplete = false;
    const run = open(oz, {}, () => void streamsOf(gum).then((s) => (endedAtComplete = allEnded(s))));
    await run.closed;
    await until(() => endedAtComplete, 'tracks ended at on_capture_complete');
  });

  it('close(): stops the camera, removes the window, and only on_close fires', async () => {
    const run = open(oz);
    await windowState('capturing');
    oz.close();
    expect(simWindow()).to.equal(null);
    expect(allEnded(await streamsOf(gum))).to.equal(true);
    await run.closed;
    oz.advance();
    await nextTasks();
    expect(run.calls).to.deep.equal(['close']);
  });

  it('close() while getUserMedia is pending releases the camera when it arrives', async () => {
    gum.restore();
    let deliver!: (s: MediaStream) => void;
    const real = await navigator.mediaDevices.getUserMedia({ video: true });
    const pending = sinon.stub(navigator.mediaDevices, 'getUserMedia').returns(new Promise((r) => (deliver = r)));
    const run = open(oz);
    await until(() => pending.called, 'getUserMedia asked');
    oz.close();
    await run.closed;
    deliver(real);
    await until(() => allEnded([real]), 'late camera stopped');
    expect(run.calls).to.deep.equal(['close']);
  });

  it('the close button and Escape are user closes: on_close only', async () => {
    let run = open(oz);
    await windowState('capturing');
    inWindow<HTMLButtonElement>('button.close').click();
    await run.closed;
    expect(run.calls).to.deep.equal(['close']);

    run = open(oz);
    await windowState('capturing');
    inWindow('button.close').dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await run.closed;
    expect(run.calls).to.deep.equal(['close']);
    expect(allEnded(await streamsOf(gum))).to.equal(true);
  });

  it('hide(): the session goes on, calls back, and then stops the camera', async () => {
    const run = open(oz);
    await windowState('capturing');
    oz.hide();
    expect(oz.isHidden).to.equal(true);
    expect(simWindow()!.hasAttribute('data-hidden')).to.equal(true);
    expect(getComputedStyle(simWindow()!).visibility).to.equal('hidden');
    oz.advance();
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
    expect(allEnded(await streamsOf(gum))).to.equal(true);
  });

  it('one window per page: a second open() gets sim_already_open and the first goes on', async () => {
    const first = open(oz);
    await windowState('capturing');
    const second = open(oz);
    await until(() => second.calls.length > 0, 'second open answered');
    expect(second.error!.code).to.equal('sim_already_open');
    expect(second.calls).to.deep.equal(['error']);
    expect(oz.isOpen).to.equal(true);
    oz.advance();
    await first.closed;
    expect(first.calls).to.deep.equal(['complete', 'close']);
  });

  it('close() with nothing open does nothing', async () => {
    oz.close();
    oz.hide();
    expect(oz.isOpen).to.equal(false);
  });
});

describe('simulated plugin: camera failures', () => {
  let oz: SimulatedOzLiveness;
  beforeEach(() => (oz = installSimulator(window, { delay: 150 })));
  afterEach(() => {
    oz.uninstall();
    sinon.restore();
  });

  it('camera_denied: on_error sim_camera_denied with the documented fields, then on_close', async () => {
    oz.scenario = 'camera_denied';
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['error', 'close']);
    const e = run.error!;
    expect(e.code).to.equal('sim_camera_denied');
    expect(e.event_session_id).to.match(/^[0-9a-f-]{36}$/);
    expect(e.message).to.be.a('string').and.not.equal('');
    expect(e.context).to.include({ simulator: true, scenario: 'camera_denied' });
    expect(simWindow()).to.equal(null);
  });

  it('a browser that refuses the camera gives sim_camera_denied', async () => {
    sinon.stub(navigator.mediaDevices, 'getUserMedia').rejects(new DOMException('no', 'NotAllowedError'));
    const run = open(oz);
    await run.closed;
    expect(run.error!.code).to.equal('sim_camera_denied');
  });

  it('a missing camera gives sim_camera_not_found', async () => {
    sinon.stub(navigator.mediaDevices, 'getUserMedia').rejects(new DOMException('none', 'NotFoundError'));
    const run = open(oz);
    await run.closed;
    expect(run.calls).to.deep.equal(['error', 'close']);
    expect(run.error!.code).to.equal('sim_camera_not_found');
  });

  it('camera_hang: the get_user_media_timeout hint appears', async () => {
    oz.scenario = 'camera_hang';
    const run = open(oz, { get_user_media_timeout: 20 });
    await until(() => simWindow()?.shadowRoot?.querySelector<HTMLElement>('.hint')?.hidden === false, 'hint shown');
    expect(inWindow('.hint').textContent).to.contain('camera');
    oz.close();
    await run.closed;
    expect(run.calls).to.deep.equal(['close']);
  });

  it('camera_hang + promise timeout + throw_error: on_error sim_camera_timeout', async () => {
    oz.scenario = 'camera_hang';
    const run = open(oz, { get_user_media_promise_timeout_ms: 30, get_user_media_promise_timeout_throw_error: true });
    await run.closed;
    expect(run.calls).to.deep.equal(['error', 'close']);
    expect(run.error!.code).to.equal('sim_camera_timeout');
  });

  it('camera_hang + keyed timeout, throw_error false: an instruction instead of an error', async () => {
    oz.scenario = 'camera_hang';
    const run = open(oz, {
      get_user_media_promise_timeout_ms: { platform_browser: { none_none: 1 }, default: 30 },
      get_user_media_promise_timeout_throw_error: false,
    });
    await windowState('waiting');
    expect(inWindow('.instruction').hidden).to.equal(false);
    expect(run.calls).to.deep.equal([]);
    oz.close();
    await run.closed;
    expect(run.calls).to.deep.equal(['close']);
  });

  it('a camera that arrives after the timeout error is stopped at once', async () => {
    let deliver!: (s: MediaStream) => void;
    const real = await navigator.mediaDevices.getUserMedia({ video: true });
    sinon.stub(navigator.mediaDevices, 'getUserMedia').returns(new Promise((r) => (deliver = r)));
    const run = open(oz, { get_user_media_promise_timeout_ms: 20, get_user_media_promise_timeout_throw_error: true });
    await run.closed;
    expect(run.error!.code).to.equal('sim_camera_timeout');
    deliver(real);
    await until(() => allEnded([real]), 'late stream stopped');
  });

  it('a camera that arrives after the instruction still starts the capture', async () => {
    let deliver!: (s: MediaStream) => void;
    const real = await navigator.mediaDevices.getUserMedia({ video: true });
    sinon.stub(navigator.mediaDevices, 'getUserMedia').returns(new Promise((r) => (deliver = r)));
    const run = open(oz, { get_user_media_promise_timeout_ms: 20 });
    await windowState('waiting');
    deliver(real);
    await run.closed;
    expect(run.calls).to.deep.equal(['complete', 'close']);
    expect(allEnded([real])).to.equal(true);
  });
});
