/**
 * One simulated `open()` … `on_close()`: the window, the camera, each action's capture, the
 * packing, and the hand-over through the callbacks, in the order the scenario asks for. Every way
 * out ends in exactly one of: a hand-over, an `on_error`, or (through `close()`) only `on_close`.
 */
import { acquireCamera } from './camera.js';
import { adapterResult, packCapture, type ActionCapture } from './capture-result.js';
import { randomId } from './encoding.js';
import { resolveLanguage } from './i18n.js';
import { grabFrame, startRecording, stopStream, whenVideoReady, type Frame, type Recording } from './media-capture.js';
import { invalidOption } from './open-options.js';
import type { SimulatedCaptureResult, SimulatedOpenOptions, SimulatedOzError } from './plugin-types.js';
import type { ScenarioName } from './scenarios.js';
import { SessionError } from './session-error.js';
import { SessionTimers } from './session-timers.js';
import { SimulatorWindow, type OverlayKind } from './sim-window.js';

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

/**
 * `window_closes_first`: how long after `on_close` the container comes. Oz fixes no order and no
 * gap; a few hundred ms is what a plugin finishing its packing after closing its window would take.
 */
export const LATE_CONTAINER_MS = 300;

type Callback = 'on_capture_complete' | 'on_error' | 'on_close' | 'on_submit' | 'on_result' | 'on_complete';

/** What a session is given when `open()` starts it. */
export interface SessionSetup {
  win: Window;
  options: SimulatedOpenOptions;
  scenario: ScenarioName;
  delay: number;
  key: string | undefined;
  defaultLang: string;
  onEnded: (s: Session) => void;
}

export class Session {
  readonly eventSessionId = randomId();
  private readonly timers: SessionTimers;
  private stream: MediaStream | null = null;
  private recording: Recording | null = null;
  private view: SimulatorWindow | null = null;
  private ended = false;
  private closeSent = false;
  hidden = false;

  constructor(private readonly setup: SessionSetup) {
    this.timers = new SessionTimers(setup.win);
  }

  private get options(): SimulatedOpenOptions {
    return this.setup.options;
  }

  private get scenario(): ScenarioName {
    return this.setup.scenario;
  }

  /** Runs the whole capture and its hand-over. */
  async run(): Promise<void> {
    const o = this.options;
    const { win } = this.setup;
    try {
      const bad = invalidOption(o);
      if (bad)
        throw new SessionError('sim_invalid_options', `Simulated: invalid open() option ${bad.field}: ${bad.message}`, {
          field: bad.field,
        });
      const { lang, messages } = resolveLanguage(o.lang ?? this.setup.defaultLang);
      const actions = o.action ?? ['video_selfie_blank'];
      if (o.enable_3d_mask)
        console.warn(
          '[Oz simulator] enable_3d_mask is deprecated by Oz (retired 2027-01-01); the simulator ignores it.',
        );

      const view = new SimulatorWindow(win.document, messages, {
        onUserClose: () => this.close(),
        onCaptureNow: () => this.advance(),
      });
      this.view = view;
      if (this.hidden) view.hide();
      await this.timers.pause(0); // let the window paint before any failure, as a real plugin would
      if (WASM_AT_OPEN.has(this.scenario)) throw new SessionError(this.scenario, WASM_MESSAGES[this.scenario]!);

      const facing = o.cameraFacingMode ?? 'user';
      this.stream = await acquireCamera({ win, options: o, scenario: this.scenario, view, timers: this.timers });
      view.clearCameraMessages();
      const settings = this.stream.getVideoTracks()[0]?.getSettings?.() ?? {};
      // The device's own answer wins (a back camera is never mirrored); desktop webcams often report none.
      const mirrored = (settings.facingMode || facing) === 'user';
      view.showStream(this.stream, mirrored, !o.disable_adaptive_aspect_ratio);
      await whenVideoReady(win, view.video, 3000);
      this.timers.checkAborted();
      if (WASM_AFTER_CAMERA.has(this.scenario)) throw new SessionError(this.scenario, WASM_MESSAGES[this.scenario]!);

      const bestIndex = Math.max(
        0,
        actions.findIndex((a) => a.startsWith('video_selfie')),
      );
      const captures: ActionCapture[] = [];
      for (const [i, action] of actions.entries()) {
        captures.push(await this.captureAction(action, i, actions.length, i === bestIndex));
      }

      view.setState('processing');
      stopStream(this.stream); // the camera is released before the page hears of the result
      if (WASM_AT_PACKING.has(this.scenario)) {
        throw new SessionError(this.scenario, `Simulated: the container could not be generated (${this.scenario}).`);
      }
      const { eventSessionId, scenario } = this;
      const packed = await packCapture({ ...this.setup, eventSessionId, captures, bestIndex, lang, actions, scenario });
      this.timers.checkAborted();
      await this.handOver(packed.result, packed.container);
    } catch (err) {
      if (this.ended) return; // closed: no callbacks but the on_close close() already sent
      const e =
        err instanceof SessionError
          ? err
          : new SessionError(
              'sim_capture_failed',
              `Simulated plugin failure: ${String((err as Error)?.message ?? err)}`,
            );
      this.end();
      this.call('on_error', {
        code: e.code,
        event_session_id: this.eventSessionId,
        message: e.message,
        context: { simulator: true, scenario: this.scenario, ...e.context },
      } satisfies SimulatedOzError);
      this.sendClose();
    }
  }

