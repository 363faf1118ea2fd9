/**
 * `oz-liveness-elements/testing/vite`: the simulator behind your own Vite app's dev server (and
 * `vite preview`), in one line of `vite.config`. It serves the backend half's two routes under
 * `basePath` (default `/api/liveness`) in front of the simulated Oz API, and the simulator's plugin
 * script at `pluginPath` (default `/simulator/plugin_liveness.js`): point `plugin-src`,
 * `session-token-url` and `backend-url` there. Development only: `vite build` output has none of it.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createOzLivenessHandler, toNodeHandler } from '../server/index.js';
import { createSimulatedOzApi, type SimulatedOzApiOptions } from './oz-api.js';

export interface OzSimulatorPluginOptions {
  /** Where the backend half's routes are mounted. Default `/api/liveness`. */
  basePath?: string;
  /** Where the simulator's plugin script is served (the `plugin-src`). Default `/simulator/plugin_liveness.js`. */
  pluginPath?: string;
  /** Options of the simulated Oz API (e.g. `scenario` to force one outcome for every upload). */
  ozApi?: SimulatedOzApiOptions;
}

type Next = (error?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;
/** The part of Vite's dev and preview servers the plugin uses (no dependency on Vite's types). */
export interface OzSimulatorServer {
  middlewares: { use(middleware: Middleware): unknown };
}
/** A Vite plugin: put it in `plugins` of `vite.config`. */
export interface OzSimulatorPlugin {
  name: string;
  configureServer(server: OzSimulatorServer): void;
  configurePreviewServer(server: OzSimulatorServer): void;
}

export function ozSimulator(options: OzSimulatorPluginOptions = {}): OzSimulatorPlugin {
  const basePath = options.basePath ?? '/api/liveness';
  const pluginPath = options.pluginPath ?? '/simulator/plugin_liveness.js';
  // The built plugin script beside this module in the package (dist/simulator/).
  const pluginFile = new URL('./simulator/plugin_liveness.js', import.meta.url);
  const ozApi = createSimulatedOzApi(options.ozApi);
  const routes = toNodeHandler(
    createOzLivenessHandler({
      ozApiUrl: 'http://127.0.0.1/simulated-oz', // never dialled: `fetch` hands each call to the simulator
      api: 'instant',
      fetch: (input, init) => ozApi(new Request(input, init)),
    }),
    { basePath },
  );
  const middleware: Middleware = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== pluginPath) return void routes(req, res, next);
    readFile(pluginFile).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(body),
      next,
    );
  };
  return {
    name: 'oz-liveness-simulator',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
