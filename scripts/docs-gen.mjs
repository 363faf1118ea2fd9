// The API tables of docs/, written from the sources of truth so they cannot drift:
//   - custom-elements.json (`npm run analyze` writes it from the elements' JSDoc): attributes,
//     properties, methods, events, slots, parts and custom properties of each element;
//   - src/core/options.ts: the option table, when it exports one (rows with an `attribute`);
//   - src/core/errors.ts and src/i18n/en.ts: every error code, its category, whether a retry can
//     help, and the words a person reads.
// Each table sits between markers in a page:  <!-- api:oz-liveness-check:events --> … <!-- /api -->
// and docs/troubleshooting.md must have a heading naming every error code.
//
//   node --import tsx scripts/docs-gen.mjs           rewrite the tables in place  (npm run docs:gen)
//   node --import tsx scripts/docs-gen.mjs --check   exit 1 when a page differs from what this writes (npm run docs:check)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

// ── Markdown helpers ────────────────────────────────────────────────────────────────────────────
const cell = (value) =>
  value === undefined || value === null || value === ''
    ? '—'
    : String(value)
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|');
const code = (value) =>
  value === undefined || value === null || value === '' ? '—' : `\`${String(value).replace(/\|/g, '\\|')}\``;
function table(head, rows) {
  if (!rows.length) return '_None._';
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

// ── custom-elements.json ────────────────────────────────────────────────────────────────────────
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements = new Map(
  manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName)
    .map((d) => [d.tagName, d]),
);
const isPublic = (m) => (m.privacy ?? 'public') === 'public' && !m.static && !/^[#_[]/.test(m.name);

function attributesTable(el) {
  const fields = new Map(el.members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  return table(
    ['attribute', 'property', 'type', 'default', 'description'],
    (el.attributes ?? []).map((a) => {
      const field = fields.get(a.fieldName) ?? [...fields.values()].find((f) => f.attribute === a.name);
      const readOnly = field?.readonly || /read-only/i.test(a.description ?? '');
      return [
        code(a.name),
        field ? code(field.name) : '—',
        code((a.type ?? field?.type)?.text),
        code(a.default ?? field?.default),
        cell(
          `${a.description ?? field?.description ?? ''}${readOnly && !/read-only/i.test(a.description ?? '') ? ' (read-only)' : ''}`,
        ),
      ];
    }),
  );
}
function propertiesTable(el) {
  const withAttribute = new Set((el.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
  // Options the option table documents (attribute or not) are in that table, not here.
  if (el.tagName === 'oz-liveness-check') for (const r of optionTable()?.rows ?? []) withAttribute.add(r.property);
  return table(
    ['property', 'type', 'access', 'description'],
    el.members
      .filter((m) => m.kind === 'field' && isPublic(m) && !m.attribute && !withAttribute.has(m.name))
      .map((m) => [code(m.name), code(m.type?.text), m.readonly ? 'read-only' : 'read/write', cell(m.description)]),
  );
}
function methodsTable(el) {
  return table(
    ['method', 'returns', 'description'],
    el.members
      .filter((m) => m.kind === 'method' && isPublic(m))
      .map((m) => [
        code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
        code(m.return?.type?.text),
        cell(m.description),
      ]),
  );
}
const TABLES = {
  attributes: attributesTable,
  properties: propertiesTable,
  methods: methodsTable,
  events: (el) =>
    table(
      ['event', 'detail', 'description'],
      (el.events ?? []).map((e) => [
        code(e.name),
        code(e.type?.text?.replace(/^CustomEvent<(.*)>$/, '$1')),
        cell(e.description),
      ]),
    ),
  slots: (el) =>
    table(
      ['slot', 'description'],
      (el.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
    ),
  parts: (el) =>
    table(
      ['part', 'description'],
      (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
  'css-properties': (el) =>
    table(
      ['custom property', 'default', 'description'],
      (el.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
};

// ── src/core/errors.ts + src/i18n/en.ts ─────────────────────────────────────────────────────────
const errors = await import('../src/core/errors.ts');
const routeFailure = await import('../src/core/route-failure.ts');
const catalogue = (await import('../src/i18n/en.ts')).default;
// As the person reads them: `{browsers}` is the one list of supported browsers (translate() fills it).
const en = Object.fromEntries(
  Object.entries(catalogue).map(([k, v]) => [k, v.replaceAll('{browsers}', catalogue['browsers.supported'])]),
);
/** Every code as a row: kit codes (and the Oz container codes under `container-rejected`), WASM codes, any other plugin code. */
function errorRows() {
  const rows = [];
  for (const kitCode of Object.values(errors.KitErrorCode)) {
    rows.push({ label: code(kitCode), code: kitCode, detail: errors.kitError(kitCode) });
    // A token or upload route's answer that no retry mends (404, 401, …) is the same code as a configuration problem.
    const refused = ['session-token-failed', 'upload-failed'].includes(kitCode)
      ? routeFailure.routeError(kitCode, undefined, { status: 404 })
      : rows.at(-1).detail;
    if (refused.category !== rows.at(-1).detail.category)
      rows.push({
        label: `${code(kitCode)}, \`status\` 401, 403, 404, 405, 410, other 4xx`,
        code: kitCode,
        detail: refused,
      });
    if (kitCode === 'container-rejected') {
      for (const ozErrorCode of errors.OZ_CONTAINER_ERROR_CODES ?? []) {
        rows.push({
          label: `${code(kitCode)}, \`ozErrorCode\` ${ozErrorCode}`,
          code: kitCode,
          detail: errors.kitError(kitCode, undefined, { ozErrorCode }),
        });
      }
    }
  }
  for (const wasmCode of Object.keys(errors.WASM_ERRORS))
    rows.push({
      label: code(wasmCode),
      code: wasmCode,
      detail: errors.pluginError({ code: wasmCode }),
      fromPlugin: true,
    });
  rows.push({
    label: 'any other plugin code',
    code: undefined,
    detail: errors.pluginError({ code: 'any_other_plugin_code' }),
    fromPlugin: true,
  });
  return rows;
}
function errorsTable() {
  // A title per kind of error, once errors.ts has one; the table gains the column by itself.
  const titleOf = typeof errors.titleKeyFor === 'function' ? (detail) => en[errors.titleKeyFor(detail)] : undefined;
  return table(
    [
      '`code`',
      '`category`',
      'retryable',
      ...(titleOf ? ['title the person reads'] : []),
      'message the person reads (`en`)',
      '`message` (for developers)',
    ],
    errorRows().map(({ label, detail, fromPlugin }) => [
      label,
      code(detail.category),
      detail.retryable ? 'yes' : 'no',
      ...(titleOf ? [cell(titleOf(detail))] : []),
      cell(en[detail.messageKey] ?? `(no text for ${detail.messageKey})`),
      fromPlugin ? "the plugin's own text" : cell(detail.message),
    ]),
  );
}

// ── src/core/options.ts ─────────────────────────────────────────────────────────────────────────
const options = await import('../src/core/options.ts');
const optionsSource = readFileSync(join(root, 'src/core/options.ts'), 'utf8');
/**
 * The option table, if options.ts exports one: a list, or a record keyed by property, of rows that
 * each name an `attribute` (a string, or `false` for a property only). Returns the export's name too.
 */
function optionTable() {
  for (const [name, value] of Object.entries(options)) {
    if (!value || typeof value !== 'object') continue;
    const rows = Array.isArray(value)
      ? value.map((row) => ({ ...row }))
      : Object.entries(value).map(([key, row]) => (row && typeof row === 'object' ? { property: key, ...row } : row));
    if (
      rows.length > 3 &&
      rows.every((r) => r && typeof r === 'object' && 'attribute' in r) &&
      rows.some((r) => typeof r.attribute === 'string')
    )
      return { name, rows };
  }
  return undefined;
}
/**
 * Each row's JSDoc in the option table's source: its text, its tags (`@default`, `@open`, any other)
 * and, for `key: opt<Type>(…)`, the type. The rows' JSDoc is their documentation.
 */
function rowDocs(exportName) {
  const docs = new Map();
  const start = optionsSource.search(new RegExp(`export const ${exportName}\\b`));
  if (start < 0) return docs;
  for (const m of optionsSource.slice(start).matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\s*:\s*(\w+\s*<)?/g)) {
    if (docs.has(m[2])) break; // past the table
    const text = m[1]
      .replace(/^\s*\*\s?/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    const [description, ...tagParts] = text.split(/\s(?=@\w)|^(?=@\w)/);
    const tags = Object.fromEntries(
      tagParts
        .map((t) => /^@(\w+)\s*([\s\S]*)$/.exec(t.trim()))
        .filter(Boolean)
        .map(([, k, v]) => [k, v.trim()]),
    );
    let type;
    if (m[3]) {
      // The generic argument of opt<…>(, with nested angle brackets.
      let depth = 1;
      let i = m.index + m[0].length + start;
      const from = i;
      for (; i < optionsSource.length && depth; i++)
        depth += optionsSource[i] === '<' ? 1 : optionsSource[i] === '>' ? -1 : 0;
      type = optionsSource
        .slice(from, i - 1)
        .replace(/\s+/g, ' ')
        .trim();
    }
    docs.set(m[2], { description: description.startsWith('@') ? '' : description, tags, type });
  }
  return docs;
}
/** A value written in a tag: code, unless it is prose with its own backticks. */
const tagCell = (v) => (v === undefined ? undefined : v.includes('`') ? cell(v) : code(v));
/** A cell for one value of an option row; `undefined` for code (functions, converters), which is not documentation. */
function show(v) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'function' || (typeof v === 'object' && Object.values(v).some((x) => typeof x === 'function')))
    return undefined;
  if (typeof v === 'string') return code(v);
  if (typeof v === 'number' || typeof v === 'boolean') return code(String(v));
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.length ? v.map(code).join(' ') : code('[]');
  const json = JSON.stringify(v);
  return json.length <= 80 ? code(json) : '…';
}
function optionsTable(el) {
  const found = optionTable();
  if (!found) return attributesTable(el); // no option table in code: the manifest's attributes
  const docs = rowDocs(found.name);
  const manifestAttr = new Map((el.attributes ?? []).map((a) => [a.name, a]));
  const manifestField = new Map(el.members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  const SHOWN = new Set([
    'attribute',
    'property',
    'type',
    'default',
    'open',
    'openKey',
    'description',
    'boolean',
    'reflect',
  ]);
  // Tags beyond @default and @open, and data fields the table gains, become columns of their own.
  const extraTags = [...new Set([...docs.values()].flatMap((d) => Object.keys(d.tags)))].filter((t) => !SHOWN.has(t));
  const extraKeys = [...new Set(found.rows.flatMap((r) => Object.keys(r)))].filter(
    (k) => !SHOWN.has(k) && found.rows.some((r) => r[k] !== undefined && show(r[k]) !== undefined),
  );
  const covered = new Set(found.rows.map((r) => r.attribute));
  // Attributes the element declares outside the option table (e.g. `nonce`), read-only ones left to the properties table.
  const others = (el.attributes ?? []).filter((a) => !covered.has(a.name) && !/read-only/i.test(a.description ?? ''));
  const width = 5 + extraTags.length + extraKeys.length;
  return table(
    [
      'attribute',
      'property',
      'type',
      'default',
      '`OzLiveness.open()`',
      ...extraTags.map((t) => `@${t}`),
      ...extraKeys,
      'description',
    ],
    [
      ...found.rows.map((r) => {
        const doc = docs.get(r.property) ?? { tags: {} };
        const attr = typeof r.attribute === 'string' ? manifestAttr.get(r.attribute) : undefined;
        const field = manifestField.get(r.property);
        return [
          typeof r.attribute === 'string' ? code(r.attribute) : '— (property only)',
          code(r.property),
          code(doc.type ?? r.type ?? attr?.type?.text ?? field?.type?.text),
          tagCell(doc.tags.default) ??
            (r.default !== undefined
              ? show(r.default)
              : r.boolean
                ? code('false')
                : code(attr?.default ?? field?.default)),
          tagCell(doc.tags.open) ?? show(r.open ?? r.openKey),
          ...extraTags.map((t) => tagCell(doc.tags[t]) ?? '—'),
          ...extraKeys.map((k) => show(r[k]) ?? '—'),
          cell(doc.description || r.description || attr?.description || field?.description),
        ];
      }),
      ...others.map((a) => [
        code(a.name),
        a.fieldName ? code(a.fieldName) : '—',
        code(a.type?.text),
        code(a.default),
        ...Array(width - 4).fill('—'),
        cell(a.description),
      ]),
    ],
  );
}

/** The actions Oz documents, and which of them Oz retires. */
function actionsTable() {
  // The warning texts travel in the lazy capture chunk; the table in code names which options retire.
  const retired = Object.fromEntries(
    (options.RETIRED_OPTIONS ?? []).map((o) => [
      o,
      'retired by Oz on 2027-01-01 (works until then; warns once per page)',
    ]),
  );
  return table(
    ['action', 'note'],
    options.OZ_ACTIONS.map((a) => [
      code(a),
      cell(retired[a] ?? (a === options.DEFAULT_ACTIONS?.[0] ? 'the default: passive liveness, no gesture' : '')),
    ]),
  );
}

/** One code's facts for its troubleshooting entry: what the person reads, the category, whether a retry helps. */
function errorSummary(wanted) {
  const rows = errorRows().filter((r) => (wanted === 'plugin' ? r.code === undefined : r.code === wanted));
  // A code the contract names but errors.ts does not have yet: a placeholder the next docs:gen replaces.
  if (!rows.length)
    return `_\`${wanted}\` is not in src/core/errors.ts yet: \`npm run docs:gen\` fills this in once it is._`;
  const { category, retryable } = rows[0].detail;
  // A row whose category differs from the first says its own (a route refusal is a config problem).
  const own = ({ detail: d }) =>
    d.category === category ? '' : ` (category \`${d.category}\`, retryable: ${d.retryable ? 'yes' : 'no'})`;
  return [
    `Category \`${category}\`, retryable: ${retryable ? 'yes' : 'no'}. The person reads:`,
    '',
    ...rows.map(
      (row) =>
        `- ${rows.length > 1 ? `${row.label}${own(row)}: ` : ''}“${cell(en[row.detail.messageKey] ?? row.detail.messageKey)}”`,
    ),
  ].join('\n');
}

/** The simulator's scenarios: one name means the same thing in the plugin, the API, the demo and Storybook. */
const scenarios = {
  ...(await import('../src/testing/scenarios.ts')),
  ...(await import('../src/testing/scenario-info.ts')),
};
function scenariosTable() {
  return table(
    ['scenario', 'acts in', 'what happens', 'stands for (where Oz documents it)'],
    scenarios.SCENARIOS.map((name) => {
      const info = scenarios.SCENARIO_INFO?.[name] ?? {};
      return [
        `${code(name)}${name === scenarios.DEFAULT_SCENARIO ? ' (default)' : ''}`,
        cell(info.side),
        cell(info.description),
        cell(info.oz),
      ];
    }),
  );
}

function generate(name) {
  if (name === 'errors') return errorsTable();
  if (name === 'scenarios') return scenariosTable();
  if (name.startsWith('error:')) return errorSummary(name.slice('error:'.length));
  if (name === 'actions') return actionsTable();
  const [tag, kind] = name.split(':');
  const el = elements.get(tag);
  if (!el) throw new Error(`no element <${tag}> in custom-elements.json`);
  if (kind === 'options') return optionsTable(el);
  if (!TABLES[kind]) throw new Error(`unknown table "${kind}" (known: options, ${Object.keys(TABLES).join(', ')})`);
  return TABLES[kind](el);
}

// ── The pages ───────────────────────────────────────────────────────────────────────────────────
const pages = (function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.md') ? [join(dir, d.name)] : [],
  );
})(join(root, 'docs'));

const problems = [];
let markers = 0;
for (const page of pages) {
  const before = readFileSync(page, 'utf8');
  // A marker's body never reaches past the next opening marker, so one missing close cannot swallow a page.
  const after = before.replace(
    /(<!-- api:([\w:-]+) -->)(?:(?!<!-- api:)[\s\S])*?(<!-- \/api -->)/g,
    (_all, open, name, close) => {
      markers++;
      try {
        return `${open}\n${generate(name)}\n${close}`;
      } catch (e) {
        problems.push(`${relative(root, page)}: api:${name}: ${e.message}`);
        return _all;
      }
    },
  );
  if (after === before) continue;
  if (check)
    problems.push(`${relative(root, page)} differs from what scripts/docs-gen.mjs writes: run npm run docs:gen`);
  else {
    writeFileSync(page, after);
    console.log(`wrote ${relative(root, page)}`);
  }
}

// Every error code has its own entry in troubleshooting.md (a heading that names it).
const troubleshooting = readFileSync(join(root, 'docs', 'troubleshooting.md'), 'utf8');
const headings = troubleshooting
  .split('\n')
  .filter((l) => l.startsWith('#'))
  .join('\n');
const codes = [
  ...new Set(
    errorRows()
      .map((r) => r.code)
      .filter(Boolean),
  ),
];
for (const c of codes)
  if (!headings.includes(`\`${c}\``)) problems.push(`docs/troubleshooting.md has no heading naming \`${c}\``);

for (const p of problems) console.error(`✗ ${p}`);
console.log(
  `${pages.length} pages, ${markers} generated tables, ${codes.length} error codes in troubleshooting.md: ${problems.length ? `${problems.length} problems` : 'ok'}`,
);
process.exit(problems.length ? 1 : 0);
