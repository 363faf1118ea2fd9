// The built Storybook (storybook-static/) as a browser meets it: a static server on the loopback
// only, and the stories of its index. Shared by storybook-check.mjs and gallery.mjs.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STORYBOOK_STATIC = resolve(fileURLToPath(new URL('../../storybook-static', import.meta.url)));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves storybook-static/ on 127.0.0.1 at a free port: the server (close it when done) and its base URL. */
export async function serveStorybook() {
  const server = http.createServer(async (req, res) => {
    if (req.url === '/favicon.ico') return res.writeHead(204).end(); // the browser asks on its own
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(STORYBOOK_STATIC, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(STORYBOOK_STATIC)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** Every story (not docs page) in storybook-static/index.json, in the index's order. */
export async function storyEntries() {
  const index = JSON.parse(await readFile(join(STORYBOOK_STATIC, 'index.json'), 'utf8'));
  return Object.values(index.entries).filter((e) => e.type === 'story');
}
