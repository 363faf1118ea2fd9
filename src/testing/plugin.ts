/**
 * The simulated Oz Liveness Web SDK plugin: a fake `OzLiveness` global with `open`, `close` and
 * `hide`, that really runs the camera, shows its own full-screen window, captures video (or still
 * frames where `MediaRecorder` yields nothing) and hands back a sealed container Blob through the
 * same callbacks as the real plugin in capture architecture.
 *
 * It is a simulator: its window, its `sim_*` error codes and its container format are invented.
 * It follows only what Oz documents (see docs/simulator.md). Browser-only at run time, but nothing
 * touches `window` or `document` at import time, so Node (SSR, tests) can import it.
 *
 * The parts: plugin-types.ts (the public types), open-options.ts (the option checks), session.ts
 * (one open() … on_close()), session-timers.ts (its clock), camera.ts, capture-result.ts.
 */
import { restoreCameraPermission } from './camera-permission.js';
import { randomId } from './encoding.js';
import type { SimulatedOpenOptions, SimulatedOzLiveness, SimulatorOptions } from './plugin-types.js';
import { DEFAULT_SCENARIO, isScenarioName, type ScenarioName } from './scenarios.js';
import { Session } from './session.js';
import type { SimulatedErrorCode } from './user-media.js';

export { OZ_ACTIONS } from './plugin-types.js';
export type {
  SimulatedAdapterResult,
  SimulatedBoundingBox,
  SimulatedCaptureResult,
  SimulatedLandmarks,
  SimulatedOpenOptions,
  SimulatedOzError,
  SimulatedOzLiveness,
  SimulatorOptions,
} from './plugin-types.js';

const INSTALLED = new WeakMap<Window, SimulatedOzLiveness>();

/**
 * Puts a simulated `OzLiveness` on `win` (replacing any earlier simulator there) and returns it.
 *
 * @example
 * ```ts
 * import { installSimulator } from 'oz-liveness-elements/testing';
 * const oz = installSimulator(window, { scenario: 'declined', delay: 200 });
 * ```
 */
export function installSimulator(win: Window, options: SimulatorOptions = {}): SimulatedOzLiveness {
  INSTALLED.get(win)?.uninstall();
  const check = (name: unknown): ScenarioName => {
    if (!isScenarioName(name)) throw new TypeError(`Oz simulator: unknown scenario ${JSON.stringify(name)}`);
    return name;
  };
  let scenario = check(options.scenario ?? DEFAULT_SCENARIO);
  let delay = options.delay ?? 3000;
  let session: Session | null = null;

  const oz: SimulatedOzLiveness = {
    open(openOptions: SimulatedOpenOptions) {
      if (typeof openOptions !== 'object' || openOptions === null) {
        console.error('[Oz simulator] open() needs an options object');
        return;
      }
      if (session) {
        // One window per page. Tell the caller through its own on_error; the running session goes on.
        const onError = openOptions.on_error;
        win.setTimeout(
          () =>
            onError?.({
              code: 'sim_already_open' satisfies SimulatedErrorCode,
              event_session_id: randomId(),
              message: 'Simulated: the plugin window is already open.',
              context: { simulator: true },
            }),
          0,
        );
        return;
      }
      const s = new Session({
        win,
        options: openOptions,
        scenario,
        delay,
        key: options.key,
        defaultLang: options.lang ?? 'en',
        onEnded: (ended) => {
          if (session === ended) session = null;
        },
      });
      session = s;
      void s.run();
    },
    close() {
      session?.close();
    },
    hide() {
      session?.hide();
    },
    get scenario() {
      return scenario;
    },
    set scenario(name: ScenarioName) {
      scenario = check(name);
    },
    get delay() {
      return delay;
    },
    set delay(ms: number) {
      delay = ms;
    },
    get isOpen() {
      return session !== null;
    },
    get isHidden() {
      return session?.hidden ?? false;
    },
    advance() {
      session?.advance();
    },
    uninstall() {
      session?.close();
      restoreCameraPermission(win);
      INSTALLED.delete(win);
      const w = win as Window & { OzLiveness?: unknown };
      if (w.OzLiveness === oz) delete w.OzLiveness;
    },
    simulated: true,
  };
  INSTALLED.set(win, oz);
  (win as Window & { OzLiveness?: unknown }).OzLiveness = oz;
  return oz;
}
