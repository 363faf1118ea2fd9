/**
 * The browser's body on its way through: counted against the size limit, hashed for the
 * idempotency record, and watched for its end. Pull-based, so memory stays flat whatever the size.
 */
import { createSha256, type IncrementalHash } from './sha256.js';

/** Bytes asked for per read where the runtime lets us choose (see `openBody`). */
const PIECE_BYTES = 64 * 1024;

/** What the tap and the hash need from a reader: the next piece (or the end), and a way to stop. */
interface BodyReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

type ByobReader = {
  read(view: Uint8Array): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
};

/**
 * Reads a body in pieces of up to 64 KiB where the runtime lets us choose their size. workerd hands
 * a default reader a request body in ~4 KiB pieces (5,100 reads per 20 MiB, each costly); a BYOB
 * reader with a 64 KiB view takes it in ~320. Deno's body is a byte stream too (same piece count
 * either way); Node's and Bun's are not, and keep their default reader (already ~64 KiB pieces).
 * Each read gets a fresh view: the piece goes on to `fetch`, so its memory cannot be reused.
 * Not workerd's `readAtLeast(64 KiB, view)`: it waits for the view to fill, so a client that
 * pauses (e.g. for our 413 once it is past the limit) would wait for us while we wait for it.
 */
function openBody(source: ReadableStream<Uint8Array>): BodyReader {
  let byob: ByobReader;
  try {
    byob = source.getReader({ mode: 'byob' }) as unknown as ByobReader;
  } catch {
    return source.getReader(); // not a byte stream
  }
  return { read: () => byob.read(new Uint8Array(PIECE_BYTES)), cancel: (reason) => byob.cancel(reason) };
}

export interface BodyTap {
  /** What to hand to `fetch`; `null` for a request without a body. */
  readonly stream: ReadableStream<Uint8Array> | null;
  /** The browser's body ended: every byte has been handed on. */
  readonly complete: boolean;
  readonly overLimit: boolean;
  /** Cut for arriving slower than `minRate`. */
  readonly tooSlow: boolean;
  /** SHA-256 hex of what passed; meaningful once `complete`. */
  digest(): string;
  /** Stop reading the browser (a no-op once the body ended). */
  stop(): void;
}

/**
 * The slowest body accepted: fewer than `bytesPerSecond` over a whole `windowMs` spent waiting for
 * the browser cuts it. Only time spent waiting for the browser counts, so a slow Oz (which reads
 * the body at its own pace) never gets a browser cut.
 */
export interface MinUploadRate {
  bytesPerSecond: number;
  windowMs: number;
}

/** What a tap checks as the body passes. */
export interface TapOptions {
  max: number;
  /** Called once, when the body goes over `max`. */
  onOverLimit(): void;
  hash?: IncrementalHash;
  /** When it fires (a deadline), the tap errors its stream (so fetch drops its upload) and stops reading the browser. */
  signal?: AbortSignal;
  minRate?: MinUploadRate;
  /** Called once, when the body is cut for being too slow. */
  onTooSlow?(): void;
}

/**
 * Counts bytes as they pass and errors the stream at the first chunk past `max`, cancelling the
 * source so nothing more is read from the browser. Pull-based: a chunk is read only when the
 * consumer (the upload to Oz) wants one. Cut the same way when `signal` fires or the body is
 * slower than `minRate`.
 */
export function tapBody(source: ReadableStream<Uint8Array> | null, options: TapOptions): BodyTap {
  const { max, onOverLimit, hash, signal, minRate, onTooSlow } = options;
  let complete = source === null;
  let overLimit = false;
  let tooSlow = false;
  const sha = hash ?? null;
  if (!source)
    return { stream: null, complete, overLimit, tooSlow, digest: () => (sha ?? createSha256()).digest(), stop() {} };
  const reader = openBody(source);
  let total = 0;
  let ended = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Ends the tap with an error: fetch then drops its upload, and the browser is read no more. */
  const cut = (reason: unknown, told: unknown = reason) => {
    finish();
    reader.cancel(told).catch(() => {});
    try {
      controller.error(reason);
    } catch {
      // already closed or errored
    }
  };
  const onAbort = () => cut(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const rate = minRate ? watchRate(minRate) : undefined;
  function finish() {
    ended = true;
    rate?.stop();
    signal?.removeEventListener('abort', onAbort);
  }
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      if (signal?.aborted) onAbort();
    },
    async pull() {
      rate?.waiting(true);
      const { done, value } = await reader.read();
      rate?.waiting(false);
      if (ended) return; // cut meanwhile
      // A BYOB read may end with the last bytes and `done` together; an empty piece says nothing.
      if (value?.byteLength && !passOn(value)) return;
      if (done) {
        complete = true;
        finish();
        controller.close();
      }
    },
    cancel: (reason) => {
      finish();
      return reader.cancel(reason);
    },
  });
  /** Counts, hashes and enqueues one piece; false once the body went over the limit. */
  function passOn(value: Uint8Array): boolean {
    total += value.byteLength;
    rate?.got(value.byteLength);
    if (total > max) {
      overLimit = true;
      onOverLimit();
      cut(new RangeError(`container over ${max} bytes`), 'over the size limit');
      return false;
    }
    sha?.update(value);
    controller.enqueue(value);
    return true;
  }
  /** Bytes and time spent waiting for the browser, per window; too few bytes over a whole window cut the body. */
  function watchRate({ bytesPerSecond, windowMs }: MinUploadRate) {
    let waitingSince: number | undefined;
    let waited = 0;
    let bytes = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      if (waitingSince !== undefined) {
        waited += now - waitingSince;
        waitingSince = now;
      }
      const slow = waited >= windowMs * 0.9 && bytes < (bytesPerSecond * windowMs) / 1000;
      waited = 0;
      bytes = 0;
      if (slow) {
        tooSlow = true;
        onTooSlow?.();
        cut(new Error(`the container arrived slower than ${bytesPerSecond} bytes/s over ${windowMs} ms`));
      }
    }, windowMs);
    return {
      waiting(now: boolean) {
        if (now) waitingSince = Date.now();
        else if (waitingSince !== undefined) {
          waited += Date.now() - waitingSince;
          waitingSince = undefined;
        }
      },
      got: (n: number) => void (bytes += n),
      stop: () => clearInterval(timer),
    };
  }
  return {
    stream,
    get complete() {
      return complete;
    },
    get overLimit() {
      return overLimit;
    },
    get tooSlow() {
      return tooSlow;
    },
    digest: () => (sha ?? createSha256()).digest(),
    // `fetch` holds the stream's lock, so stopping goes to the source directly.
    stop: () => {
      finish();
      reader.cancel('upload finished').catch(() => {});
    },
  };
}

/**
 * Reads a whole body only to hash it (a repeat whose answer is recorded), never keeping it.
 * `'too-large'` past `max`, `'timeout'` when it takes longer than `timeoutMs`.
 */
export async function hashWholeBody(
  request: Request,
  max: number,
  timeoutMs: number,
): Promise<string | 'too-large' | 'timeout'> {
  const sha = createSha256();
  if (!request.body) return sha.digest();
  const reader = openBody(request.body);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel('too slow').catch(() => {});
  }, timeoutMs);
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) return 'timeout';
      if (value?.byteLength) {
        total += value.byteLength;
        if (total > max) {
          reader.cancel('over the size limit').catch(() => {});
          return 'too-large';
        }
        sha.update(value);
      }
      if (done) return sha.digest();
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Tells a streaming adapter we will not read this body, so it can stop receiving it. */
export function discardBody(request: Request): void {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => {});
}
