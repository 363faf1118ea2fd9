/**
 * Load benchmark of the backend half: N concurrent container uploads of M MiB each, posted
 * (a) straight to a fake Oz upstream, (b) through createOzLivenessHandler mounted with
 * toNodeHandler on node:http, and (c) through a bare node:http pipe (`req.pipe(http.request())`,
 * no checks, no limits) in the same process as the handler — the floor any relay written in Node
 * pays to receive and re-send each byte. All three in the same run, in rotating order. Two settings:
 *
 *   loopback  nothing limits the bytes but CPU: measures what forwarding costs the processor.
 *   link      the fake Oz reads at most --link-mbit Mbit/s in total (default 1000), as a real Oz
 *             behind a network would: measures whether the handler keeps that pipe full, and
 *             whether its memory stays flat while clients are faster than Oz.
 *
 *   npm run bench:server                      # 20 × 20 MiB, 5 rounds per setting
 *   node --import tsx scripts/bench-server.ts --n 20 --mb 20 --rounds 5 --link-mbit 1000
 *
 * Three processes, so the handler's figures are its own: the client (this one), the fake
 * upstream, and the handler. Loopback only (127.0.0.1), bounded, and it stops by itself: a
 * watchdog ends everything after --max-seconds (default 300). Exit code 0 when the goals are
 * met in the link setting (peak RSS growth < 64 MiB, throughput ≥ 0.9 × direct), 1 otherwise.
 * The bare pipe is reported, not gated: on a shared machine its ratio to the handler varies too
 * much from run to run to make a fair pass/fail line.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { pipeline } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createOzLivenessHandler, toNodeHandler } from '../src/server/index.js';
import { MiB, batch, median } from './lib/upload.mjs';

const GOAL_RSS_MIB = 64;
const GOAL_RATIO = 0.9;

interface Ports {
  fast: number;
  link: number;
}
interface Usage {
  rss: number;
  /** Highest RSS sampled since the last report. */
  peak: number;
  /** The kernel's lifetime high-water mark, a cross-check on the sampling. */
  maxRss: number;
  /** CPU seconds (user + system) since the last report. */
  cpu: number;
}

interface Args {
  n: number;
  mb: number;
  rounds: number;
  linkMbit: number;
  maxSeconds: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { n: 20, mb: 20, rounds: 5, linkMbit: 1000, maxSeconds: 300 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as keyof Args;
    const value = Number(argv[i + 1]);
    if (!(key in args) || !Number.isFinite(value) || value <= 0) {
      console.error(
        `Unknown or bad option ${argv[i]} ${argv[i + 1] ?? ''}. Options: --n --mb --rounds --link-mbit --max-seconds`,
      );
      process.exit(2);
    }
    args[key] = value;
  }
  return args;
}

/**
 * The fake Oz: reads and drops the body, then answers a small folder, like the Instant API. One
 * port reads as fast as it can; the other shares one byte budget across all its connections.
 */
function runUpstream(linkMbit: number) {
  const folder = JSON.stringify({
    folder_id: 'bench',
    resolution_status: 'FINISHED',
    system_resolution: 'SUCCESS',
    analyses: [],
  });
  const answer = (req: http.IncomingMessage, res: http.ServerResponse) =>
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(folder) });
      res.end(folder);
    });
  const fast = http.createServer((req, res) => {
    answer(req, res);
    req.resume();
  });
  const bytesPerMs = (linkMbit * 1e6) / 8 / 1000;
  let linkFreeAt = 0; // when the shared link has sent everything accepted so far
  const link = http.createServer((req, res) => {
    answer(req, res);
    req.on('data', (chunk: Buffer) => {
      const now = performance.now();
      linkFreeAt = Math.max(now, linkFreeAt) + chunk.length / bytesPerMs;
      const wait = linkFreeAt - now;
      if (wait > 1) {
        req.pause();
        setTimeout(() => req.resume(), wait);
      }
    });
  });
  let listening = 0;
  const ready = () => {
    if (++listening < 2) return;
    const ports: Ports = { fast: (fast.address() as AddressInfo).port, link: (link.address() as AddressInfo).port };
    process.send!(ports);
  };
  fast.listen(0, '127.0.0.1', ready);
  link.listen(0, '127.0.0.1', ready);
  reportUsageOnRequest();
  process.on('disconnect', () => process.exit(0));
}

/**
 * The reference relay: the body piped to the upstream and the answer piped back, nothing else (no
 * size limit, no timeout, no token, no trimming). What it costs is what node:http costs to receive
 * and re-send the bytes; no relay written in Node can do the same job for less.
 */
function barePipe(port: number) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const up = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/instant/folders/',
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': req.headers['content-length'] },
      },
      (answer) => {
        res.writeHead(answer.statusCode!, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
        pipeline(answer, res, () => {});
      },
    );
    pipeline(req, up, (err) => err && res.destroy());
  };
}

