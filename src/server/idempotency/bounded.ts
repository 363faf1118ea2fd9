/**
 * The idempotency store as the upload route uses it: every call bounded by `storeTimeoutMs`, so a
 * stalled or unreachable store is a 503 at once, never a hang. A claim that lands after its bound
 * is given back at once (on one Redis connection the release runs after it), so the key is not left
 * blocked for the whole lease.
 */
import { bounded } from '../limits/bounds.js';
import type { IdempotencyStore } from './types.js';

export function boundedStore(store: IdempotencyStore, ms: number): IdempotencyStore {
  return {
    claim: (key, owner, leaseMs) =>
      bounded(store.claim(key, owner, leaseMs), ms, 'idempotency store (claim)', (entry) => {
        if (entry === undefined) store.release(key, owner).catch(() => {});
      }),
    complete: (key, answer, ttlMs) => bounded(store.complete(key, answer, ttlMs), ms, 'idempotency store (record)'),
    release: (key, owner) => bounded(store.release(key, owner), ms, 'idempotency store (release)'),
  };
}
