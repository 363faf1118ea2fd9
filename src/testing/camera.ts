/**
 * The simulated plugin's camera: `getUserMedia` with Oz's two documented timeouts (a hint after
 * `get_user_media_timeout`, an end after `get_user_media_promise_timeout_ms`), and the camera
 * scenarios (refused, refused at the plugin's own prompt, hanging).
 */
import { cameraRefused, denyCameraPermission } from './camera-permission.js';
import { stopStream } from './media-capture.js';
import type { SimulatedOpenOptions } from './plugin-types.js';
import type { ScenarioName } from './scenarios.js';
import { SessionError } from './session-error.js';
import type { SessionTimers } from './session-timers.js';
import type { SimulatorWindow } from './sim-window.js';
import { cameraConstraints, cameraErrorCode, detectClientEnv, resolvePromiseTimeout } from './user-media.js';

/** What the camera step needs from its session. */
export interface CameraRequest {
  win: Window;
  options: SimulatedOpenOptions;
  scenario: ScenarioName;
  view: SimulatorWindow;
  timers: SessionTimers;
}

/** The `getUserMedia` call, or the scenario's stand-in for it. */
function askForCamera({ win, scenario }: CameraRequest, constraints: MediaStreamConstraints): Promise<MediaStream> {
  const devices = win.navigator.mediaDevices;
  if (scenario === 'camera_denied' || cameraRefused(win)) {
    return Promise.reject(new DOMException('Simulated: camera permission denied', 'NotAllowedError'));
  }
  if (scenario === 'camera_refused_at_prompt') {
    // The person answered "Block" at the prompt the plugin's getUserMedia raised: from now on the
    // browser's permission state says so (where the engine lets a page script stand in for it).
    denyCameraPermission(win);
    return Promise.reject(new DOMException('Simulated: the person refused the camera', 'NotAllowedError'));
  }
  if (scenario === 'camera_hang') return new Promise<MediaStream>(() => {});
  if (typeof devices?.getUserMedia !== 'function') {
    return Promise.reject(new DOMException('getUserMedia is unavailable (insecure context?)', 'NotSupportedError'));
  }
  return devices.getUserMedia(constraints);
}

/** Resolves with the camera stream, or throws a {@link SessionError} (or an abort once closed). */
export async function acquireCamera(request: CameraRequest): Promise<MediaStream> {
  const { win, options: o, view, timers } = request;
  const hintTimer = timers.later(o.get_user_media_timeout ?? 40000, () => view.showHint());
  const constraints = cameraConstraints(o);
  const gum = askForCamera(request, constraints);
  // A camera that arrives after we stopped waiting must not stay on.
  gum.then(
    (s) => timers.aborted && stopStream(s),
    () => {},
  );

  const timeoutMs = resolvePromiseTimeout(o.get_user_media_promise_timeout_ms, detectClientEnv(win.navigator));
  let timedOut = false;
  const timeoutTimer =
    timeoutMs === null
      ? undefined
      : timers.later(timeoutMs, () => {
          timedOut = true;
          timers.wakeAll();
        });

  const settled = gum.then(
    (stream) => ({ stream }),
    (error: unknown) => ({ error }),
  );
  for (;;) {
    const outcome = await Promise.race([settled, timers.nextWake()]);
    if (outcome && 'stream' in outcome && timers.aborted) stopStream(outcome.stream);
    timers.checkAborted();
    if (outcome && 'stream' in outcome) {
      timers.cancel(hintTimer);
      timers.cancel(timeoutTimer);
      return outcome.stream;
    }
    if (outcome && 'error' in outcome) {
      const name = (outcome.error as { name?: string } | null)?.name ?? 'Error';
      throw new SessionError(
        cameraErrorCode(outcome.error),
        `Simulated: camera failed (${name}): ${String((outcome.error as Error)?.message ?? '')}`,
        { name, constraints },
      );
    }
    if (timedOut) {
      if (o.get_user_media_promise_timeout_throw_error) {
        gum.then(stopStream, () => {});
        throw new SessionError('sim_camera_timeout', `Simulated: getUserMedia did not settle within ${timeoutMs} ms.`, {
          timeout_ms: timeoutMs,
        });
      }
      // throw_error false: tell the user, and keep waiting in case the camera still comes.
      view.showInstruction();
    }
  }
}
