// npm test: browser tests in Chromium, Firefox and WebKit (web-test-runner), then Node tests of the
// server side. BROWSERS=chromium narrows the browser run; nothing is ever skipped quietly.
//
// Neither phase may pass by counting less: the browser run checks its own totals
// (test/runner/totals-reporter.mjs), and the Node run fails when a file registers no tests or when
// the total falls under the floor in test/expected-test-counts.json. After a green full run,
// `UPDATE_TEST_FLOOR=1 npm test` raises both floors to that run's counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowsers } from './install-browsers.mjs';

const FLOOR_FILE = 'test/expected-test-counts.json';
const nodeOnly = process.argv.includes('--node-only');
// Both phases need the Debian packages: the Node phase drives Chromium and starts redis-server too.
if (!ensureBrowsers()) process.exit(1);

const run = (cmd, args, env = {}) => {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
};

const browsers = process.env.BROWSERS ?? 'chromium,firefox,webkit';
const wtr = nodeOnly ? 0 : run('node_modules/.bin/wtr', [], { BROWSERS: browsers });

// Node 20's --test takes a directory only for .js files: name the .ts files, and refuse to pass on none.
const nodeTests = readdirSync('test/node')
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/node/${f}`);
if (nodeTests.length === 0) {
  console.error('No Node tests found in test/node/');
  process.exit(1);
}
// The spec reporter for people, a TAP copy for the count. --expose-gc: the deadline tests
// (test/node/prod-deadlines.test.ts) force garbage collections mid-request with global.gc().
const tapDir = mkdtempSync(join(tmpdir(), 'node-tests-'));
const tapFile = join(tapDir, 'node.tap');
let node = run(process.execPath, [
  '--expose-gc',
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tapFile}`,
  ...nodeTests,
]);
const problems = checkNodeCounts(readTap(tapFile), nodeTests);
rmSync(tapDir, { recursive: true, force: true });
if (problems.length) {
  console.error(`\nNode tests: the run is incomplete:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  node = 1;
}

if (wtr !== 0 || node !== 0) {
  console.error(
    `\nFAILED: ${wtr !== 0 ? `browser tests (${browsers})` : ''}${wtr !== 0 && node !== 0 ? ' and ' : ''}${node !== 0 ? 'node tests' : ''}`,
  );
  process.exit(1);
}

function readTap(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The Node test runner passes a run with no tests, and reports a file that registered none as one
 * passing "test" named after the file. Both are failures here, as is a total under the floor.
 */
function checkNodeCounts(tap, files) {
  const found = [];
  const total = Number(/^# tests (\d+)$/m.exec(tap)?.[1] ?? 0);
  const topLevel = [...tap.matchAll(/^(?:not )?ok \d+ - (.+?)(?: # .*)?$/gm)].map((m) => m[1]);
  const empty = files.filter((f) => topLevel.some((name) => name === f || name.endsWith(`/${f}`)));
  const fileTests = empty.length;
  for (const f of empty) found.push(`NO TESTS ${f}: the file registered no tests (or did not load)`);
  const tests = total - fileTests;
  const floor = JSON.parse(readFileSync(FLOOR_FILE, 'utf8'));
  if (!tap) found.push('no results at all from the Node test runner');
  else if (tests < floor.node.tests)
    found.push(`TOO FEW  ${tests} Node tests ran, fewer than the ${floor.node.tests} of ${FLOOR_FILE}`);
  console.log(`\nNode test totals: ${files.length} files, ${tests} tests (floor ${floor.node.tests})`);
  if (!found.length && process.env.UPDATE_TEST_FLOOR && node === 0) {
    floor.node.tests = tests;
    writeFileSync(FLOOR_FILE, `${JSON.stringify(floor, null, 2)}\n`);
    console.log(`  floor written to ${FLOOR_FILE}: ${tests} Node tests`);
  }
  return found;
}
