// What the package looks like to someone who installs it: build, `npm pack`, install the tarball into
// a clean temporary project, and open pages in Debian's Chromium. Shared by package-check.mjs and
// readme-recipe.mjs so that both meet the package exactly as a consumer does.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const env = {
  ...process.env,
  PUPPETEER_SKIP_DOWNLOAD: '1',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

/** Runs a command; throws with the tail of its output when it fails. */
export function run(cmd, args, cwd = root) {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const out = `${result.stdout ?? ''}${result.stderr ?? ''}`
      .split('\n')
      .filter((l) => !l.includes('Unknown user config "nodedir"'));
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${out.slice(-40).join('\n')}`);
  }
  return result.stdout;
}

/** `npm run build` (unless `build: false`), then `npm pack` into `dir`: the tarball's path and its file list. */
export function pack(dir, { build = true } = {}) {
  if (build) run('npm', ['run', 'build']);
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
  return { tarball: join(dir, packed.filename), packed, files: new Set(packed.files.map((f) => f.path)) };
}

/**
 * A new project in `dir` (an ES module package) with the tarball and `deps` installed, as
 * `npm install oz-liveness-elements` would. `--prefer-offline`: npm's cache is enough when it has them.
 */
export function consumerProject(dir, tarball, deps = []) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', tarball, ...deps], dir);
  return dir;
}

/** Debian's Chromium, headless, with a fake camera that needs no permission prompt. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
  ],
};
