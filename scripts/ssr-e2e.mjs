// The server-rendered page (demo/ssr/server.mjs) in Chromium:
//   1. the HTML from the server holds each element's shadow root (declarative shadow DOM) with its
//      parts, so the first paint needs no JavaScript: with JavaScript off, the check's button is there,
//      styled (the accent colour) and labelled, and the banner's shadow root too;
//   2. with JavaScript on, the elements hydrate that DOM: every node of their server-rendered shadow
//      roots that holds something, marked before any module ran, is still in place afterwards and none
//      was removed (no re-render; an empty status line may step aside for a following banner), and the button's label, read every frame, never changes (no flash); no console
//      error, no page error;
//   3. the hydrated check works: Start, the simulator, and the banner shows the decision.
//
//   node scripts/ssr-e2e.mjs      (after npm run build; npm run test:ssr)
//
// Exits non-zero on any failure; the last line is "N passed, M failed".
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './lib/consumer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The Start label as the English catalogue words it (one table for the words: the test follows a copy change).
const START = /'check\.start':\s*'([^']+)'/.exec(
  readFileSync(new URL('../src/i18n/en.ts', import.meta.url), 'utf8'),
)?.[1];
if (!START) throw new Error("src/i18n/en.ts has no 'check.start' entry");
const BOUND = 90_000; // every wait is for something on the page, bounded for a loaded machine
let passed = 0;
let failed = 0;
async function check(label, fn) {
  try {
    const note = await fn();
    console.log(`✓ ${label}${note ? ` — ${note}` : ''}`);
    passed++;
  } catch (e) {
    console.error(`✗ ${label}: ${e.message}`);
    failed++;
  }
}

