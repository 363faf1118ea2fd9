/**
 * The demo's backend, in the same process as the dev server (Vite for `npm start`, web-test-runner
 * for the tests), as Connect-style middleware:
 *
 *   GET  /simulator/plugin_liveness.js   the simulator plugin as a classic script, like Oz's plugin_liveness.php
 *   *    /oz-api/…                       the simulated Oz API
 *   GET  /api/liveness/session-token      ┐ the backend route: createOzLivenessHandler, forwarding to
 *   POST /api/liveness/container          ┘ the simulated Oz API, or to a real one (OZ_API_URL)
 *   *    /api/liveness/handoff…           the hand-off to a phone (docs/handoff.md); the phone opens
 *                                         `phoneUrl` (default: /demo/phone.html on this dev server)
 *   *    /api/liveness-sim/<scenario>/<run>/…  the backend route with its OWN simulated Oz API in that
 *                                         scenario (in access-token mode, the backend logging in), one
 *                                         per run: for the API's scenarios that act once per API
 *                                         (`auth_expired_*`), so parallel browsers don't share them
 *
 * The demo page's `?scenario=` reaches the plugin through the plugin script; for the API-only
 * `auth_expired_*` scenarios, `/api/liveness/…` follows the page's `?scenario=` (read from the
 * request's Referer) to one backend per scenario, whose "once" is then once per dev-server start.
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
  /** The page a phone opens for a hand-off (OZ_HANDOFF_PHONE_URL; default http://localhost:$PORT/demo/phone.html). */
  phoneUrl?: string;
}

export const PLUGIN_SCRIPT_PATH = '/simulator/plugin_liveness.js';
export const SIMULATED_OZ_API_PATH = '/oz-api';
export const BACKEND_PATH = '/api/liveness';
/** `${SCENARIO_BACKEND_PATH}/<scenario>/<run>/session-token` and `/container`: a backend with its own simulated Oz API. */
export const SCENARIO_BACKEND_PATH = '/api/liveness-sim';

/** The login the per-scenario backends use with their simulated Oz API (simulated; never a real one). */
const SIMULATED_LOGIN = { email: 'backend@simulator.invalid', password: 'simulated-only' };
/** How many per-scenario backends are kept (the oldest goes first): a bound on a long test run's memory. */
const MAX_SCENARIO_BACKENDS = 64;
const SCENARIO_MOUNT = new RegExp(`^${SCENARIO_BACKEND_PATH}/([a-z0-9_]+)/([A-Za-z0-9_-]{1,64})(?:/|$)`);

export function createDevBackend(options: DevBackendOptions = {}): { middleware: NodeMiddleware; realOz: boolean } {
  const env = options.env ?? process.env;
  const realOz = Boolean(env.OZ_API_URL);
  const handoff = {
    phoneUrl:
      options.phoneUrl ?? env.OZ_HANDOFF_PHONE_URL ?? `http://localhost:${Number(env.PORT) || 5173}/demo/phone.html`,
  };
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
            handoff,
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
            handoff,
            fetch: (input: RequestInfo | URL, init?: RequestInit) => simulated(new Request(input, init)),
          },
    );
    return {
      simulatedApi: toNodeHandler(simulated, { basePath: SIMULATED_OZ_API_PATH }) as NodeMiddleware,
      backend: toNodeHandler(handler, { basePath: BACKEND_PATH }) as NodeMiddleware,
    };
  };

  const scenarioBackends = new Map<string, Promise<NodeMiddleware>>();
  /** The backend of `scenario` mounted at `basePath`, made on first use: its own simulated Oz API, logged into. */
  const scenarioBackend = (scenario: string, basePath: string): Promise<NodeMiddleware> => {
    const id = `${basePath}#${scenario}`;
    const known = scenarioBackends.get(id);
    if (known) return known;
    const made = (async () => {
      const { createOzLivenessHandler, toNodeHandler } = await import('../src/server/index.js');
      const { createSimulatedOzApi, isScenarioName } = await import('../src/testing/index.js');
      if (!isScenarioName(scenario)) throw new Error(`unknown simulator scenario "${scenario}"`);
      const simulated = createSimulatedOzApi({ scenario, credentials: SIMULATED_LOGIN, latencyMs: 500 });
      const handler = createOzLivenessHandler({
        ozApiUrl: 'https://simulated-oz.invalid', // never dialled: fetch is injected
        api: 'instant',
        credentials: SIMULATED_LOGIN,
        fetch: (input: RequestInfo | URL, init?: RequestInit) => simulated(new Request(input, init)),
        log: options.quiet ? () => {} : (line) => console.warn(`  [simulator ${scenario}] ${line}`),
      });
      return toNodeHandler(handler, { basePath }) as NodeMiddleware;
    })();
    scenarioBackends.set(id, made);
    if (scenarioBackends.size > MAX_SCENARIO_BACKENDS) scenarioBackends.delete(scenarioBackends.keys().next().value!);
    made.catch(() => scenarioBackends.delete(id));
    return made;
  };

  /** `auth_expired_*` from the page's own `?scenario=` (the Referer), for the demo's picker. */
  const pageAuthScenario = (req: IncomingMessage): string | null => {
    if (realOz) return null;
    try {
      const scenario = new URL(String(req.headers.referer)).searchParams.get('scenario');
      return scenario && /^auth_expired_[a-z0-9_]+$/.test(scenario) ? scenario : null;
    } catch {
      return null;
    }
  };

  const middleware: NodeMiddleware = (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const scenarioMount = SCENARIO_MOUNT.exec(path);
    const pageScenario = path.startsWith(`${BACKEND_PATH}/`) ? pageAuthScenario(req) : null;
    if (scenarioMount || pageScenario) {
      const backend = scenarioMount
        ? scenarioBackend(scenarioMount[1]!, `${SCENARIO_BACKEND_PATH}/${scenarioMount[1]}/${scenarioMount[2]}`)
        : scenarioBackend(pageScenario!, BACKEND_PATH);
      backend.then(
        (handle) => handle(req, res, next),
        (err) => next(err),
      );
      return;
    }
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
    const mount = path.startsWith(`${SIMULATED_OZ_API_PATH}/`)
      ? 'simulatedApi'
      : path.startsWith(`${BACKEND_PATH}/`)
        ? 'backend'
        : undefined;
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
    console.log(
      realOz
        ? `  Oz API: ${env.OZ_API_URL} (${env.OZ_API_MODE === 'full' ? 'full' : 'instant'})`
        : '  Oz API: simulated, in process',
    );
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
