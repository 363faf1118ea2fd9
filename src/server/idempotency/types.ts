/**
 * Retry-safe uploads: what the handler remembers per `Idempotency-Key`, and the interface of the
 * store it lives in (memory.ts, redis.ts, or the integrator's own). A session token binds one
 * container, so once Oz has checked a whole container a resend can only earn 400 / 14; the first
 * answer must be kept and replayed instead (see docs/server.md, "Idempotency").
 */

/** An answer to one container, as the browser got (or should have got) it. */
export interface RecordedAnswer {
  status: number;
  body: string;
  contentType: string;
  /** SHA-256 (hex) of the container that earned this answer; a repeat with other bytes gets 422. */
  bodyHash: string;
  /** Set when `onResult` failed: the whole folder JSON, so a repeat can run `onResult` again. */
  unrecordedFolder?: string;
}

/** `pending`: a request holds the key and is with Oz; `done`: its answer is recorded. */
export type IdempotencyEntry = { state: 'pending'; owner: string } | { state: 'done'; answer: RecordedAnswer };

/**
 * Where records live. Every method may be called by many instances at once (Redis); `claim` is
 * the one atomic step: it either takes the key for `owner` (answers `undefined`) or returns what
 * is there. Everything written expires: a claim after `leaseMs`, a record after `ttlMs`.
 */
export interface IdempotencyStore {
  claim(key: string, owner: string, leaseMs: number): Promise<IdempotencyEntry | undefined>;
  /** Records the answer for `key` (replacing the claim), kept for `ttlMs`. */
  complete(key: string, answer: RecordedAnswer, ttlMs: number): Promise<void>;
  /** Gives a claim back without a record (the body was cut, Oz failed): the next request forwards. */
  release(key: string, owner: string): Promise<void>;
}

/** The `idempotency` option of the handler. */
export interface IdempotencyOptions {
  /** Default: {@link createMemoryIdempotencyStore} (one process). Use {@link createRedisIdempotencyStore} behind a load balancer. */
  store?: IdempotencyStore;
  /** How long an answer is replayed, in ms. Default 900 000: a session token's lifetime, after which a resend is refused anyway. */
  ttlMs?: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 900_000;

/** What a well-formed key is: 1–255 visible ASCII characters (a UUID, or anything a client picks). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}
