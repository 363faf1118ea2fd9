// Custom Elements Manifest (`npm run analyze`): <oz-liveness-check>'s options are not one decorator
// per field but the rows of ONE table, `OPTIONS` in src/core/options.ts. This plugin writes them into
// custom-elements.json as the analyzer would for @property fields — attribute, field, type, default,
// description (the row's JSDoc), plus `openOption` (its `@open` tag: what it becomes in
// OzLiveness.open()) — so the docs tables, Storybook's controls and editor hints derive from the table.
import { tsImport } from 'tsx/esm/api';

const { OPTIONS } = await tsImport('./src/core/options.ts', import.meta.url);

/** Each row's documentation, read from the JSDoc and the `opt<Type>` of src/core/options.ts. */
const docs = new Map();

function readRows(ts, node) {
  if (!ts.isVariableDeclaration(node) || node.name.getText() !== 'OPTIONS' || !node.initializer) return;
  let table = node.initializer;
  while (!ts.isObjectLiteralExpression(table)) table = table.expression; // `{…} satisfies …`
  const text = node.getSourceFile().getFullText();
  for (const row of table.properties) {
    const comment = (ts.getLeadingCommentRanges(text, row.pos) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
    const body = comment
      .replace(/^\/\*\*|\*\/$/g, '')
      .replace(/^\s*\* ?/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
    const tag = (name) => body.match(new RegExp(`@${name} (.*?)(?= @\\w+ |$)`))?.[1]?.trim();
    const call = ts.isPropertyAssignment(row) ? row.initializer : undefined;
    docs.set(row.name.getText(), {
      description: body
        .split(/ @\w+ /)[0]
        .replace(/ ?@\w+ .*$/, '')
        .trim(),
      type: call && ts.isCallExpression(call) && call.typeArguments?.[0] ? call.typeArguments[0].getText() : undefined,
      default: tag('default'),
      open: tag('open'),
    });
  }
}

export default {
  plugins: [
    {
      name: 'oz-liveness-check-option-table',
      analyzePhase({ ts, node }) {
        readRows(ts, node);
      },
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.tagName !== 'oz-liveness-check') continue;
            decl.attributes = (decl.attributes ?? []).filter(
              (a) => !Object.values(OPTIONS).some((o) => o.attribute === a.name),
            );
            decl.members = (decl.members ?? []).filter((m) => !(m.name in OPTIONS));
            for (const [name, row] of Object.entries(OPTIONS)) {
              const doc = docs.get(name) ?? {};
              const type = doc.type ? { text: doc.type } : undefined;
              const common = { description: doc.description, type, default: doc.default, openOption: doc.open };
              decl.members.push({
                kind: 'field',
                name,
                privacy: 'public',
                ...common,
                ...(row.attribute ? { attribute: row.attribute, reflects: row.reflect !== false } : {}),
              });
              if (row.attribute) decl.attributes.push({ name: row.attribute, fieldName: name, ...common });
            }
          }
        }
      },
    },
  ],
};
