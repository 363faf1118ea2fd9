/**
 * The simulated Oz Liveness Web SDK plugin: a fake `OzLiveness` global with `open`, `close` and
 * `hide`, that really runs the camera, shows its own full-screen window, captures video (or still
 * frames where `MediaRecorder` yields nothing) and hands back a sealed container Blob through the
 * same callbacks as the real plugin in capture architecture.
 *
 * It is a simulator: its window, its `sim_*` error codes and its container format are invented.
 * It follows only what Oz documents (see docs/simulator.md). Browser-only at run time, but nothing
 * touches `window` or `document` at import time, so Node (SSR, tests) can import it.
 */
import { defectFor, packContainer, type ContainerMediaInput } from './container.js';
import { randomId } from './encoding.js';
import { resolveLanguage } from './i18n.js';
import { grabFrame, startRecording, stopStream, whenVideoReady, type Frame, type Recording } from './media-capture.js';
import { DEFAULT_SCENARIO, isScenarioName, outcomeHint, type ScenarioName } from './scenarios.js';
import { SimulatorWindow, type OverlayKind } from './sim-window.js';
import {
  cameraConstraints,
  cameraErrorCode,
  detectClientEnv,
  resolvePromiseTimeout,
  type PromiseTimeoutOption,
  type SimulatedErrorCode,
} from './user-media.js';

/** The actions Oz documents for `open({ action })`. */
export const OZ_ACTIONS = [
  'photo_id_front',
  'photo_id_back',
  'video_selfie_left',
  'video_selfie_right',
  'video_selfie_down',
  'video_selfie_high',
  'video_selfie_smile',
  'video_selfie_eyes',
  'video_selfie_scan',
  'video_selfie_blank',
  'video_selfie_best',
] as const;

/** Options of {@link installSimulator}. */
export interface SimulatorOptions {
  /** The scenario for every `open()` until changed through `OzLiveness.scenario`. Default `accept`. */
  scenario?: ScenarioName;
  /** ms each action waits before it captures by itself (the real plugin goes on once a face is in frame). Default 3000. */
  delay?: number;
  /** The container key; must match the simulated API's `key`. Default: the shared simulator key. */
  key?: string;
  /** Language when `open()` gives none. Default `en`. */
  lang?: string;
}

/** The `result` of `on_capture_complete`. Field names are Oz's; the shapes of the last four are the simulator's. */
export interface SimulatedCaptureResult {
  /** The action the best frame comes from. */
  action: string;
  /** `data:image/jpeg;base64,…` */
  best_frame: string;
  /** `data:image/png;base64,…` of the same frame. */
  best_frame_png: string;
  /** Simulated: a fixed centred box in frame pixels (no face detection runs). */
  best_frame_bounding_box: { x: number; y: number; width: number; height: number };
  /** Simulated: five points (eyes, nose, mouth corners) inside that box. */
  best_frame_landmarks: Array<{ x: number; y: number }>;
  /** JPEG data URLs of every still frame taken. */
  frame_list: string[];
  /** Simulated facts about the capture. */
  additional_info: {
    simulator: true;
    scenario: ScenarioName;
    actions: string[];
    media_source: 'video' | 'frames';
    event_session_id: string;
  };
}

/** The `on_error` argument, shaped as Oz documents: `{ code, event_session_id, message, context }`. */
export interface SimulatedOzError {
  /** `error_wasm_internal_failure_*` (Oz's codes) or a simulated `sim_*` code. */
  code: string;
  event_session_id: string;
  message: string;
  context: Record<string, unknown>;
}

/** `OzLiveness.open(options)`: the documented options the simulator honours, and the callbacks. */
export interface SimulatedOpenOptions {
  session_token?: string | null;
  lang?: string;
  action?: string[];
  meta?: Record<string, string>;
  params?: { extract_best_shot?: boolean; [key: string]: unknown };
  overlay_options?: { show_document_pattern?: boolean; [key: string]: unknown };
  cameraFacingMode?: 'user' | 'environment';
  device_id?: string;
  disable_adaptive_aspect_ratio?: boolean;
  get_user_media_timeout?: number;
  get_user_media_promise_timeout_ms?: PromiseTimeoutOption;
  get_user_media_promise_timeout_throw_error?: boolean;
  enable_3d_mask?: boolean;
  style?: unknown;
  on_capture_complete?: (result: SimulatedCaptureResult, container: Blob) => void;
  on_error?: (error: SimulatedOzError) => void;
  on_close?: () => void;
  /** Not called: the simulator only runs the capture architecture (no upload of its own). */
  on_submit?: () => void;
  /** Not called, as above. */
  on_result?: (result: unknown) => void;
  /** Not called, as above. */
  on_complete?: (result: unknown) => void;
  [option: string]: unknown;
}

