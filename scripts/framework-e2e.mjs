// The framework apps end to end, as their users build them: builds this package and packs it
// (npm pack), installs it into demo/react, demo/vue, demo/angular and demo/svelte, builds each app with
// its own tooling (tsc + Vite, vue-tsc + Vite, the Angular CLI with a build-time prerender,
// svelte-check + Vite), serves each
// app's built files with the demo's backend on 127.0.0.1, and drives each in Debian's Chromium with a
// fake camera: click Start, the simulator's camera window, then the banner's outcome and what the
// app's own oz-result / oz-error handlers show, and (asking the simulated Oz API) that the `meta`
// and `actions` the app bound reached the plugin. The React app is also built in development mode,
// where StrictMode double-mounts, and run once more; the Svelte app also runs under `vite` (dev) with
// the package's simulator plugin (oz-liveness-elements/testing/vite) as its only backend. Exits non-zero on any failure; the last line
// is "N passed, M failed" (one case per app and scenario).
//
//   node --import tsx scripts/framework-e2e.mjs [react] [vue] [angular] [svelte] [--skip-build]
//
// --skip-build reuses dist/ as it is (no `npm run build`; still packed). An app's `npm ci` runs only
// when its package.json or lockfile changed since the last run (a stamp in its node_modules), so a
// warm run only swaps in the fresh tarball. Screenshots: $FRAMEWORK_E2E_SHOTS, else
// <tmpdir>/oz-framework-e2e/<app>-<scenario>.png.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/consumer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { createDevBackend } = await tsImport('../demo/dev-backend.ts', import.meta.url);

/** Each app: where it is, and where its build puts the static files. */
const APPS = {
  react: {
    dir: 'demo/react',
    out: 'dist',
    // StrictMode double-mounts only in React's development build: build that too, and run it once.
    extra: {
      name: 'react-dev',
      label: 'React development build, StrictMode active',
      out: 'dist-dev',
      env: { NODE_ENV: 'development' },
      cmd: ['node_modules/.bin/vite', ['build', '--mode', 'development', '--outDir', 'dist-dev', '--logLevel', 'warn']],
      scenarios: ['accept'],
    },
  },
  vue: { dir: 'demo/vue', out: 'dist' },
  angular: { dir: 'demo/angular', out: 'dist/demo/browser' },
  svelte: {
    dir: 'demo/svelte',
    out: 'dist',
    // docs/frameworks.md's way to put the simulator behind your own Vite app: `vite` (dev) with the
    // package's ozSimulator() plugin, and no other backend.
    devServer: { name: 'svelte-vite-dev', label: 'vite dev server with ozSimulator()', scenarios: ['accept'] },
  },
};
/** Each case: the simulator scenario (page `?scenario=`), and what the banner and the app must show. */
const SCENARIOS = [
  { scenario: 'accept', status: 'accept', decision: 'accept', errorCode: '—' },
  // Oz API answers 400 with error_code 14: an oz-error, handled by the app, shown by the banner.
  { scenario: 'container_error_14', status: 'error', decision: '—', errorCode: 'container-rejected (retryable)' },
];

const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const picked = args.filter((a) => !a.startsWith('--'));
for (const name of picked) if (!APPS[name]) throw new Error(`unknown app "${name}" (${Object.keys(APPS).join(', ')})`);
const apps = picked.length ? picked : Object.keys(APPS);
const shots = process.env.FRAMEWORK_E2E_SHOTS || join(tmpdir(), 'oz-framework-e2e');
const env = {
  ...process.env,
  NG_CLI_ANALYTICS: 'false',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

const started = Date.now();
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
let passed = 0;
let failed = 0;

/** Runs a command; its output is shown only when it fails. */
function run(cmd, cmdArgs, cwd = root, extraEnv = {}) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
      .split('\n')
      .filter((l) => !l.includes('Unknown user config "nodedir"'));
    throw new Error(
      `${cmd} ${cmdArgs.join(' ')} (in ${cwd}) failed with ${r.status ?? r.signal}:\n${out.slice(-60).join('\n')}`,
    );
  }
  return r.stdout;
}
function step(label, fn) {
  const t = Date.now();
  const value = fn();
  console.log(`  ${label} (${secs(t)})`);
  return value;
}

