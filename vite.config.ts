import { defineConfig } from 'vite';
import { minifyTemplates } from './scripts/minify-templates.js';

// Three builds into one dist/ (scripts/build.mjs runs them in this order):
//   vite build                     → dist/index.js, dist/react.js, dist/testing.js     (ES modules, lit external)
//   vite build --mode standalone   → dist/oz-liveness-elements.js (ES) + .iife.js      (one file, Lit inside)
//   vite build --mode simulator    → dist/simulator/plugin_liveness.js                 (classic script, like Oz's)
// dist/server.js is built by scripts/build.mjs with esbuild, not minified (its errors show readable lines).

// The library build: what a page loads before any click, kept in one chunk: the elements and what they import at once.
// Without it, each lazy chunk (the capture, the hand-off) that shares a different part of it splits that
// part into a chunk of its own, and every extra file costs the page its own gzip overhead. Only modules
// the entry imports statically belong here: a lazy module matched by this would load with the page.
const EAGER =
  /\/src\/(context|events|core\/(options|option-readers|errors|is-record|state|retry-policy|decision)|i18n\/(index|render)|liveness-check\/(check-config|check-status|capture-flow|liveness-check|liveness-check\.styles|handoff\/(phone-link|offer))|result-banner\/[\w.-]+)\.ts$/;
export default defineConfig(({ mode }) => {
  if (mode === 'standalone') {
    return {
      plugins: [minifyTemplates()],
      build: {
        target: ['chrome94', 'edge94', 'firefox93', 'safari15.4'],
        outDir: 'dist',
        emptyOutDir: false,
        sourcemap: true,
        minify: true,
        lib: {
          entry: 'src/index.ts',
          name: 'OzLivenessElements',
          formats: ['es', 'iife'],
          fileName: (format) => (format === 'es' ? 'oz-liveness-elements.js' : 'oz-liveness-elements.iife.js'),
        },
        // lib mode keeps whitespace for ES output unless output.minify is forced
        rolldownOptions: {
          // One file before any click: the lazy chunks (capture, hand-off) import what they share with
          // it from it, instead of splitting the shared part off into chunks of their own (the iife
          // build has no chunks at all). Its exports are then the library's plus those internal links.
          preserveEntrySignatures: 'allow-extension',
          output: { minify: true },
        },
      },
    };
  }
  if (mode === 'simulator') {
    return {
      build: {
        target: 'es2020',
        outDir: 'dist/simulator',
        emptyOutDir: true,
        sourcemap: false,
        minify: true,
        lib: {
          entry: 'src/testing/plugin-script.ts',
          name: 'OzLivenessSimulator',
          formats: ['iife'],
          fileName: () => 'plugin_liveness.js',
        },
      },
    };
  }
  return {
    plugins: [minifyTemplates()],
    build: {
      target: ['chrome94', 'edge94', 'firefox93', 'safari15.4'],
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
      minify: true,
      lib: {
        entry: {
          index: 'src/index.ts',
          testing: 'src/testing/index.ts',
          react: 'src/react/index.ts',
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: [/^lit(\/.*)?$/, /^@lit\//, /^node:/, /^react(\/.*)?$/],
        output: {
          minify: true,
          // The kit's Trusted Types policy in a chunk of its own, imported before the chunk that imports
          // Lit: an external `import … from 'lit'` runs before its own chunk's code (src/core/trusted-types.ts).
          codeSplitting: {
            groups: [
              { name: 'trusted-types', test: /src\/core\/trusted-types\.ts$/ },
              { name: 'elements', test: EAGER },
            ],
          },
        },
      },
    },
  };
});
