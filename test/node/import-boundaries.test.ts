/**
 * Which way the imports point, read from the real files: `src/core/` imports nothing of this
 * repository outside `src/core/` (core knows no element, no server, no simulator), and what a page
 * loads — `src/index.ts`, `src/react/`, `src/vue/` and everything they reach, lazy chunks and
 * type-only imports included — never reaches `src/server/` or `src/testing/`. The walker is tried on
 * a made-up tree first, so a walker that finds nothing cannot pass for a clean tree.
 * Run: node --import tsx --test test/node/import-boundaries.test.ts
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Every way a module names another: `import … from`, `export … from`, `import '…'`, `import('…')`,
// `import type`. Comments are removed first, so an example in a comment is not an import.
const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
];
const stripComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The repository files a module imports (bare package names are not files of ours). */
export function importsOf(file: string): string[] {
  const code = stripComments(readFileSync(file, 'utf8'));
  const out = new Set<string>();
  for (const re of SPECIFIERS)
    for (const [, spec] of code.matchAll(re)) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      const ts = target.replace(/\.js$/, '.ts');
      const found = [ts, `${ts}x`, target, join(target, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile());
      assert.ok(found, `${relative(ROOT, file)} imports "${spec}", which resolves to no file`);
      out.add(found);
    }
  return [...out];
}

/** Every file reachable from `entries`, each with the chain of imports that reached it. */
export function walk(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue: [string, string[]][] = entries.map((e) => [e, [e]]);
  while (queue.length) {
    const [file, chain] = queue.shift()!;
    if (seen.has(file)) continue;
    seen.set(file, chain);
    for (const next of importsOf(file)) queue.push([next, [...chain, next]]);
  }
  return seen;
}

const rel = (base: string) => (f: string) => relative(base, f);
const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );

/** `core` files importing outside `core`, as "from → to". */
export function coreLeaks(src: string): string[] {
  const core = `${join(src, 'core')}/`;
  return tsFiles(core).flatMap((f) =>
    importsOf(f)
      .filter((t) => !t.startsWith(core))
      .map((t) => `${relative(src, f)} → ${relative(src, t)}`),
  );
}

/** Browser files that reach `server/` or `testing/`, each with the import chain that gets there. */
export function browserLeaks(src: string): string[] {
  const entries = ['index.ts', 'react/index.ts', 'vue/index.ts'].map((e) => join(src, e)).filter(existsSync);
  const forbidden = ['server', 'testing'].map((d) => `${join(src, d)}/`);
  return [...walk(entries)]
    .filter(([file]) => forbidden.some((d) => file.startsWith(d)))
    .map(([, chain]) => chain.map(rel(src)).join(' → '));
}

describe('import boundaries', () => {
  it('the walker finds a leak in a made-up tree (dynamic, type-only and re-export imports too)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oz-imports-'));
    try {
      const put = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      put('core/a.ts', "import { b } from './b.js';\nexport type { T } from '../events.js';\n");
      put('core/b.ts', "// import { x } from '../liveness-check/x.js';\nexport const b = 1;\n");
      put('events.ts', 'export type T = 1;\n');
      put('index.ts', "import './el/el.js';\n");
      put('el/el.ts', "const lazy = () => import('./chunk.js');\n");
      put('el/chunk.ts', "import type { Sim } from '../testing/sim.js';\n");
      put('testing/sim.ts', 'export type Sim = 1;\n');
      put('react/index.ts', "export { handler } from '../server/h.js';\n");
      put('server/h.ts', 'export const handler = 1;\n');
      assert.deepEqual(coreLeaks(dir), ['core/a.ts → events.ts']); // not the commented-out import
      assert.deepEqual(browserLeaks(dir).sort(), [
        'index.ts → el/el.ts → el/chunk.ts → testing/sim.ts',
        'react/index.ts → server/h.ts',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src/core/ imports nothing outside src/core/', () => {
    assert.deepEqual(coreLeaks(join(ROOT, 'src')), []);
  });

  it('the browser entry points (src/index.ts, src/react, src/vue) never reach src/server/ or src/testing/', () => {
    const src = join(ROOT, 'src');
    const reached = walk(['index.ts', 'react/index.ts', 'vue/index.ts'].map((e) => join(src, e)));
    // The walk really went through the elements and into the lazy capture chunk.
    for (const f of ['liveness-check/liveness-check.ts', 'liveness-check/capture.ts', 'core/upload.ts'])
      assert.ok(reached.has(join(src, f)), `${f} not reached`);
    assert.deepEqual(browserLeaks(src), []);
  });
});