/** The fake `OzLiveness`: Oz's three methods, plus simulator-only controls. */
export interface SimulatedOzLiveness {
  /** Opens the window and starts a capture. One window per page: a second `open()` gets `sim_already_open`. */
  open(options: SimulatedOpenOptions): void;
  /** Closes the window and aborts the session; of its callbacks only `on_close` still fires. */
  close(): void;
  /** Hides the window; the session goes on and its callbacks still fire. */
  hide(): void;
  /** Simulator only: the scenario for the next `open()`. Throws `TypeError` on an unknown name. */
  scenario: ScenarioName;
  /** Simulator only: ms each action waits before capturing by itself. */
  delay: number;
  /** Simulator only: a session is running (shown or hidden). */
  readonly isOpen: boolean;
  /** Simulator only: the running session's window is hidden. */
  readonly isHidden: boolean;
  /** Simulator only: capture the current action now instead of waiting (the "Capture now" button). */
  advance(): void;
  /** Simulator only: closes any session and removes `window.OzLiveness` if it is still this object. */
  uninstall(): void;
  /** Simulator only: always `true`, so a page can tell the simulator from the real plugin. */
  readonly simulated: true;
}

/** A failure that ends the session through `on_error`. */
class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const WASM_AT_OPEN = new Set<ScenarioName>(['error_wasm_internal_failure_1']);
const WASM_AFTER_CAMERA = new Set<ScenarioName>(['error_wasm_internal_failure_2']);
const WASM_AT_PACKING = new Set<ScenarioName>([
  'error_wasm_internal_failure_3',
  'error_wasm_internal_failure_4',
  'error_wasm_internal_failure_5',
  'error_wasm_internal_failure_1000',
]);

const WASM_MESSAGES: Record<string, string> = {
  error_wasm_internal_failure_1: 'Simulated: this browser has no WebAssembly support.',
  error_wasm_internal_failure_2: 'Simulated: not enough memory for the container.',
};

/** Checks `open()` options against what Oz documents; returns the offending field, or null. */
function invalidOption(o: SimulatedOpenOptions): { field: string; message: string } | null {
  const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (o.action !== undefined) {
    if (!Array.isArray(o.action) || o.action.length === 0) return { field: 'action', message: 'action must be a non-empty array' };
    const unknown = o.action.find((a) => !(OZ_ACTIONS as readonly unknown[]).includes(a));
    if (unknown !== undefined) return { field: 'action', message: `unknown action ${JSON.stringify(unknown)}` };
  }
  if (o.meta !== undefined && (!isObj(o.meta) || Object.values(o.meta).some((v) => typeof v !== 'string'))) {
    return { field: 'meta', message: 'meta must be an object of strings' };
  }
  if (o.session_token != null && typeof o.session_token !== 'string') return { field: 'session_token', message: 'session_token must be a string' };
  if (o.lang !== undefined && typeof o.lang !== 'string') return { field: 'lang', message: 'lang must be a string' };
  if (o.cameraFacingMode !== undefined && o.cameraFacingMode !== 'user' && o.cameraFacingMode !== 'environment') {
    return { field: 'cameraFacingMode', message: 'cameraFacingMode must be "user" or "environment"' };
  }
  if (o.device_id !== undefined && typeof o.device_id !== 'string') return { field: 'device_id', message: 'device_id must be a string' };
  if (o.get_user_media_timeout !== undefined && !isMs(o.get_user_media_timeout)) {
    return { field: 'get_user_media_timeout', message: 'get_user_media_timeout must be a number of ms' };
  }
  const pt = o.get_user_media_promise_timeout_ms;
  if (pt !== undefined && !isMs(pt) && !isObj(pt)) {
    return { field: 'get_user_media_promise_timeout_ms', message: 'must be ms or an object keyed platform_browser, browser, platform, default' };
  }
  for (const f of ['get_user_media_promise_timeout_throw_error', 'disable_adaptive_aspect_ratio', 'enable_3d_mask'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'boolean') return { field: f, message: `${f} must be a boolean` };
  }
  for (const f of ['params', 'overlay_options'] as const) {
    if (o[f] !== undefined && !isObj(o[f])) return { field: f, message: `${f} must be an object` };
  }
  for (const f of ['on_capture_complete', 'on_error', 'on_close'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'function') return { field: f, message: `${f} must be a function` };
  }
  return null;
}

