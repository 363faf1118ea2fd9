// Shared helpers for the simulator's browser tests.
import { waitUntil } from '@open-wc/testing';
import type sinon from 'sinon';
import type { SimulatedCaptureResult, SimulatedOpenOptions, SimulatedOzError, SimulatedOzLiveness } from '../../src/testing/index.js';

/** What one `open()` reported, in order. */
export interface Run {
  calls: Array<'complete' | 'error' | 'close'>;
  result?: SimulatedCaptureResult;
  container?: Blob;
  error?: SimulatedOzError;
  /** Resolves at on_close. */
  closed: Promise<void>;
}

/** Opens the simulator and records every callback. */
export function open(oz: SimulatedOzLiveness, options: SimulatedOpenOptions = {}, onComplete?: () => void): Run {
  const run = { calls: [] } as unknown as Run;
  run.closed = new Promise<void>((resolve) => {
    oz.open({
      action: ['video_selfie_blank'],
      ...options,
      on_capture_complete: (result, container) => {
        run.calls.push('complete');
        run.result = result;
        run.container = container;
        onComplete?.();
      },
      on_error: (error) => {
        run.calls.push('error');
        run.error = error;
      },
      on_close: () => {
        run.calls.push('close');
        resolve();
      },
    });
  });
  return run;
}

/** The simulator window's host element, or null. */
export function simWindow(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-oz-simulator]');
}

/** An element inside the simulator window. */
export function inWindow<T extends Element = HTMLElement>(selector: string): T {
  const el = simWindow()?.shadowRoot?.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector} in the simulator window`);
  return el;
}

/**
 * How long a test waits for a condition before it fails: generous, because CI shares 2 cores with
 * other builds. A condition that holds ends the wait at once, so a quiet machine pays nothing.
 */
export const BOUND = 30_000;

/** Waits for `condition` (polled every 20 ms), failing with `message` after `timeout`. */
export async function until(condition: () => unknown, message = 'condition', timeout = BOUND): Promise<void> {
  await waitUntil(condition, message, { timeout, interval: 20 });
}

/** Waits until the window shows `state` (starting, capturing, processing, waiting). */
export async function windowState(state: string): Promise<void> {
  await until(() => simWindow()?.dataset.state === state, `simulator window ${state}`);
}

/**
 * Lets the tasks already queued run, to show that a callback did NOT come. It counts task turns, not
 * milliseconds: nothing here may depend on how fast the machine is.
 */
export async function nextTasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0));
}

/** What the `MediaRecorder`s made while it watches: slices with bytes and empty slices. */
export interface RecorderWatch {
  recorders: number;
  withBytes: number;
  empty: number;
}

/** Swaps `window.MediaRecorder` for a subclass that counts its slices (restored by sinon.restore()). */
export function watchRecorders(sandbox: typeof sinon): RecorderWatch {
  const watch: RecorderWatch = { recorders: 0, withBytes: 0, empty: 0 };
  const Real = window.MediaRecorder;
  if (typeof Real !== 'function') return watch;
  class Watched extends Real {
    constructor(stream: MediaStream, options?: MediaRecorderOptions) {
      super(stream, options);
      watch.recorders++;
      this.addEventListener('dataavailable', (e) => void (e.data.size > 0 ? watch.withBytes++ : watch.empty++));
    }
  }
  sandbox.stub(window, 'MediaRecorder').value(Watched);
  return watch;
}

/** Collects the streams `getUserMedia` hands out while `spy` watches it. */
export async function streamsOf(spy: sinon.SinonSpy): Promise<MediaStream[]> {
  const out: MediaStream[] = [];
  for (const call of spy.getCalls()) {
    try {
      out.push(await (call.returnValue as Promise<MediaStream>));
    } catch {
      // a refused call has no stream
    }
  }
  return out;
}

/** Every track of every stream has ended (the camera is released). */
export function allEnded(streams: MediaStream[]): boolean {
  return streams.length > 0 && streams.every((s) => s.getTracks().length > 0 && s.getTracks().every((t) => t.readyState === 'ended'));
}
