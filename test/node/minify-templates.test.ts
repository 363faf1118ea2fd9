import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyTemplates } from '../../scripts/minify-templates.js';

test('minifyCss drops comments and whitespace but keeps a descendant combinator before ":"', () => {
  assert.equal(minifyCss('/* why */\n  .a :focus {\n  color: red;\n}\n'), '.a :focus{color:red}');
  assert.equal(minifyCss(':host([x]) > .b,\n .c { margin: 0 auto; }'), ':host([x])>.b,.c{margin:0 auto}');
});

test('the plugin rewrites css`…` templates around ${} interpolations and leaves html`…` alone', () => {
  const plugin = minifyTemplates() as { transform: (code: string, id: string) => { code: string } | null };
  const code = 'const s = css`\n  .a {\n    color: ${c};\n  }\n`;\nconst t = html`<p>  two  spaces </p>`;';
  const out = plugin.transform(code, '/x/src/a.ts')!.code;
  assert.equal(out, 'const s = css`.a{color:${c}}`;\nconst t = html`<p>  two  spaces </p>`;');
  assert.equal(plugin.transform(code, '/x/node_modules/a.ts'), null);
});
