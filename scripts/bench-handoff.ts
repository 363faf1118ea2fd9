/**
 * How soon the desktop hears the phone: the time from the phone's claim answer to the `opened` event
 * on the desktop's stream, with the memory store (one instance, change notices) and with the Redis
 * store (desktop on instance A, phone on instance B, a real redis-server; A polls Redis).
 *
 *   npm run bench:handoff                       # 40 hand-offs per store
 *   node --import tsx scripts/bench-handoff.ts --n 40
 *
 * Prints the median, p95 and max per store. Expectation: memory a few ms; Redis at most one poll
 * (POLL_MS, 250 ms) plus a round trip, about half a poll on average.
 */
import { randomUUID } from 'node:crypto';
import { createRedisHandoffStore } from '../src/server/index.js';
import { POLL_MS } from '../src/server/handoff/redis.js';
import { FakeOz } from '../test/support/fake-oz.js';
import { openEvents, phone, secretOf, type Served, serve, statesOf } from '../test/support/handoff-client.js';
import { startRedis } from '../test/support/redis-server.js';

const at = process.argv.indexOf('--n');
const N = at > 0 ? Number(process.argv[at + 1]) : 40;
const PHONE_URL = 'https://bank.example/verify-on-phone';

async function measure(desktop: Served, phoneSide: Served): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const { phoneUrl, watchToken } = (await desktop.call('/handoff', { method: 'POST' })).json;
    const stream = await openEvents(desktop.url, watchToken);
    while (stream.events.length === 0) await new Promise((r) => setTimeout(r, 2));
    // Spread the claims over the poll's phase, as real phones are.
    await new Promise((r) => setTimeout(r, Math.random() * POLL_MS));
    await phoneSide.call('/handoff/claim', { method: 'POST', headers: phone(secretOf(phoneUrl)) });
    const claimed = performance.now();
    while (!statesOf(stream).includes('opened')) await new Promise((r) => setImmediate(r));
    samples.push(performance.now() - claimed);
    stream.drop();
  }
  return samples.sort((a, b) => a - b);
}

function report(name: string, s: number[]) {
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  console.log(
    `${name.padEnd(34)} median ${q(0.5)} ms  p95 ${q(0.95)} ms  max ${s.at(-1)!.toFixed(1)} ms  (n=${s.length})`,
  );
}

const oz = await new FakeOz().start();
const redis = await startRedis();
try {
  const memory = await serve({ ozApiUrl: oz.url, accessToken: 'tok', handoff: { phoneUrl: PHONE_URL } });
  report('memory store, one instance', await measure(memory, memory));
  await memory.close();
  const prefix = `bench-${randomUUID()}:`;
  const make = async () =>
    serve({
      ozApiUrl: oz.url,
      accessToken: 'tok',
      handoff: { phoneUrl: PHONE_URL, store: createRedisHandoffStore(await redis.client(), { prefix }) },
    });
  const [a, b] = [await make(), await make()];
  report(`Redis store, A ← B (poll ${POLL_MS} ms)`, await measure(a, b));
  await a.close();
  await b.close();
} finally {
  await oz.stop();
  await redis.stop();
}
