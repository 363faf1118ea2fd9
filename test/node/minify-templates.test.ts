import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyHtml, minifyTemplates } from '../../scripts/minify-templates.js';

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

test('minifyHtml drops line-break whitespace next to a tag, keeps one space between attributes and in text', () => {
  assert.equal(minifyHtml('<div\n  part=base\n  class=', ''), '<div part=base class=');
  assert.equal(minifyHtml('\n  dir=', '<div class='), ' dir=');
  assert.equal(minifyHtml('\n  ', '<div class='), ' '); // between two attribute expressions
  assert.equal(minifyHtml('\n  ', '<p>'), ''); // between two child expressions
  assert.equal(minifyHtml('>\n  <p>\n    one\n    two\n  </p>\n', '<div'), '><p>one two</p>');
  assert.equal(minifyHtml('<p>  two  spaces </p>'), '<p>  two  spaces </p>'); // one line: as written
});

test('the plugin collapses html`…` templates, nested ones and those in expressions, and nothing else', () => {
  const plugin = minifyTemplates() as { transform: (code: string, id: string) => { code: string } | null };
  const code = [
    '// a comment with a ` backtick and html`',
    "const s = '`not a template`';",
    'const t = html`<div\n  class=${a ? `x ${b}` : "y"}\n>\n  ${c.map((i) => html`\n    <li>${i}</li>\n  `)}\n</div>`;',
    'const u = `plain\n  text`;',
  ].join('\n');
  const out = plugin.transform(code, '/x/src/a.ts')!.code;
  assert.equal(
    out,
    [
      '// a comment with a ` backtick and html`',
      "const s = '`not a template`';",
      'const t = html`<div class=${a ? `x ${b}` : "y"}>${c.map((i) => html`<li>${i}</li>`)}</div>`;',
      'const u = `plain\n  text`;',
    ].join('\n'),
  );
});