/** The handler under test (and the bare pipe), alone in their process so its memory and CPU are its own. */
function runHandler(upstream: Ports) {
  const fast = createOzLivenessHandler({
    ozApiUrl: `http://127.0.0.1:${upstream.fast}`,
    accessToken: 'bench-token',
    maxContainerBytes: 1024 * MiB,
  });
  const link = createOzLivenessHandler({
    ozApiUrl: `http://127.0.0.1:${upstream.link}`,
    accessToken: 'bench-token',
    maxContainerBytes: 1024 * MiB,
  });
  const fastNode = toNodeHandler(fast, { basePath: '/fast' });
  const linkNode = toNodeHandler(link, { basePath: '/link' });
  const bareFast = barePipe(upstream.fast);
  const bareLink = barePipe(upstream.link);
  const server = http.createServer((req, res) => {
    if (req.url === '/bare/fast') return bareFast(req, res);
    if (req.url === '/bare/link') return bareLink(req, res);
    void fastNode(req, res, () => void linkNode(req, res));
  });
  server.listen(0, '127.0.0.1', () => process.send!({ fast: (server.address() as AddressInfo).port, link: 0 }));
  reportUsageOnRequest();
  process.on('disconnect', () => process.exit(0));
}

/** Answers each message from the parent with this process's {@link Usage} since the last one. */
function reportUsageOnRequest() {
  let peak = 0;
  let cpuMark = process.cpuUsage();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  sampler.unref();
  process.on('message', () => {
    const rss = process.memoryUsage.rss();
    const cpu = process.cpuUsage(cpuMark);
    const usage: Usage = {
      rss,
      peak: Math.max(peak, rss),
      maxRss: process.resourceUsage().maxRSS * 1024,
      cpu: (cpu.user + cpu.system) / 1e6,
    };
    process.send!(usage);
    peak = rss;
    cpuMark = process.cpuUsage();
  });
}

function start(args: string[]): Promise<{ child: ChildProcess; ports: Ports }> {
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (ports: Ports) => resolve({ child, ports }));
    child.once('exit', (code) => reject(new Error(`${args[0]} exited early (${code})`)));
  });
}

function usage(child: ChildProcess): Promise<Usage> {
  return new Promise((resolve) => {
    child.once('message', (m: Usage) => resolve(m));
    child.send('report');
  });
}

interface Outcome {
  direct: number;
  through: number;
  bare: number;
  /** Median over rounds of through ÷ direct, each pair measured in the same round. */
  ratio: number;
  /** Median over rounds of through ÷ bare pipe. */
  ratioToBare: number;
  growth: number;
  /** CPU seconds per GiB forwarded: the handler, the bare pipe, and for comparison each end of a direct upload. */
  cpuPerGiB: number;
  bareCpuPerGiB: number;
  upstreamCpuPerGiB: number;
  clientCpuPerGiB: number;
}

type Path = 'direct' | 'through' | 'bare';
const PATHS: readonly Path[] = ['direct', 'through', 'bare'];

async function runSetting(
  name: string,
  urls: Record<Path, string>,
  handler: ChildProcess,
  upstream: ChildProcess,
  args: Args,
  idleRss: number,
): Promise<Outcome> {
  const bytes = Math.round(args.mb * MiB);
  const rates: Record<Path, number[]> = { direct: [], through: [], bare: [] };
  let peak = 0;
  let cpu = 0;
  let bareCpu = 0;
  let upstreamCpu = 0;
  let clientCpu = 0;
  for (let r = 0; r < args.rounds; r++) {
    // Rotate the order so no path always runs first, on a warmer (or busier) machine.
    const order = PATHS.map((_, i) => PATHS[(i + r) % PATHS.length]!);
    for (const which of order) {
      // Start the counters afresh, then read what this batch alone cost.
      const measured = which === 'direct' ? upstream : handler;
      await usage(measured);
      const clientMark = process.cpuUsage();
      rates[which].push(await batch(urls[which], args.n, bytes));
      const u = await usage(measured);
      if (which === 'through') {
        peak = Math.max(peak, u.peak);
        cpu += u.cpu;
      } else if (which === 'bare') {
        bareCpu += u.cpu;
      } else {
        upstreamCpu += u.cpu;
        const c = process.cpuUsage(clientMark);
        clientCpu += (c.user + c.system) / 1e6;
      }
    }
    const last = (which: Path) => rates[which].at(-1)!.toFixed(0);
    console.log(
      `  ${name} round ${r + 1}: direct ${last('direct')} MiB/s, through the handler ${last('through')} MiB/s, bare pipe ${last('bare')} MiB/s`,
    );
  }
  // Each round's batches run back to back, under the same load from whatever else runs on the machine.
  const ratioOf = (a: Path, b: Path) => median(rates[a].map((rate, i) => rate / rates[b][i]!));
  const gib = (args.rounds * args.n * bytes) / (1024 * MiB);
  return {
    direct: median(rates.direct),
    through: median(rates.through),
    bare: median(rates.bare),
    ratio: ratioOf('through', 'direct'),
    ratioToBare: ratioOf('through', 'bare'),
    growth: (peak - idleRss) / MiB,
    cpuPerGiB: cpu / gib,
    bareCpuPerGiB: bareCpu / gib,
    upstreamCpuPerGiB: upstreamCpu / gib,
    clientCpuPerGiB: clientCpu / gib,
  };
}

