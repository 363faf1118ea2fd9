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

type ByobReader = { read(view: Uint8Array): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> };

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
  /** SHA-256 hex of what passed; meaningful once `complete`. */
  digest(): string;
  /** Stop reading the browser (a no-op once the body ended). */
  stop(): void;
}

/**
 * Counts bytes as they pass and errors the stream at the first chunk past `max`, cancelling the
 * source so nothing more is read from the browser. Pull-based: a chunk is read only when the
 * consumer (the upload to Oz) wants one.
 */
export function tapBody(source: ReadableStream<Uint8Array> | null, max: number, onOverLimit: () => void, hash?: IncrementalHash): BodyTap {
  let complete = source === null;
  let overLimit = false;
  const sha = hash ?? null;
  if (!source) return { stream: null, complete, overLimit, digest: () => (sha ?? createSha256()).digest(), stop() {} };
  const reader = openBody(source);
  let total = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      // A BYOB read may end with the last bytes and `done` together; an empty piece says nothing.
      if (value?.byteLength && !passOn(value, controller)) return;
      if (done) {
        complete = true;
        controller.close();
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  /** Counts, hashes and enqueues one piece; false once the body went over the limit. */
  function passOn(value: Uint8Array, controller: ReadableStreamDefaultController<Uint8Array>): boolean {
    total += value.byteLength;
    if (total > max) {
      overLimit = true;
      onOverLimit();
      reader.cancel('over the size limit').catch(() => {});
      controller.error(new RangeError(`container over ${max} bytes`));
      return false;
    }
    sha?.update(value);
    controller.enqueue(value);
    return true;
  }
  return {
    stream,
    get complete() {
      return complete;
    },
    get overLimit() {
      return overLimit;
    },
    digest: () => (sha ?? createSha256()).digest(),
    // `fetch` holds the stream's lock, so stopping goes to the source directly.
    stop: () => void reader.cancel('upload finished').catch(() => {}),
  };
}

/**
 * Reads a whole body only to hash it (a repeat whose answer is recorded), never keeping it.
 * `'too-large'` past `max`, `'timeout'` when it takes longer than `timeoutMs`.
 */
export async function hashWholeBody(request: Request, max: number, timeoutMs: number): Promise<string | 'too-large' | 'timeout'> {
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
