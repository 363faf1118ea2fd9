/**
 * The browser's body on its way through: counted against the size limit, hashed for the
 * idempotency record, and watched for its end. Pull-based, so memory stays flat whatever the size.
 */
import { createSha256, type IncrementalHash } from './sha256.js';

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
  const reader = source.getReader();
  let total = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        return controller.close();
      }
      total += value.byteLength;
      if (total > max) {
        overLimit = true;
        onOverLimit();
        reader.cancel('over the size limit').catch(() => {});
        return controller.error(new RangeError(`container over ${max} bytes`));
      }
      sha?.update(value);
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
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
  const reader = request.body.getReader();
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
      if (done) return sha.digest();
      total += value.byteLength;
      if (total > max) {
        reader.cancel('over the size limit').catch(() => {});
        return 'too-large';
      }
      sha.update(value);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Tells a streaming adapter we will not read this body, so it can stop receiving it. */
export function discardBody(request: Request): void {
  if (request.body && !request.bodyUsed && !request.body.locked) request.body.cancel().catch(() => {});
}
