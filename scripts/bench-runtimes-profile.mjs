/**
 * Where a Node process spent its busy time, from a `.cpuprofile` written by `node --cpu-prof`
 * (scripts/bench-runtimes.mjs --cpu-prof DIR writes one per profiled server and prints this for each).
 * Idle samples are left out; the rest is grouped by what ran: the native socket write, the garbage
 * collector, undici (Node's fetch), web streams, node:crypto, Node's own streams and http, and our
 * dist/server.js.
 *
 *   node scripts/bench-runtimes-profile.mjs DIR/*.cpuprofile
 */
import { readFileSync } from 'node:fs';

const GROUPS = [
  ['undici (fetch)', (url) => url.includes('undici')],
  ['web streams', (url) => url.includes('webstreams')],
  ['oz-liveness-elements (dist/server.js)', (url) => url.includes('dist/server.js')],
  ['node:crypto (the SHA-256 of each container, for its Idempotency-Key)', (url) => url.includes('internal/crypto')],
  ['Node http/net', (url) => /_http_|node:net|stream_base_commons/.test(url)],
  ['Node streams', (url) => url.includes('internal/streams')],
  ['promises, ticks, events', (url) => /task_queues|async_hooks|node:events/.test(url)],
];

export function summarize(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const groups = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id).callFrame;
    if (functionName === '(idle)') return;
    const micros = profile.timeDeltas[i] ?? 0;
    busy += micros;
    // Native frames have no URL: name them (writeBuffer is the socket write, then the GC…).
    const group = url === '' ? functionName : (GROUPS.find(([, match]) => match(url))?.[0] ?? 'other JavaScript');
    groups.set(group, (groups.get(group) ?? 0) + micros);
  });
  return {
    busySeconds: busy / 1e6,
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ name, share: micros / busy })),
  };
}

export function printSummary(file, label = file) {
  const { busySeconds, groups } = summarize(file);
  console.log(`${label}: ${busySeconds.toFixed(2)} s busy`);
  for (const { name, share } of groups.filter((g) => g.share >= 0.01))
    console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
}

if (import.meta.url === `file://${process.argv[1]}`) for (const file of process.argv.slice(2)) printSummary(file);
