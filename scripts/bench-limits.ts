/**
 * What the built-in limits cost as the number of clients grows, and how much memory the default
 * idempotency store's records take (issue 22). Two parts, each in this one process:
 *
 *   npm run bench:limits                       # rate counters at 10 000, 100 000 and 1 000 000 keys; records
 *   node --expose-gc --import tsx scripts/bench-limits.ts --keys 1000000 --hits 200000
 *
 * 1. The session-token rate counters kept in memory (limits/memory.ts): the table is filled with N
 *    client keys (one hit each, windows still open), then `--hits` more hits are timed, half on new
 *    keys (an insert and the expiry sweep) and half on keys already there. Reported per N: ns per
 *    hit. Beside it the same for the counters the kit had before (a whole-table scan past 10 000
 *    keys, kept here only as the "before" of this measurement). Goal: the cost at 1 000 000 keys
 *    within 3× the cost at 10 000 (constant, not growing with the table). Redis counters are one
 *    key per client (INCR + PEXPIRE): constant by construction.
 * 2. The memory idempotency store: heap per record of a typical answer (the trimmed folder without
 *    best shots, as recorded) at 10 000 records, the default maxEntries.
 * Exit code 0 when the goal of part 1 holds.
 */
import { memoryCounters } from '../src/server/limits/memory.js';
import { createMemoryIdempotencyStore } from '../src/server/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const SIZES = process.argv.includes('--keys') ? [arg('keys', 1_000_000)] : [10_000, 100_000, 1_000_000];
const HITS = arg('hits', 200_000);
const WINDOW_MS = 10 * 60_000;
const settings = { max: 10, windowMs: WINDOW_MS, concurrentUploads: undefined, perClient: undefined, slotLeaseMs: 0 };

/** The counters before issue 22, verbatim in what matters: past 10 000 keys every hit scans the table. */
function scanningCounters() {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Fills the table directly: through hit() that alone would be quadratic. */
    fill(keys: number) {
      const resetAt = Date.now() + WINDOW_MS;
      for (let i = 0; i < keys; i++) windows.set(`client-${i}`, { count: 1, resetAt });
    },
    async hit(client: string) {
      const now = Date.now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      let current = windows.get(client);
      if (!current || current.resetAt <= now) windows.set(client, (current = { count: 0, resetAt: now + WINDOW_MS }));
      current.count++;
      return current.count > settings.max ? 1 : undefined;
    },
  };
}

async function nsPerHit(
  counters: { hit(client: string): Promise<unknown>; fill?(keys: number): void },
  keys: number,
  hits: number,
) {
  if (counters.fill) counters.fill(keys);
  else for (let i = 0; i < keys; i++) await counters.hit(`client-${i}`);
  const started = process.hrtime.bigint();
  for (let i = 0; i < hits; i++) {
    await counters.hit(i % 2 === 0 ? `new-${i}` : `client-${(i * 7919) % keys}`);
  }
  return Number(process.hrtime.bigint() - started) / hits;
}

const gc = (globalThis as { gc?: () => void }).gc;
const results: { keys: number; now: number; before: number }[] = [];
for (const keys of SIZES) {
  const now = await nsPerHit(memoryCounters(settings), keys, HITS);
  gc?.();
  // The old scan is slow past 10 000 keys: time fewer hits, it is per hit anyway.
  const before = await nsPerHit(scanningCounters(), keys, keys > 10_000 ? Math.min(HITS, 200) : Math.min(HITS, 2000));
  gc?.();
  results.push({ keys, now, before });
  console.log(
    `rate counters, ${keys.toLocaleString('en')} keys: ${(now / 1000).toFixed(2)} µs per hit (before: ${(before / 1000).toFixed(2)} µs)`,
  );
}

// Part 2: records of the memory idempotency store.
const folder = JSON.stringify({
  folder_id: '2b1f9c3e-7d0a-4c3e-9a51-6f1b2c3d4e5f',
  resolution_status: 'FINISHED',
  system_resolution: 'SUCCESS',
  resolution_comment: '[]',
  analyses: [
    { type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS' },
    { type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'SUCCESS' },
  ],
});
const RECORDS = 10_000;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const store = createMemoryIdempotencyStore({ maxEntries: RECORDS });
for (let i = 0; i < RECORDS; i++) {
  const key = crypto.randomUUID();
  await store.claim(key, 'owner', 60_000);
  await store.complete(
    key,
    {
      status: 201,
      body: `${folder.slice(0, -1)},"n":${i}}`,
      contentType: 'application/json; charset=utf-8',
      bodyHash: 'f'.repeat(64),
    },
    900_000,
  );
}
gc?.();
const perRecord = (process.memoryUsage().heapUsed - heapBefore) / RECORDS;
console.log(
  `memory idempotency store: ${RECORDS.toLocaleString('en')} records of a ${folder.length}-byte folder: ` +
    `${Math.round(perRecord)} bytes of heap per record, ${((perRecord * RECORDS) / 1024 / 1024).toFixed(1)} MiB in all` +
    (gc ? '' : ' (run with --expose-gc for a steadier number)'),
);

const first = results.find((r) => r.keys === 10_000);
const last = results.find((r) => r.keys === 1_000_000);
if (first && last) {
  const ok = last.now <= 3 * first.now;
  console.log(
    `goal: 1 000 000 keys within 3× of 10 000 keys: ${ok ? 'met' : 'NOT met'} (${(last.now / first.now).toFixed(2)}×)`,
  );
  process.exit(ok ? 0 : 1);
}
