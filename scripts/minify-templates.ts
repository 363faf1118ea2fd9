/**
 * A build-only Vite plugin: collapses the whitespace and comments inside Lit `css` tagged templates,
 * and the indentation inside `html` and `svg` tagged templates, which no minifier touches (they are
 * strings). Only text between `${…}` expressions is changed, so the source can keep readable,
 * multi-line templates and the bundle does not pay for them.
 *
 * The `html` rule is JSX's: whitespace that holds a line break is dropped next to a tag (`>` or `<`)
 * and between two expressions, and becomes one space anywhere else (between attributes, inside a
 * text). Whitespace on one line is kept as written, so a space that matters is written on the line
 * it belongs to (or as `${' '}`).
 */
import type { Plugin } from 'vite';

const CSS_TEMPLATE = /\bcss`((?:[^`\\$]|\\.|\$(?!\{)|\$\{[^}]*\})*)`/g;

export function minifyCss(text: string): string {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // A space before ':' can be a descendant combinator (`.x :focus`); only the one after goes.
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

/** Whether the end of `html` is inside a tag (after `<name`, before its `>`): whitespace there separates attributes. */
const inTag = (html: string) => html.lastIndexOf('<') > html.lastIndexOf('>');

/** One piece of an `html` template's text (between expressions), after `before`: see the module comment. */
export function minifyHtml(text: string, before = ''): string {
  const edge = (tagged: boolean) => (tagged ? ' ' : '');
  if (/^\s*$/.test(text)) return text.includes('\n') ? edge(inTag(before)) : text;
  const inner = text
    .replace(/\s*\n\s*([<>]|\/>)/g, '$1')
    .replace(/([<>])\s*\n\s*/g, '$1')
    .replace(/^\s*\n\s*/, (m) => (m ? edge(inTag(before)) : ''));
  return inner.replace(/\s*\n\s*$/, () => edge(inTag(before + inner))).replace(/\s*\n\s*/g, ' ');
}

type Scan = { out: string; end: number };

/** A template literal's body from `i` (after its backtick) to its closing backtick. */
function scanTemplate(code: string, i: number, minify: boolean): Scan {
  let out = '';
  let text = '';
  let markup = ''; // the template's own text so far, without its expressions
  const flush = () => {
    const piece = minify ? minifyHtml(text, markup) : text;
    markup += piece;
    out += piece;
    text = '';
  };
  while (i < code.length) {
    const ch = code[i];
    if (ch === '\\') {
      text += code.slice(i, i + 2);
      i += 2;
    } else if (ch === '`') {
      flush();
      return { out, end: i + 1 };
    } else if (ch === '$' && code[i + 1] === '{') {
      flush();
      const inner = scanCode(code, i + 2, true);
      out += `\${${inner.out}}`;
      i = inner.end;
    } else {
      text += ch;
      i++;
    }
  }
  throw new Error('unterminated template');
}

/** Code from `i`: strings and comments copied whole, templates scanned; `inExpression` ends at its `}`. */
function scanCode(code: string, i: number, inExpression: boolean): Scan {
  let out = '';
  let depth = 0;
  while (i < code.length) {
    const ch = code[i];
    const two = code.slice(i, i + 2);
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
    } else if (two === '//' || two === '/*') {
      const close = two === '//' ? '\n' : '*/';
      const j = code.indexOf(close, i + 2);
      const end = j < 0 ? code.length : j + close.length;
      out += code.slice(i, end);
      i = end;
    } else if (ch === '`') {
      const inner = scanTemplate(code, i + 1, /\b(html|svg)\s*$/.test(out));
      out += `\`${inner.out}\``;
      i = inner.end;
    } else {
      if (ch === '{') depth++;
      if (ch === '}' && depth-- === 0 && inExpression) return { out, end: i + 1 };
      out += ch;
      i++;
    }
  }
  if (inExpression) throw new Error('unterminated expression');
  return { out, end: i };
}

/** Every `html`/`svg` template of a module, minified (see `minifyHtml`). */
export function minifyHtmlTemplates(code: string): string {
  return scanCode(code, 0, false).out;
}

export function minifyTemplates(): Plugin {
  return {
    name: 'oz-minify-css-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      let out = code;
      if (code.includes('css`')) {
        // `${…}` interpolations are kept verbatim: split on them and minify only the CSS around them.
        out = out.replace(CSS_TEMPLATE, (_m, body: string) => {
          const parts = body.split(/(\$\{[^}]*\})/);
          return `css\`${parts.map((p) => (p.startsWith('${') ? p : minifyCss(p))).join('')}\``;
        });
      }
      if (/\b(html|svg)`/.test(code)) out = minifyHtmlTemplates(out);
      return out === code ? null : { code: out, map: null };
    },
  };
}
