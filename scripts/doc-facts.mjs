// Facts the docs state, checked against what runs (each once wrong in a release candidate):
//   - docs/development.md's apt line installs every Debian package scripts/install-browsers.mjs needs;
//   - it says how long `npm test` takes;
//   - README.md, docs/ and the runtime recipes mount the backend half under one prefix, /api/liveness
//     (the elements' examples, the demo and the framework apps use it);
//   - the README's recipe page has <meta name="viewport"> (it is the page a phone opens);
//   - docs/development.md's size table is within 5 % of what `npm run size` measures (needs dist/);
//   - docs/csp.md says that the simulator is not for Trusted Types and how to try a policy with it.
//
//   node scripts/doc-facts.mjs      (CI runs it after the build)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file) => readFileSync(join(root, file), 'utf8');
let passed = 0;
let failed = 0;
function check(label, fn) {
  try {
    const note = fn();
    console.log(`✓ ${label}${note ? ` — ${note}` : ''}`);
    passed++;
  } catch (e) {
    console.error(`✗ ${label}: ${e.message}`);
    failed++;
  }
}

const development = read('docs/development.md');

check("development.md's apt line installs what scripts/install-browsers.mjs needs", () => {
  const needed = read('scripts/install-browsers.mjs')
    .match(/const PACKAGES = '([^']+)'/)?.[1]
    .split(' ');
  if (!needed) throw new Error('no PACKAGES in scripts/install-browsers.mjs');
  const line = development.split('\n').find((l) => l.includes('apt-get install'));
  if (!line) throw new Error('no apt-get install line');
  const missing = needed.filter((p) => !line.split(/\s+/).includes(p));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
  return needed.join(' ');
});

check('development.md says how long npm test takes', () => {
  const said = development.match(/npm test[^\n]*?about (\d+) minutes/);
  if (!said) throw new Error('no "npm test … about N minutes"');
  return `about ${said[1]} minutes`;
});

check('one route prefix for the backend half: /api/liveness in README.md, docs/ and the recipes', () => {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
    ...readdirSync(join(root, 'docs/recipes')).map((f) => `docs/recipes/${f}`),
  ];
  const other = files.flatMap((f) =>
    [...read(f).matchAll(/["'`(\s]\/api\/(?!liveness\b)([\w-]+)\/(session-token|container|handoff)/g)].map(
      (m) => `${f}: /api/${m[1]}/${m[2]}`,
    ),
  );
  if (other.length) throw new Error(other.join(', '));
  return `${files.length} files`;
});

check('the README recipe\'s page has <meta name="viewport">', () => {
  const page = read('README.md').match(/```html file=index\.html\n([\s\S]*?)```/)?.[1];
  if (!page) throw new Error('no ```html file=index.html block');
  if (!/<meta name="viewport" content="width=device-width, initial-scale=1">/.test(page))
    throw new Error('no <meta name="viewport" content="width=device-width, initial-scale=1">');
});

check("development.md's size table is what npm run size measures (within 5 %)", () => {
  if (!existsSync(join(root, 'dist/oz-liveness-elements.iife.js'))) throw new Error('no dist/: npm run build first');
  // The IIFE is one file; the two module entries are measured by scripts/size.mjs with their static imports.
  const gz = (f) => gzipSync(readFileSync(join(root, 'dist', f)), { level: 9 }).length / 1000;
  const staticGraph = (entry, seen = new Set()) => {
    if (seen.has(entry)) return 0;
    seen.add(entry);
    const text = readFileSync(join(root, 'dist', entry), 'utf8');
    let total = gz(entry);
    for (const m of text.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']\.\/([^"']+)["']/g))
      total += staticGraph(m[1], seen);
    return total;
  };
  const rows = [
    ['dist/oz-liveness-elements.js', staticGraph('oz-liveness-elements.js')],
    ['dist/index.js', staticGraph('index.js')],
    ['dist/oz-liveness-elements.iife.js', gz('oz-liveness-elements.iife.js')],
  ];
  const notes = [];
  for (const [file, measured] of rows) {
    const said = Number(
      development.match(new RegExp(`\\| \`${file.replace(/\./g, '\\.')}\`[^|]*\\| ([\\d.]+) kB gzip`))?.[1],
    );
    if (!said) throw new Error(`no size for ${file} in the table`);
    if (Math.abs(said - measured) / measured > 0.05)
      throw new Error(`${file}: the page says ${said} kB, npm run size measures ${measured.toFixed(2)} kB`);
    notes.push(`${file.replace('dist/', '')} ${said} ≈ ${measured.toFixed(2)}`);
  }
  return notes.join(', ');
});

check("docs/csp.md's local test says what the simulator does under Trusted Types", () => {
  const csp = read('docs/csp.md');
  if (!/simulator[^\n]*\n?[^\n]*Trusted Types|Trusted Types[^\n]*\n?[^\n]*simulator/.test(csp))
    throw new Error('the local-test note does not mention the simulator and Trusted Types');
  if (!csp.includes('Content-Security-Policy-Report-Only')) throw new Error('no Report-Only way to try it locally');
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
