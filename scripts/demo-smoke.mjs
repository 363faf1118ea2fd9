// The demo as a new user meets it: start the `npm start` server, open the page in Debian's
// Chromium with a fake camera, click Start, and wait for the banner to show the simulated outcome.
// Runs each scenario named on the command line (default: accept declined), saves a screenshot of
// each in demo-smoke-<scenario>.png, and exits non-zero on a wrong outcome, a page error or a timeout.
// With --built it also runs `accept` on demo/standalone.html and demo/classic.html, which load the
// built dist/oz-liveness-elements.js and dist/oz-liveness-elements.iife.js (run `npm run build` first).
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/consumer.mjs';

const args = process.argv.slice(2);
const built = args.includes('--built');
const names = args.filter((a) => !a.startsWith('--'));
const runs = (names.length ? names : ['accept', 'declined']).map((scenario) => ({
  scenario,
  page: '',
  label: scenario,
}));
if (built)
  runs.push(
    ...['standalone', 'classic'].map((kind) => ({
      scenario: 'accept',
      page: `demo/${kind}.html`,
      label: `${kind} build`,
    })),
  );
const expected = { accept: 'accept', declined: 'reject', failed: 'failed' };
// Every wait is for something on the page, bounded for 2 cores shared with other builds.
const BOUND = 120_000;

const server = await createServer({
  configFile: 'demo/vite.config.ts',
  server: { port: 0, strictPort: false },
  logLevel: 'warn',
});
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch({ timeout: BOUND, ...CHROMIUM });
let failed = false;
try {
  for (const { scenario, page: path, label } of runs) {
    const page = await browser.newPage();
    page.setDefaultTimeout(BOUND);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
    await page.goto(`${base}${path}?scenario=${scenario}`);
    await page.locator('oz-liveness-check[state=ready]').waitFor({ timeout: BOUND });
    await page.locator('oz-liveness-check').locator('button[part=button]').click();
    // The simulator's own window with a live preview from the fake camera.
    await page.locator('video').first().waitFor({ state: 'attached', timeout: BOUND });
    const banner = page.locator(`oz-result-banner[status=${expected[scenario] ?? 'error'}]`);
    await banner.waitFor({ timeout: BOUND });
    const text =
      (await banner.innerText().catch(() => '')) || (await banner.evaluate((b) => b.shadowRoot?.textContent ?? ''));
    await page.screenshot({ path: `demo-smoke-${label.replace(/\W+/g, '-')}.png`, fullPage: true });
    if (problems.length) {
      failed = true;
      console.error(`✗ ${label}: ${problems.join('; ')}`);
    } else {
      console.log(
        `✓ ${label}: banner status=${expected[scenario] ?? 'error'} — ${text.replace(/\s+/g, ' ').trim().slice(0, 100)}`,
      );
    }
    await page.close();
  }
} catch (e) {
  failed = true;
  console.error(`✗ demo smoke: ${e.message}`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);
