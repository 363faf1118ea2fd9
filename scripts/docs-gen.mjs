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
const cell = (value) => (value === undefined || value === null || value === '' ? '—' : String(value).replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|'));
const code = (value) => (value === undefined || value === null || value === '' ? '—' : `\`${String(value).replace(/\|/g, '\\|')}\``);
function table(head, rows) {
  if (!rows.length) return '_None._';
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

// ── custom-elements.json ────────────────────────────────────────────────────────────────────────
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const elements = new Map(
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]),
);
const isPublic = (m) => (m.privacy ?? 'public') === 'public' && !m.static && !/^[#_]/.test(m.name);

function attributesTable(el) {
  const fields = new Map(el.members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  return table(
    ['attribute', 'property', 'type', 'default', 'description'],
    (el.attributes ?? []).map((a) => {
      const field = fields.get(a.fieldName) ?? [...fields.values()].find((f) => f.attribute === a.name);
      const readOnly = field?.readonly || /read-only/i.test(a.description ?? '');
      return [code(a.name), field ? code(field.name) : '—', code((a.type ?? field?.type)?.text), code(a.default ?? field?.default), cell(`${a.description ?? field?.description ?? ''}${readOnly && !/read-only/i.test(a.description ?? '') ? ' (read-only)' : ''}`)];
    }),
  );
}
function propertiesTable(el) {
  const withAttribute = new Set((el.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
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
      .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), code(m.return?.type?.text), cell(m.description)]),
  );
}
const TABLES = {
  attributes: attributesTable,
  properties: propertiesTable,
  methods: methodsTable,
  events: (el) => table(['event', 'detail', 'description'], (el.events ?? []).map((e) => [code(e.name), code(e.type?.text?.replace(/^CustomEvent<(.*)>$/, '$1')), cell(e.description)])),
  slots: (el) => table(['slot', 'description'], (el.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)])),
  parts: (el) => table(['part', 'description'], (el.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])),
  'css-properties': (el) => table(['custom property', 'default', 'description'], (el.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)])),
};

// ── src/core/errors.ts + src/i18n/en.ts ─────────────────────────────────────────────────────────
const errors = await import('../src/core/errors.ts');
const en = (await import('../src/i18n/en.ts')).default;
/** Every code as a row: kit codes (and the Oz container codes under `container-rejected`), WASM codes, any other plugin code. */
function errorRows() {
  const rows = [];
  for (const kitCode of Object.values(errors.KitErrorCode)) {
    rows.push({ label: code(kitCode), code: kitCode, detail: errors.kitError(kitCode) });
    if (kitCode === 'container-rejected') {
      for (const ozErrorCode of errors.OZ_CONTAINER_ERROR_CODES ?? []) {
        rows.push({ label: `${code(kitCode)}, \`ozErrorCode\` ${ozErrorCode}`, code: kitCode, detail: errors.kitError(kitCode, undefined, { ozErrorCode }) });
      }
    }
  }
  for (const wasmCode of Object.keys(errors.WASM_ERRORS)) rows.push({ label: code(wasmCode), code: wasmCode, detail: errors.pluginError({ code: wasmCode }), fromPlugin: true });
  rows.push({ label: 'any other plugin code', code: undefined, detail: errors.pluginError({ code: 'any_other_plugin_code' }), fromPlugin: true });
  return rows;
}
function errorsTable() {
  // A title per kind of error, once errors.ts has one; the table gains the column by itself.
  const titleOf = typeof errors.titleKeyFor === 'function' ? (c) => en[errors.titleKeyFor(c ?? 'plugin_error')] : undefined;
  return table(
    ['`code`', '`category`', 'retryable', ...(titleOf ? ['title the person reads'] : []), 'message the person reads (`en`)', '`message` (for developers)'],
    errorRows().map(({ label, code: c, detail, fromPlugin }) => [
      label,
      code(detail.category),
      detail.retryable ? 'yes' : 'no',
      ...(titleOf ? [cell(titleOf(c))] : []),
      cell(en[detail.messageKey] ?? `(no text for ${detail.messageKey})`),
      fromPlugin ? 'the plugin\'s own text' : cell(detail.message),
    ]),
  );
}

