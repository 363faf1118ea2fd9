/**
 * Bounds that keep one slow party from holding the others: every call to the idempotency store or
 * the limits' counters gets a short timeout (a stalled Redis is a 503, never a hang), and a body that
 * arrives slower than a minimum rate is cut.
 */
import type { MinUploadRate } from '../http/body.js';

/** A healthy Redis answers in about a millisecond; one that has not answered in a second is down or stalled. */
export const DEFAULT_STORE_TIMEOUT_MS = 1000;
/** 4 KiB/s over 10 s: a phone on a poor 2G link still passes; a socket dripping bytes to hold a slot does not. */
export const DEFAULT_MIN_UPLOAD_RATE: MinUploadRate = { bytesPerSecond: 4096, windowMs: 10_000 };

/** The options these bounds read. */
export interface BoundsOptions {
  storeTimeoutMs?: number;
  minUploadRate?: Partial<MinUploadRate> | false;
}

export function resolveBounds(
  options: BoundsOptions,
  fail: (message: string) => never,
): { storeTimeoutMs: number; minRate?: MinUploadRate } {
  const storeTimeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  if (typeof storeTimeoutMs !== 'number' || !(storeTimeoutMs > 0 && storeTimeoutMs <= 60_000))
    fail('storeTimeoutMs must be a positive number of milliseconds (at most 60000).');
  const given = options.minUploadRate;
  if (given === false) return { storeTimeoutMs };
  if (given !== undefined && (typeof given !== 'object' || given === null))
    fail('minUploadRate must be { bytesPerSecond?, windowMs? } or false.');
  const minRate = { ...DEFAULT_MIN_UPLOAD_RATE, ...given };
  if (!(Number.isFinite(minRate.bytesPerSecond) && minRate.bytesPerSecond > 0))
    fail('minUploadRate.bytesPerSecond must be a positive number.');
  if (!(Number.isSafeInteger(minRate.windowMs) && minRate.windowMs >= 100))
    fail('minUploadRate.windowMs must be an integer of at least 100 ms.');
  return { storeTimeoutMs, minRate };
}

/** A store or counter call that took longer than its bound. */
export class StoreTimeout extends Error {
  override name = 'StoreTimeout';
}

/**
 * `call`'s result, or a {@link StoreTimeout} after `ms`: no request waits longer on a store. A
 * result that comes after all goes to `onLate` (to give back a claim or a slot taken too late).
 */
export function bounded<T>(call: Promise<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new StoreTimeout(`${what}: no answer within ${ms} ms`));
    }, ms);
    call.then(
      (value) => {
        clearTimeout(timer);
        if (late) onLate?.(value);
        else resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * A Redis client's `error` event with no listener throws and ends the process; the kit's calls fail
 * (and answer 503) on their own, so it listens once on every client it is given.
 */
export function keepAlive(client: unknown): void {
  const emitter = client as { on?: (event: string, listener: (err: unknown) => void) => unknown };
  const marked = client as Record<symbol, boolean>;
  const MARK = Symbol.for('oz-liveness.error-listener');
  if (typeof emitter?.on !== 'function' || marked[MARK]) return;
  emitter.on('error', () => {});
  marked[MARK] = true;
}
