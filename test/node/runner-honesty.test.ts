// The browser run cannot pass by counting less: web-test-runner with the project's config and
// reporter, on tiny fixtures (test/runner/fixtures/, outside the suite's `files`) in Chromium and
// Firefox. A file that throws at import in one browser, or registers a test fewer in one browser,
// fails the run by name; an even file passes. The floor is checked on wtr-shaped sessions. And
// waitUntil's default bound in the suite is not @open-wc's 1 s.
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain .mjs module (the wtr config loads it), no type declarations
import { checkSessions } from '../runner/totals-reporter.mjs';

const FIXTURES = 'test/runner/fixtures';
const BOUND = 240_000; // two browsers starting on a loaded machine

/** Runs wtr on one fixture (in Chromium and Firefox unless told); resolves with its exit code and output. */
function wtr(fixture: string, browsers = 'chromium,firefox'): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, BROWSERS: browsers };
  delete env.WTR_PORT;
  delete env.UPDATE_TEST_FLOOR;
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/wtr', ['--files', `${FIXTURES}/${fixture}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the browser run counts honestly', { timeout: 3 * BOUND }, () => {
  it('fails, naming the file and the browser, when a file throws at import in Firefox only', {
    timeout: BOUND,
  }, async () => {
    const { code, out } = await wtr('throws-in-firefox.fixture.ts');
    assert.notEqual(code, 0, out);
    assert.match(out, /NOT RUN {2}test\/runner\/fixtures\/throws-in-firefox\.fixture\.ts in Firefox: /);
    assert.match(out, /UNEVEN {3}totals: Chrome 1, Firefox 0 tests/);
    assert.match(out, /Firefox: +0 files, 0 tests/);
  });

  it('fails when every test passes but one browser registered a test fewer', { timeout: BOUND }, async () => {
    const { code, out } = await wtr('uneven.fixture.ts');
    assert.notEqual(code, 0, out);
    assert.match(out, /UNEVEN {3}test\/runner\/fixtures\/uneven\.fixture\.ts: Chrome 2, Firefox 1 tests/);
    assert.doesNotMatch(out, /NOT RUN/);
  });

  it('passes an even file, and prints the totals of each browser', { timeout: BOUND }, async () => {
    const { code, out } = await wtr('even.fixture.ts');
    assert.equal(code, 0, out);
    assert.match(out, /Chrome: +1 files, 2 tests: 1 passed, 0 failed, 1 skipped/);
    assert.match(out, /Firefox: +1 files, 2 tests: 1 passed, 0 failed, 1 skipped/);
    assert.doesNotMatch(out, /FAILED/);
  });
});

describe('waits in the browser suite', () => {
  it("waitUntil's default bound is sized for a loaded machine: a condition that takes 1.5 s is met", {
    timeout: BOUND,
  }, async () => {
    const { code, out } = await wtr('wait-until-default.fixture.ts', 'chromium');
    assert.equal(code, 0, out);
    assert.match(out, /Chrome: +1 files, 1 tests: 1 passed, 0 failed/);
  });
});

describe('the floor of the whole suite', () => {
  const session = (browser: string, testFile: string, tests: number) => ({
    browser: { name: browser },
    testFile,
    status: 'FINISHED',
    passed: true,
    errors: [],
    testResults: {
      name: '',
      suites: [],
      tests: Array.from({ length: tests }, (_, i) => ({ name: `t${i}`, passed: true, skipped: false })),
    },
  });
  const sessions = ['Chrome', 'Firefox'].flatMap((b) => [session(b, '/p/a.test.ts', 3), session(b, '/p/b.test.ts', 2)]);
  const testFiles = ['/p/a.test.ts', '/p/b.test.ts'];

  it('passes at the floor', () => {
    const { problems, totals } = checkSessions(sessions, {
      testFiles,
      floor: { testsPerBrowser: 5, filesPerBrowser: 2 },
      cwd: '/p',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(totals.get('Firefox'), { files: 2, passed: 5, failed: 0, skipped: 0, tests: 5 });
  });

  it('fails each browser under the floor, even when the browsers agree', () => {
    const { problems } = checkSessions(sessions, {
      testFiles,
      floor: { testsPerBrowser: 6, filesPerBrowser: 2 },
      cwd: '/p',
    });
    assert.deepEqual(problems, [
      'TOO FEW  Chrome ran 5 tests, fewer than the 6 of test/expected-test-counts.json',
      'TOO FEW  Firefox ran 5 tests, fewer than the 6 of test/expected-test-counts.json',
    ]);
  });

  it('fails a file that has no session in one browser (a page that never started)', () => {
    const { problems } = checkSessions(sessions.slice(0, 3), { testFiles, floor: null, cwd: '/p' });
    assert.ok(problems.includes('NOT RUN  b.test.ts in Firefox: no session at all'), problems.join('\n'));
  });

  it('fails a session that timed out before its tests started', () => {
    const stuck = {
      ...session('Firefox', '/p/b.test.ts', 0),
      passed: false,
      errors: [{ message: 'Browser did not start after 180000ms' }],
    };
    const { problems } = checkSessions([...sessions.slice(0, 3), stuck], { testFiles, floor: null, cwd: '/p' });
    assert.ok(
      problems.includes('NOT RUN  b.test.ts in Firefox: Browser did not start after 180000ms'),
      problems.join('\n'),
    );
  });
});
