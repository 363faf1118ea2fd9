/**
 * The default idempotency store: records in this process's memory, bounded. Enough for one instance;
 * several instances behind a load balancer need a shared store (redis.ts).
 */
import type { IdempotencyEntry, IdempotencyStore } from './types.js';

/** Options of {@link createMemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most records kept. Default 10 000. When full of unexpired records, new keys are refused (503). */
  maxEntries?: number;
  /** Most bytes of recorded bodies kept. Default 64 MiB. When full, new keys are refused (503). */
  maxBytes?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

interface MemoryEntry {
  entry: IdempotencyEntry;
  expiresAt: number;
  bytes: number;
}

/** The store has no room left for a new key: every record in it is unexpired. */
export class IdempotencyStoreFull extends Error {
  override name = 'IdempotencyStoreFull';
}

/**
 * Records in this process's memory, bounded: entries expire, and a record is never dropped before
 * its TTL — past `maxEntries` or `maxBytes` a new key is refused instead (the route answers 503 and
 * logs it), so no client's load can take away another's recorded answer. Enough for one instance;
 * several instances need a shared store.
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0)
    throw new TypeError('createMemoryIdempotencyStore: maxEntries must be a positive integer.');
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0)
    throw new TypeError('createMemoryIdempotencyStore: maxBytes must be a positive integer.');
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
  /** Drops expired entries (claims and records have different lifetimes, so the whole map is looked at, only when full). */
  const prune = () => {
    if (entries.size < maxEntries && bytes <= maxBytes) return;
    const t = now();
    for (const [key, found] of entries) if (found.expiresAt <= t) remove(key);
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
      prune();
      if (entries.size >= maxEntries || bytes > maxBytes) {
        throw new IdempotencyStoreFull(
          `the idempotency store is full (${entries.size} unexpired records, ${bytes} bytes): a new key is refused rather than dropping a record before its TTL. Raise maxEntries / maxBytes or use Redis.`,
        );
      }
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
