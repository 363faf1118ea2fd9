/**
 * A build-only Vite plugin: collapses the whitespace and comments inside Lit `css` tagged templates,
 * which no minifier touches (they are strings). `html` templates keep their whitespace: between
 * inline content it is meaningful. Only text between `${…}` expressions is changed.
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

export function minifyTemplates(): Plugin {
  return {
    name: 'oz-minify-css-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      // `${…}` interpolations are kept verbatim: split on them and minify only the CSS around them.
      const out = code.replace(CSS_TEMPLATE, (_m, body: string) => {
        const parts = body.split(/(\$\{[^}]*\})/);
        return `css\`${parts.map((p) => (p.startsWith('${') ? p : minifyCss(p))).join('')}\``;
      });
      return { code: out, map: null };
    },
  };
}
