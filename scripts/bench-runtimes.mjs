/**
 * Throughput and memory of the backend half on every server runtime (test/runtimes/runtimes.mjs):
 * N concurrent container uploads of M MiB, posted (a) straight to the fake Oz, (b) through the
 * handler served by the runtime's recipe (docs/recipes), (c) through a bare relay on the same
 * runtime (receive and re-send, no checks: test/runtimes/bare). Paired in each round, in rotating
 * order; ratios are medians of each round's own pair. Two settings, as in scripts/bench-server.ts
 * (whose fake Oz this reuses): loopback (only the CPU limits the bytes) and a fake Oz that reads
 * at most --link-mbit Mbit/s in total.
 *
 * Memory: the RSS of the runtime's process tree (/proc, sampled every 10 ms) while ONE 20 MiB
 * container crosses to a fake Oz reading at --slow-mbit Mbit/s (so the browser is faster than
 * Oz and a runtime that buffered the body would hold it), minus the idle RSS just before; and
 * the peak during the N × M MiB batch in the link setting.
 *
 *   npm run bench:runtimes                                   # all runtimes, 8 × 20 MiB, 3 rounds
 *   node scripts/bench-runtimes.mjs --only node-http,bun --n 8 --mb 20 --rounds 3
 *   node scripts/bench-runtimes.mjs --key 0                  # uploads without an Idempotency-Key (no hashing)
 *   node scripts/bench-runtimes.mjs --only node-http --cpu-prof /tmp/prof   # Node's loopback handler and bare relay profiled
 *
 * Loopback only; stops by itself after --max-seconds (default 900). Needs dist/ (npm run build).
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUNTIMES, ROOT, startServer } from '../test/runtimes/runtimes.mjs';
import { printSummary } from './bench-runtimes-profile.mjs';
import { cpuOf, rssOf, sampleRss, treePids } from '../test/runtimes/process-tree.mjs';
import { MiB, batch, median } from './lib/upload.mjs';

function parseArgs(argv) {
  const args = {
    n: 8,
    mb: 20,
    rounds: 3,
    linkMbit: 1000,
    slowMbit: 400,
    maxSeconds: 900,
    only: Object.keys(RUNTIMES).join(','),
    cpuProf: '',
    key: 1,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in args) || argv[i + 1] === undefined) {
      console.error(
        `Unknown option ${argv[i]}. Options: ${Object.keys(args)
          .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
          .join(' ')}`,
      );
      process.exit(2);
    }
    args[key] = typeof args[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  return args;
}

/** The fake Oz of scripts/bench-server.ts (its `--role=upstream`), in its own process. */
function startUpstream(linkMbit) {
  const child = fork(path.join(ROOT, 'scripts/bench-server.ts'), ['--role=upstream', String(linkMbit)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ports) => resolve({ child, ports }));
    child.once('exit', (code) => reject(new Error(`fake Oz exited early (${code})`)));
  });
}

// `--key 0` leaves the Idempotency-Key out, to see what hashing the body costs the handler.
let withKey = true;