// 1. The package, packed as it would be published.
console.log('== oz-liveness-elements: build and pack');
const packDir = mkdtempSync(join(tmpdir(), 'oz-framework-e2e-pack-'));
let tarball;
try {
  if (!skipBuild) step('npm run build', () => run('npm', ['run', 'build']));
  const packed = step('npm pack', () => JSON.parse(run('npm', ['pack', '--json', '--pack-destination', packDir])));
  tarball = join(packDir, packed[0].filename);
} catch (e) {
  console.error(`✗ ${e.message}`);
  console.log(
    `0 passed, ${apps.reduce((n, a) => n + SCENARIOS.length + (APPS[a].extra?.scenarios.length ?? 0) + (APPS[a].devServer?.scenarios.length ?? 0), 0)} failed`,
  );
  process.exit(1);
}

// 2. Each app: install (npm ci only when its lockfile changed), the fresh tarball in, build.
const ready = [];
for (const name of apps) {
  const dir = join(root, APPS[name].dir);
  console.log(`== ${name}: install and build (${APPS[name].dir})`);
  try {
    const stampFile = join(dir, 'node_modules', '.oz-framework-e2e-stamp');
    const stamp = createHash('sha256')
      .update(process.version)
      .update(readFileSync(join(dir, 'package.json')))
      .update(readFileSync(join(dir, 'package-lock.json')))
      .digest('hex');
    if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
      step('npm ci', () => run('npm', ['ci', '--no-audit', '--no-fund'], dir));
      writeFileSync(stampFile, stamp);
    } else {
      console.log('  npm ci: skipped, node_modules matches the lockfile');
    }
    // What `npm install <tarball>` puts there: the packed files, unpacked (its dependencies are in the lockfile).
    step(`oz-liveness-elements from ${tarball.split(sep).pop()}`, () => {
      const target = join(dir, 'node_modules', 'oz-liveness-elements');
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    });
    step('npm run build', () => run('npm', ['run', 'build'], dir));
    const out = join(dir, APPS[name].out);
    if (!existsSync(join(out, 'index.html'))) throw new Error(`no ${APPS[name].out}/index.html after the build`);
    ready.push({ name, out, scenarios: SCENARIOS });
    const devServer = APPS[name].devServer;
    if (devServer)
      ready.push({
        name: devServer.name,
        app: name,
        dev: dir,
        scenarios: SCENARIOS.filter((c) => devServer.scenarios.includes(c.scenario)),
      });
    const extra = APPS[name].extra;
    if (extra) {
      try {
        step(`${extra.label}: vite ${extra.cmd[1].join(' ')}`, () => run(extra.cmd[0], extra.cmd[1], dir, extra.env));
        ready.push({
          name: extra.name,
          app: name,
          out: join(dir, extra.out),
          scenarios: SCENARIOS.filter((c) => extra.scenarios.includes(c.scenario)),
        });
      } catch (e) {
        console.error(`✗ ${extra.name}: ${e.message}`);
        failed += extra.scenarios.length;
      }
    }
  } catch (e) {
    console.error(`✗ ${name}: ${e.message}`);
    failed +=
      SCENARIOS.length + (APPS[name].extra?.scenarios.length ?? 0) + (APPS[name].devServer?.scenarios.length ?? 0);
  }
}

