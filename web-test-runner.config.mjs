// web-test-runner: real Chromium, Firefox ESR and WebKitGTK from Debian, with fake cameras.
//   BROWSERS=chromium,firefox,webkit npx wtr      (default: all three)
//   npx wtr --files 'test/result-banner/**/*.test.ts'
// The dev backend (simulated Oz API, the backend route, the simulator plugin script) is mounted as
// middleware, so end-to-end tests cross a real HTTP hop exactly as the demo does.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { existsSync } from 'node:fs';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteerCore from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { totalsReporter } from './test/runner/totals-reporter.mjs';
import { cameraPermissionPlugin } from './test/support/camera-permission.mjs';
import { handoffE2e } from './test/support/handoff-e2e.mjs';

const want = (process.env.BROWSERS ?? 'chromium,firefox,webkit')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const children = [];
process.on('exit', () => children.forEach((c) => c.kill()));

const BIN = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkit: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
};
const missing = want.filter((b) => BIN[b] && !existsSync(BIN[b]));
if (missing.length) {
  // Never skip a browser quietly: say what is missing and how to get it.
  console.error(
    `Missing browser(s): ${missing.join(', ')}. Install them with:\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb\n(or run \`node scripts/install-browsers.mjs\`), or choose others with BROWSERS=chromium,firefox,webkit.`,
  );
  process.exit(1);
}

const { createDevBackend } = await tsImport('./demo/dev-backend.ts', import.meta.url);
const { testBackend } = await import('./test/support/test-backend.mjs');
const port = Number(process.env.WTR_PORT) || (await freePort());
// The hand-off's phone page, on this test server (test/liveness-check/handoff*.test.ts).
const devBackend = createDevBackend({ env: {}, quiet: true, phoneUrl: `http://localhost:${port}/demo/phone.html` });

const handoffE2eServer = handoffE2e();
const browsers = [];

if (want.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: BIN.chromium,
        headless: true,
        args: [
          '--no-sandbox', // CI runs as root
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--no-default-browser-check',
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
        ],
      },
    }),
  );
}

if (want.includes('firefox')) {
  // Firefox through puppeteer-core + WebDriver BiDi; passing `puppeteer` makes wtr label it "Firefox".
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: {
        browser: 'firefox',
        executablePath: BIN.firefox,
        headless: true,
        extraPrefsFirefox: {
          'media.navigator.streams.fake': true,
          'media.navigator.permission.disabled': true,
        },
      },
    }),
  );
}

if (want.includes('webkit')) {
  // WebKitGTK's MiniBrowser has no headless mode: give it an Xvfb display unless one exists.
  const env = { ...process.env };
  if (!env.DISPLAY) env.DISPLAY = `:${await startXvfb()}`;
  const port = await freePort();
  children.push(
    spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: process.env.WK_LOG ? 'inherit' : 'ignore' }),
  );
  await waitForPort(port);
  browsers.push(
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port,
      capabilities: {
        browserName: 'MiniBrowser',
        // else webdriverio 9 asks for BiDi and WebKitWebDriver answers "Failed to match capabilities"
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: BIN.webkit,
          args: [
            '--automation',
            '--enable-media-stream=true',
            '--enable-mock-capture-devices=true',
            '--features=-MockCaptureDevicesPrompt,-GetUserMediaRequiresFocus',
          ],
        },
      },
    }),
  );
}

function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    children.push(xvfb);
    xvfb.on('error', reject);
    xvfb.stdio[3].once('data', (d) => resolve(String(d).trim()));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const ok = await new Promise((r) => {
      const s = net
        .connect(port, '127.0.0.1', () => {
          s.end();
          r(true);
        })
        .on('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not listen on ${port}`);
}

// Sized for 2 cores shared with other builds (load average 20+): a slow machine makes a run slower,
// never shorter. A page that still does not start fails the run by name (test/runner/totals-reporter.mjs).
const SECOND = 1000;

// @open-wc/testing's waitUntil gives up after 1 s unless told otherwise: on 2 loaded cores a state
// the page does reach can take longer. The suite's default bound is 30 s instead (a condition that
// holds still ends the wait at once). Fails loudly if an upgrade changes the line. (esbuild has
// already minified the number when this runs: 1000 is 1e3.)
const WAIT_UNTIL_DEFAULT = /const \{ interval = 50, timeout = (?:1000|1e3) \} = options;/;
const generousWaitUntil = {
  name: 'generous-wait-until',
  transform(context) {
    if (!context.path.endsWith('/@open-wc/testing-helpers/src/helpers.js')) return undefined;
    if (!WAIT_UNTIL_DEFAULT.test(context.body))
      throw new Error(`generous-wait-until: waitUntil's default timeout is no longer where it was in ${context.path}`);
    return {
      body: context.body.replace(WAIT_UNTIL_DEFAULT, `const { interval = 50, timeout = ${30 * SECOND} } = options;`),
    };
  },
};

// test/runner/ holds the reporter's own fixtures: broken on purpose, run only by test/node/runner-honesty.test.ts.
const FILES = ['test/**/*.test.ts', '!test/node/**', '!test/runner/**'];

export default {
  files: FILES,
  nodeResolve: true,
  port,
  // `tsconfig` is required: without it esbuild ignores experimentalDecorators and Lit throws
  // "Unsupported decorator location: field".
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }),
    generousWaitUntil,
    cameraPermissionPlugin(), // a refused camera, for real where the engine allows it
    handoffE2eServer.plugin, // the hand-off's phone as a second Chromium (test/e2e/handoff-*)
  ],
  middleware: [
    testBackend(),
    handoffE2eServer.middleware, // two hand-off instances on one redis-server (test/e2e/handoff-*)
    async (ctx, next) => {
      // Koa → the same Connect-style middleware the demo's Vite server uses.
      let passed = false;
      await new Promise((resolve, reject) => {
        ctx.res.on('finish', resolve);
        ctx.res.on('close', resolve);
        devBackend.middleware(ctx.req, ctx.res, (err) => {
          passed = true;
          err ? reject(err) : resolve();
        });
      });
      if (passed) return next();
      ctx.respond = false;
    },
  ],
  browsers,
  // Lit's dev-mode banner on every file is noise; its real warnings still show.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrency: 1, // the webdriver launcher runs tests in iframes when concurrency > 1
  browserStartTimeout: 180 * SECOND, // default 30 s: Firefox missed it under load
  testsStartTimeout: 180 * SECOND, // page loaded → the test file's imports done and mocha started
  testsFinishTimeout: 15 * 60 * SECOND, // one file, all its tests
  testFramework: { config: { timeout: 90 * SECOND } }, // one test; its own waits are bounded lower
  reporters: [
    defaultReporter(),
    // The whole suite is held to the committed floor; files chosen on the command line only to evenness.
    totalsReporter({ files: FILES }),
  ],
};
