#!/usr/bin/env node
// npm run gallery — pictures of every state of both elements, for design review by looking:
// builds Storybook (or, with --no-build, uses storybook-static/), opens every story tagged
// `gallery` in Debian's Chromium with the fake camera, and screenshots the element, cropped to it,
// in the light and dark schemes at 1280×900, 390×844 and 320×640. Writes docs/gallery/*.png and
// docs/gallery/index.md (every picture, with its caption). Motion is reduced so pictures are stable.
// Without --update it is a visual regression check (CI): the pictures go to gallery-diff/now/ and
// are compared with the committed ones (scripts/lib/picture-diff.mjs); any difference fails, with
// its diff image in gallery-diff/, until the pictures are updated on purpose.
//
//   node scripts/gallery.mjs [--update] [--no-build] [--filter=<text in story id>] [--jobs=3]
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { compareGallery } from './lib/picture-diff.mjs';
import { STORYBOOK_STATIC, serveStorybook, storyEntries } from './lib/storybook.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REF = join(REPO, 'docs/gallery');
const update = process.argv.includes('--update');
const DIFF = join(REPO, 'gallery-diff');
// Where the pictures go: the committed gallery on --update, else beside their diffs.
const OUT = update ? REF : join(DIFF, 'now');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STORY_TIMEOUT = 45_000;
const RUN_TIMEOUT = 5 * 60_000;
const SCHEMES = [
  { name: 'light', page: '#ffffff', text: '#1f2328' },
  { name: 'dark', page: '#0d1117', text: '#e6edf3' },
];
const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
  { width: 320, height: 640 },
];

const opt = (name, fallback) =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.split('=')
    .slice(1)
    .join('=') ?? fallback;
const filter = opt('filter', '');
const jobs = Math.max(1, Number(opt('jobs', '3')) || 3);
const t0 = Date.now();
const hardStop = setTimeout(
  () => (console.error(`gallery: gave up after ${RUN_TIMEOUT / 1000} s`), process.exit(1)),
  RUN_TIMEOUT,
);
hardStop.unref();

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build-storybook'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  console.log(`built Storybook in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
if (!existsSync(join(STORYBOOK_STATIC, 'index.json'))) {
  console.error('storybook-static/index.json is missing: run without --no-build.');
  process.exit(1);
}

const { server, base } = await serveStorybook();
const stories = (await storyEntries()).filter((e) => e.tags?.includes('gallery') && e.id.includes(filter));
if (!update) await rm(DIFF, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
if (!filter) for (const f of await readdir(OUT)) if (f.endsWith('.png')) await rm(join(OUT, f));

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--font-render-hinting=none',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', // loopback only
  ],
});

// In the page before Storybook: the end of the story (after play) and any exception it threw.
function watchStorybook() {
  const state = (window.__gallery = { finished: false, problems: [], description: '' });
  let channel;
  Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(next) {
      channel = next;
      next.on('storyFinished', () => (state.finished = true));
      for (const e of ['storyThrewException', 'playFunctionThrewException', 'storyErrored', 'storyMissing']) {
        next.on(e, (data) =>
          state.problems.push(`${e}: ${data?.message ?? data?.description ?? JSON.stringify(data)}`),
        );
      }
    },
  });
}

// What is new on every run and is left out of the comparison: a hand-off's QR code, its link and the
// time left (a fresh secret, a clock). Their boxes, relative to the element, to the picture's right
// edge (a line of another length). Shadow roots are searched too.
function changing(element) {
  const top = element.getBoundingClientRect();
  const roots = [element.getRootNode(), element];
  const found = [];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i].shadowRoot ?? roots[i];
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) roots.push(el);
      if (el.matches('[part~=handoff-qr], [part~=handoff-link], [part~=handoff-time]')) found.push(el);
    }
  }
  return found.map((el) => {
    const r = el.getBoundingClientRect();
    return {
      x: Math.floor(r.left - top.left),
      y: Math.floor(r.top - top.top),
      right: true,
      h: Math.ceil(r.height) + 1,
    };
  });
}

