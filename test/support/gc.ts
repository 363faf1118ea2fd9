/**
 * Real garbage collections for the deadline tests: `global.gc` under `node --expose-gc` (how
 * scripts/test.mjs runs the Node tests), else the same function switched on at run time, so a file
 * run on its own collects too. And allocation pressure: enough short-lived garbage, some of it
 * living long enough to be promoted, that V8 runs its own collections, none forced.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Allocates about 4 MB every few ms, keeping the last ~40 MB alive, until the returned stop is called. */
export function allocationPressure(): () => void {
  const ring: unknown[][] = new Array(10);
  let next = 0;
  const timer = setInterval(() => {
    const batch: unknown[] = [];
    for (let i = 0; i < 40_000; i++) batch.push({ i, text: `garbage-${i}`, list: [i, i + 1] });
    ring[next++ % ring.length] = batch;
  }, 5);
  return () => {
    clearInterval(timer);
    ring.fill([]);
  };
}

/** Runs `collect` every `everyMs` until stopped. */
export function collectOften(collect: () => void, everyMs = 20): () => void {
  const timer = setInterval(collect, everyMs);
  return () => clearInterval(timer);
}