async function runBench(args: Args) {
  const children: ChildProcess[] = [];
  const stopAll = () => children.forEach((c) => c.kill());
  const watchdog = setTimeout(() => {
    console.error(`bench-server: still running after ${args.maxSeconds} s, stopping.`);
    stopAll();
    process.exit(1);
  }, args.maxSeconds * 1000);
  watchdog.unref();

  try {
    const upstream = await start(['--role=upstream', String(args.linkMbit)]);
    children.push(upstream.child);
    const proxy = await start(['--role=handler', JSON.stringify(upstream.ports)]);
    children.push(proxy.child);
    const proxyBase = `http://127.0.0.1:${proxy.ports.fast}`;

    const cold = await usage(proxy.child);
    // Warm-up: the first fetch loads undici and the JIT compiles the hot path, once per process.
    // Growth is counted from after this, so it measures what the load adds, not start-up.
    await batch(`${proxyBase}/fast/container`, args.n, MiB);
    await batch(`${proxyBase}/link/container`, args.n, MiB);
    const idle = await usage(proxy.child);
    console.log(
      `node ${process.version}, ${os.availableParallelism()} CPUs (load average ${os.loadavg()[0]!.toFixed(1)}), ` +
        `${args.n} concurrent uploads × ${args.mb} MiB, ${args.rounds} rounds per setting; ` +
        `handler RSS ${(cold.rss / MiB).toFixed(1)} MiB cold, ${(idle.rss / MiB).toFixed(1)} MiB after warm-up`,
    );

    const settingUrls = (upstreamPort: number, path: 'fast' | 'link'): Record<Path, string> => ({
      direct: `http://127.0.0.1:${upstreamPort}/api/instant/folders/`,
      through: `${proxyBase}/${path}/container`,
      bare: `${proxyBase}/bare/${path}`,
    });
    const loopback = await runSetting(
      'loopback',
      settingUrls(upstream.ports.fast, 'fast'),
      proxy.child,
      upstream.child,
      args,
      idle.rss,
    );
    const link = await runSetting(
      `link ${args.linkMbit} Mbit/s`,
      settingUrls(upstream.ports.link, 'link'),
      proxy.child,
      upstream.child,
      args,
      idle.rss,
    );
    const end = await usage(proxy.child);

    const row = (name: string, o: Outcome) =>
      `| ${name} | ${o.direct.toFixed(0)} | ${o.through.toFixed(0)} | ${o.bare.toFixed(0)} | ${o.ratio.toFixed(2)} × | ${o.ratioToBare.toFixed(2)} × | ` +
      `${o.growth.toFixed(1)} MiB | ${o.cpuPerGiB.toFixed(2)} s / ${o.bareCpuPerGiB.toFixed(2)} s | ${o.clientCpuPerGiB.toFixed(2)} s / ${o.upstreamCpuPerGiB.toFixed(2)} s |`;
    console.log('');
    console.log(
      '| setting | direct MiB/s | through handler MiB/s | bare pipe MiB/s | handler ÷ direct | handler ÷ bare pipe | handler peak RSS growth | ' +
        'CPU per GiB: handler / bare pipe | direct: client / upstream CPU per GiB |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    console.log(row('loopback', loopback));
    console.log(row(`link ${args.linkMbit} Mbit/s`, link));
    console.log("(ratios are medians over rounds of each round's own pair)");
    console.log(
      `handler RSS after warm-up ${(idle.rss / MiB).toFixed(1)} MiB; kernel high-water mark ${(end.maxRss / MiB).toFixed(1)} MiB ` +
        `(${((end.maxRss - cold.rss) / MiB).toFixed(1)} MiB above the cold start)`,
    );

    const rssOk = Math.max(loopback.growth, link.growth) < GOAL_RSS_MIB;
    const ratioOk = link.ratio >= GOAL_RATIO;
    console.log(`load average now ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(
      `goal: RSS growth < ${GOAL_RSS_MIB} MiB: ${rssOk ? 'met' : 'MISSED'}; throughput ≥ ${GOAL_RATIO} × direct (link setting): ${ratioOk ? 'met' : 'MISSED'}`,
    );
    if (loopback.ratio < GOAL_RATIO) {
      console.log(
        `note: loopback ${loopback.ratio.toFixed(2)} × direct, while a bare node:http pipe reached ${(loopback.bare / loopback.direct).toFixed(2)} × ` +
          'in the same run: when nothing but the CPU limits the bytes, any relay pays to receive and re-send each one ' +
          "(compare its CPU per GiB with the client's and the upstream's), so no relay reaches direct speed there.",
      );
    }
    process.exitCode = rssOk && ratioOk ? 0 : 1;
  } catch (err) {
    console.error('bench-server failed:', err);
    process.exitCode = 1;
  } finally {
    stopAll();
    clearTimeout(watchdog);
  }
}

// Dispatch last, so every declaration above is initialised whichever role this process plays.
const role = process.argv[2];
if (role === '--role=upstream') runUpstream(Number(process.argv[3]));
else if (role === '--role=handler') runHandler(JSON.parse(process.argv[3]!) as Ports);
else await runBench(parseArgs(process.argv.slice(2)));
