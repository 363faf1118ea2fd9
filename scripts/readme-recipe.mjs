// The README's "Run it locally on the simulator", run as a newcomer would: take the code blocks the
// README marks with a file name (```html file=index.html, ```js file=server.mjs), `npm pack` this
// package, install the tarball into an empty project, write the files there, `node server.mjs` on a
// free port, open the page in Debian's Chromium with a fake camera, press Start and wait for the
// banner to show a decision. Then docs/csp.md's local test: the Trusted Types header added to the page's
// res.writeHead, enforced (the simulator is blocked, as the page says) and report-only (a decision).
// Exits non-zero when any step fails, so the recipe cannot rot.
//
//   node scripts/readme-recipe.mjs [--skip-build] [--keep]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, consumerProject, pack, root } from './lib/consumer.mjs';

const args = process.argv.slice(2);
const REQUIRED = ['index.html', 'server.mjs'];
const started = Date.now();
const step = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);

/** Fenced blocks whose info string names a file: ```js file=server.mjs */
function recipeFiles(markdown) {
  const files = {};
  for (const m of markdown.matchAll(/^```[\w-]*[ \t]+file=(\S+)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    if (files[m[1]] !== undefined) throw new Error(`README.md names ${m[1]} twice`);
    files[m[1]] = m[2];
  }
  return files;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Starts `node <file>` in the app on a free port; resolves when it serves `/`. */
async function serve(app, file) {
  const port = await freePort();
  const server = spawn(process.execPath, [file], {
    cwd: app,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const base = `http://localhost:${port}/`;
  const up = await Promise.race([
    (async () => {
      for (let i = 0; i < 300; i++) {
        if (
          await fetch(base).then(
            (r) => r.ok,
            () => false,
          )
        )
          return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    })(),
    exited.then(() => false),
  ]);
  if (!up) {
    server.kill();
    throw new Error(`node ${file} did not serve ${base}:\n${output}`);
  }
  return { server, base };
}

/** Opens the page, presses Start, waits for the banner's outcome; what the page logged on the way. */
async function drive(browser, base) {
  const page = await browser.newPage();
  const problems = [];
  const messages = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    messages.push(m.text());
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  page.on(
    'request',
    (r) => !/^(http:\/\/localhost:|data:|blob:)/.test(r.url()) && problems.push(`request off this server: ${r.url()}`),
  );
  await page.goto(base);
  await page.locator('oz-liveness-check').locator('button[part=button]').click({ timeout: 30_000 });
  step('pressed Start');
  const banner = page.locator('oz-result-banner:is([status=accept], [status=reject], [status=failed], [status=error])');
  await banner.waitFor({ timeout: 90_000 });
  const status = await banner.getAttribute('status');
  const text = await banner.evaluate((b) =>
    [...(b.shadowRoot?.querySelectorAll('[part=title], [part=message]') ?? [])]
      .map((e) => e.textContent?.trim())
      .join(' — '),
  );
  await page.close();
  return { status, text, problems, messages };
}

async function main() {
  const files = recipeFiles(readFileSync(join(root, 'README.md'), 'utf8'));
  const missing = REQUIRED.filter((f) => !files[f]);
  if (missing.length) throw new Error(`README.md has no code block marked file=${missing.join(', file=')}`);
  step(
    `README.md: ${Object.keys(files)
      .map((f) => `${f} (${files[f].split('\n').length - 1} lines)`)
      .join(', ')}`,
  );

  const work = mkdtempSync(join(tmpdir(), 'oz-readme-recipe-'));
  let server;
  let browser;
  try {
    const { tarball } = pack(work, { build: !args.includes('--skip-build') });
    step(`packed ${tarball}`);
    const app = consumerProject(join(work, 'app'), tarball);
    for (const dep of [
      'lit',
      '@lit/context',
      'oz-liveness-elements/server',
      'oz-liveness-elements/testing',
      'oz-liveness-elements/testing/plugin_liveness.js',
    ]) {
      const probe = spawn(
        process.execPath,
        ['--input-type=module', '-e', `import.meta.resolve(${JSON.stringify(dep)})`],
        { cwd: app },
      );
      const code = await new Promise((resolve) => probe.on('exit', resolve));
      if (code !== 0) throw new Error(`${dep} does not resolve in the new project`);
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(app, name), text);
    step('npm install <tarball> in an empty project; lit and @lit/context resolve; recipe files written');

    const run = await serve(app, 'server.mjs');
    server = run.server;
    step(`node server.mjs serves ${run.base}`);
    browser = await chromium.launch(CHROMIUM);
    const { status, text, problems } = await drive(browser, run.base);
    if (status !== 'accept')
      problems.push(`the banner shows "${status}" (${text}), not the simulator's default outcome, accept`);
    if (problems.length) throw new Error(problems.join('\n'));
    step(`✓ the banner shows a decision: status=${status} — ${text.slice(0, 80)}`);
    server.kill();

    // docs/csp.md's local test: the Trusted Types header added to the page's res.writeHead(200, …),
    // enforced (the simulator's innerHTML is blocked, as the page says) and report-only (a decision).
    const policy = "require-trusted-types-for 'script'; trusted-types oz-liveness-elements lit-html";
    const source = readFileSync(join(app, 'server.mjs'), 'utf8');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of server.mjs, a template literal in there
    const writeHead = "res.writeHead(200, { 'content-type': `${type}; charset=utf-8` })";
    if (!source.includes(writeHead)) throw new Error(`server.mjs has no ${writeHead} for docs/csp.md's note`);
    for (const [header, expected] of [
      ['Content-Security-Policy', 'error'],
      ['Content-Security-Policy-Report-Only', 'accept'],
    ]) {
      writeFileSync(
        join(app, 'server-csp.mjs'),
        source.replace(
          writeHead,
          `res.writeHead(200, { 'content-type': \`\${type}; charset=utf-8\`, ${JSON.stringify(header)}: ${JSON.stringify(policy)} })`,
        ),
      );
      const csp = await serve(app, 'server-csp.mjs');
      server = csp.server;
      const seen = await drive(browser, csp.base);
      server.kill();
      const reports = seen.messages.filter((m) => m.includes('TrustedHTML'));
      const unexpected = seen.problems.filter((p) => !p.includes('TrustedHTML'));
      const simulatorsOnly = reports.length === 1;
      if (seen.status !== expected || !simulatorsOnly || unexpected.length)
        throw new Error(
          `docs/csp.md: with ${header} the banner shows "${seen.status}" (expected ${expected}), ` +
            `${reports.length} TrustedHTML message(s) (expected 1, the simulator's)${unexpected.length ? `, ${unexpected.join('; ')}` : ''}`,
        );
      step(`✓ docs/csp.md, ${header}: banner ${seen.status}, one TrustedHTML message (the simulator's innerHTML)`);
    }
  } finally {
    await browser?.close();
    server?.kill();
    if (args.includes('--keep')) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`✗ README recipe: ${e.message}`);
    process.exit(1);
  },
);
