// Package hygiene, as a consumer meets the package: `npm run build`, `npm pack`, install the tarball
// into a clean temporary project WITHOUT React, which must get no `react`, `@types/react` or
// `@lit/react` (both are optional peers), and into one with React 18 (the older peer) and `@lit/react`, then:
//   - the tarball holds what package.json names (exports, types, main, customElements) and
//     custom-elements.json, and nothing of src/, test/ or demo/;
//   - every export in package.json "exports" resolves from the consumer, and the Node-importable
//     ones import there with no DOM (the standalone bundle is for <script> tags: resolved, not run);
//     `oz-liveness-elements/react` renders to HTML with React 18's renderToString;
//   - publint (strict) and attw (ESM only: node16 and bundler resolution) find nothing in the tarball;
//     `npm publish --dry-run` prints no warning; the browser bundles name their source maps; the server
//     entry is not minified (a configuration error shows a readable line);
//   - a TypeScript consumer type-checks against the shipped types, with both `bundler` and
//     `nodenext` module resolution: tag names (`document.createElement('oz-liveness-check')` is the
//     class), event details (`addEventListener('oz-error', (e) => e.detail.code)`), the React
//     components' props and `onOz…` events, the server and testing entries, and (when package.json
//     exports `./vue`) Vue's GlobalComponents — with `@ts-expect-error` lines proving none is `any`.
//
//   node scripts/package-check.mjs [--skip-build] [--keep]
//
// Exits non-zero on any failure; the last line is "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerProject, env, pack, root, run } from './lib/consumer.mjs';

const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/**
 * Exports for browsers only: the standalone bundle (Lit's browser build inside) and the simulator's
 * classic plugin script. Resolved, not imported in Node.
 */
const BROWSER_ONLY = new Set(['./standalone', './testing/plugin_liveness.js']);
/** Packages a page without React must not get. */
const REACT_PACKAGES = ['react', 'react-dom', '@types/react', '@types/react-dom', '@lit/react'];

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
async function checkAsync(label, fn) {
  try {
    const note = await fn();
    console.log(`✓ ${label}${note ? ` — ${note}` : ''}`);
    passed++;
  } catch (e) {
    console.error(`✗ ${label}: ${e.message}`);
    failed++;
  }
}
/** Every file path an export (or a field) names, with the condition it is under. */
function targets(value, condition = 'default') {
  if (typeof value === 'string') return [{ condition, path: value }];
  return Object.entries(value ?? {}).flatMap(([c, v]) => targets(v, c));
}