async function benchRuntime(name, upstream, slowUpstream, args) {
  const runtime = RUNTIMES[name];
  const bytes = Math.round(args.mb * MiB);
  const servers = [];
  const start = async (command, port, env = {}) => {
    const server = await startServer(command, {
      OZ_API_URL: `http://127.0.0.1:${port}`,
      OZ_ACCESS_TOKEN: 'bench-token',
      OZ_MAX_CONTAINER_BYTES: String(1024 * MiB),
      OZ_TIMEOUT_MS: '300000',
      ...env,
    });
    servers.push(server);
    return server;
  };
  try {
    // --cpu-prof: the loopback handler and bare relay of a Node runtime run profiled. The profile is
    // written at exit, so SIGTERM becomes a normal exit there.
    const profiled = (command, role) =>
      args.cpuProf && command[0] === process.execPath
        ? [
            command[0],
            '--cpu-prof',
            `--cpu-prof-dir=${args.cpuProf}`,
            `--cpu-prof-name=${name}-${role}.cpuprofile`,
            "--import=data:text/javascript,process.on('SIGTERM',()=>process.exit(0))",
            ...command.slice(1),
          ]
        : command;
    const handler = {
      loopback: await start(profiled(runtime.serve, 'handler'), upstream.ports.fast),
      link: await start(runtime.serve, upstream.ports.link),
    };
    const bare = {
      loopback: await start(profiled(runtime.bare, 'bare'), upstream.ports.fast),
      link: await start(runtime.bare, upstream.ports.link),
    };
    const bareFetch = runtime.bareFetch && {
      loopback: await start(profiled(runtime.bareFetch, 'bare-fetch'), upstream.ports.fast),
      link: await start(runtime.bareFetch, upstream.ports.link),
    };
    const paths = bareFetch ? ['direct', 'handler', 'bare', 'bareFetch'] : ['direct', 'handler', 'bare'];
    const slow = await start(runtime.serve, slowUpstream.ports.link);
    const direct = (port) => `http://127.0.0.1:${port}/api/instant/folders/`;
    const urls = {
      loopback: {
        direct: direct(upstream.ports.fast),
        handler: `${handler.loopback.url}container`,
        bare: `${bare.loopback.url}container`,
        bareFetch: bareFetch && `${bareFetch.loopback.url}container`,
      },
      link: {
        direct: direct(upstream.ports.link),
        handler: `${handler.link.url}container`,
        bare: `${bare.link.url}container`,
        bareFetch: bareFetch && `${bareFetch.link.url}container`,
      },
    };
    // Warm-up: the first fetch loads the HTTP client, the JIT compiles the hot path.
    for (const setting of ['loopback', 'link'])
      for (const which of paths.slice(1)) await batch(urls[setting][which], args.n, MiB, { withKey });
    await batch(`${slow.url}container`, 2, MiB, { withKey });

    // Memory: one container at a time, a browser faster than Oz. If the runtime held the body,
    // growth would follow the size; streamed, it stays flat (garbage awaiting GC aside).
    const slowPids = treePids(slow.pid);
    const single = { idle: rssOf(slowPids) };
    for (const size of [20, 100]) {
      const stopSampling = sampleRss(slowPids);
      await batch(`${slow.url}container`, 1, size * MiB, { withKey });
      single[size] = stopSampling();
    }

    const result = {};
    for (const setting of ['loopback', 'link']) {
      const rates = { direct: [], handler: [], bare: [], bareFetch: [] };
      const cpu = { handler: 0, bare: 0, bareFetch: 0 };
      const handlerPids = treePids(handler[setting].pid);
      const barePids = treePids(bare[setting].pid);
      const bareFetchPids = bareFetch ? treePids(bareFetch[setting].pid) : [];
      const handlerIdle = rssOf(handlerPids);
      let handlerPeak = handlerIdle;
      for (let r = 0; r < args.rounds; r++) {
        const order = paths.map((_, i) => paths[(i + r) % paths.length]);
        for (const which of order) {
          const pids = which === 'bare' ? barePids : which === 'bareFetch' ? bareFetchPids : handlerPids;
          const cpu0 = cpuOf(pids);
          const stop = which === 'handler' ? sampleRss(handlerPids) : () => 0;
          rates[which].push(await batch(urls[setting][which], args.n, bytes, { withKey }));
          handlerPeak = Math.max(handlerPeak, stop());
          if (which !== 'direct') cpu[which] += cpuOf(pids) - cpu0;
        }
      }
      const ratio = (a, b) => median(rates[a].map((rate, i) => rate / rates[b][i]));
      const gib = (args.rounds * args.n * bytes) / (1024 * MiB);
      result[setting] = {
        direct: median(rates.direct),
        handler: median(rates.handler),
        bare: median(rates.bare),
        handlerToBare: ratio('handler', 'bare'),
        handlerToDirect: ratio('handler', 'direct'),
        bareToDirect: ratio('bare', 'direct'),
        cpuPerGiB: { handler: cpu.handler / gib, bare: cpu.bare / gib, bareFetch: cpu.bareFetch / gib },
        bareFetch: bareFetch && { rate: median(rates.bareFetch), handlerTo: ratio('handler', 'bareFetch') },
        batchGrowth: handlerPeak - handlerIdle,
      };
      console.log(
        `  ${name} ${setting}: direct ${result[setting].direct.toFixed(0)} MiB/s, handler ${result[setting].handler.toFixed(0)}, bare ${result[setting].bare.toFixed(0)} ` +
          `(handler ÷ bare ${result[setting].handlerToBare.toFixed(2)}, CPU s/GiB handler ${result[setting].cpuPerGiB.handler.toFixed(2)} / bare ${result[setting].cpuPerGiB.bare.toFixed(2)})`,
      );
    }
    return { ...result, single };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  withKey = args.key !== 0;
  const names = args.only.split(',');
  for (const name of names)
    if (!RUNTIMES[name]) throw new Error(`unknown runtime ${name}; known: ${Object.keys(RUNTIMES).join(', ')}`);
  const watchdog = setTimeout(() => {
    console.error(`bench-runtimes: still running after ${args.maxSeconds} s, stopping.`);
    process.exit(1);
  }, args.maxSeconds * 1000);
  watchdog.unref();

  const upstream = await startUpstream(args.linkMbit);
  const slowUpstream = await startUpstream(args.slowMbit);
  const results = {};
  try {
    console.log(
      `node ${process.version}, ${os.availableParallelism()} CPUs (load average ${os.loadavg()[0].toFixed(1)}); ` +
        `${args.n} concurrent uploads × ${args.mb} MiB, ${args.rounds} rounds per setting; link ${args.linkMbit} Mbit/s; ` +
        `${withKey ? 'an Idempotency-Key on each upload' : 'no Idempotency-Key'}`,
    );
    for (const name of names) {
      try {
        results[name] = await benchRuntime(name, upstream, slowUpstream, args);
      } catch (err) {
        // One runtime failing (e.g. the handler answering 502 there) must not hide the others.
        results[name] = { error: err.message };
        console.log(`  ${name}: FAILED: ${err.message}`);
        process.exitCode = 1;
      }
    }
  } finally {
    upstream.child.kill();
    slowUpstream.child.kill();
  }

  const f = (x, d = 0) => x.toFixed(d);
  const mib = (x) => `${f(x / MiB, 1)}`;
  console.log(`\n### Throughput (MiB/s; ${args.n} × ${args.mb} MiB at once, median of ${args.rounds} rounds)\n`);
  console.log(
    '| runtime | setting | direct | handler | bare relay | handler ÷ bare | handler ÷ direct | bare ÷ direct | CPU s/GiB handler / bare |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const name of names) {
    if (results[name].error) {
      console.log(`| ${RUNTIMES[name].label} | — | failed: ${results[name].error} | | | | | | |`);
      continue;
    }
    for (const setting of ['loopback', 'link']) {
      const r = results[name][setting];
      const label = setting === 'link' ? `${args.linkMbit} Mbit/s Oz` : 'loopback';
      console.log(
        `| ${RUNTIMES[name].label} | ${label} | ${f(r.direct)} | ${f(r.handler)} | ${f(r.bare)} | ${f(r.handlerToBare, 2)} × | ${f(r.handlerToDirect, 2)} × | ${f(r.bareToDirect, 2)} × | ${f(r.cpuPerGiB.handler, 2)} / ${f(r.cpuPerGiB.bare, 2)} |`,
      );
    }
  }
  const fetchRows = names.filter((name) => results[name].loopback?.bareFetch);
  if (fetchRows.length > 0) {
    console.log(`\n### Node: the handler against a bare relay built like it (toNodeHandler + fetch, no checks)\n`);
    console.log(
      '| runtime | setting | bare fetch relay MiB/s | handler ÷ bare fetch relay | CPU s/GiB handler / bare fetch relay / node:http pipe |',
    );
    console.log('|---|---|---|---|---|');
    for (const name of fetchRows) {
      for (const setting of ['loopback', 'link']) {
        const r = results[name][setting];
        console.log(
          `| ${RUNTIMES[name].label} | ${setting} | ${f(r.bareFetch.rate)} | ${f(r.bareFetch.handlerTo, 2)} × | ${f(r.cpuPerGiB.handler, 2)} / ${f(r.cpuPerGiB.bareFetch, 2)} / ${f(r.cpuPerGiB.bare, 2)} |`,
        );
      }
    }
  }
  console.log(`\n### Memory (RSS of the runtime's process tree, MiB)\n`);
  console.log(
    `| runtime | idle (after warm-up) | peak while one 20 MiB container crosses | then while one 100 MiB container crosses | growth during ${args.n} × ${args.mb} MiB at once |`,
  );
  console.log('|---|---|---|---|---|');
  for (const name of names) {
    if (results[name].error) continue;
    const { single, link } = results[name];
    const cell = (peak) => `${mib(peak)} (+${mib(peak - single.idle)})`;
    console.log(
      `| ${RUNTIMES[name].label} | ${mib(single.idle)} | ${cell(single[20])} | ${cell(single[100])} | +${mib(link.batchGrowth)} |`,
    );
  }
  console.log(
    `(single containers go to a fake Oz reading ${args.slowMbit} Mbit/s, the batch to the ${args.linkMbit} Mbit/s one)`,
  );
  if (args.cpuProf) {
    console.log(`\n### CPU profiles (${args.cpuProf})\n`);
    for (const file of readdirSync(args.cpuProf).filter((f) => f.endsWith('.cpuprofile')))
      printSummary(path.join(args.cpuProf, file));
  }
  console.log(`\nload average now ${os.loadavg()[0].toFixed(1)}`);
  clearTimeout(watchdog);
}

await main();