/** What one action yielded. */
interface ActionCapture {
  action: string;
  video: { type: string; bytes: Uint8Array } | null;
  frames: Frame[];
}

/** One `open()` … `on_close()`. Everything it starts is torn down by `end()`. */
class Session {
  readonly eventSessionId = randomId();
  private readonly abort = new AbortController();
  private readonly timers = new Set<number>();
  private readonly wakeListeners = new Set<() => void>();
  private skipWait = false;
  private stream: MediaStream | null = null;
  private recording: Recording | null = null;
  private view: SimulatorWindow | null = null;
  private ended = false;
  hidden = false;

  constructor(
    private readonly win: Window,
    private readonly options: SimulatedOpenOptions,
    private readonly scenario: ScenarioName,
    private readonly delay: number,
    private readonly key: string | undefined,
    private readonly defaultLang: string,
    private readonly onEnded: (s: Session) => void,
  ) {}

  /** Runs the whole capture; every outcome ends in exactly one of: complete, error, or (via close) nothing. */
  async run(): Promise<void> {
    const o = this.options;
    try {
      const bad = invalidOption(o);
      if (bad) throw new SessionError('sim_invalid_options', `Simulated: invalid open() option ${bad.field}: ${bad.message}`, { field: bad.field });
      const { lang, messages } = resolveLanguage(o.lang ?? this.defaultLang);
      const actions = o.action ?? ['video_selfie_blank'];
      if (o.enable_3d_mask) console.warn('[Oz simulator] enable_3d_mask is deprecated by Oz (retired 2027-01-01); the simulator ignores it.');

      this.view = new SimulatorWindow(this.win.document, messages, {
        onUserClose: () => this.close(),
        onCaptureNow: () => this.advance(),
      });
      if (this.hidden) this.view.hide();
      await this.pause(0); // let the window paint before any failure, as a real plugin would
      if (WASM_AT_OPEN.has(this.scenario)) throw new SessionError(this.scenario, WASM_MESSAGES[this.scenario]!);

      const facing = o.cameraFacingMode ?? 'user';
      this.stream = await this.acquireCamera();
      this.view.clearCameraMessages();
      const settings = this.stream.getVideoTracks()[0]?.getSettings?.() ?? {};
      // The device's own answer wins (a back camera is never mirrored); desktop webcams often report none.
      const mirrored = (settings.facingMode || facing) === 'user';
      this.view.showStream(this.stream, mirrored, !o.disable_adaptive_aspect_ratio);
      await whenVideoReady(this.win, this.view.video, 3000);
      this.checkAborted();
      if (WASM_AFTER_CAMERA.has(this.scenario)) throw new SessionError(this.scenario, WASM_MESSAGES[this.scenario]!);

      const bestIndex = Math.max(0, actions.findIndex((a) => a.startsWith('video_selfie')));
      const captures: ActionCapture[] = [];
      for (const [i, action] of actions.entries()) {
        captures.push(await this.captureAction(action, i, actions.length, i === bestIndex));
      }

      this.view.setState('processing');
      stopStream(this.stream); // the camera is released before the page hears of the result
      if (WASM_AT_PACKING.has(this.scenario)) {
        throw new SessionError(this.scenario, `Simulated: the container could not be generated (${this.scenario}).`);
      }
      const { result, container } = await this.pack(captures, bestIndex, lang, actions);
      this.checkAborted();
      this.end();
      this.call('on_capture_complete', result, container);
      this.call('on_close');
    } catch (err) {
      if (this.ended) return; // closed: no callbacks but the on_close close() already sent
      const e = err instanceof SessionError
        ? err
        : new SessionError('sim_capture_failed', `Simulated plugin failure: ${String((err as Error)?.message ?? err)}`);
      this.end();
      this.call('on_error', {
        code: e.code,
        event_session_id: this.eventSessionId,
        message: e.message,
        context: { simulator: true, scenario: this.scenario, ...e.context },
      } satisfies SimulatedOzError);
      this.call('on_close');
    }
  }

