// Runs docs/recipes/worker.mjs in Cloudflare's workerd through Miniflare, as `wrangler dev` does:
// esbuild bundles the module (resolving oz-liveness-elements/server to dist/server.js), and the
// environment variables the recipe reads become Worker bindings (wrangler.toml `[vars]` / secrets).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Miniflare is installed in test/runtimes/tools/ (see runtimes.mjs), not in the root node_modules.
const { Miniflare } = await import(
  createRequire(path.join(root, 'test/runtimes/tools/package.json')).resolve('miniflare')
);
// `--portable`: without the nodejs_compat flag, as a Worker deployed without it runs.
const portable = process.argv.includes('--portable');
const script = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? path.join(root, 'docs/recipes/worker.mjs');
const outDir = mkdtempSync(path.join(os.tmpdir(), 'oz-worker-'));
const scriptPath = path.join(outDir, 'worker.mjs');
await build({
  entryPoints: [script],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  outfile: scriptPath,
  logLevel: 'warning',
});

const BINDINGS = ['OZ_API_URL', 'OZ_ACCESS_TOKEN', 'OZ_MAX_CONTAINER_BYTES', 'OZ_TIMEOUT_MS'];
const bindings = Object.fromEntries(
  BINDINGS.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]),
);
const mf = new Miniflare({
  modules: true,
  scriptPath,
  modulesRoot: outDir,
  compatibilityDate: '2026-05-01',
  // As docs/runtimes.md recommends: with it the handler hashes containers with node:crypto;
  // without it, with its portable TypeScript SHA-256 (much slower, see the throughput table).
  compatibilityFlags: portable ? [] : ['nodejs_compat'],
  bindings,
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
});
const url = await mf.ready;
console.log(`Listening on ${new URL('/api/liveness/', url)}`);

const stop = async () => {
  await mf.dispose().catch(() => {});
  rmSync(outDir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// If whoever started this dies without stopping it, don't leave workerd running.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 1000).unref();