const work = mkdtempSync(join(tmpdir(), 'oz-package-check-'));
try {
  // 1. Build and pack.
  const { tarball, packed, files } = pack(work, { build: !args.includes('--skip-build') });
  console.log(`packed ${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB`);

  check('custom-elements.json is in the tarball, and "customElements" names it', () => {
    if (!files.has('custom-elements.json')) throw new Error('custom-elements.json is not packed');
    if (pkg.customElements !== 'custom-elements.json')
      throw new Error(`"customElements" is ${JSON.stringify(pkg.customElements)}`);
  });
  check('every file package.json names (exports, main, module, types) is in the tarball', () => {
    const named = [
      ...Object.values(pkg.exports).flatMap((v) => targets(v)),
      ...['main', 'module', 'types'].filter((f) => pkg[f]).map((f) => ({ condition: f, path: pkg[f] })),
    ].map((t) => t.path.replace(/^\.\//, ''));
    const missing = named.filter((p) => !files.has(p));
    if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
    return `${new Set(named).size} files`;
  });
  check('nothing of src/, test/, demo/, scripts/ or node_modules/ is packed', () => {
    const stray = [...files].filter((p) => /^(src|test|demo|scripts|node_modules|stories)\//.test(p));
    if (stray.length) throw new Error(stray.slice(0, 10).join(', '));
  });

  // 1b. The linters of package shape, on the tarball as published, and the publish itself (dry run).
  await checkAsync('publint --strict on the tarball: no error, warning or suggestion', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const tar = readFileSync(tarball);
    const { messages, pkg: packed } = await publint({
      pack: { tarball: tar.buffer.slice(tar.byteOffset, tar.byteOffset + tar.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    if (messages.length) throw new Error(messages.map((m) => `\n  ${m.type}: ${formatMessage(m, packed)}`).join(''));
  });
  check(
    'attw (esm-only: node16 from ESM and bundler resolution) on the tarball: every entry point typed, no false CJS',
    () => {
      const r = spawnSync(
        join(root, 'node_modules/.bin/attw'),
        [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color'],
        { cwd: work, env, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`\n${r.stdout}${r.stderr}`);
      return `${Object.keys(pkg.exports).length} entry points`;
    },
  );
  check('npm publish --dry-run: no warning (publishConfig: public, with provenance)', () => {
    if (pkg.publishConfig?.provenance !== true) throw new Error('publishConfig.provenance is not true');
    for (const f of ['repository', 'homepage', 'bugs', 'keywords'])
      if (!pkg[f]) throw new Error(`package.json has no "${f}" (the packed README's links need it)`);
    // A placeholder token for the configured registry: a dry run only checks that one is there.
    const registry = run('npm', ['config', 'get', 'registry'])
      .trim()
      .replace(/^https?:/, '');
    const r = spawnSync('npm', ['publish', '--dry-run', `--${registry.replace(/\/?$/, '/')}:_authToken=dry-run`], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    const warnings = `${r.stdout}${r.stderr}`
      .split('\n')
      // The file listing ("npm notice 288B dist/…/session-error.d.ts") names files, not problems.
      .filter((l) => !/^npm notice [\d.]+[kMG]?B\s/.test(l))
      .filter((l) => /\b(warn|ERR!|error)\b/i.test(l) && !l.includes('Unknown user config "nodedir"'));
    if (r.status !== 0 || warnings.length) throw new Error(`\n${warnings.join('\n')}`);
  });
  check('the browser bundles ship their source maps', () => {
    const bundles = [
      'dist/index.js',
      'dist/oz-liveness-elements.js',
      'dist/oz-liveness-elements.iife.js',
      'dist/react.js',
    ];
    for (const b of bundles) {
      if (!files.has(`${b}.map`)) throw new Error(`${b}.map is not packed`);
      if (!readFileSync(join(root, b), 'utf8').includes(`//# sourceMappingURL=${b.split('/').pop()}.map`))
        throw new Error(`${b} does not name its map`);
    }
    return bundles.join(', ');
  });
  check('the server entry is not minified: a configuration error points at a readable line of dist/server.js', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createOzLivenessHandler } from './dist/server.js'; createOzLivenessHandler({ ozApiUrl: 'http://oz.example', api: 'instant' });",
      ],
      { cwd: root, env, encoding: 'utf8' },
    );
    // Node prints the throwing line of the bundle, then the error, then the stack.
    const [where, line] = r.stderr.split('\n');
    if (r.status === 0 || !/dist\/server\.js:\d+$/.test(where)) throw new Error(`unexpected output:\n${r.stderr}`);
    if (line.length > 160 || !/throw /.test(line))
      throw new Error(`the line shown is ${line.length} characters: ${line.slice(0, 200)}`);
    if (!/ozApiUrl must be https/.test(r.stderr)) throw new Error(`no readable message:\n${r.stderr.slice(0, 400)}`);
    return `${where.split('/').pop()}: ${line.trim()}`;
  });

  check('the simulator plugin script is exported as oz-liveness-elements/testing/plugin_liveness.js', () => {
    const entry = pkg.exports['./testing/plugin_liveness.js'];
    const target = typeof entry === 'string' ? entry : entry?.default;
    if (typeof target !== 'string') throw new Error('not in "exports"');
    if (!files.has(target.replace(/^\.\//, ''))) throw new Error(`${target} is not in the tarball`);
    return target;
  });

  // 2a. A page without React: no React package or types arrive with ours.
  const plain = consumerProject(join(work, 'no-react'), tarball);
  check('a consumer without React installs no react, react-dom, @types/react or @lit/react', () => {
    const found = REACT_PACKAGES.filter((name) => existsSync(join(plain, 'node_modules', name)));
    if (found.length) throw new Error(`installed: ${found.join(', ')}`);
    for (const dep of ['lit', '@lit/context'])
      if (!existsSync(join(plain, 'node_modules', dep, 'package.json'))) throw new Error(`${dep} is missing`);
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('oz-liveness-elements'); const s = await import('oz-liveness-elements/server'); console.log(Object.keys(m).length + Object.keys(s).length)",
      ],
      { cwd: plain, env, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`importing the main and server entries failed:\n${r.stderr}`);
    return 'lit and @lit/context only; the main and server entries import';
  });

  // 2b. A clean consumer project with the tarball, React 18 (the older peer) and @lit/react; vue for its types.
  const hasVue = Boolean(pkg.exports['./vue']);
  const deps = [
    '@types/node@^20.19.0',
    'react@^18.3.0',
    'react-dom@^18.3.0',
    '@types/react@^18.3.0',
    '@types/react-dom@^18.3.0',
    `@lit/react@${pkg.peerDependencies?.['@lit/react'] ?? '^1.0.8'}`,
    ...(hasVue ? ['vue@^3.5.0'] : []),
  ];
  const app = consumerProject(join(work, 'consumer'), tarball, deps);
  const installed = join(app, 'node_modules', 'oz-liveness-elements');
  const installedPkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  console.log(`installed into a clean project with ${deps.join(', ')}`);

  // 3. Every export resolves; the Node ones import (no DOM) and the React one renders with React 18.
  const probe = join(app, 'probe.mjs');
  writeFileSync(
    probe,
    `import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const [spec, mode] = process.argv.slice(2);
const url = import.meta.resolve(spec);
if (!url.includes('/node_modules/oz-liveness-elements/')) throw new Error('resolved outside the package: ' + url);
if (!existsSync(fileURLToPath(url))) throw new Error('resolves to a missing file: ' + url);
let note = url.split('/node_modules/oz-liveness-elements/')[1];
if (mode === 'json') {
  const json = (await import(spec, { with: { type: 'json' } })).default;
  const tags = json.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean);
  for (const t of ['oz-liveness-check', 'oz-result-banner']) if (!tags.includes(t)) throw new Error('manifest lacks ' + t);
  note += '; tags ' + tags.join(', ');
} else if (mode === 'import') {
  const m = await import(spec);
  if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM global appeared');
  note += '; exports ' + Object.keys(m).join(', ');
  if (spec.endsWith('/react')) {
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const html = renderToString(createElement(m.OzLivenessCheck, { id: 'c', meta: { a: 'b' }, onOzResult: () => {} }, createElement(m.OzResultBanner)));
    if (!/^<oz-liveness-check id="c"[^>]*><oz-result-banner/.test(html)) throw new Error('renderToString gave ' + html);
    note += '; React ' + (await import('react')).version + ' renderToString ok';
  }
}
console.log(note);
`,
  );
  for (const [key, value] of Object.entries(installedPkg.exports)) {
    const spec = key === '.' ? 'oz-liveness-elements' : `oz-liveness-elements/${key.slice(2)}`;
    const runtime = targets(value).filter((t) => t.condition !== 'types');
    check(`export "${key}" resolves${runtime.length ? '' : ' (types only)'}`, () => {
      for (const t of targets(value))
        if (!existsSync(join(installed, t.path))) throw new Error(`${t.condition} → ${t.path} is not in the package`);
      if (!runtime.length)
        return targets(value)
          .map((t) => `${t.condition}: ${t.path}`)
          .join(', ');
      const mode =
        key === './custom-elements.json'
          ? 'json'
          : BROWSER_ONLY.has(key) || key.endsWith('.json')
            ? 'resolve'
            : 'import';
      return (
        run(process.execPath, [probe, spec, mode], app).trim() +
        (BROWSER_ONLY.has(key) ? ' (browser only: not run in Node)' : '')
      );
    });
  }

  // 4. A TypeScript consumer against the shipped types.
  const src = join(app, 'src');
  mkdirSync(src);
  writeFileSync(
    join(src, 'elements.ts'),
    `import 'oz-liveness-elements';
import { OzLivenessCheck, OzResultBanner, decide, type OzErrorDetail, type OzResultDetail, type OzEventDetails } from 'oz-liveness-elements';

// Tag names: createElement and querySelector give the classes.
const check: OzLivenessCheck = document.createElement('oz-liveness-check');
const banner: OzResultBanner = document.createElement('oz-result-banner');
const found: OzLivenessCheck | null = document.querySelector('oz-liveness-check');
void found?.start();
check.meta = { transaction_id: 'tx-42' };
check.actions = ['video_selfie_blank'];
banner.htmlFor = 'check';

// Event details, from HTMLElementEventMap.
check.addEventListener('oz-error', (e) => {
  const code: string = e.detail.code;
  const detail: OzErrorDetail = e.detail;
  const retry: boolean = e.detail.retryable;
  return [code, detail, retry];
});
check.addEventListener('oz-result', (e) => {
  const decision: 'accept' | 'reject' | 'failed' = e.detail.decision;
  const detail: OzResultDetail = e.detail;
  return [decision, detail];
});
check.addEventListener('oz-state-change', (e) => e.detail.state === 'capturing');
check.addEventListener('oz-upload-progress', (e) => e.detail.loaded / e.detail.total);
const previous: OzEventDetails['oz-state-change']['previous'] = 'idle';
const d: 'accept' | 'reject' | 'failed' = decide({});

// None of it is \`any\`:
// @ts-expect-error meta is an object of strings
check.meta = 42;
// @ts-expect-error oz-result has no code
check.addEventListener('oz-result', (e) => e.detail.code);
// @ts-expect-error state is read-only
check.state = 'done';
// @ts-expect-error not one of the elements
const other: OzLivenessCheck = document.createElement('oz-result-banner');

export { previous, d, other };
`,
  );
  writeFileSync(
    join(src, 'react.tsx'),
    `import { useRef } from 'react';
import { OzLivenessCheck, OzResultBanner, type OzEvent, type OzLivenessCheckElement, type OzLivenessCheckProps } from 'oz-liveness-elements/react';

export function Liveness({ onDone }: { onDone: (decision: 'accept' | 'reject' | 'failed') => void }) {
  const ref = useRef<OzLivenessCheckElement>(null);
  const onError = (e: OzEvent<'oz-error'>) => console.log(e.detail.code, e.detail.retryable);
  return (
    <>
      <OzLivenessCheck
        ref={ref}
        id="check"
        className="check"
        pluginSrc="/oz/plugin_liveness.php"
        sessionTokenUrl="/api/liveness/session-token"
        backendUrl="/api/liveness/container"
        meta={{ transaction_id: 'tx-42' }}
        actions={['video_selfie_blank']}
        headers={{ 'X-CSRF-Token': 't' }}
        uploadRetries={3}
        onOzPluginReady={(e) => e.detail}
        onOzOpen={(e) => e.detail.options}
        onOzCaptureComplete={(e) => e.detail.container.size}
        onOzUploadProgress={(e) => e.detail.loaded}
        onOzResult={(e) => onDone(e.detail.decision)}
        onOzError={onError}
        onOzClose={(e) => e.detail.reason === 'user'}
        onOzStateChange={(e) => e.detail.state}
      >
        <OzResultBanner showDetails />
      </OzLivenessCheck>
      <OzResultBanner htmlFor="check" showBestShot lang="es" />
      <button onClick={() => ref.current?.start()}>Start</button>
      {/* @ts-expect-error meta is an object of strings */}
      <OzLivenessCheck meta={42} />
      {/* @ts-expect-error oz-result has no code */}
      <OzLivenessCheck onOzResult={(e) => e.detail.code} />
      {/* @ts-expect-error state is read-only, not a prop */}
      <OzLivenessCheck state="idle" />
    </>
  );
}
export type { OzLivenessCheckProps };
`,
  );
  // React 19 without the wrappers (docs/frameworks.md): the JSX declaration a page adds itself.
  writeFileSync(
    join(src, 'react-native-elements.tsx'),
    `import type { OzLivenessCheck, OzResultBanner } from 'oz-liveness-elements';
import 'oz-liveness-elements';

type OzElementProps<E, Events extends keyof HTMLElementEventMap> = Partial<Omit<E, keyof HTMLElement>> &
  import('react').HTMLAttributes<E> & { ref?: import('react').Ref<E> } & {
    [K in Events as \`on\${K}\`]?: (e: HTMLElementEventMap[K]) => void;
  };
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'oz-liveness-check': OzElementProps<OzLivenessCheck, 'oz-result' | 'oz-error' | 'oz-state-change'> & { 'plugin-src'?: string; 'session-token-url'?: string; 'backend-url'?: string };
      'oz-result-banner': OzElementProps<OzResultBanner, never> & { for?: string };
    }
  }
}

export const Page = () => (
  <oz-liveness-check id="check" plugin-src="/oz/plugin_liveness.php" backend-url="/api/liveness/container"
    meta={{ transaction_id: 'tx-42' }} onoz-result={(e) => e.detail.decision}>
    <oz-result-banner />
  </oz-liveness-check>
);
`,
  );
  writeFileSync(
    join(src, 'server.ts'),
    `/// <reference types="node" />
import { createOzLivenessHandler, toNodeHandler } from 'oz-liveness-elements/server';
import { createSimulatedOzApi, installSimulator, SCENARIOS } from 'oz-liveness-elements/testing';

const ozApi = createSimulatedOzApi({ scenario: 'declined' });
const handler: (request: Request) => Promise<Response> = createOzLivenessHandler({
  ozApiUrl: 'https://oz.test',
  api: 'instant',
  fetch: (input, init) => ozApi(new Request(input, init)),
});
export const node = toNodeHandler(handler, { basePath: '/api/liveness' });
export const scenarios: readonly string[] = SCENARIOS;
export const install = () => installSimulator(window, { scenario: 'accept' });
`,
  );
  if (hasVue) {
    writeFileSync(
      join(src, 'vue.ts'),
      `/// <reference types="oz-liveness-elements/vue" />
import type { GlobalComponents } from 'vue';
import type { OzLivenessCheckVueProps } from 'oz-liveness-elements/vue';

type CheckProps = InstanceType<GlobalComponents['oz-liveness-check']>['$props'];
export const ok: CheckProps = { meta: { a: 'b' }, actions: ['video_selfie_blank'], onOzResult: (e) => e.detail.decision };
export const props: OzLivenessCheckVueProps = { onOzError: (e) => e.detail.code };
// @ts-expect-error meta is an object of strings
export const bad: CheckProps = { meta: 42 };
// @ts-expect-error oz-result has no code
export const bad2: CheckProps = { onOzResult: (e) => e.detail.code };
`,
    );
  }
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  for (const resolution of ['bundler', 'nodenext']) {
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: resolution === 'bundler' ? 'ESNext' : 'NodeNext',
        moduleResolution: resolution,
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      include: ['src'],
    };
    writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
    check(`a TypeScript consumer type-checks (moduleResolution ${resolution}, skipLibCheck false)`, () => {
      const r = spawnSync(tsc, ['-p', `tsconfig.${resolution}.json`], { cwd: app, env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`\n${r.stdout}${r.stderr}`);
      return `${hasVue ? 5 : 4} files: tags, events, React 18 wrappers, React 19 JSX, server, testing${hasVue ? ', Vue GlobalComponents' : ''}`;
    });
  }
  if (!hasVue) console.log('  (no "./vue" in package.json exports: Vue types not checked)');
} catch (e) {
  console.error(`✗ ${e.message}`);
  failed++;
} finally {
  if (args.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
