/**
 * What retry-safe uploads cost: N concurrent container uploads, each with its own Idempotency-Key,
 * through createOzLivenessHandler with the memory store, against the same uploads with
 * `idempotency: false`. Each mode runs in a fresh process (so one mode's heap does not count for
 * the other), alternating, several times; the fake Oz runs in a third process on 127.0.0.1.
 *
 *   npm run bench:idempotency                          # 200 × 1 MiB, 3 runs per mode
 *   node --import tsx scripts/bench-idempotency.ts --n 200 --mb 1 --runs 3
 *
 * Reports per mode the round's wall time per upload, CPU per upload, the median upload latency and
 * the RSS growth over the run, plus the hash's own speed (Node's, and the portable TypeScript one
 * used on edge runtimes). With 200 uploads sharing the CPU an upload's latency is mostly queueing,
 * so the time goal is on the round: its wall time divided by the uploads (medians over the runs).
 * Exit code 0 when the goals hold: RSS growth within 32 MiB of the run without idempotency, and
 * under 1 ms of extra time per upload.
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOzLivenessHandler } from '../src/server/index.js';
import { createSha256 } from '../src/server/http/sha256.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const GOAL_RSS_MIB = 32;
const GOAL_EXTRA_MS = 1;

interface Args {
  n: number;
  mb: number;
  runs: number;
}
interface RunReport {
  mode: 'on' | 'off';
  medianMs: number;
  /** The round's wall time divided by the uploads in it: what each upload costs the server. */
  wallMsPerUpload: number;
  cpuMsPerUpload: number;
  rssGrowthMiB: number;
  statuses: Record<string, number>;
}

function parseArgs(argv: string[]): Args & { role?: string; port?: number; mode?: 'on' | 'off' } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i]!.replace(/^--/, '')] = argv[i + 1]!;
  return {
    n: Number(out.n ?? 200),
    mb: Number(out.mb ?? 1),
    runs: Number(out.runs ?? 3),
    role: out.role,
    port: out.port ? Number(out.port) : undefined,
    mode: out.mode as 'on' | 'off' | undefined,
  };
}

/** The fake Oz: reads and drops the body, answers a small folder. */
function runUpstream() {
  const folder = JSON.stringify({
    folder_id: 'bench',
    resolution_status: 'FINISHED',
    system_resolution: 'SUCCESS',
    analyses: [],
  });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(folder) });
      res.end(folder);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
}

/** One mode in this process: a warm-up round, then the measured round of `n` concurrent uploads. */
async function runMode(args: Args, port: number, mode: 'on' | 'off'): Promise<RunReport> {
  const handler = createOzLivenessHandler({
    ozApiUrl: `http://127.0.0.1:${port}`,
    idempotency: mode === 'on' ? {} : false,
    log: () => {},
  });
  const container = randomBytes(args.mb * MiB);
  const body = () => {
    let offset = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= container.length) return controller.close();
        controller.enqueue(container.subarray(offset, offset + CHUNK));
        offset += CHUNK;
      },
    });
  };
  const upload = async () => {
    const started = performance.now();
    const res = await handler(
      new Request('http://app.local/api/liveness/container', {
        method: 'POST',
        body: body(),
        headers: { 'Content-Type': 'application/octet-stream', 'Idempotency-Key': randomUUID() },
        duplex: 'half',
      } as RequestInit),
    );
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  };
  const round = () => Promise.all(Array.from({ length: args.n }, upload));

  await round(); // warm-up: JIT, sockets, the store's first records
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const cpuBefore = process.cpuUsage();
  const roundStarted = performance.now();
  const results = await round();
  const wall = performance.now() - roundStarted;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    mode,
    medianMs: times[Math.floor(times.length / 2)]!,
    wallMsPerUpload: wall / args.n,
    cpuMsPerUpload: (cpu.user + cpu.system) / 1000 / args.n,
    rssGrowthMiB: (peak - rssBefore) / MiB,
    statuses,
  };
}

