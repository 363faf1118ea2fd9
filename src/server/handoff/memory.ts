/** Hand-offs in this process: bounded, expiring, with change notices for the desktop's stream. */
import { applyChange, type HandoffRecord, type HandoffStore } from './types.js';

/** Options of {@link createMemoryHandoffStore}. */
export interface MemoryHandoffStoreOptions {
  /** Most hand-offs kept at once; beyond it creation fails (the route answers 503). Default 10 000. */
  maxEntries?: number;
}

/**
 * The default store: one process only. Behind a load balancer use {@link createRedisHandoffStore},
 * or the phone's upload on one instance is never seen by the desktop's stream on another.
 */
export function createMemoryHandoffStore(options: MemoryHandoffStoreOptions = {}): HandoffStore {
  const max = options.maxEntries ?? 10_000;
  if (!Number.isSafeInteger(max) || max <= 0) {
    throw new TypeError('createMemoryHandoffStore: maxEntries must be a positive integer.');
  }
  const records = new Map<string, { record: HandoffRecord; until: number }>();
  const index = { secret: new Map<string, string>(), watch: new Map<string, string>() };
  const waiters = new Map<string, Set<() => void>>();

  const drop = (id: string) => {
    const entry = records.get(id);
    if (!entry) return;
    records.delete(id);
    index.secret.delete(entry.record.secretHash);
    index.watch.delete(entry.record.watchHash);
  };
  const live = (id: string | undefined) => {
    if (id === undefined) return undefined;
    const entry = records.get(id);
    if (entry && entry.until <= Date.now()) drop(id);
    return entry && entry.until > Date.now() ? entry.record : undefined;
  };
  const notify = (id: string) => {
    for (const wake of waiters.get(id) ?? []) wake();
  };

  return {
    async create(record, keepMs) {
      if (records.size >= max) for (const id of [...records.keys()]) live(id);
      if (records.size >= max) throw new Error('Memory hand-off store: full (maxEntries).');
      records.set(record.id, { record, until: Date.now() + keepMs });
      index.secret.set(record.secretHash, record.id);
      index.watch.set(record.watchHash, record.id);
    },
    async find(by, hash) {
      return live(index[by].get(hash));
    },
    async get(id) {
      return live(id);
    },
    async update(id, change) {
      const record = live(id);
      const next = record && applyChange(record, change);
      if (!next) return { ok: false, record };
      records.get(id)!.record = next;
      notify(id);
      return { ok: true, record: next };
    },
    changed(id, ms, signal) {
      return new Promise<void>((resolve) => {
        const set = waiters.get(id) ?? new Set();
        waiters.set(id, set);
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          set.delete(done);
          if (set.size === 0) waiters.delete(id);
          resolve();
        };
        const timer = setTimeout(done, ms);
        set.add(done);
        if (signal.aborted) done();
        else signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}
