// npm run build: the library (lit external), the standalone bundles, the simulator plugin script,
// the server entry and the simulator's Vite plugin, the type declarations and custom-elements.json — in that order, stopping at the
// first failure.
//
// What each keeps for debugging: the browser bundles are minified and ship their source maps
// (dist/*.js.map); the server entry (dist/server.js) is NOT minified, so a configuration error thrown
// in Node points at a readable line of dist/server.js even without --enable-source-maps.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const run = (cmd, args) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
};
const bin = (name) => `node_modules/.bin/${name}`;

run(bin('vite'), ['build', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'standalone', '--logLevel', 'warn']);
run(bin('vite'), ['build', '--mode', 'simulator', '--logLevel', 'warn']);

// Server-side code, readable as shipped: the backend half (Web-standard, for Node, Bun, Deno and
// workerd alike: no platform shims) and the simulator's Vite plugin (Node, for a dev server).
for (const [entry, outfile, platform] of [
  ['src/server/index.ts', 'dist/server.js', 'neutral'],
  ['src/testing/vite.ts', 'dist/testing-vite.js', 'node'],
]) {
  console.log(`\n> esbuild ${entry} → ${outfile} (not minified)`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    minify: false,
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
}

// The simulator plugin is a classic script (a `plugin-src`), not a module: its types say so, so that
// TypeScript's node16 and bundler resolution find declarations for the export (attw "No types").
writeFileSync(
  'dist/simulator/plugin_liveness.d.ts',
  `// oz-liveness-elements/testing/plugin_liveness.js is a classic script, not a module: load it as a
// <oz-liveness-check plugin-src="…"> (or a <script src>). It defines window.OzLiveness, the simulator
// of the Oz Web SDK plugin; in code, use oz-liveness-elements/testing instead.
export {};
`,
);

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run('npm', ['run', '--silent', 'analyze']);
console.log('\nbuilt dist/ and custom-elements.json');
