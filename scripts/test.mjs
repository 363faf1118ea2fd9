// npm test: browser tests in Chromium, Firefox and WebKit (web-test-runner), then Node tests of the
// server side. BROWSERS=chromium narrows the browser run; nothing is ever skipped quietly.
import { spawnSync } from 'node:child_process';
import { ensureBrowsers } from './install-browsers.mjs';

if (!ensureBrowsers()) process.exit(1);

const run = (cmd, args, env = {}) => {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

const browsers = process.env.BROWSERS ?? 'chromium,firefox,webkit';
const wtr = run('node_modules/.bin/wtr', [], { BROWSERS: browsers });
const node = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/node/']);
if (wtr !== 0 || node !== 0) {
  console.error(`\nFAILED: ${wtr !== 0 ? `browser tests (${browsers})` : ''}${wtr !== 0 && node !== 0 ? ' and ' : ''}${node !== 0 ? 'node tests' : ''}`);
  process.exit(1);
}
