// The README's "Install" section, run as written from an empty folder:
//   1. the block marked `install=clone` in a fresh clone of this repository (its committed HEAD):
//      it must leave one oz-liveness-elements-<version>.tgz there;
//   2. the block marked `install=project` in an empty folder holding only that tarball: afterwards the
//      folder's package.json names the package, and its entry points import in Node.
// Each block runs with `sh -e`, line by line as a person would paste it.
//
//   node scripts/install-check.mjs [--keep]
//
// Exits non-zero on any failure; the last line is "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const started = Date.now();
const secs = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', npm_config_fund: 'false', npm_config_audit: 'false' };

let passed = 0;
let failed = 0;
const say = (ok, text) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? '✓' : '✗'} [${secs()}] ${text}`);
  return ok;
};

/** The README's `install=<name>` blocks, from its Install section. */
function blocks() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Install\n'));
  if (!section) throw new Error('README.md has no "## Install" section');
  const found = {};
  for (const m of section.matchAll(/^```sh[ \t]+install=(\S+)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) found[m[1]] = m[2];
  for (const name of ['clone', 'project'])
    if (!found[name]) throw new Error(`README.md's Install section has no block marked install=${name}`);
  return found;
}

function sh(script, cwd) {
  const r = spawnSync('sh', ['-e', '-c', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l && !l.includes('Unknown user config "nodedir"'));
  return { ok: r.status === 0, out };
}

const work = mkdtempSync(join(tmpdir(), 'oz-install-check-'));
try {
  const { clone, project } = blocks();
  say(
    true,
    `README.md Install: install=clone (${clone.trim().split('\n').length} line), install=project (${project.trim().split('\n').length} line)`,
  );

  const repo = join(work, 'clone');
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', root, repo], { encoding: 'utf8' });
  if (!say(cloned.status === 0, `git clone of this repository's HEAD${cloned.status ? `: ${cloned.stderr}` : ''}`))
    throw 0;
  const a = sh(clone, repo);
  const tarballs = readdirSync(repo).filter((f) => /^oz-liveness-elements-.+\.tgz$/.test(f));
  if (!say(a.ok && tarballs.length === 1, `in the clone: ${clone.trim()} → ${tarballs.join(', ') || 'no tarball'}`)) {
    console.log(a.out.slice(-30).join('\n'));
    throw 0;
  }

  const app = join(work, 'empty');
  mkdirSync(app);
  copyFileSync(join(repo, tarballs[0]), join(app, tarballs[0]));
  const b = sh(project, app);
  if (!say(b.ok, `in an empty folder with the tarball: ${project.trim()}`)) {
    console.log(b.out.slice(-30).join('\n'));
    throw 0;
  }
  const warnings = b.out.filter((l) => /npm (warn|error)/i.test(l));
  say(warnings.length === 0, `npm printed no warning${warnings.length ? `:\n  ${warnings.join('\n  ')}` : ''}`);
  const deps = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies ?? {};
  say(
    deps['oz-liveness-elements'] === `file:${tarballs[0]}`,
    `the folder's package.json: "oz-liveness-elements": ${JSON.stringify(deps['oz-liveness-elements'])}`,
  );
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const names = [];
for (const spec of ['oz-liveness-elements', 'oz-liveness-elements/server', 'oz-liveness-elements/testing'])
  names.push(spec + ' (' + Object.keys(await import(spec)).length + ' exports)');
import.meta.resolve('oz-liveness-elements/standalone');
import.meta.resolve('oz-liveness-elements/testing/plugin_liveness.js');
console.log(names.join(', '));`,
    ],
    { cwd: app, env, encoding: 'utf8' },
  );
  say(probe.status === 0, `the entry points import: ${probe.status === 0 ? probe.stdout.trim() : probe.stderr}`);
} catch (e) {
  if (e !== 0) say(false, e.message);
} finally {
  if (args.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
