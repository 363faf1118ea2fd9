// One stated Node minimum for each audience, accepted by everything its install brings:
//   - the package (`engines.node`): what a consumer installs — the package's dependencies and theirs;
//   - development (`devEngines.runtime.version`, and .nvmrc): every package `npm install` puts in this
//     clone's node_modules (so `npm install` on that Node prints no EBADENGINE warning). It is higher
//     than the package's because WebdriverIO 9.33 (WebKit's test driver) wants Node ≥ 20.20.2.
// The Node running this check must meet both. Bun, Deno and Miniflare are not in the root lockfile:
// `npm run test:runtimes` installs them in test/runtimes/tools/ (Miniflare asks for Node ≥ 22 but
// runs on 20 here; its suite proves it).
//
//   npm run check:engines
import { existsSync, readFileSync } from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const minimum = semver.minVersion(pkg.engines.node).version;
const devRange = pkg.devEngines?.runtime?.version ?? pkg.engines.node;
const devMinimum = semver.minVersion(devRange).version;
const nvmrc = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();

let passed = 0;
let failed = 0;
const say = (ok, text) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? '✓' : '✗'} ${text}`);
};

say(
  semver.satisfies(process.versions.node, pkg.engines.node),
  `this Node (${process.versions.node}) meets engines.node "${pkg.engines.node}"`,
);
say(
  semver.satisfies(process.versions.node, devRange),
  `this Node (${process.versions.node}) meets devEngines.runtime "${devRange}"`,
);
say(
  semver.valid(nvmrc) ? semver.satisfies(nvmrc, devRange) : semver.subset(`${nvmrc}.x`, devRange),
  `.nvmrc (${nvmrc}) is within devEngines.runtime "${devRange}"`,
);

/** Lockfile entries that `npm ci` installs here (a dev dependency of a dependency is listed, never installed). */
const installed = Object.entries(lock.packages).filter(
  ([where]) => where && existsSync(new URL(`../${where}/package.json`, import.meta.url)),
);
/** The packages a consumer gets: the dependencies, and theirs. */
const shipped = new Set();
const walk = (deps = {}) => {
  for (const name of Object.keys(deps))
    if (!shipped.has(name)) {
      shipped.add(name);
      walk(lock.packages[`node_modules/${name}`]?.dependencies);
    }
};
walk(pkg.dependencies);

function refusing(entries, nodes) {
  const found = [];
  for (const [where, entry] of entries) {
    const range = typeof entry.engines === 'object' && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    for (const node of range ? nodes : [])
      if (!semver.satisfies(node, range, { includePrerelease: true }))
        found.push(`${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range} (not ${node})`);
  }
  return [...new Set(found)];
}
const forConsumers = installed.filter(([where]) => shipped.has(where.replace(/^.*node_modules\//, '')));
const a = refusing(forConsumers, [minimum]);
say(
  a.length === 0,
  a.length
    ? `the package's dependencies refuse its own minimum:\n  ${a.join('\n  ')}`
    : `the package's ${forConsumers.length} dependencies (${[...shipped].join(', ')}) accept engines.node ${minimum}`,
);
const b = refusing(installed, [devMinimum, process.versions.node]);
say(
  b.length === 0,
  b.length
    ? `npm install would warn (EBADENGINE):\n  ${b.join('\n  ')}`
    : `all ${installed.length} installed packages accept Node ${devMinimum} and ${process.versions.node}: no EBADENGINE`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
