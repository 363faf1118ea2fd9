/**
 * Every server runtime the backend half is proven on: how to start it, and what it serves. One
 * table; the contract suite, the multi-instance test and scripts/bench-runtimes.mjs all read it.
 * A missing binary is a failure (the spawn errors), never a skip.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Bun, Deno and Miniflare live in test/runtimes/tools/ (npm run test:runtimes installs them), not in the root install. */
export const TOOLS = path.join(ROOT, 'test/runtimes/tools');
const bin = (name) => path.join(TOOLS, 'node_modules/.bin', name);
const recipe = (file) => path.join(ROOT, 'docs/recipes', file);
const here = (file) => path.join(ROOT, 'test/runtimes', file);
const node = process.execPath;

/**
 * name → the command that serves the recipe, and the command of a bare relay on the same runtime
 * (receive and re-send, no checks; scripts/bench-runtimes.mjs measures the handler against it).
 */
export const RUNTIMES = {
  'node-http': {
    label: 'Node node:http (toNodeHandler)',
    serve: [node, recipe('node-http.mjs')],
    bare: [node, here('bare/node-pipe.mjs')],
    // Node only: a second bare relay built like the handler (toNodeHandler + fetch), no checks.
    bareFetch: [node, here('bare/node-fetch-relay.mjs')],
  },
  express: {
    label: 'Node + Express 5',
    serve: [node, recipe('express.mjs')],
    bare: [node, here('bare/express-pipe.mjs')],
  },
  hono: {
    label: 'Node + Hono (@hono/node-server)',
    serve: [node, recipe('hono.mjs')],
    bare: [node, here('bare/hono-relay.mjs')],
  },
  'next-route': {
    label: 'Next.js route file (served by node:http)',
    serve: [node, here('serve-next-route.mjs')],
    bare: [node, here('bare/node-pipe.mjs')],
  },
  bun: {
    label: 'Bun (Bun.serve)',
    serve: [bin('bun'), recipe('bun.mjs')],
    bare: [bin('bun'), here('bare/fetch-relay.mjs')],
  },
  deno: {
    label: 'Deno (Deno.serve)',
    serve: [bin('deno'), 'run', '--allow-net', '--allow-read', '--allow-env', recipe('deno.mjs')],
    bare: [bin('deno'), 'run', '--allow-net', '--allow-read', '--allow-env', here('bare/fetch-relay.mjs')],
  },
  workerd: {
    label: 'workerd (Miniflare), nodejs_compat',
    serve: [node, here('serve-worker.mjs')],
    bare: [node, here('serve-worker.mjs'), here('bare/worker-relay.mjs')],
  },
  'workerd-portable': {
    label: 'workerd (Miniflare), no compatibility flags',
    serve: [node, here('serve-worker.mjs'), '--portable'],
    bare: [node, here('serve-worker.mjs'), '--portable', here('bare/worker-relay.mjs')],
  },
};

/**
 * Starts one server and resolves once it prints "Listening on <url>". `env` is added to this
 * process's environment (PORT defaults to 0: a free port). Rejects when the process exits first
 * or says nothing within `startMs`.
 */
export function startServer(command, env = {}, { startMs = 30_000 } = {}) {
  const [file, ...args] = command;
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${file} did not listen within ${startMs} ms:\n${output}`)),
      startMs,
    );
    const onData = (chunk) => {
      output += chunk;
      const match = /Listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${file} could not start: ${err.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return ready.then((url) => ({
    /** The handler's base URL, ending in /api/liveness/. */
    url,
    pid: child.pid,
    /** Everything the server printed so far (stdout and stderr). */
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  }));
}