// ── src/core/options.ts ─────────────────────────────────────────────────────────────────────────
const options = await import('../src/core/options.ts');
/** The option table, if options.ts exports one: a list (or record) of rows that each name an `attribute`. */
function optionRows() {
  for (const value of Object.values(options)) {
    const rows = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.entries(value).map(([key, row]) => (row && typeof row === 'object' && !('property' in row) ? { property: key, ...row } : row)) : [];
    if (rows.length > 3 && rows.every((r) => r && typeof r === 'object' && ('attribute' in r || 'property' in r)) && rows.some((r) => typeof r.attribute === 'string')) return rows;
  }
  return undefined;
}
/** A cell for one value of an option row; `undefined` for code (functions, converters), which is not documentation. */
function show(v) {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'function' || (typeof v === 'object' && Object.values(v).some((x) => typeof x === 'function'))) return undefined;
  if (typeof v === 'string') return code(v);
  if (typeof v === 'number' || typeof v === 'boolean') return code(String(v));
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.length ? v.map(code).join(' ') : code('[]');
  const json = JSON.stringify(v);
  return json.length <= 80 ? code(json) : '…';
}
function optionsTable(el) {
  const rows = optionRows();
  if (!rows) return attributesTable(el); // no option table in code yet: the manifest's attributes
  const described = new Map((el.attributes ?? []).map((a) => [a.name, a.description]));
  const fieldDescribed = new Map(el.members.filter((m) => m.kind === 'field').map((m) => [m.name, m.description]));
  // Columns: every key that holds data (not code) in some row, in first-seen order; a new field becomes a new column.
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'description' && rows.some((r) => r[k] !== undefined && show(r[k]) !== undefined));
  return table(
    [...keys, 'description'],
    rows.map((r) => [...keys.map((k) => show(r[k]) ?? '—'), cell(r.description ?? described.get(r.attribute) ?? fieldDescribed.get(r.property))]),
  );
}

/** The actions Oz documents, and which of them Oz retires. */
function actionsTable() {
  const retired = options.RETIRED ?? {};
  return table(['action', 'note'], options.OZ_ACTIONS.map((a) => [code(a), cell(retired[a] ?? (a === options.DEFAULT_ACTIONS?.[0] ? 'the default: passive liveness, no gesture' : ''))]));
}

/** One code's facts for its troubleshooting entry: what the person reads, the category, whether a retry helps. */
function errorSummary(wanted) {
  const rows = errorRows().filter((r) => (wanted === 'plugin' ? r.code === undefined : r.code === wanted));
  // A code the contract names but errors.ts does not have yet: a placeholder the next docs:gen replaces.
  if (!rows.length) return `_\`${wanted}\` is not in src/core/errors.ts yet: \`npm run docs:gen\` fills this in once it is._`;
  const { category, retryable } = rows[0].detail;
  return [
    `Category \`${category}\`, retryable: ${retryable ? 'yes' : 'no'}. The person reads:`,
    '',
    ...rows.map(({ label, detail }) => `- ${rows.length > 1 ? `${label}: ` : ''}“${cell(en[detail.messageKey] ?? detail.messageKey)}”`),
  ].join('\n');
}

/** The simulator's scenarios: one name means the same thing in the plugin, the API, the demo and Storybook. */
const scenarios = await import('../src/testing/scenarios.ts');
function scenariosTable() {
  return table(['scenario', 'acts in', 'what happens'], scenarios.SCENARIOS.map((name) => {
    const info = scenarios.SCENARIO_INFO?.[name] ?? {};
    return [`${code(name)}${name === scenarios.DEFAULT_SCENARIO ? ' (default)' : ''}`, cell(info.side), cell(info.description)];
  }));
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
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.md') ? [join(dir, d.name)] : []));
})(join(root, 'docs'));

const problems = [];
let markers = 0;
for (const page of pages) {
  const before = readFileSync(page, 'utf8');
  // A marker's body never reaches past the next opening marker, so one missing close cannot swallow a page.
  const after = before.replace(/(<!-- api:([\w:-]+) -->)(?:(?!<!-- api:)[\s\S])*?(<!-- \/api -->)/g, (_all, open, name, close) => {
    markers++;
    try {
      return `${open}\n${generate(name)}\n${close}`;
    } catch (e) {
      problems.push(`${relative(root, page)}: api:${name}: ${e.message}`);
      return _all;
    }
  });
  if (after === before) continue;
  if (check) problems.push(`${relative(root, page)} differs from what scripts/docs-gen.mjs writes: run npm run docs:gen`);
  else {
    writeFileSync(page, after);
    console.log(`wrote ${relative(root, page)}`);
  }
}

// Every error code has its own entry in troubleshooting.md (a heading that names it).
const troubleshooting = readFileSync(join(root, 'docs', 'troubleshooting.md'), 'utf8');
const headings = troubleshooting.split('\n').filter((l) => l.startsWith('#')).join('\n');
const codes = [...new Set(errorRows().map((r) => r.code).filter(Boolean))];
for (const c of codes) if (!headings.includes(`\`${c}\``)) problems.push(`docs/troubleshooting.md has no heading naming \`${c}\``);

for (const p of problems) console.error(`✗ ${p}`);
console.log(`${pages.length} pages, ${markers} generated tables, ${codes.length} error codes in troubleshooting.md: ${problems.length ? `${problems.length} problems` : 'ok'}`);
process.exit(problems.length ? 1 : 0);
