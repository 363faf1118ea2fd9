/**
 * `npm start`: the demo at http://localhost:5173/ (PORT overrides), on the simulator by default.
 * OZ_PLUGIN_URL points the page at a real Oz Web Adapter's plugin script; OZ_API_URL (with
 * OZ_ACCESS_TOKEN, or OZ_LOGIN and OZ_PASSWORD; OZ_API_MODE=instant|full) points the backend route at
 * a real Oz API. The elements are served from src/ as `/oz-liveness-elements.js`, the same name the
 * standalone bundle has, so the page reads like one a user writes.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { createDevBackend, PLUGIN_SCRIPT_PATH } from './dev-backend.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export function ozDemoPlugin(): Plugin {
  const pluginUrl = process.env.OZ_PLUGIN_URL;
  return {
    name: 'oz-demo',
    configureServer(server) {
      const backend = createDevBackend();
      if (pluginUrl) console.log(`  Oz plugin: ${pluginUrl}`);
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/' || req.url?.startsWith('/?')) req.url = `/demo/index.html${req.url.slice(1)}`;
        next();
      });
      server.middlewares.use(backend.middleware);
    },
    resolveId(id) {
      if (id === '/oz-liveness-elements.js') return `${root}src/index.ts`;
    },
    transformIndexHtml(htmlText) {
      return pluginUrl
        ? htmlText.replaceAll(PLUGIN_SCRIPT_PATH, pluginUrl).replace('data-simulator', 'data-real-oz')
        : htmlText;
    },
  };
}

export default defineConfig({
  root,
  plugins: [ozDemoPlugin()],
  server: { host: 'localhost', port: Number(process.env.PORT) || 5173, open: false },
  appType: 'mpa',
  logLevel: 'info',
});
