// Dead links, found before a reader finds them: every relative link in README.md and docs/**/*.md
// (and its #anchor, checked against the target page's headings as GitHub names them), and every
// docs/… or README.md path named in a comment under src/, must resolve to a file or folder in the
// repository. Links inside code blocks and inline code are text, not links, and are skipped.
//
//   node scripts/check-links.mjs      (npm run check:links)   exits 1 on any dead link
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const walk = (dir, keep) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.name === 'node_modules'
          ? []
          : d.isDirectory()
            ? walk(join(dir, d.name), keep)
            : keep(d.name)
              ? [join(dir, d.name)]
              : [],
      )
    : [];

/** Markdown without fenced code blocks and inline code: what remains can hold links and headings. */
function prose(markdown) {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(`+)[\s\S]*?\1/g, (span) => span.replace(/[^\n]/g, ' '));
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces → '-', repeats numbered. */
const anchorCache = new Map();
function anchorsOf(file) {
  if (!anchorCache.has(file)) {
    const seen = new Map();
    const anchors = new Set();
    const source = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
    for (const [, text] of source.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
      const base = text
        .replace(/<[^>]+>/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .trim()
        .replace(/\s/g, '-');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n ? `${base}-${n}` : base);
    }
    for (const [, id] of source.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id);
    anchorCache.set(file, anchors);
  }
  return anchorCache.get(file);
}

const dead = [];
let checked = 0;
function checkTarget(from, line, target, base) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return; // https:, mailto:, data:
  checked++;
  const [pathPart, anchor] = target.split('#');
  const path = decodeURI(pathPart.split('?')[0]);
  const file = path ? resolve(base, path) : from;
  const where = `${relative(root, from)}:${line}`;
  if (!file.startsWith(root) || !existsSync(file)) return dead.push(`${where}: ${target} → no such file`);
  if (anchor && statSync(file).isFile() && file.endsWith('.md') && !anchorsOf(file).has(anchor.toLowerCase())) {
    dead.push(`${where}: ${target} → no heading #${anchor} in ${relative(root, file)}`);
  }
}
const lineAt = (text, index) => text.slice(0, index).split('\n').length;

// 1. Markdown: README.md and every page under docs/.
const pages = [join(root, 'README.md'), ...walk(join(root, 'docs'), (n) => n.endsWith('.md'))].filter(existsSync);
for (const page of pages) {
  const text = prose(readFileSync(page, 'utf8'));
  const links = [
    ...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), // [text](target "title")
    ...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm), // [ref]: target
    ...text.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/g), // <a href>, <img src>
  ];
  for (const m of links) checkTarget(page, lineAt(text, m.index), m[1], dirname(page));
}

// 2. Comments under src/ that name a page: "see docs/server.md", "docs/frameworks.md#vue-3", README.md.
const sources = walk(join(root, 'src'), (n) => /\.(m?[jt]sx?)$/.test(n));
for (const source of sources) {
  const text = readFileSync(source, 'utf8');
  for (const m of text.matchAll(/(?<![\w/.-])((?:docs\/[\w./-]*[\w-]|README\.md)(?:#[\w-]+)?)/g)) {
    const target = m[1].replace(/[.]$/, '');
    checkTarget(source, lineAt(text, m.index), target, root);
  }
}

for (const d of dead) console.error(`✗ ${d}`);
console.log(
  `${checked} relative links in ${pages.length} pages and ${sources.length} source files: ${dead.length ? `${dead.length} dead` : 'all resolve'}`,
);
process.exit(dead.length ? 1 : 0);
