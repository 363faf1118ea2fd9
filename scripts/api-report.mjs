// The public API on record: one API Extractor report per entry point (etc/<entry>.api.md, from the
// built declarations in dist/types/) and the public part of custom-elements.json
// (etc/custom-elements.public.json: tag names, attributes, public properties and methods, events,
// slots, CSS parts and custom properties — no descriptions, no private members). Both are committed,
// so a change to the public API shows up in review as a diff of these files.
//
//   npm run api:check    (CI) fails when what the build declares differs from what is committed
//   npm run api:update   writes the files anew: run it after changing the public API, commit the diff
//
// Both build first unless --skip-build (CI runs them after `npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const update = args.includes('--update');
const etc = join(root, 'etc');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!args.includes('--skip-build')) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Every export with types, by the declaration file it names; `.` and `./standalone` share one. */
const entries = new Map();
for (const [key, value] of Object.entries(pkg.exports)) {
  const types = typeof value === 'object' ? value.types : undefined;
  if (!types?.startsWith('./dist/types/')) continue;
  const name = key === '.' ? 'oz-liveness-elements' : `oz-liveness-elements-${key.slice(2).replaceAll('/', '-')}`;
  if (![...entries.values()].some((e) => e.types === types)) entries.set(key, { name, types });
}

let failed = 0;
const say = (ok, text) => {
  if (!ok) failed++;
  console.log(`${ok ? '✓' : '✗'} ${text}`);
};
mkdirSync(etc, { recursive: true });

for (const [key, { name, types }] of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, types),
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'bundler',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            types: ['node'],
            skipLibCheck: true,
            strict: true,
          },
          include: [join(root, 'dist/types')],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: etc,
        reportTempFolder: join(root, 'node_modules/.cache/api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The kit has no @public/@beta tags: every export of an entry point is public.
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: 'none', addToApiReportFile: false } },
      },
    },
    configObjectFullPath: join(root, 'scripts/api-report.mjs'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => {
      // Findings go into the report file (reviewed there), not to the console.
      if (m.category === 'Extractor' && m.messageId !== 'console-api-report-changed') m.logLevel = 'none';
      if (m.messageId === 'console-api-report-copied' || m.messageId === 'console-api-report-not-copied')
        m.logLevel = 'none';
    },
  });
  const file = `etc/${name}.api.md`;
  if (!update && result.apiReportChanged) {
    // What changed, as a reviewer will see it in the diff after api:update.
    const diff = spawnSync(
      'diff',
      ['-u', join(root, file), join(root, 'node_modules/.cache/api-report', `${name}.api.md`)],
      {
        encoding: 'utf8',
      },
    );
    console.log(
      diff.stdout
        .split('\n')
        .filter((l) => /^[-+][^-+]/.test(l))
        .slice(0, 30)
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
  if (update) say(result.succeeded || result.apiReportChanged, `${key}: ${file} written`);
  else
    say(
      result.succeeded && !result.apiReportChanged,
      result.apiReportChanged
        ? `${key}: the public API differs from ${file} (npm run api:update, then commit the diff)`
        : `${key}: matches ${file}`,
    );
}

// custom-elements.json: only what a page or a framework binding relies on.
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const byName = (a, b) => a.name.localeCompare(b.name);
const elements = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.tagName)
  .map((d) => ({
    tagName: d.tagName,
    name: d.name,
    attributes: (d.attributes ?? [])
      .map((a) => ({ name: a.name, fieldName: a.fieldName, type: a.type?.text }))
      .sort(byName),
    members: (d.members ?? [])
      .filter((m) => (m.privacy ?? 'public') === 'public' && !m.name.startsWith('_') && !m.name.startsWith('#'))
      .map((m) => ({
        ...pick(m, ['kind', 'name', 'static', 'readonly', 'attribute', 'reflects']),
        type: m.type?.text,
        ...(m.kind === 'method'
          ? {
              parameters: (m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? ''}`),
              return: m.return?.type?.text,
            }
          : pick(m, m.attribute ? ['default'] : [])),
      }))
      .sort(byName),
    events: (d.events ?? []).map((e) => ({ name: e.name, type: e.type?.text })).sort(byName),
    slots: (d.slots ?? []).map((s) => s.name).sort(),
    cssParts: (d.cssParts ?? []).map((p) => p.name).sort(),
    cssProperties: (d.cssProperties ?? []).map((p) => p.name).sort(),
  }))
  .sort((a, b) => a.tagName.localeCompare(b.tagName));
const publicManifest = `${JSON.stringify({ elements }, null, 2)}\n`;
const cemFile = join(etc, 'custom-elements.public.json');
if (update) {
  writeFileSync(cemFile, publicManifest);
  say(true, `custom-elements.json: etc/custom-elements.public.json written (${elements.length} elements)`);
} else {
  const committed = existsSync(cemFile) ? readFileSync(cemFile, 'utf8') : '';
  if (committed === publicManifest)
    say(true, 'custom-elements.json: public part matches etc/custom-elements.public.json');
  else {
    say(false, 'custom-elements.json: public part differs from etc/custom-elements.public.json (npm run api:update)');
    const a = committed.split('\n');
    const b = publicManifest.split('\n');
    for (let i = 0, shown = 0; i < Math.max(a.length, b.length) && shown < 20; i++)
      if (a[i] !== b[i]) {
        console.log(`  line ${i + 1}: committed ${JSON.stringify(a[i])}, built ${JSON.stringify(b[i])}`);
        shown++;
      }
  }
}
console.log(`${entries.size + 1 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
