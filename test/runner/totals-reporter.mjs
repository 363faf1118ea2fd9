// A web-test-runner reporter that refuses to under-count. wtr's own summary counts the tests that
// ran, so a page that never started (browserStartTimeout) or a file that threw at import in one
// browser just makes that browser's number smaller. This reporter fails the run when:
//   - a test file did not run in a browser (the session has errors, or no tests at all);
//   - a file has a different number of tests in one browser than in another;
//   - the browsers' totals differ, or (for the whole suite) fall under the committed floor in
//     test/expected-test-counts.json.
// It prints one line per browser: files, passed, failed, skipped.
//
// The floor only goes up: after a green full run, `UPDATE_TEST_FLOOR=1 npm test` writes the counts
// of that run into test/expected-test-counts.json (commit it with the new tests).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/** Counts the tests of one session's results, recursively. */
export function countTests(suite) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const walk = (s) => {
    for (const t of s?.tests ?? []) total[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed']++;
    for (const child of s?.suites ?? []) walk(child);
  };
  walk(suite);
  return { ...total, tests: total.passed + total.failed + total.skipped };
}

/**
 * Checks the finished sessions. Pure: returns the per-browser totals and the problems found.
 * `floor` is `{ testsPerBrowser, filesPerBrowser }` or null (a run of chosen files has no floor).
 */
export function checkSessions(sessions, { testFiles, floor, cwd = process.cwd() }) {
  const problems = [];
  const name = (file) => relative(cwd, file);
  const browsers = [...new Set(sessions.map((s) => s.browser.name))];
  const perFile = new Map(); // file -> Map(browser -> tests)
  const totals = new Map(browsers.map((b) => [b, { files: 0, passed: 0, failed: 0, skipped: 0, tests: 0 }]));

  for (const session of sessions) {
    const browser = session.browser.name;
    const count = countTests(session.testResults);
    const total = totals.get(browser);
    if (session.status !== 'FINISHED') {
      problems.push(`NOT RUN  ${name(session.testFile)} in ${browser}: the session ended in state ${session.status}`);
    } else if (session.errors?.length > 0) {
      const why = session.errors.map((e) => String(e.message ?? e).split('\n')[0]).join('; ');
      problems.push(`NOT RUN  ${name(session.testFile)} in ${browser}: ${why}`);
    } else if (count.tests === 0) {
      problems.push(`NOT RUN  ${name(session.testFile)} in ${browser}: no tests were registered`);
    }
    if (count.tests > 0) total.files++;
    for (const k of ['passed', 'failed', 'skipped', 'tests']) total[k] += count[k];
    if (!perFile.has(session.testFile)) perFile.set(session.testFile, new Map());
    perFile.get(session.testFile).set(browser, count.tests);
  }

  for (const file of testFiles) {
    const counts = perFile.get(file);
    const missing = browsers.filter((b) => !counts?.has(b));
    if (missing.length) problems.push(`NOT RUN  ${name(file)} in ${missing.join(', ')}: no session at all`);
    const values = [...(counts?.values() ?? [])];
    if (new Set(values).size > 1) {
      const each = [...counts].map(([b, n]) => `${b} ${n}`).join(', ');
      problems.push(`UNEVEN   ${name(file)}: ${each} tests`);
    }
  }

  const numbers = [...totals.values()].map((t) => t.tests);
  if (new Set(numbers).size > 1) {
    problems.push(`UNEVEN   totals: ${[...totals].map(([b, t]) => `${b} ${t.tests}`).join(', ')} tests`);
  }
  if (floor) {
    for (const [browser, t] of totals) {
      if (t.tests < floor.testsPerBrowser) {
        problems.push(
          `TOO FEW  ${browser} ran ${t.tests} tests, fewer than the ${floor.testsPerBrowser} of test/expected-test-counts.json`,
        );
      }
      if (t.files < floor.filesPerBrowser) {
        problems.push(
          `TOO FEW  ${browser} ran ${t.files} test files, fewer than the ${floor.filesPerBrowser} of test/expected-test-counts.json`,
        );
      }
    }
  }
  return { totals, problems };
}

/** Formats the per-browser lines. */
export function totalsLines(totals) {
  const width = Math.max(...[...totals.keys()].map((b) => b.length), 0);
  return [...totals].map(
    ([b, t]) =>
      `  ${`${b}:`.padEnd(width + 1)} ${t.files} files, ${t.tests} tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`,
  );
}

/**
 * @param {{ floorFile?: string, files: string[] }} options  `files`: the config's own `files`; when
 *   the run covers exactly those (no files chosen on the command line), the floor applies.
 */
export function totalsReporter({ floorFile = 'test/expected-test-counts.json', files }) {
  let testFiles = [];
  let wholeSuite = false;
  let failed = false;
  let report = '';
  // wtr exits with process.exit(passed ? 0 : 1) after the reporters have run; an 'exit' listener
  // may still raise the code, which is how a reporter fails a run that wtr thinks passed. The
  // totals are printed there too, so that they are the last lines of the run.
  process.on('exit', () => {
    if (report) process.stdout.write(report);
    if (failed) process.exitCode = 1;
  });
  return {
    start(args) {
      testFiles = args.testFiles;
      wholeSuite = JSON.stringify(args.config.files) === JSON.stringify(files);
    },
    stop({ sessions }) {
      const counts = JSON.parse(readFileSync(floorFile, 'utf8'));
      const floor = wholeSuite ? counts.browser : null;
      const { totals, problems } = checkSessions(sessions, { testFiles, floor });
      const scope = floor
        ? `the whole suite, floor ${floor.testsPerBrowser} tests`
        : 'files chosen on the command line, no floor';
      const out = ['', `Test totals per browser (${testFiles.length} test files; ${scope}):`, ...totalsLines(totals)];
      if (problems.length) {
        failed = true;
        out.push(
          '',
          `FAILED: the browser run is incomplete or uneven (${problems.length} problem${problems.length > 1 ? 's' : ''}):`,
          ...problems.map((p) => `  ${p}`),
        );
      } else if (wholeSuite && process.env.UPDATE_TEST_FLOOR && sessions.every((s) => s.passed)) {
        const [first] = totals.values();
        counts.browser = { testsPerBrowser: first.tests, filesPerBrowser: first.files };
        writeFileSync(floorFile, `${JSON.stringify(counts, null, 2)}\n`);
        out.push(`  floor written to ${floorFile}: ${first.tests} tests in ${first.files} files per browser`);
      }
      report = `${out.join('\n')}\n`;
    },
  };
}
