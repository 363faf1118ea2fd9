/**
 * How each server runtime hands a request body to JavaScript: pieces per 20 MiB and CPU per GiB,
 * read with a default reader, a BYOB reader (a fresh 64 KiB view per read) and workerd's
 * `readAtLeast`. A server that only reads the body (scripts/bench-body-reads-app.mjs), no handler,
 * no upstream. What src/server/http/body.ts's choice of reader rests on (docs/runtimes.md#throughput).
 *
 *   node scripts/bench-body-reads.mjs [--only node,bun,deno,workerd] [--mb 20] [--reps 8]
 *
 * Loopback only. Needs dist/ for the Node row (npm run build).
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, TOOLS } from '../test/runtimes/runtimes.mjs';
import { cpuOf, treePids } from '../test/runtimes/process-tree.mjs';
import { writeBytes } from './lib/upload.mjs';

const app = path.join(ROOT, 'scripts/bench-body-reads-app.mjs');
const bin = (name) => path.join(TOOLS, 'node_modules/.bin', name);
const SERVERS = {
  node: [process.execPath, path.join(ROOT, 'scripts/bench-body-reads-node.mjs')],
  bun: [bin('bun'), app],
  deno: [bin('deno'), 'run', '--allow-net', '--allow-env', '--allow-read', app],
  workerd: [process.execPath, path.join(ROOT, 'test/runtimes/serve-worker.mjs'), app],
};
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const only = option('only', Object.keys(SERVERS).join(',')).split(',');
const mib = Number(option('mb', 20));
const reps = Number(option('reps', 8));
const chunk = Buffer.alloc(64 * 1024, 7);

function post(url) {
  const bytes = mib * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes } },
      (res) => {
        let text = '';
        res.on('data', (piece) => (text += piece));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    writeBytes(req, bytes, chunk);
  });
}

console.log(
  `${mib} MiB bodies, ${reps} per mode and round, 2 rounds in rotating order; load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log('| runtime | reader | reads per body | CPU s/GiB (server process tree) | median ms per body |');
console.log('|---|---|---|---|---|');
for (const name of only) {
  const server = await startServer(SERVERS[name]);
  const pids = treePids(server.pid);
  const totals = {};
  for (const order of [
    ['default', 'byob', 'atleast'],
    ['atleast', 'byob', 'default'],
  ]) {
    for (const mode of order) {
      const cpuBefore = cpuOf(pids);
      const results = [];
      for (let i = 0; i < reps; i++) results.push(await post(`${server.url}reads?mode=${mode}`));
      const total = (totals[mode] ??= { cpu: 0, results: [] });
      total.cpu += cpuOf(pids) - cpuBefore;
      total.results.push(...results);
    }
  }
  for (const [mode, { cpu, results }] of Object.entries(totals)) {
    if (results[0].unsupported) {
      console.log(`| ${name} | ${mode} | not available (${results[0].unsupported}) | | |`);
      continue;
    }
    const reads = results.map((r) => r.reads).sort((a, b) => a - b);
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const gib = (results.length * mib) / 1024;
    console.log(
      `| ${name} | ${mode} | ${reads[0]}–${reads.at(-1)} | ${(cpu / gib).toFixed(2)} | ${ms[ms.length >> 1].toFixed(0)} |`,
    );
  }
  await server.stop();
}
console.log(`load average at the end ${os.loadavg()[0].toFixed(1)}`);