async function shoot(story, context) {
  const started = Date.now();
  const shots = [];
  const page = await context.newPage();
  try {
    await page.setViewportSize(VIEWPORTS[0]);
    await page.addInitScript(watchStorybook);
    await page.goto(`${base}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=lang:en`, {
      waitUntil: 'load',
      timeout: STORY_TIMEOUT,
    });
    await page.waitForFunction(() => window.__gallery.finished || window.__gallery.problems.length > 0, null, {
      timeout: STORY_TIMEOUT,
      polling: 100,
    });
    const { problems } = await page.evaluate(() => window.__gallery);
    if (problems.length) throw new Error(problems.join('; '));
    // The short support reference comes from a request or folder id that is new on every run: pinned
    // to one example so that a picture changes only when the look does.
    await page.evaluate(() => {
      const roots = [document];
      for (let i = 0; i < roots.length; i++)
        for (const el of roots[i].querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      for (const root of roots) for (const ref of root.querySelectorAll('.short bdi')) ref.textContent = '5C8D-2E1A';
    });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme.name, reducedMotion: 'reduce' });
      await page.evaluate(
        ({ page: bg, text }) => Object.assign(document.body.style, { background: bg, color: text }),
        scheme,
      );
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const element = page.locator('#storybook-root > *').first();
        const box = await element.boundingBox();
        const file = `${story.id}--${scheme.name}-${viewport.width}.png`;
        if (!box || box.height < 1) {
          shots.push({ scheme: scheme.name, width: viewport.width, file: null });
          continue;
        }
        await element.screenshot({ path: join(OUT, file), animations: 'disabled', caret: 'hide' });
        shots.push({ scheme: scheme.name, width: viewport.width, file, ignore: await element.evaluate(changing) });
      }
    }
    return { story, shots, ms: Date.now() - started };
  } catch (e) {
    return { story, shots, ms: Date.now() - started, error: e.message.split('\n')[0] };
  } finally {
    await page.close();
  }
}

const results = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, stories.length) }, async () => {
    // One context per worker: its pages share the HTTP cache, so Storybook's bundle loads once.
    const context = await browser.newContext({ viewport: VIEWPORTS[0], deviceScaleFactor: 1, reducedMotion: 'reduce' });
    while (next < stories.length) {
      const r = await shoot(stories[next++], context);
      results.push(r);
      console.log(
        `${r.error ? 'FAIL' : 'ok  '}  ${r.story.id} (${(r.ms / 1000).toFixed(1)} s)${r.error ? `\n        ${r.error}` : ''}`,
      );
    }
    await context.close();
  }),
);
await browser.close();
server.close();

// index.md: one section per element, one row per story, in the order of the stories file.
const order = new Map(stories.map((s, i) => [s.id, i]));
results.sort((a, b) => order.get(a.story.id) - order.get(b.story.id));
const lines = [
  '# Gallery: every state of both elements',
  '',
  'Generated by `npm run gallery` (scripts/gallery.mjs) from the Storybook stories tagged `gallery`',
  '(stories/banner-states.stories.ts, stories/check-states.stories.ts, stories/themes.stories.ts,',
  'stories/handoff.stories.ts), in Chromium, cropped to the',
  "element. Light and dark are the page's `prefers-color-scheme`; 1280, 390 and 320 are the window widths",
  '(1280×900, 390×844 and 320×640). Do not edit: run the command again.',
  '',
];
for (const title of [...new Set(results.map((r) => r.story.title))]) {
  lines.push(`## ${title.replace(/^States\//, '')}`, '');
  for (const r of results.filter((x) => x.story.title === title)) {
    lines.push(`### ${r.story.name}`, '');
    if (r.error) lines.push(`Not captured: ${r.error}`, '');
    if (r.shots.length && r.shots.every((shot) => !shot.file)) {
      lines.push('*Takes no room: nothing to show, in either scheme, at either width.*', '');
      continue;
    }
    for (const shot of r.shots) {
      const caption = `${r.story.name} — ${shot.scheme}, ${shot.width} px wide`;
      lines.push(shot.file ? `![${caption}](${shot.file})` : `*${caption}: takes no room (nothing to show).*`, '');
    }
  }
}
// A partial run (--filter) leaves the index of the whole gallery as it is.
if (!filter && update) await writeFile(join(OUT, 'index.md'), lines.join('\n'));

const failed = results.filter((r) => r.error).length;
const pictures = results.reduce((n, r) => n + r.shots.filter((s) => s.file).length, 0);
console.log(
  `\n${pictures} pictures of ${results.length} stories in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${failed} failed`,
);
let differ = 0;
if (!update) {
  const files = results.flatMap((r) => r.shots.map((s) => s.file).filter(Boolean));
  const ignore = new Map(results.flatMap((r) => r.shots.map((s) => [s.file, s.ignore ?? []])));
  const expected = (await readdir(REF)).filter(
    (f) => f.endsWith('.png') && stories.some((st) => f.startsWith(`${st.id}--`)),
  );
  const problems = compareGallery({ files, expected, ignore, nowDir: OUT, refDir: REF, diffDir: DIFF });
  differ = problems.length;
  for (const p of problems) console.error(`DIFF  ${p}`);
  console.log(
    differ
      ? `${differ} of ${files.length} pictures differ from docs/gallery (diff images in gallery-diff/); if the change is meant, run: npm run gallery -- --update`
      : `all ${files.length} pictures match docs/gallery`,
  );
}
process.exit(failed === 0 && differ === 0 && results.length > 0 ? 0 : 1);
