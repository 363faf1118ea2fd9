// npm run size: the bundle budget, measured honestly. For each budgeted entry it follows the
// static imports inside dist/ (so splitting a file cannot hide bytes) and gzips every file of that
// graph; chunks reached only by dynamic import() (languages, the capture machinery) are reported
// beside it, as is the total a page downloads once everything has loaded.
//
// Two numbers per entry:
//   target  — the budget issue 2 set (14 kB / 7 kB). The full contract (issues 3 and 4: every
//             validated option, eight languages, the themed banner) does not fit it today; the gap is
//             printed on every run, and the issue says so.
//   ceiling — what CI enforces: today's measured size. A ratchet: lowered whenever the code shrinks,
//             never raised. Exits 1 above it.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGETS = [
  {
    name: 'standalone, Lit inside (dist/oz-liveness-elements.js)',
    entry: 'dist/oz-liveness-elements.js',
    target: 14_000,
    // Today's size (a ratchet: lowered whenever the code shrinks, raised only by what a change measures).
    // 21 177: +92 B a phone that reloads after its claim goes on with it (issue 27: the tab's kept claim read as
    // the element connects; measured 21 081 -> 21 173 B, 4 B for hashed names as below).
    // 21 085: +176 B a reload follows a hand-off on (issue 27: the tab's remembered hand-off looked up as the
    // element connects, and followed from the lazy panel; measured 20 905 -> 21 081 B, and 4 B for the lazy
    // chunks' hashed names, which the entry imports by name and which move its gzip size by a byte or two).
    // 20 905: +65 B the hand-off leads on a device that lists no camera (issue 27). 20 840: +28 B the hand-off's buttons in the kit's look (the outlined second action, Cancel and
    // "new code" as kit buttons; the kit's icon rule no longer strokes a QR code). 20 810: −19 B after the hand-off (issue 27): its eager part (the handoff-url row, the phone button,
    // the phone's #oz-handoff taken on connect, three error codes) is smaller than what the build change
    // beside it saved (vite.config.ts: the lazy chunks import from the one entry file); −29 B the banner's
    // controller (issue 21); +1 058 B the redesign (issue 25: --oz-* tokens, one card, button, spinner and
    // bar for both elements, the check's outcome card); −30 B the html template minifier; +876 B the
    // support part (short reference, Copy, collapsed details, support-contact); +20 B the server-rendered
    // first render (issue 26); was 18 150 before this round's element work.
    ceiling: 21_177,
  },
  {
    name: 'library entry, Lit external (dist/index.js)',
    entry: 'dist/index.js',
    target: 7_000,
    // 15 659: +99 B a phone that reloads after its claim goes on with it (measured 15 556 -> 15 655 B).
    // 15 560: +181 B a reload follows a hand-off on (issue 27, measured 15 375 -> 15 556 B, and 4 B for hashed names).
    // 15 375: +69 B the hand-off leads on a device that lists no camera. 15 310: +24 B the hand-off's buttons in the kit's look. 15 290: +842 B the hand-off's eager part and the one eager chunk (issue 27, measured 14 439 -> 15 281 B);
    // −28 B the banner's controller; +1 024 B the redesign; −30 B the minifier; +843 B the support part;
    // +30 B the SSR fix; was 12 600 before this round's element work.
    ceiling: 15_659,
  },
];

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const STATIC = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function graph(entry) {
  const staticFiles = new Set();
  const lazy = new Set();
  const visit = (file, set) => {
    if (set.has(file) || !existsSync(file)) return;
    set.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(STATIC)) visit(join(dirname(file), spec), set);
    for (const [, spec] of code.matchAll(DYNAMIC)) lazy.add(join(dirname(file), spec));
  };
  visit(entry, staticFiles);
  const lazyAll = new Set();
  for (const l of lazy) if (!staticFiles.has(l)) visit(l, lazyAll);
  for (const f of staticFiles) lazyAll.delete(f);
  return { staticFiles: [...staticFiles], lazy: [...lazyAll] };
}

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
let over = false;
for (const b of BUDGETS) {
  if (!existsSync(b.entry)) {
    console.error(`✗ ${b.entry} is missing: run npm run build first`);
    over = true;
    continue;
  }
  const { staticFiles, lazy } = graph(b.entry);
  const initial = staticFiles.reduce((s, f) => s + gz(f), 0);
  const later = lazy.reduce((s, f) => s + gz(f), 0);
  const ok = initial <= b.ceiling;
  over ||= !ok;
  const gap = initial - b.target;
  console.log(
    `${ok ? '✓' : '✗'} ${b.name}: ${kB(initial)} gzip loaded with the page — ceiling ${kB(b.ceiling)}; ` +
      `target ${kB(b.target)} ${gap > 0 ? `NOT MET (${kB(gap)} over)` : 'met'}` +
      `${staticFiles.length > 1 ? `\n    files: ${staticFiles.map((f) => relative('dist', f)).join(' + ')}` : ''}`,
  );
  if (lazy.length)
    console.log(
      `    + ${kB(later)} gzip in ${lazy.length} chunk(s) loaded on demand (capture machinery, languages); ${kB(initial + later)} in all`,
    );
}
const iife = 'dist/oz-liveness-elements.iife.js';
if (existsSync(iife)) console.log(`  (no budget) classic script ${iife}: ${kB(gz(iife))} gzip, everything inside`);
process.exit(over ? 1 : 0);