  /** `getUserMedia` with the documented hint and hang timeouts; the scenario may refuse or hang it. */
  private async acquireCamera(): Promise<MediaStream> {
    const o = this.options;
    const view = this.view!;
    const hintTimer = this.later(o.get_user_media_timeout ?? 40000, () => view.showHint());
    const constraints = cameraConstraints(o);
    const devices = this.win.navigator.mediaDevices;
    let gum: Promise<MediaStream>;
    if (this.scenario === 'camera_denied') {
      gum = Promise.reject(new DOMException('Simulated: camera permission denied', 'NotAllowedError'));
    } else if (this.scenario === 'camera_hang') {
      gum = new Promise<MediaStream>(() => {});
    } else if (typeof devices?.getUserMedia !== 'function') {
      gum = Promise.reject(new DOMException('getUserMedia is unavailable (insecure context?)', 'NotSupportedError'));
    } else {
      gum = devices.getUserMedia(constraints);
    }
    // A camera that arrives after we stopped waiting must not stay on.
    gum.then((s) => this.ended && stopStream(s), () => {});

    const timeoutMs = resolvePromiseTimeout(o.get_user_media_promise_timeout_ms, detectClientEnv(this.win.navigator));
    let timedOut = false;
    const timeoutTimer = timeoutMs === null ? undefined : this.later(timeoutMs, () => {
      timedOut = true;
      this.wakeAll();
    });

    const settled = gum.then((stream) => ({ stream }), (error: unknown) => ({ error }));
    for (;;) {
      const woken = new Promise<null>((resolve) => {
        const off = this.onWake(() => {
          off();
          resolve(null);
        });
      });
      const outcome = await Promise.race([settled, woken]);
      if (outcome && 'stream' in outcome && this.ended) stopStream(outcome.stream);
      this.checkAborted();
      if (outcome && 'stream' in outcome) {
        this.cancel(hintTimer);
        this.cancel(timeoutTimer);
        return outcome.stream;
      }
      if (outcome && 'error' in outcome) {
        const name = (outcome.error as { name?: string } | null)?.name ?? 'Error';
        throw new SessionError(cameraErrorCode(outcome.error), `Simulated: camera failed (${name}): ${String((outcome.error as Error)?.message ?? '')}`, {
          name,
          constraints,
        });
      }
      if (timedOut) {
        if (o.get_user_media_promise_timeout_throw_error) {
          gum.then(stopStream, () => {});
          throw new SessionError('sim_camera_timeout', `Simulated: getUserMedia did not settle within ${timeoutMs} ms.`, { timeout_ms: timeoutMs });
        }
        // throw_error false: tell the user, and keep waiting in case the camera still comes.
        this.view!.showInstruction();
      }
    }
  }

  /** One action: its prompt and overlay, a recording for video actions, and still frames. */
  private async captureAction(action: string, index: number, total: number, best: boolean): Promise<ActionCapture> {
    const isDocument = action.startsWith('photo_id');
    const overlay: OverlayKind = isDocument
      ? this.options.overlay_options?.show_document_pattern === false ? 'frame' : 'document'
      : 'face';
    this.skipWait = false;
    this.view!.setAction(action, index, total, overlay);
    this.view!.setState('capturing');
    this.recording = isDocument ? null : startRecording(this.win, this.stream!);
    // Three stills spread over the wait for a selfie action (the fallback when no video comes),
    // one at the end for a document photo. The middle still of the best action is the best frame.
    const slices = isDocument ? 1 : 3;
    const frames: Frame[] = [];
    for (let s = 0; s < slices; s++) {
      await this.pause(this.delay / slices, true);
      frames.push(await grabFrame(this.win, this.view!.video, { png: best && s === Math.floor(slices / 2) }));
      this.checkAborted();
    }
    const video = this.recording ? await this.recording.stop() : null;
    this.recording = null;
    this.checkAborted();
    return { action, video, frames };
  }

