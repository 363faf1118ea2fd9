// npm run build && node scripts/bench-open.mjs [latencyMs=300] [runs=5]
//
// Click → OzLiveness.open(), in real Chromium, on a loopback server that answers the plugin script
// and the session token each `latency` ms late (everything else at once). Three cases:
//   cold      no preload: the click asks for the plugin and the token
//   preloaded `preload`, the plugin already here: the click asks for the token only
//   during    `preload`, clicked while the plugin script is still on its way
// The ideal is the larger of the two latencies (the token can only be asked for at the click); each
// case's median must stay within 1.25× of it, else the script exits 1. Uses dist/oz-liveness-elements.js
// (the standalone build a page would use), with its lazy chunks.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const LATENCY = Number(process.argv[2] ?? 300);
const RUNS = Number(process.argv[3] ?? 5);
const LIMIT = 1.25;
const DIST = join(process.cwd(), 'dist');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PLUGIN = `window.OzLiveness = { open() { window.__opened = performance.now(); }, close() {}, hide() {} };`;
const page = (preload) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="/dist/oz-liveness-elements.js"></script></head><body>
<oz-liveness-check id="c" ${preload ? 'preload' : ''} plugin-src="/plugin.js?${Math.random()}" session-token-url="/token" backend-url="/container"></oz-liveness-check>
</body></html>`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (url.pathname === '/plugin.js') {
    await sleep(LATENCY);
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(PLUGIN);
  } else if (url.pathname === '/token') {
    await sleep(LATENCY);
    res
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ session_token: 'bench' }));
  } else if (url.pathname === '/cold.html' || url.pathname === '/preload.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname === '/preload.html'));
  } else if (url.pathname.startsWith('/dist/')) {
    const file = normalize(join(DIST, url.pathname.slice('/dist/'.length)));
    if (!file.startsWith(DIST)) return res.writeHead(403).end();
    try {
      const type = extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

/** One click → open() in a fresh context (empty cache); `waitFor` is the state to click in. */
async function once(path, waitFor) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${origin}${path}`);
  await tab.waitForFunction(
    () => customElements.get('oz-liveness-check') && document.getElementById('c').shadowRoot?.querySelector('button'),
  );
  await tab.waitForFunction((state) => document.getElementById('c').state === state, waitFor);
  const ms = await tab.evaluate(async () => {
    const el = document.getElementById('c');
    const t0 = performance.now();
    el.shadowRoot.querySelector('button').click();
    while (window.__opened === undefined) {
      if (el.state === 'error') throw new Error(`oz-error: ${el.error?.code} ${el.error?.message}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return window.__opened - t0;
  });
  await context.close();
  return ms;
}

const CASES = [
  ['cold', '/cold.html', 'idle'],
  ['preloaded', '/preload.html', 'ready'],
  ['clicked during preload', '/preload.html', 'loading'],
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
try {
  console.log(
    `click → OzLiveness.open(); plugin script and session token each ${LATENCY} ms late; ideal ${LATENCY} ms; ${RUNS} runs each`,
  );
  for (const [name, path, state] of CASES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await once(path, state));
    const m = median(times);
    const ratio = m / LATENCY;
    failed ||= ratio > LIMIT;
    console.log(
      `${ratio <= LIMIT ? '✓' : '✗'} ${name.padEnd(24)} median ${m.toFixed(0).padStart(5)} ms = ${ratio.toFixed(2)}× ideal (limit ${LIMIT}×)  runs: ${times.map((t) => t.toFixed(0)).join(' ')}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
