#!/usr/bin/env node
// npm run storybook:check — every story of the built Storybook (storybook-static/, from
// `npm run build-storybook`) in Debian's Chromium with the fake camera: waits for the story to
// render and its play function to finish, then runs axe-core on the story root (shadow DOM
// included). A story fails on a page error, a console error, a story/play exception, a request
// off the loopback, or an axe violation. One line per story, then "N passed, M failed".
//
//   node scripts/storybook-check.mjs [--filter=<text in story id>] [--jobs=3] [--screenshots=<dir>]
//
// The one tolerated console error: a story tagged `expect-404` shows a script that answers 404,
// and Chromium logs that 404. Nothing else is ever tolerated.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { STORYBOOK_STATIC, serveStorybook, storyEntries } from './lib/storybook.mjs';

const AXE = fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_TIMEOUT = 120_000; // one start of the browser
const LAUNCHES = 3; // starts of the browser before the check gives up
const RETRIES = 2; // reruns of a story whose browser failed under it

const opt = (name, fallback) =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=') ?? fallback;
const filter = opt('filter', '');
const jobs = Math.max(1, Number(opt('jobs', '3')) || 3);
const screenshots = opt('screenshots', '');
const STORY_TIMEOUT = (Number(opt('story-timeout', '180')) || 180) * 1000; // one story: load, render, play, axe

if (!existsSync(join(STORYBOOK_STATIC, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run `npm run build-storybook` first.');
  process.exit(1);
}

const { server, base } = await serveStorybook();
const stories = (await storyEntries()).filter((e) => e.id.includes(filter));
if (screenshots) await mkdir(screenshots, { recursive: true });

const LAUNCH_OPTIONS = {
  executablePath: CHROMIUM,
  timeout: LAUNCH_TIMEOUT,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    // Loopback only: no other host name resolves.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ],
};

/** A failure of the browser under a story, not of the story: the only kind that is retried. */
class BrowserFailure extends Error {}

let browser;
let launching;
/** The running browser, started (again) when there is none or it has gone. */
function liveBrowser() {
  if (browser?.isConnected()) return Promise.resolve(browser);
  launching ??= (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        browser = await chromium.launch(LAUNCH_OPTIONS);
        return browser;
      } catch (e) {
        console.error(`browser did not start (attempt ${attempt} of ${LAUNCHES}): ${e.message.split('\n')[0]}`);
        if (attempt >= LAUNCHES) throw new BrowserFailure(`the browser did not start in ${LAUNCHES} attempts`);
      }
    }
  })().finally(() => (launching = undefined));
  return launching;
}

// Runs in the page before Storybook: follows the preview's channel for the end of the story
// (after play and afterEach) and for exceptions that Storybook shows instead of the story.
function watchStorybook() {
  const state = (window.__storybookCheck = { finished: false, problems: [] });
  const problem = (kind) => (data) => {
    const error =
      data?.message ??
      data?.description ??
      (Array.isArray(data) ? data.map((e) => e?.message ?? String(e)).join('; ') : JSON.stringify(data));
    state.problems.push(`${kind}: ${error}`);
  };
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      if (next === channel) return;
      channel = next;
      next.on('storyFinished', () => (state.finished = true));
      next.on('storyThrewException', problem('story threw'));
      next.on('playFunctionThrewException', problem('play function threw'));
      next.on('unhandledErrorsWhilePlaying', problem('unhandled error while playing'));
      next.on('storyErrored', problem('story errored'));
      next.on('storyMissing', problem('story missing'));
    },
  });
}

/** `promise`, or a rejection naming `what` once `deadline` (a Date.now() time) has passed. */
function byDeadline(promise, deadline, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not within the story's ${STORY_TIMEOUT / 1000} s`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * One story in a fresh context. Returns its failures, or throws a BrowserFailure when the browser
 * (not the story) failed: it would not start, it went away, or the page crashed.
 */
async function checkStory(story) {
  const deadline = Date.now() + STORY_TIMEOUT;
  const failures = [];
  let broken = ''; // why the browser failed under this story
  const current = await liveBrowser();
  let context;
  try {
    context = await current.newContext({ viewport: { width: 1024, height: 768 } });
  } catch (e) {
    throw new BrowserFailure(`no new page: ${e.message.split('\n')[0]}`);
  }
  const gone = () => (broken ||= 'the browser went away');
  current.once('disconnected', gone);
  try {
    const page = await context.newPage();
    const allow404 = story.tags?.includes('expect-404');
    page.on('crash', () => (broken ||= 'the page crashed'));
    page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (allow404 && /status of 404/.test(m.text())) return;
      failures.push(`console error: ${m.text().split('\n')[0]}${m.location()?.url ? ` (${m.location().url})` : ''}`);
    });
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (/^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1')
        failures.push(`request off the loopback: ${r.url()}`);
    });
    await page.addInitScript(watchStorybook);
    const left = () => Math.max(1, deadline - Date.now());
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, {
      waitUntil: 'load',
      timeout: left(),
    });
    const outcome = await page
      .waitForFunction(() => window.__storybookCheck.finished || window.__storybookCheck.problems.length > 0, null, {
        timeout: left(),
        polling: 100,
      })
      .then(() => page.evaluate(() => window.__storybookCheck))
      .catch((e) => {
        if (broken) throw e;
        return { finished: false, problems: [`did not finish within ${STORY_TIMEOUT / 1000} s`] };
      });
    failures.push(...outcome.problems);
    if (outcome.finished && outcome.problems.length === 0) {
      await page.addScriptTag({ path: AXE });
      const axe = page.evaluate(async () => {
        const result = await window.axe.run('#storybook-root', { resultTypes: ['violations'] });
        return result.violations.map(
          (v) => `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
        );
      });
      failures.push(...(await byDeadline(axe, deadline, 'axe')));
    }
    if (screenshots) await page.screenshot({ path: join(screenshots, `${story.id}.png`), timeout: left() });
  } catch (e) {
    failures.push(`check failed: ${e.message.split('\n')[0]}`);
  } finally {
    current.off('disconnected', gone);
    await context.close().catch(() => {});
  }
  if (broken) throw new BrowserFailure(broken);
  return failures;
}

/** A story, rerun only when the browser failed under it. */
async function checkWithRetries(story) {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return { story, failures: await checkStory(story), ms: Date.now() - started };
    } catch (e) {
      if (!(e instanceof BrowserFailure)) throw e;
      if (attempt >= RETRIES)
        return {
          story,
          failures: [`browser failure, ${RETRIES} retries spent: ${e.message}`],
          ms: Date.now() - started,
        };
      console.log(`retry ${story.id}: ${e.message} (not the story's fault; retry ${attempt + 1} of ${RETRIES})`);
    }
  }
}

const t0 = Date.now();
const results = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, stories.length) }, async () => {
    while (next < stories.length) {
      const r = await checkWithRetries(stories[next++]);
      results.push(r);
      const time = `${(r.ms / 1000).toFixed(1)} s`;
      if (r.failures.length === 0) console.log(`ok    ${r.story.id} (${time})`);
      else console.log(`FAIL  ${r.story.id} (${time})\n${r.failures.map((f) => `        ${f}`).join('\n')}`);
    }
  }),
);
await browser?.close();
server.close();

const failed = results.filter((r) => r.failures.length > 0).length;
console.log(`\nchecked ${results.length} of ${stories.length} stories in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length === stories.length && results.length > 0 ? 0 : 1);