const port = await new Promise((resolve, reject) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
  probe.on('error', reject);
});
const server = spawn(process.execPath, ['demo/ssr/server.mjs'], {
  cwd: root,
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
server.stdout.on('data', (d) => (output += d));
server.stderr.on('data', (d) => (output += d));
const base = `http://127.0.0.1:${port}/`;
let browser;
try {
  let html = '';
  for (const until = Date.now() + BOUND; Date.now() < until && !html; ) {
    html = await fetch(base).then(
      (r) => (r.ok ? r.text() : ''),
      () => '',
    );
    if (!html) await new Promise((r) => setTimeout(r, 200));
  }
  if (!html) throw new Error(`demo/ssr/server.mjs did not serve ${base}:\n${output}`);

  await check('the server renders both elements with their shadow roots (declarative shadow DOM)', () => {
    const check = html.match(
      /<oz-liveness-check[^>]*>\s*<template shadowroot(mode)?="open"[^>]*>([\s\S]*?)<\/template>/,
    );
    if (!check) throw new Error('no <template shadowrootmode="open"> inside <oz-liveness-check>');
    if (!/part="button"/.test(check[2])) throw new Error('the check’s shadow root has no part="button"');
    const banner = html.match(/<oz-result-banner[^>]*>\s*<template shadowroot(mode)?="open"/);
    if (!banner) throw new Error('no shadow root inside <oz-result-banner>');
    return `${(html.length / 1024).toFixed(1)} kB of HTML`;
  });

  browser = await chromium.launch({ ...CHROMIUM, timeout: BOUND });

  await check(
    'first paint without JavaScript: the check’s button is there, styled and labelled; the banner’s shadow root too',
    async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(base);
      const seen = await page.evaluate(() => {
        const check = document.querySelector('oz-liveness-check');
        const button = check?.shadowRoot?.querySelector('[part=button]');
        const box = button?.getBoundingClientRect();
        return {
          defined: Boolean(customElements.get('oz-liveness-check')),
          button: Boolean(button),
          label: button?.textContent?.trim(),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          background: button ? getComputedStyle(button).backgroundColor : '',
          banner: Boolean(document.querySelector('oz-result-banner')?.shadowRoot?.querySelector('[part=base]')),
        };
      });
      await context.close();
      if (seen.defined) throw new Error('the elements were defined: JavaScript ran');
      if (!seen.button || seen.width < 20 || seen.height < 20)
        throw new Error(`no visible button: ${JSON.stringify(seen)}`);
      if (seen.background !== 'rgb(29, 78, 216)') throw new Error(`the button is not styled: ${seen.background}`);
      if (seen.label !== START) throw new Error(`the button reads "${seen.label}"`);
      if (!seen.banner) throw new Error('the banner has no server-rendered shadow root');
      return `button "${seen.label}", ${Math.round(seen.width)}×${Math.round(seen.height)} px, ${seen.background}`;
    },
  );

  await check(
    'hydration keeps every server-rendered node (no re-render, no flash), no console or page error',
    async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(BOUND);
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on(
        'console',
        (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`),
      );
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
      // When parsing ends, before any module script runs: mark every node of the server's shadow roots
      // and watch them for removals.
      await page.addInitScript(() => {
        document.addEventListener('readystatechange', () => {
          if (document.readyState !== 'interactive') return;
          const w = /** @type {any} */ (window);
          const label = () =>
            document
              .querySelector('oz-liveness-check')
              ?.shadowRoot?.querySelector('[part=button]')
              ?.textContent?.trim();
          w.__ssr = {
            definedBefore: Boolean(customElements.get('oz-liveness-check')),
            nodes: [],
            empty: [],
            removed: 0,
            labels: [label()],
          };
          // Every frame until the test reads it: the label as painted (a flash would show as an empty one).
          const frame = () => {
            w.__ssr.labels.push(label());
            if (!w.__ssr.stop) requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
          for (const host of document.querySelectorAll('oz-liveness-check, oz-result-banner')) {
            if (!host.shadowRoot) continue;
            // An empty leaf (the status line, idle) may step aside for a banner that follows the
            // check (one voice); every node that holds something is kept.
            for (const n of host.shadowRoot.querySelectorAll('*'))
              (n.childElementCount || n.textContent?.trim() ? w.__ssr.nodes : w.__ssr.empty).push(n);
            new MutationObserver((records) => {
              for (const r of records)
                w.__ssr.removed += [...r.removedNodes].filter(
                  (n) => n.nodeType === 1 && !w.__ssr.empty.includes(n),
                ).length;
            }).observe(host.shadowRoot, { childList: true, subtree: true });
          }
        });
      });
      await page.goto(base);
      await page.waitForFunction(
        () =>
          customElements.get('oz-liveness-check') &&
          document.querySelector('oz-liveness-check')?.shadowRoot?.querySelector('[part=button]')?.textContent?.trim(),
      );
      await page.evaluate(() =>
        Promise.all([...document.querySelectorAll('oz-liveness-check, oz-result-banner')].map((e) => e.updateComplete)),
      );
      const seen = await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.__ssr.stop = true;
        const check = document.querySelector('oz-liveness-check');
        return {
          labels: [...new Set(w.__ssr?.labels)],
          frames: w.__ssr?.labels.length,
          definedBefore: w.__ssr?.definedBefore,
          marked: w.__ssr?.nodes.length ?? 0,
          kept: w.__ssr?.nodes.filter((n) => n.isConnected).length ?? 0,
          emptyGone: w.__ssr?.empty.filter((n) => !n.isConnected).map((n) => n.getAttribute('part') ?? n.localName),
          removed: w.__ssr?.removed,
          sameButton: w.__ssr?.nodes.includes(check?.shadowRoot?.querySelector('[part=button]')),
          label: check?.shadowRoot?.querySelector('[part=button]')?.textContent?.trim(),
        };
      });
      await page.close();
      if (seen.definedBefore !== false) throw new Error('the nodes were not marked before the elements loaded');
      if (seen.marked < 5 || seen.kept !== seen.marked || seen.removed !== 0 || !seen.sameButton)
        throw new Error(`re-rendered: ${JSON.stringify(seen)}`);
      if (seen.labels.length !== 1 || seen.labels[0] !== START)
        throw new Error(`the label changed while hydrating: ${JSON.stringify(seen.labels)}`);
      if (problems.length) throw new Error(problems.join('\n'));
      return `${seen.kept} of ${seen.marked} nodes kept, ${seen.removed} removed (empty ones stepped aside: ${seen.emptyGone.join(', ') || 'none'}); the button read "${seen.label}" in all ${seen.frames} frames`;
    },
  );

  await check('the hydrated check runs: Start, the simulator, the banner shows the decision', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(BOUND);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    await page.goto(base);
    await page.locator('oz-liveness-check').getByRole('button', { name: START }).click();
    const banner = page.locator(
      'oz-result-banner:is([status=accept], [status=reject], [status=failed], [status=error])',
    );
    await banner.waitFor();
    const status = await banner.getAttribute('status');
    await page.close();
    if (status !== 'accept') problems.push(`the banner shows ${status}, not the simulator's default, accept`);
    if (problems.length) throw new Error(problems.join('\n'));
    return `banner ${status}`;
  });
} catch (e) {
  console.error(`✗ ${e.message}`);
  failed++;
} finally {
  await browser?.close();
  server.kill();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
