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

/** Waits until the window shows `state` (starting, capturing, processing, waiting). */
export async function windowState(state: string): Promise<void> {
  await waitUntil(() => simWindow()?.dataset.state === state, `simulator window ${state}`, { timeout: 8000 });
}

/** Lets queued tasks run (e.g. to show that a callback did NOT come). Not a timing assertion. */
export function settle(ms = 100): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
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
