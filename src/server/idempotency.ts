/**
 * Retry-safe uploads: what the handler remembers per `Idempotency-Key`, and where. A session token
 * binds one container, so once Oz has checked a whole container a resend can only earn 400 / 14;
 * the first answer must be kept and replayed instead (see docs/server.md, "Idempotency").
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

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most records kept; the oldest go first. Default 10 000. */
  maxEntries?: number;
  /** Most bytes of recorded bodies kept; the oldest go first. Default 64 MiB. */
  maxBytes?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

interface MemoryEntry {
  entry: IdempotencyEntry;
  expiresAt: number;
  bytes: number;
}

/**
 * Records in this process's memory, bounded: entries expire, and past `maxEntries` or `maxBytes`
 * the oldest records are dropped (claims in progress are never dropped early). Enough for one
 * instance; several instances need a shared store.
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new TypeError('createMemoryIdempotencyStore: maxEntries must be a positive integer.');
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new TypeError('createMemoryIdempotencyStore: maxBytes must be a positive integer.');
  // Insertion order is age order: a write deletes and re-inserts, so the oldest is always first.
  const entries = new Map<string, MemoryEntry>();
  let bytes = 0;

  const remove = (key: string) => {
    const found = entries.get(key);
    if (found) {
      bytes -= found.bytes;
      entries.delete(key);
    }
  };
  const put = (key: string, entry: IdempotencyEntry, lifetimeMs: number) => {
    remove(key);
    const size = entry.state === 'done' ? entry.answer.body.length + (entry.answer.unrecordedFolder?.length ?? 0) : 0;
    entries.set(key, { entry, expiresAt: now() + lifetimeMs, bytes: size });
    bytes += size;
    prune();
  };
  const prune = () => {
    const t = now();
    for (const [key, found] of entries) {
      const over = entries.size > maxEntries || bytes > maxBytes;
      if (found.expiresAt <= t) remove(key);
      else if (over && found.entry.state === 'done') remove(key);
      else if (!over) break;
    }
  };
  const live = (key: string) => {
    const found = entries.get(key);
    if (found && found.expiresAt <= now()) remove(key);
    return entries.get(key)?.entry;
  };

  return {
    async claim(key, owner, leaseMs) {
      const existing = live(key);
      if (existing) return existing;
      put(key, { state: 'pending', owner }, leaseMs);
      return undefined;
    },
    async complete(key, answer, ttlMs) {
      put(key, { state: 'done', answer }, ttlMs);
    },
    async release(key, owner) {
      const existing = live(key);
      if (existing?.state === 'pending' && existing.owner === owner) remove(key);
    },
  };
}

/** What a well-formed key is: 1–255 visible ASCII characters (a UUID, or anything a client picks). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

/** A repeat polls for the first request's answer, starting fast and backing off to this. */
export const POLL_MAX_MS = 250;

export function pollDelay(attempt: number): number {
  return Math.min(POLL_MAX_MS, 10 * 2 ** attempt);
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