  /** The callbacks that end a capture, in the scenario's order (see scenarios.ts). */
  private async handOver(result: SimulatedCaptureResult, container: Blob): Promise<void> {
    if (this.scenario === 'architecture_normal') {
      // The adapter uploads by itself: the page hears on_submit, then results, never the container.
      // A close() between two of them aborts the rest (the pause throws), as Oz's close() does.
      const step = Math.min(this.setup.delay, 1000) / 4;
      const calls: Array<() => void> = [
        () => this.call('on_submit'),
        () => this.call('on_result', adapterResult(this.eventSessionId, false)),
        () => this.call('on_result', adapterResult(this.eventSessionId, true)),
        () => this.call('on_complete', adapterResult(this.eventSessionId, true)),
      ];
      for (const call of calls) {
        call();
        await this.timers.pause(step);
      }
      this.end();
      this.sendClose();
      return;
    }
    if (this.scenario === 'window_closes_first') {
      // The window goes and on_close comes first; the container follows unless close() is called.
      this.view?.remove();
      this.view = null;
      this.sendClose();
      this.timers.later(LATE_CONTAINER_MS, () => {
        this.end();
        this.call('on_capture_complete', result, container);
      });
      return;
    }
    this.end();
    if (this.scenario === 'container_only_argument') this.call('on_capture_complete', container);
    else this.call('on_capture_complete', result, container);
    this.sendClose();
  }

  /** One action: its prompt and overlay, a recording for video actions, and still frames. */
  private async captureAction(action: string, index: number, total: number, best: boolean): Promise<ActionCapture> {
    const view = this.view!;
    const isDocument = action.startsWith('photo_id');
    const overlay: OverlayKind = isDocument
      ? this.options.overlay_options?.show_document_pattern === false
        ? 'frame'
        : 'document'
      : 'face';
    this.timers.skipWait = false;
    view.setAction(action, index, total, overlay);
    view.setState('capturing');
    this.recording = isDocument ? null : startRecording(this.setup.win, this.stream!);
    // Three stills spread over the wait for a selfie action (the fallback when no video comes),
    // one at the end for a document photo. The middle still of the best action is the best frame.
    const slices = isDocument ? 1 : 3;
    const frames: Frame[] = [];
    for (let s = 0; s < slices; s++) {
      await this.timers.pause(this.setup.delay / slices, true);
      frames.push(await grabFrame(this.setup.win, view.video, { png: best && s === Math.floor(slices / 2) }));
      this.timers.checkAborted();
    }
    const video = this.recording ? await this.recording.stop() : null;
    this.recording = null;
    this.timers.checkAborted();
    return { action, video, frames };
  }

  /** Calls a page callback; a throwing callback is the page's bug and must not break the plugin. */
  private call(name: Callback, ...args: unknown[]): void {
    const fn = this.options[name] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn !== 'function') return;
    try {
      fn(...args);
    } catch (err) {
      console.error(`[Oz simulator] ${name} threw:`, err);
    }
  }

  /** `on_close`, once per session. */
  private sendClose(): void {
    if (this.closeSent) return;
    this.closeSent = true;
    this.call('on_close');
  }

  /** "Capture now": the current action (and the rest of its wait) completes at once. */
  advance(): void {
    this.timers.advance();
  }

  hide(): void {
    this.hidden = true;
    this.view?.hide();
  }

  /** Tears everything down: timers, recorder, camera, window. Idempotent. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.timers.dispose();
    this.recording?.abort();
    this.recording = null;
    stopStream(this.stream);
    this.view?.remove();
    this.view = null;
    this.setup.onEnded(this);
  }

  /** `OzLiveness.close()` or the user's close: end now, then `on_close` (asynchronously, never re-entrant). */
  close(): void {
    if (this.ended) return;
    this.end();
    this.setup.win.setTimeout(() => this.sendClose(), 0);
  }
}
