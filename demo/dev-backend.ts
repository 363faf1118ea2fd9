/**
 * The demo's backend, in the same process as the dev server (Vite for `npm start`, web-test-runner
 * for the tests), as Connect-style middleware:
 *
 *   GET  /simulator/plugin_liveness.js   the simulator plugin as a classic script, like Oz's plugin_liveness.php
 *   *    /oz-api/…                       the simulated Oz API
 *   GET  /api/liveness/session-token      ┐ the backend route: createOzLivenessHandler, forwarding to
 *   POST /api/liveness/container          ┘ the simulated Oz API, or to a real one (OZ_API_URL)
 *
 * With OZ_API_URL set the backend route talks to that Oz API (OZ_ACCESS_TOKEN or OZ_LOGIN/OZ_PASSWORD,
 * OZ_API_MODE=instant|full); the simulated Oz API is still mounted but unused.
 * Modules are imported on first use so that a test run can start while one of them fails to load,
 * and the error then shows on the request that needed it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

type Next = (err?: unknown) => void;
type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

export interface DevBackendOptions {
  /** Environment to read OZ_* from (default: process.env). Tests pass `{}` to stay on the simulator. */
  env?: Record<string, string | undefined>;
  /** No start-up log line. */
  quiet?: boolean;
}

export const PLUGIN_SCRIPT_PATH = '/simulator/plugin_liveness.js';
export const SIMULATED_OZ_API_PATH = '/oz-api';
export const BACKEND_PATH = '/api/liveness';

export function createDevBackend(options: DevBackendOptions = {}): { middleware: NodeMiddleware; realOz: boolean } {
  const env = options.env ?? process.env;
  const realOz = Boolean(env.OZ_API_URL);
  let pluginScript: Promise<string> | undefined;
  let routes: Promise<{ simulatedApi: NodeMiddleware; backend: NodeMiddleware }> | undefined;

  const loadRoutes = async () => {
    const { createOzLivenessHandler, toNodeHandler } = await import('../src/server/index.js');
    const { createSimulatedOzApi } = await import('../src/testing/index.js');
    const simulated = createSimulatedOzApi({});
    const handler = createOzLivenessHandler(
      realOz
        ? {
            ozApiUrl: env.OZ_API_URL!,
            api: env.OZ_API_MODE === 'full' ? 'full' : 'instant',
            // A given access token wins; otherwise log in with OZ_LOGIN/OZ_PASSWORD (the handler takes one or the other).
            ...(env.OZ_ACCESS_TOKEN
              ? { accessToken: env.OZ_ACCESS_TOKEN }
              : env.OZ_LOGIN && env.OZ_PASSWORD
                ? { credentials: { email: env.OZ_LOGIN, password: env.OZ_PASSWORD } }
                : {}),
          }
        : {
            // In process: the backend route's fetch goes straight to the simulated Oz API's handler.
            ozApiUrl: 'https://simulated-oz.invalid', // never dialled: fetch is injected
            api: env.OZ_API_MODE === 'full' ? 'full' : 'instant',
            fetch: (input: RequestInfo | URL, init?: RequestInit) => simulated(new Request(input, init)),
          },
    );
    return {
      simulatedApi: toNodeHandler(simulated, { basePath: SIMULATED_OZ_API_PATH }) as NodeMiddleware,
      backend: toNodeHandler(handler, { basePath: BACKEND_PATH }) as NodeMiddleware,
    };
  };

  const middleware: NodeMiddleware = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === PLUGIN_SCRIPT_PATH) {
      pluginScript ??= bundlePluginScript();
      pluginScript.then(
        (code) => {
          res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
          res.end(code);
        },
        (err) => {
          pluginScript = undefined;
          next(err);
        },
      );
      return;
    }
    const mount = path.startsWith(`${SIMULATED_OZ_API_PATH}/`) ? 'simulatedApi' : path.startsWith(`${BACKEND_PATH}/`) ? 'backend' : undefined;
    if (!mount) return next();
    routes ??= loadRoutes();
    routes.then(
      (r) => r[mount](req, res, next),
      (err) => {
        routes = undefined;
        next(err);
      },
    );
  };

  if (!options.quiet) {
    console.log(realOz ? `  Oz API: ${env.OZ_API_URL} (${env.OZ_API_MODE === 'full' ? 'full' : 'instant'})` : '  Oz API: simulated, in process');
  }
  return { middleware, realOz };
}

/** The simulator plugin, bundled as one classic script, like the real plugin (also used by Storybook). */
export async function bundlePluginScript({ minify = false } = {}): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('../src/testing/plugin-script.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify,
    write: false,
    legalComments: 'none',
  });
  return out.outputFiles[0].text;
}
