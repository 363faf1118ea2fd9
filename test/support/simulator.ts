// Helpers for tests that drive the simulated plugin (test/testing, test/e2e): open it and record its callbacks, reach into its window, wait for conditions.
import { waitUntil } from '@open-wc/testing';
import type sinon from 'sinon';
import type {
  SimulatedAdapterResult,
  SimulatedCaptureResult,
  SimulatedOpenOptions,
  SimulatedOzError,
  SimulatedOzLiveness,
} from '../../src/testing/index.js';

/** What one `open()` reported, in order. */
export interface Run {
  calls: Array<'complete' | 'error' | 'close' | 'submit' | 'result' | 'adapter-complete'>;
  /** on_capture_complete's arguments, as given. */
  completeArgs?: unknown[];
  /** The first argument of on_capture_complete when it is the result object. */
  result?: SimulatedCaptureResult;
  /** The Blob of on_capture_complete, whichever argument it came as. */
  container?: Blob;
  error?: SimulatedOzError;
  /** What on_result and on_complete received, in order. */
  adapterResults: SimulatedAdapterResult[];
  /** Resolves at on_close. */
  closed: Promise<void>;
  /** Resolves at on_capture_complete. */
  completed: Promise<void>;
}

/** Opens the simulator and records every callback. */
export function open(oz: SimulatedOzLiveness, options: SimulatedOpenOptions = {}, onComplete?: () => void): Run {
  const run = { calls: [], adapterResults: [] } as unknown as Run;
  let completed!: () => void;
  run.completed = new Promise<void>((resolve) => (completed = resolve));
  run.closed = new Promise<void>((resolve) => {
    oz.open({
      action: ['video_selfie_blank'],
      ...options,
      on_capture_complete: (...args: unknown[]) => {
        run.calls.push('complete');
        run.completeArgs = args;
        const [first, second] = args;
        if (first && !(first instanceof Blob)) run.result = first as SimulatedCaptureResult;
        run.container = [first, second].find((a): a is Blob => a instanceof Blob);
        onComplete?.();
        completed();
      },
      on_error: (error) => {
        run.calls.push('error');
        run.error = error;
      },
      on_close: () => {
        run.calls.push('close');
        resolve();
      },
      on_submit: () => void run.calls.push('submit'),
      on_result: (r) => {
        run.calls.push('result');
        run.adapterResults.push(r);
      },
      on_complete: (r) => {
        run.calls.push('adapter-complete');
        run.adapterResults.push(r);
      },
    });
  });
  return run;
}

/** The simulator's `additional_info` (a string, as Oz documents), read back as the JSON the simulator puts there. */
export function additionalInfo(result: SimulatedCaptureResult): Record<string, unknown> {
  return JSON.parse(result.additional_info) as Record<string, unknown>;
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
  return (
    streams.length > 0 &&
    streams.every((s) => s.getTracks().length > 0 && s.getTracks().every((t) => t.readyState === 'ended'))
  );
}
