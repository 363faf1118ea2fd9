// npm test: browser tests in Chromium, Firefox and WebKit (web-test-runner), then Node tests of the
// server side. BROWSERS=chromium narrows the browser run; nothing is ever skipped quietly.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureBrowsers } from './install-browsers.mjs';

if (!process.argv.includes('--node-only') && !ensureBrowsers()) process.exit(1);

const run = (cmd, args, env = {}) => {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

const browsers = process.env.BROWSERS ?? 'chromium,firefox,webkit';
const nodeOnly = process.argv.includes('--node-only');
const wtr = nodeOnly ? 0 : run('node_modules/.bin/wtr', [], { BROWSERS: browsers });
// Node 20's --test takes a directory only for .js files: name the .ts files, and refuse to pass on none.
const nodeTests = readdirSync('test/node').filter((f) => f.endsWith('.test.ts')).map((f) => `test/node/${f}`);
if (nodeTests.length === 0) {
  console.error('No Node tests found in test/node/');
  process.exit(1);
}
const node = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeTests]);
if (wtr !== 0 || node !== 0) {
  console.error(`\nFAILED: ${wtr !== 0 ? `browser tests (${browsers})` : ''}${wtr !== 0 && node !== 0 ? ' and ' : ''}${node !== 0 ? 'node tests' : ''}`);
  process.exit(1);
}