  /** Builds the `on_capture_complete` result and the sealed container. */
  private async pack(captures: ActionCapture[], bestIndex: number, lang: string, actions: string[]) {
    const o = this.options;
    const bestCapture = captures[bestIndex]!;
    const best = bestCapture.frames[Math.floor(bestCapture.frames.length / 2)]!;
    const media: ContainerMediaInput[] = [];
    for (const [i, c] of captures.entries()) {
      if (c.video) media.push({ name: `${i}_${c.action}.${c.video.type.includes('mp4') ? 'mp4' : 'webm'}`, action: c.action, kind: 'video', type: c.video.type, bytes: c.video.bytes });
      // With a clip, one still per action suffices (the best shot); without, all stills are the media.
      const stills = c.video ? [c.frames[Math.floor(c.frames.length / 2)]!] : c.frames;
      stills.forEach((f, n) => media.push({ name: `${i}_${c.action}_${n}.jpg`, action: c.action, kind: 'frame', type: 'image/jpeg', bytes: f.jpeg }));
    }
    const mediaSource: 'video' | 'frames' = captures.some((c) => c.video) ? 'video' : 'frames';
    const container = await packContainer({
      sessionToken: o.session_token ?? null,
      key: this.key,
      defect: defectFor(this.scenario),
      payload: {
        event_session_id: this.eventSessionId,
        meta: { ...(o.meta ?? {}) },
        actions,
        lang,
        params: { extract_best_shot: o.params?.extract_best_shot === true },
        simulation: { scenario: outcomeHint(this.scenario) },
        capture: {
          media_source: mediaSource,
          facing_mode: o.cameraFacingMode ?? 'user',
          device_id: o.device_id ?? null,
          user_agent: this.win.navigator.userAgent,
        },
      },
      media,
    });
    const { width: w, height: h } = best;
    const box = { x: Math.round(w * 0.3), y: Math.round(h * 0.2), width: Math.round(w * 0.4), height: Math.round(h * 0.55) };
    const at = (fx: number, fy: number) => ({ x: Math.round(box.x + box.width * fx), y: Math.round(box.y + box.height * fy) });
    const result: SimulatedCaptureResult = {
      action: bestCapture.action,
      best_frame: best.jpegUrl,
      best_frame_png: best.pngUrl ?? best.jpegUrl,
      best_frame_bounding_box: box,
      best_frame_landmarks: [at(0.3, 0.4), at(0.7, 0.4), at(0.5, 0.6), at(0.35, 0.8), at(0.65, 0.8)],
      frame_list: captures.flatMap((c) => c.frames.map((f) => f.jpegUrl)),
      additional_info: { simulator: true, scenario: this.scenario, actions, media_source: mediaSource, event_session_id: this.eventSessionId },
    };
    return { result, container };
  }

  /** Calls a page callback; a throwing callback is the page's bug and must not break the plugin. */
  private call(name: 'on_capture_complete' | 'on_error' | 'on_close', ...args: unknown[]): void {
    const fn = this.options[name] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn !== 'function') return;
    try {
      fn(...args);
    } catch (err) {
      console.error(`[Oz simulator] ${name} threw:`, err);
    }
  }

  private checkAborted(): void {
    if (this.abort.signal.aborted) throw new DOMException('Session closed', 'AbortError');
  }

  /** Runs `fn` after `ms` unless the session ends first; returns the timer id for {@link cancel}. */
  private later(ms: number, fn: () => void): number {
    const id = this.win.setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.add(id);
    return id;
  }

  private cancel(id: number | undefined): void {
    if (id === undefined) return;
    this.win.clearTimeout(id);
    this.timers.delete(id);
  }

  /** Subscribes to wake-ups (advance, a camera timeout, close); returns the unsubscribe. */
  private onWake(fn: () => void): () => void {
    this.wakeListeners.add(fn);
    return () => this.wakeListeners.delete(fn);
  }

  private wakeAll(): void {
    [...this.wakeListeners].forEach((fn) => fn());
  }

  /** Waits `ms`; throws once closed; with `skippable`, `advance()` cuts it short. */
  private async pause(ms: number, skippable = false): Promise<void> {
    this.checkAborted();
    if (!(skippable && this.skipWait)) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          this.cancel(timer);
          off();
          this.abort.signal.removeEventListener('abort', finish);
          resolve();
        };
        const timer = this.later(ms, finish);
        const off = skippable ? this.onWake(() => this.skipWait && finish()) : () => true;
        this.abort.signal.addEventListener('abort', finish, { once: true });
      });
    }
    this.checkAborted();
  }

  /** "Capture now": the current action (and the rest of its wait) completes at once. */
  advance(): void {
    this.skipWait = true;
    this.wakeAll();
  }

  hide(): void {
    this.hidden = true;
    this.view?.hide();
  }

  /** Tears everything down: timers, recorder, camera, window. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.abort.abort();
    this.timers.forEach((id) => this.win.clearTimeout(id));
    this.timers.clear();
    this.wakeAll();
    this.recording?.abort();
    this.recording = null;
    stopStream(this.stream);
    this.view?.remove();
    this.view = null;
    this.onEnded(this);
  }

  /** `OzLiveness.close()` or the user's close: end now, then `on_close` (asynchronously, never re-entrant). */
  close(): void {
    if (this.ended) return;
    this.end();
    this.win.setTimeout(() => this.call('on_close'), 0);
  }
}

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
        win.setTimeout(() => onError?.({
          code: 'sim_already_open' satisfies SimulatedErrorCode,
          event_session_id: randomId(),
          message: 'Simulated: the plugin window is already open.',
          context: { simulator: true },
        }), 0);
        return;
      }
      const s = new Session(win, openOptions, scenario, delay, options.key, options.lang ?? 'en', (ended) => {
        if (session === ended) session = null;
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
