// The hand-off end to end with two devices (test/e2e/handoff-*.test.ts): the desktop is the test
// page (in each browser of the run), the phone a second, headless Chromium with the fake camera,
// driven by server commands:
//   import { executeServerCommand } from '@web/test-runner-commands';
//   await executeServerCommand('phone-open', { url });   // a new phone page at that URL (the browser starts once)
//   await executeServerCommand('phone-start');           // presses the phone check's Start button
//   await executeServerCommand('phone-reload');          // reloads the phone's page (a pull to refresh)
//   await executeServerCommand('phone-state');           // { state, result, error, returnText, href, logs }
//   await executeServerCommand('phone-close');
// It also serves:
//   /oz-liveness-elements.js           the elements from src/, the name demo/phone.html loads them by
//   /handoff-e2e/<run>/a/api/liveness… ┐ two instances of createOzLivenessHandler, each with its own
//   /handoff-e2e/<run>/b/api/liveness… ┘ simulated Oz API, sharing hand-offs only through one real
//                                        redis-server (createRedisHandoffStore, a client each). A's phoneUrl
//                                        is B's phone page, so the desktop watches A while the phone uses B.
//   /handoff-e2e/<run>/phone.html      demo/phone.html with its routes on instance B
//   /handoff-e2e/<run>/desktop.html    the same page with its routes on instance A: a desktop page to reload
//   /handoff-e2e/<run>/stats           { a, b: { requests, ozUploads }, dropped, keys }
// `<run>` names its options: `…-drop1` loses B's first upload answer after Oz gave it (the socket
// is destroyed), `…-cut1` cuts A's first desktop stream as it sends `capturing` (mid-way),
// `…-ttl4000` makes links live 4 s.
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
// Debian's Chromium with the fake camera, as every script of the repo launches it (honours CHROMIUM_PATH).
import { CHROMIUM } from '../../scripts/lib/consumer.mjs';
import { webRequest } from './web-request.mjs';

const MOUNT = /^\/handoff-e2e\/([\w-]{1,64})\/(?:(a|b)\/api\/liveness(\/.*)?|(phone\.html|desktop\.html|stats))$/;
const PHONE_PAGE = readFileSync(new URL('../../demo/phone.html', import.meta.url), 'utf8');

