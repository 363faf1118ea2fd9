// The release path works before a release needs it: in a scratch copy of package.json, CHANGELOG.md
// and .changeset/, `changeset version` (what `npm run release:version` runs) must read every pending
// changeset, bump the version as they ask and put a new section at the top of CHANGELOG.md, above the
// history. Nothing in the repository is changed.
//
//   node scripts/changeset-check.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pending = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
const bumps = pending.map(
  (f) => readFileSync(join(root, '.changeset', f), 'utf8').match(/"oz-liveness-elements":\s*(\w+)/)?.[1],
);

let passed = 0;
let failed = 0;
const say = (ok, text) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? '✓' : '✗'} ${text}`);
};

say(
  bumps.every((b) => ['patch', 'minor', 'major'].includes(b)),
  `${pending.length} pending changeset(s), each names oz-liveness-elements and patch, minor or major`,
);
say(
  readFileSync(join(root, 'CHANGELOG.md'), 'utf8').startsWith(`# ${pkg.name}\n`),
  `CHANGELOG.md starts with "# ${pkg.name}"`,
);

const work = mkdtempSync(join(tmpdir(), 'oz-changeset-check-'));
try {
  for (const f of ['package.json', 'CHANGELOG.md', '.changeset'])
    cpSync(join(root, f), join(work, f), { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: work });
  const r = spawnSync(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: work, encoding: 'utf8' });
  say(r.status === 0, `changeset version runs${r.status === 0 ? '' : `:\n${r.stdout}${r.stderr}`}`);
  const after = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')).version;
  const [major, minor, patch] = pkg.version.split('.').map(Number);
  const kind = ['major', 'minor', 'patch'].find((k) => bumps.includes(k));
  const expected = !kind
    ? pkg.version
    : kind === 'major'
      ? `${major + 1}.0.0`
      : kind === 'minor'
        ? `${major}.${minor + 1}.0`
        : `${major}.${minor}.${patch + 1}`;
  say(after === expected, `the version goes ${pkg.version} → ${after} (expected ${expected})`);
  const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
  const first = changelog.match(/^## (.+)$/m)?.[1];
  say(first === expected, `CHANGELOG.md's first section is ${first}, above the history`);
  say(
    readdirSync(join(work, '.changeset')).every((f) => !pending.includes(f)),
    'the changesets are consumed',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