function child(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), args, { execArgv: ['--import', 'tsx', '--expose-gc'] });
    proc.once('message', (m) => resolve(m));
    proc.once('error', reject);
    proc.once('exit', (code) => code !== 0 && reject(new Error(`child ${args.join(' ')} exited with ${code}`)));
  });
}

function hashSpeed(portable: boolean): number {
  const data = randomBytes(16 * MiB);
  const hash = createSha256({ portable });
  const started = performance.now();
  for (let i = 0; i < data.length; i += CHUNK) hash.update(data.subarray(i, i + CHUNK));
  hash.digest();
  return 16 / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.role === 'upstream') return runUpstream();
  if (args.role === 'mode') {
    const report = await runMode(args, args.port!, args.mode!);
    process.send!(report, () => process.exit(0));
    return;
  }
  const watchdog = setTimeout(() => {
    console.error('bench-idempotency: over 600 s, giving up');
    process.exit(1);
  }, 600_000);
  const upstream = fork(fileURLToPath(import.meta.url), ['--role', 'upstream'], { execArgv: ['--import', 'tsx'] });
  const { port } = await new Promise<{ port: number }>((resolve) =>
    upstream.once('message', (m) => resolve(m as { port: number })),
  );
  const reports: RunReport[] = [];
  try {
    for (let run = 0; run < args.runs; run++) {
      for (const mode of run % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const common = ['--n', String(args.n), '--mb', String(args.mb), '--port', String(port)];
        const report = (await child(['--role', 'mode', '--mode', mode, ...common])) as RunReport;
        reports.push(report);
        console.log(
          `run ${run + 1} ${mode.padEnd(3)}  median ${report.medianMs.toFixed(1)} ms  wall ${report.wallMsPerUpload.toFixed(2)} ms/upload  cpu ${report.cpuMsPerUpload.toFixed(2)} ms/upload  ` +
            `RSS +${report.rssGrowthMiB.toFixed(1)} MiB  ${JSON.stringify(report.statuses)}`,
        );
      }
    }
  } finally {
    upstream.kill();
    clearTimeout(watchdog);
  }
  const of = (mode: 'on' | 'off', pick: (r: RunReport) => number) =>
    median(reports.filter((r) => r.mode === mode).map(pick));
  const extraMedian = of('on', (r) => r.medianMs) - of('off', (r) => r.medianMs);
  const extraWall = of('on', (r) => r.wallMsPerUpload) - of('off', (r) => r.wallMsPerUpload);
  const extraCpu = of('on', (r) => r.cpuMsPerUpload) - of('off', (r) => r.cpuMsPerUpload);
  const extraRss = of('on', (r) => r.rssGrowthMiB) - of('off', (r) => r.rssGrowthMiB);
  console.log(`\n${args.n} concurrent uploads of ${args.mb} MiB, ${args.runs} runs per mode (medians of the runs):`);
  console.log(
    `  extra time per upload (round wall time / ${args.n}): ${extraWall.toFixed(2)} ms (goal < ${GOAL_EXTRA_MS} ms)`,
  );
  console.log(`  extra CPU per upload: ${extraCpu.toFixed(2)} ms`);
  console.log(
    `  median upload latency, on − off: ${extraMedian.toFixed(1)} ms (all ${args.n} share the CPU: mostly queueing, reported only)`,
  );
  console.log(`  extra RSS growth: ${extraRss.toFixed(1)} MiB (goal ≤ ${GOAL_RSS_MIB} MiB)`);
  console.log(
    `  SHA-256: Node's ${hashSpeed(false).toFixed(0)} MB/s, portable TypeScript ${hashSpeed(true).toFixed(0)} MB/s`,
  );
  const ok =
    extraWall < GOAL_EXTRA_MS && extraRss <= GOAL_RSS_MIB && reports.every((r) => r.statuses['201'] === args.n);
  console.log(ok ? 'goals met' : 'goals NOT met');
  process.exit(ok ? 0 : 1);
}

await main();
