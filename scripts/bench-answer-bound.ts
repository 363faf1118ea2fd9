/**
 * Memory against a hostile Oz: a fake Oz (its own process, 127.0.0.1) answers every call with
 * 300 MB; the handler must cut each read at `maxOzAnswerBytes` and stay flat. Measures this
 * process's peak RSS growth, after a warm-up call per route, over `--calls` sequential calls per
 * route (session token, upload) and one login.
 *
 *   npm run bench:answer-bound                    # 5 calls per route, 300 MB answers
 *   node --import tsx scripts/bench-answer-bound.ts --calls 5 --mb 300 [--bound 8]   (MiB read at most)
 *
 * Exit code 0 when the peak RSS growth stays under 64 MiB and every call answered 502.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOzLivenessHandler } from '../src/server/index.js';

const MiB = 1024 * 1024;
const GOAL_MIB = 64;
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce<string[][]>((acc, v, i, all) => (i % 2 ? acc : [...acc, [v.replace(/^--/, ''), all[i + 1]!]]), []),
);
const mb = Number(args.mb ?? 300);

if (args.role === 'upstream') {
  const chunk = Buffer.alloc(MiB, 0x61);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let sent = 0;
      const write = () => {
        while (sent < mb) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.on('error', () => {});
      write();
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
} else {
  const calls = Number(args.calls ?? 5);
  const upstream = fork(fileURLToPath(import.meta.url), ['--role', 'upstream', '--mb', String(mb)], {
    execArgv: ['--import', 'tsx'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    upstream.once('message', (m) => resolve(m as { port: number })),
  );
  const ozApiUrl = `http://127.0.0.1:${port}`;
  const bound = args.bound ? { maxOzAnswerBytes: Number(args.bound) * MiB } : {};
  const withToken = createOzLivenessHandler({ ozApiUrl, accessToken: 'bench', log: () => {}, ...bound });
  const withLogin = createOzLivenessHandler({
    ozApiUrl,
    credentials: { email: 'b@example.com', password: 'bench-pw' },
    log: () => {},
    ...bound,
  });
  const routes: Record<string, () => Request> = {
    'session token': () => new Request('http://app.local/session-token'),
    upload: () =>
      new Request('http://app.local/container', {
        method: 'POST',
        body: new Uint8Array(1024),
        headers: { 'Content-Type': 'application/octet-stream' },
      }),
  };
  // Warm-up, not measured: the first fetch loads undici and JIT-compiles the paths.
  for (const make of Object.values(routes)) await withToken(make());
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const statuses: number[] = [];
  const started = performance.now();
  for (const [name, make] of Object.entries(routes)) {
    for (let i = 0; i < calls; i++) statuses.push((await withToken(make())).status);
    console.log(`${name}: ${calls} × ${mb} MB answers → ${statuses.slice(-calls).join(' ')}`);
  }
  // Each refused login cools down; a fresh handler per call measures the read, not the cool-down.
  statuses.push((await withLogin(routes['session token']!())).status);
  console.log(`login: 1 × ${mb} MB answer → ${statuses.at(-1)}`);
  clearInterval(sampler);
  upstream.kill();
  const growth = (Math.max(peak, process.memoryUsage().rss) - before) / MiB;
  console.log(
    `\npeak RSS growth: ${growth.toFixed(1)} MiB over ${statuses.length} calls (goal < ${GOAL_MIB} MiB); ${(performance.now() - started).toFixed(0)} ms`,
  );
  const ok = growth < GOAL_MIB && statuses.every((s) => s === 502);
  console.log(ok ? 'goal met' : 'goal NOT met');
  process.exit(ok ? 0 : 1);
}
