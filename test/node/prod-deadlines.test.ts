/**
 * Deadlines that hold whatever the garbage collector does (issue 22, root cause 1). Node 20's
 * built-in fetch loses the abort once its internal Request is collected (undici #3644, node
 * #55428): a handler that relies on fetch's signal alone then waits for Oz for ever. Here a hostile
 * Oz on a real socket accepts a call and never answers, or sends its headers and stalls the body,
 * while garbage is collected for real: forced with `gc()` right when Oz stalls and every 20 ms, or
 * by V8 itself under allocation pressure. Each case asserts the answer (504, in bounded time), that
 * the socket to Oz is closed, and that the `concurrentUploads` slot is free again.
 * Run: node --expose-gc --import tsx --test test/node/prod-deadlines.test.ts
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createOzLivenessHandler } from '../../src/server/index.js';
import { waitFor } from '../support/fake-oz.js';
import { allocationPressure, collectOften, collector } from '../support/gc.js';
import { StallingOz, type OzMode } from '../support/stalling-oz.js';

const TIMEOUT_MS = 400;
/** A hang is for ever (undici's own timeouts are 300 s): anything past this is one. */
const HANG_MS = 15_000;
const APP = 'https://shop.example/api/oz';
const gc = collector();
const oz = new StallingOz();
let logs: string[] = [];

before(async () => {
  await oz.start();
});
after(async () => {
  await oz.stop();
});

const handler = () =>
  createOzLivenessHandler({
    ozApiUrl: oz.url,
    accessToken: 'tok-deadline-secret',
    timeoutMs: TIMEOUT_MS,
    // A keyed upload goes on with Oz for this long after its 504; then it must let go too.
    backgroundTimeoutMs: TIMEOUT_MS,
    log: (m) => logs.push(m),
    limits: { concurrentUploads: 1 },
  });

type Route = 'session-token' | 'unkeyed upload' | 'keyed upload';
function request(route: Route): Request {
  if (route === 'session-token') return new Request(`${APP}/session-token`);
  return new Request(`${APP}/container`, {
    method: 'POST',
    body: new Uint8Array(64 * 1024).fill(7),
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(route === 'keyed upload' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
  });
}

/** The handler's answer, or 'no answer' after {@link HANG_MS}. */
async function answer(promise: Promise<Response>): Promise<number | 'no answer'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'no answer'>((resolve) => (timer = setTimeout(() => resolve('no answer'), HANG_MS)));
  try {
    return await Promise.race([promise.then((r) => r.status), hang]);
  } finally {
    clearTimeout(timer);
  }
}

const GC_MODES = {
  'gc() forced when Oz stalls and every 20 ms': () => {
    oz.onStall = () => gc();
    return collectOften(gc);
  },
  'allocation pressure, no forced gc()': () => allocationPressure(),
} as const;

const FAULTS: Record<string, OzMode> = {
  'Oz accepts and never answers': 'silent',
  'Oz sends its headers, then stalls the body': 'stall-body',
};
const ROUTES: Route[] = ['session-token', 'unkeyed upload', 'keyed upload'];

describe('deadlines hold after garbage collection', () => {
  for (const [gcName, startGc] of Object.entries(GC_MODES)) {
    for (const [faultName, mode] of Object.entries(FAULTS)) {
      for (const route of ROUTES) {
        it(`${route}: ${faultName}; ${gcName} → 504, the socket to Oz closed, the upload slot free`, async () => {
          logs = [];
          oz.forget();
          const h = handler();
          oz.mode = mode;
          const stop = startGc();
          let status: number | 'no answer';
          try {
            status = await answer(h(request(route)));
          } finally {
            stop();
            oz.onStall = undefined;
          }
          assert.equal(status, 504, `the answer (timeoutMs ${TIMEOUT_MS}); log: ${logs.join(' | ')}`);
          // The keyed job may go on for backgroundTimeoutMs; then it must let go too.
          await waitFor(() => oz.stalled.size === 0, 'the handler to close its socket to Oz', HANG_MS);
          oz.mode = 'ok';
          const next = await answer(h(request('unkeyed upload')));
          assert.equal(next, 201, 'the concurrentUploads slot (1) is free again');
        });
      }
    }
  }

  it('30 stalled calls at once under allocation pressure: every one answered, no socket or descriptor left', async () => {
    const h = handler();
    oz.mode = 'ok';
    assert.equal(await answer(h(request('session-token'))), 200);
    oz.forget();
    const fdsBefore = readdirSync('/proc/self/fd').length;
    const stop = allocationPressure();
    let statuses: (number | 'no answer')[];
    try {
      oz.mode = 'stall-body';
      const routes: Route[] = [];
      for (let i = 0; i < 30; i++) routes.push(i % 2 === 0 ? 'session-token' : 'keyed upload');
      statuses = await Promise.all(routes.map((route) => answer(h(request(route)))));
    } finally {
      stop();
    }
    // Keyed uploads beyond the single slot get 429 at once; the rest time out.
    assert.deepEqual(
      statuses.filter((s) => s !== 504 && s !== 429),
      [],
      `every call answered 504 (or 429 for want of a slot): ${statuses.join(',')}`,
    );
    await waitFor(() => oz.stalled.size === 0, 'every socket to Oz closed', HANG_MS);
    await waitFor(
      () => readdirSync('/proc/self/fd').length <= fdsBefore + 4,
      `descriptors back near ${fdsBefore} (now ${readdirSync('/proc/self/fd').length})`,
      HANG_MS,
    );
  });
});