/** `{ plugin, middleware }`: the plugin for `plugins`, the middleware (the instances) for `middleware`. */
export function handoffE2e() {
  let browser; // a promise: the browsers of a run ask at the same time, and one Chromium serves them all
  const phones = new Map(); // test session id → { page, logs }
  let redis;
  const runs = new Map();

  const phoneOf = (session) => {
    const phone = phones.get(session.id);
    if (!phone) throw new Error('phone-open first');
    return phone;
  };

  async function run(name, host) {
    if (runs.has(name)) return runs.get(name);
    const made = (async () => {
      const [{ createOzLivenessHandler, createRedisHandoffStore }, { createSimulatedOzApi }, { startRedis }] =
        await Promise.all([
          tsImport('../../src/server/index.ts', import.meta.url),
          tsImport('../../src/testing/index.ts', import.meta.url),
          tsImport('./redis-server.ts', import.meta.url),
        ]);
      // Fails the test that needs it, by name, when redis-server is missing (CI installs it).
      if (!redis) {
        redis = startRedis();
        // A run stopped short (Ctrl-C) skips serverStop: the server goes with the process anyway.
        redis.then(
          (r) => process.once('exit', () => void r.kill().catch(() => {})),
          () => {},
        );
      }
      const server = await redis;

      const option = (key, otherwise) => Number(new RegExp(`-${key}(\\d+)(?:-|$)`).exec(name)?.[1] ?? otherwise);
      const stats = { dropped: 0, drop: option('drop', 0), cut: option('cut', 0), streamsCut: 0, streams: 0, keys: [] };
      const instance = async (id, phoneUrl) => {
        const simulated = createSimulatedOzApi({});
        const own = { requests: [], ozUploads: 0 };
        const handler = createOzLivenessHandler({
          ozApiUrl: 'http://127.0.0.1:9', // never dialled: fetch goes to the simulated API in process
          handoff: { phoneUrl, ttlMs: option('ttl', 600_000), store: createRedisHandoffStore(await server.client()) },
          log: () => {},
          fetch: async (input, init) => {
            const request = new Request(input, init);
            if (request.method === 'POST' && request.url.includes('/folders')) {
              own.ozUploads++;
              await new Promise((r) => setTimeout(r, 1000)); // Oz takes a second: `uploading` is seen
            }
            return simulated(request);
          },
        });
        stats[id] = own;
        return handler;
      };
      return {
        stats,
        a: await instance('a', `http://${host}/handoff-e2e/${name}/phone.html`),
        b: await instance('b', 'http://localhost/unused.html'),
      };
    })();
    runs.set(name, made);
    made.catch(() => runs.delete(name));
    return made;
  }

  async function route(ctx, [, name, id, rest = '', page]) {
    if (page === 'phone.html' || page === 'desktop.html') {
      ctx.type = 'text/html';
      const on = page === 'phone.html' ? 'b' : 'a';
      ctx.body = PHONE_PAGE.replaceAll('"/api/liveness/', `"/handoff-e2e/${name}/${on}/api/liveness/`);
      return;
    }
    let backend;
    try {
      backend = await run(name, ctx.req.headers.host);
    } catch (err) {
      ctx.status = 500;
      ctx.body = `handoff-e2e: ${err.message}`;
      return;
    }
    if (page === 'stats') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(backend.stats);
      return;
    }
    const req = ctx.req;
    const own = backend.stats[id];
    own.requests.push(`${req.method} ${rest}`);
    const key = req.headers['idempotency-key'];
    if (key && !backend.stats.keys.includes(key)) backend.stats.keys.push(key);
    const response = await backend[id](webRequest(ctx, { abortOnClose: true }));
    ctx.respond = false;
    if (id === 'b' && rest === '/container' && backend.stats.dropped < backend.stats.drop) {
      // Oz has answered; the answer is lost on the way back to the phone, as on a mobile network.
      backend.stats.dropped++;
      await response.body?.cancel();
      req.socket.destroy();
      return;
    }
    // Written straight to the socket: the event stream reaches the desktop as it is sent.
    const res = ctx.res;
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const stream = id === 'a' && rest === '/handoff/events' && response.status === 200;
    if (stream) backend.stats.streams++;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true }));
      if (done) return void res.end();
      res.write(value);
      if (stream && backend.stats.streamsCut < backend.stats.cut && Buffer.from(value).includes('"capturing"')) {
        // The desktop's connection drops mid-way, as a network or a proxy does.
        backend.stats.streamsCut++;
        await reader.cancel().catch(() => {});
        req.socket.destroy();
        return;
      }
    }
  }

  const middleware = async (ctx, next) => {
    const mount = MOUNT.exec(ctx.path);
    return mount ? route(ctx, mount) : next();
  };

  const plugin = {
    name: 'handoff-e2e',
    serve(context) {
      // demo/phone.html loads the elements by the name the demo's Vite server gives src/index.ts.
      if (context.path === '/oz-liveness-elements.js') return { body: "export * from '/src/index.ts';", type: 'js' };
      return undefined;
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('phone-')) return undefined;
      if (command === 'phone-open') {
        browser ??= puppeteer.launch({ ...CHROMIUM, headless: true });
        await phones.get(session.id)?.context.close();
        const context = await (await browser).createBrowserContext();
        const page = await context.newPage();
        const logs = [];
        page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
        page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
        phones.set(session.id, { page, logs, context });
        await page.goto(payload.url, { waitUntil: 'load', timeout: 120_000 });
        return true;
      }
      if (command === 'phone-reload') {
        // A pull to refresh: the same tab, its address (the secret already out of it) loaded again.
        await phoneOf(session).page.reload({ waitUntil: 'load', timeout: 120_000 });
        return true;
      }
      if (command === 'phone-start') {
        const { page } = phoneOf(session);
        return page.evaluate(async () => {
          const check = document.querySelector('oz-liveness-check');
          await customElements.whenDefined('oz-liveness-check');
          await check.updateComplete;
          const button = check.shadowRoot.querySelector('button[part=button]');
          if (!button) return false;
          button.click();
          return true;
        });
      }
      if (command === 'phone-state') {
        if (!phones.has(session.id)) return { state: 'no phone opened', logs: [] };
        const { page, logs } = phoneOf(session);
        const seen = await page.evaluate(() => {
          const check = document.querySelector('oz-liveness-check');
          return {
            state: check?.state,
            result: check?.result ?? null,
            error: check?.error ? { code: check.error.code, message: check.error.message } : null,
            returnText: check?.shadowRoot?.querySelector('[part=handoff-return]')?.textContent?.trim() ?? null,
            href: location.href,
          };
        });
        return { ...seen, logs: logs.slice(-20) };
      }
      if (command === 'phone-close') {
        const phone = phones.get(session.id);
        phones.delete(session.id);
        await phone?.context.close();
        return true;
      }
      return undefined;
    },
    async serverStop() {
      await (await browser?.catch(() => undefined))?.close().catch(() => {});
      if (redis) await (await redis.catch(() => undefined))?.stop();
    },
  };
  return { plugin, middleware };
}