// 3. Serve each app's built files with the demo backend, and drive it in Chromium.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The app's static files (index.html for any other path), behind the demo backend's routes. */
async function serve(dir) {
  // Simulated Oz API in `full` mode: it keeps the folders, so the test can ask it what arrived.
  const { middleware } = createDevBackend({ env: { OZ_API_MODE: 'full' }, quiet: true });
  const server = http.createServer((req, res) => {
    middleware(req, res, (err) => {
      if (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
        return;
      }
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir + sep) && file !== dir) return void res.writeHead(403).end();
      if (!existsSync(file) || statSync(file).isDirectory()) {
        if (extname(path)) return void res.writeHead(404).end();
        file = join(dir, 'index.html');
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      createReadStream(file).pipe(res);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** `vite` (dev) in the app's folder on a free port, as `npm run dev` starts it; resolves once it answers. */
async function viteDev(dir) {
  const port = await new Promise((r) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => r(port));
    });
  });
  const child = spawn(
    join(dir, 'node_modules/.bin/vite'),
    ['--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + BOUND; Date.now() < until; ) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`vite did not serve ${base}:\n${output}`);
}

// Every wait is for something on the page, bounded for 2 cores shared with other builds.
const BOUND = 120_000;

async function runCase(browser, variant, app, base, c, { ozApi = true } = {}) {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.setDefaultTimeout(BOUND);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The 400 of the container_error scenario (and the browser's own log line of it) is expected.
  const expected400 = (url) => c.status === 'error' && url.endsWith('/api/liveness/container');
  page.on('console', (m) => {
    if (
      m.type() === 'error' &&
      !(m.text().includes('status of 400') && c.status === 'error') &&
      !m.text().includes('Failed to load resource')
    ) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on(
    'response',
    (r) =>
      r.status() >= 400 &&
      !(r.status() === 400 && expected400(r.url())) &&
      problems.push(`HTTP ${r.status()} ${r.url()}`),
  );
  try {
    await page.goto(`${base}/?scenario=${c.scenario}`);
    await page.locator('oz-liveness-check').getByRole('button', { name: 'Verify it’s you' }).click({ timeout: BOUND });
    await page.locator('video').first().waitFor({ state: 'attached', timeout: BOUND }); // the simulator's camera window
    await page.locator(`oz-result-banner[status=${c.status}]`).waitFor({ timeout: BOUND });
    // The app's own handlers: what they rendered.
    await page
      .waitForFunction(
        ({ decision, errorCode }) =>
          document.querySelector('#decision')?.textContent?.trim() === decision &&
          document.querySelector('#error-code')?.textContent?.trim() === errorCode,
        { decision: c.decision, errorCode: c.errorCode },
        { timeout: BOUND },
      )
      .catch(() => {});
    const seen = await page.evaluate(() => {
      const el = document.querySelector('oz-liveness-check');
      const text = (sel) => document.querySelector(sel)?.textContent?.trim();
      return {
        decision: text('#decision'),
        errorCode: text('#error-code'),
        results: text('#result-count'),
        meta: el.meta,
        actions: el.actions,
        tokenUrlAttr: el.getAttribute('session-token-url'),
        bannerTitle: document
          .querySelector('oz-result-banner')
          ?.shadowRoot?.querySelector('[part=title]')
          ?.textContent?.trim(),
      };
    });
    await page.screenshot({ path: join(shots, `${variant}-${c.scenario}.png`), fullPage: true });

    const wrong = [];
    const want = (what, got, expected) =>
      got !== expected && wrong.push(`${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    want('#decision (oz-result handler)', seen.decision, c.decision);
    want('#error-code (oz-error handler)', seen.errorCode, c.errorCode);
    want('#result-count', seen.results, c.status === 'accept' ? '1' : '0'); // one listener, even under StrictMode
    want(
      'meta property',
      JSON.stringify(seen.meta),
      JSON.stringify({ transaction_id: `${app}-demo-1`, channel: 'web' }),
    );
    want('actions property', JSON.stringify(seen.actions), JSON.stringify(['video_selfie_smile']));
    want('session-token-url attribute', seen.tokenUrlAttr, '/api/liveness/session-token');
    if (c.status === 'accept' && ozApi) {
      // meta and actions reached OzLiveness.open(): ask the (simulated) Oz API what it stored.
      const res = await fetch(`${base}/oz-api/api/folders/?meta_data=transaction_id==${app}-demo-1`);
      const { items = [] } = await res.json();
      want('folders stored with this meta', items.length, 1);
      const actions = [
        ...new Set(items[0]?.media?.flatMap((m) => m.tags.filter((t) => t.startsWith('video_selfie_')))),
      ];
      want('actions in the stored media', JSON.stringify(actions), JSON.stringify(['video_selfie_smile']));
    }
    wrong.push(...problems);
    if (wrong.length) throw new Error(wrong.join('; '));
    console.log(
      `✓ ${variant} ${c.scenario}: banner ${c.status} ("${seen.bannerTitle}"), app shows decision=${seen.decision} error=${seen.errorCode}`,
    );
    passed++;
  } catch (e) {
    await page.screenshot({ path: join(shots, `${variant}-${c.scenario}.png`), fullPage: true }).catch(() => {});
    console.error(`✗ ${variant} ${c.scenario}: ${e.message.split('\n')[0]}`);
    failed++;
  } finally {
    await page.close();
  }
}

if (ready.length) {
  console.log(
    `== Chromium: ${ready.map((v) => `${v.name} (${v.scenarios.map((c) => c.scenario).join(', ')})`).join('; ')}`,
  );
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({ timeout: BOUND, ...CHROMIUM });
  try {
    for (const { name, app, out, dev, scenarios } of ready) {
      if (dev) {
        let vite;
        try {
          vite = await viteDev(dev);
          for (const c of scenarios) await runCase(browser, name, app ?? name, vite.base, c, { ozApi: false });
        } catch (e) {
          console.error(`✗ ${name}: ${e.message.split('\n')[0]}`);
          failed += scenarios.length;
        } finally {
          vite?.child.kill();
        }
        continue;
      }
      const { server, base } = await serve(resolve(out));
      try {
        for (const c of scenarios) await runCase(browser, name, app ?? name, base, c);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`  screenshots: ${shots}`);
}

rmSync(packDir, { recursive: true, force: true });
console.log(`  total ${secs(started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
