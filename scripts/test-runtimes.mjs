// npm run test:runtimes: the backend half's contract suite on every server runtime (Node node:http,
// Express, Hono, a Next.js route file, Bun, Deno, workerd via Miniflare) plus the multi-instance
// test (two Node instances, one redis-server). The recipes import the BUILT package
// (oz-liveness-elements/server → dist/server.js, a self-reference through package.json's exports),
// so this builds first when dist/server.js is missing or older than src/server/. `--skip-build`
// trusts dist/ as it is (CI runs it after `npm run build`). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const files = args.filter((a) => !a.startsWith('--'));

const built = 'dist/server.js';
const newestSource = Math.max(
  ...readdirSync('src/server', { recursive: true }).map((f) => statSync(`src/server/${f}`).mtimeMs),
);
if (!skipBuild && (!existsSync(built) || statSync(built).mtimeMs < newestSource)) {
  console.log(`${built} is missing or older than src/server/: npm run build`);
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!existsSync(built)) {
  console.error(`${built} is missing: run npm run build first.`);
  process.exit(1);
}

// Bun, Deno and Miniflare are not in the root package.json (a plain `npm install` skips ~360 MB of
// runtimes): they are installed here, from test/runtimes/tools/'s own lockfile, when it changed.
const tools = 'test/runtimes/tools';
const stampFile = `${tools}/node_modules/.oz-tools-stamp`;
const stamp = createHash('sha256')
  .update(process.version)
  .update(readFileSync(`${tools}/package-lock.json`))
  .digest('hex');
if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  console.log(`test:runtimes: npm ci in ${tools} (Bun, Deno, Miniflare)`);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tools,
    stdio: 'inherit',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
  writeFileSync(stampFile, stamp);
}

// Every runtime must run: a missing binary is a failure here, before any test, never a skip.
const { RUNTIMES } = await import('../test/runtimes/runtimes.mjs');
const binaries = [...Object.values(RUNTIMES).map((runtime) => runtime.serve[0]), `${tools}/node_modules/.bin/workerd`];
const missing = [...new Set(binaries)].filter((file) => !executable(file));
if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0)
  missing.push('redis-server (on the PATH)');
if (missing.length > 0) {
  console.error(
    `test:runtimes: missing ${missing.join(', ')}. Bun, Deno and Miniflare come from npm ci in test/runtimes/tools; redis-server from the system's packages.`,
  );
  process.exit(1);
}

const tests =
  files.length > 0
    ? files
    : readdirSync('test/runtimes')
        .filter((f) => f.endsWith('.test.mjs'))
        .map((f) => `test/runtimes/${f}`);
// Two files at a time: each starts its own runtime and fake Oz; the machine has few cores.
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...tests], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
