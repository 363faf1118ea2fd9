// A local backend for the element's browser tests, mounted by web-test-runner under /test-backend/.
// It is the network edge: real HTTP, scripted answers. Everything it received is kept per `id`
// so a test can ask afterwards what arrived (byte count, SHA-256, headers, attempts).
//
//   POST /test-backend/upload?id=X&seq=503,503,201   answers the seq statuses in order (last repeats);
//                                                   201/200 answer a folder (or `body=` verbatim)
//        &retryAfter=N   adds Retry-After: N to non-2xx answers    &hang=1  never answers
//        &requestId=R    answers X-Request-Id: R-<attempt>
//   GET  /test-backend/received?id=X                 what POSTs with that id received
//   GET  /test-backend/token?id=X&status=200&body=…  a session token answer (body verbatim, default a fresh token)
//   GET  /test-backend/stub-plugin.js?…              a classic script that installs window.__ozStub as OzLiveness
//        (&delay=ms on the script and the token: answer that much later; &requestId= on the token: X-Request-Id;
//         &hang=1 on the token: headers never sent, the connection held open until the browser gives up or 60 s)
//        /test-backend/empty.js                      a script that defines no OzLiveness
//   GET  /test-backend/page.html?csp=…&html=…       `html` as a page, served with `csp` as its real
//                                                   Content-Security-Policy header
//        /test-backend/missing.js                    404
//
//   /test-backend/retry-safe/session-token?id=X      ┐ the real createOzLivenessHandler (one per id) in front of
//   /test-backend/retry-safe/container?id=X&drop=N   ┘ its own simulated Oz API; `drop=N`: a proxy step that lets
//                                                     the first N uploads reach Oz, waits for the answer, then
//                                                     destroys the socket instead of passing it on
//        &idempotency=off                           the handler with idempotency: false (the control case)
//   GET  /test-backend/retry-safe/stats?id=X         { ozUploads, dropped, replayed, keys }
//
//   *    /test-backend/handoff/<id>/<ttl>/<drop>/…   the real createOzLivenessHandler with `handoff` on (its own
//        store, one per id; its phoneUrl /demo/phone.html on this server) in front of its own simulated Oz API:
//        `ttl` the links' life in ms, `drop` how many of the desktop's event streams are cut (the socket
//        destroyed) right after their first state;  …/stats  { streams, dropped }
import { createHash } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { webRequest } from './web-request.mjs';

const received = new Map();
let tokenCounter = 0;

function record(id, entry) {
  if (!received.has(id)) received.set(id, []);
  received.get(id).push(entry);
}

const retrySafe = new Map();
let serverModules;

async function retrySafeBackend(id, idempotency) {
  if (!retrySafe.has(id)) {
    serverModules ??= Promise.all([
      tsImport('../../src/server/index.ts', import.meta.url),
      tsImport('../../src/testing/index.ts', import.meta.url),
    ]);
    const [{ createOzLivenessHandler }, { createSimulatedOzApi }] = await serverModules;
    const stats = { ozUploads: 0, dropped: 0, replayed: 0, keys: [] };
    const simulated = createSimulatedOzApi({});
    const handler = createOzLivenessHandler({
      ozApiUrl: 'http://127.0.0.1:9', // never dialled: the fetch below goes to the simulated API in process
      idempotency: idempotency ? {} : false,
      log: () => {},
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST') stats.ozUploads++;
        return simulated(request);
      },
    });
    retrySafe.set(id, { handler, stats });
  }
  return retrySafe.get(id);
}

async function retrySafeRoute(ctx, id) {
  const q = ctx.query;
  const backend = await retrySafeBackend(id, q.idempotency !== 'off');
  if (ctx.path === '/test-backend/retry-safe/stats') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(backend.stats);
    return;
  }
  const req = ctx.req;
  const key = req.headers['idempotency-key'];
  if (key && !backend.stats.keys.includes(key)) backend.stats.keys.push(key);
  const response = await backend.handler(webRequest(ctx));
  if (ctx.path.endsWith('/container') && backend.stats.dropped < Number(q.drop ?? 0)) {
    // Oz has answered; the answer is lost on the way back, as on a mobile network.
    backend.stats.dropped++;
    await response.body?.cancel();
    ctx.status = 204; // for the runner's log only: nothing is sent
    ctx.respond = false;
    req.socket.destroy();
    return;
  }
  if (response.headers.get('idempotent-replayed') === 'true') backend.stats.replayed++;
  ctx.status = response.status;
  for (const [name, value] of response.headers) ctx.set(name, value);
  ctx.body = Buffer.from(await response.arrayBuffer());
}

const handoffs = new Map();
const HANDOFF_MOUNT = /^\/test-backend\/handoff\/([\w-]{1,64})\/(\d+)\/(\d+)\//;

async function handoffBackend(id, ttlMs, host) {
  if (!handoffs.has(id)) {
    serverModules ??= Promise.all([
      tsImport('../../src/server/index.ts', import.meta.url),
      tsImport('../../src/testing/index.ts', import.meta.url),
    ]);
    const [{ createOzLivenessHandler }, { createSimulatedOzApi }] = await serverModules;
    const simulated = createSimulatedOzApi({});
    const handler = createOzLivenessHandler({
      ozApiUrl: 'http://127.0.0.1:9', // never dialled: the fetch below goes to the simulated API in process
      handoff: { phoneUrl: `http://${host}/demo/phone.html`, ttlMs },
      log: () => {},
      // Oz takes a second over each container, so the desktop sees `uploading` before `done`.
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && request.url.includes('/folders'))
          await new Promise((r) => setTimeout(r, 1000));
        return simulated(request);
      },
    });
    handoffs.set(id, { handler, stats: { streams: 0, dropped: 0 } });
  }
  return handoffs.get(id);
}

async function handoffRoute(ctx, [, id, ttl, drop]) {
  const backend = await handoffBackend(id, Number(ttl), ctx.req.headers.host);
  if (ctx.path.endsWith('/stats')) {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(backend.stats);
    return;
  }
  const req = ctx.req;
  const response = await backend.handler(webRequest(ctx, { abortOnClose: true }));
  // Written straight to the socket, as the dev backend does: no buffering step between it and the browser.
  ctx.respond = false;
  const res = ctx.res;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const stream = ctx.path.endsWith('/handoff/events') && response.status === 200;
  if (stream) backend.stats.streams++;
  const cut = stream && backend.stats.dropped < Number(drop);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true }));
    if (done) return void res.end();
    res.write(value);
    if (cut && Buffer.from(value).toString().includes('data:')) {
      // The connection drops mid-stream, as a mobile network or a proxy does.
      backend.stats.dropped++;
      await reader.cancel().catch(() => {});
      req.socket.destroy();
      return;
    }
  }
}

export function testBackend() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/test-backend/')) return next();
    const q = ctx.query;
    const id = String(q.id ?? 'default');
    if (ctx.path.startsWith('/test-backend/retry-safe/')) return retrySafeRoute(ctx, id);
    const handoff = HANDOFF_MOUNT.exec(ctx.path);
    if (handoff) return handoffRoute(ctx, handoff);
    switch (ctx.path) {
      case '/test-backend/upload': {
        const chunks = [];
        for await (const c of ctx.req) chunks.push(c);
        const body = Buffer.concat(chunks);
        const attempts = (received.get(id)?.length ?? 0) + 1;
        record(id, {
          bytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          contentType: ctx.get('content-type'),
          headers: {
            'x-csrf-token': ctx.get('x-csrf-token') || undefined,
            cookie: ctx.get('cookie') || undefined,
            'idempotency-key': ctx.get('idempotency-key') || undefined,
          },
        });
        if (q.hang) {
          await new Promise((r) => setTimeout(r, 20_000)); // bounded: the element's timeout is far shorter
          ctx.status = 504;
          return;
        }
        const seq = String(q.seq ?? '201')
          .split(',')
          .map(Number);
        const status = seq[Math.min(attempts, seq.length) - 1];
        ctx.status = status;
        if (status >= 300 && q.retryAfter) ctx.set('Retry-After', String(q.retryAfter));
        if (q.requestId) ctx.set('X-Request-Id', `${q.requestId}-${attempts}`);
        if (q.body !== undefined && (status < 300 || q.bodyAlways)) {
          ctx.type = String(q.type ?? 'application/json');
          ctx.body = String(q.body);
        } else if (status === 400) {
          ctx.type = 'application/json';
          ctx.body = JSON.stringify({
            error_code: Number(q.ozCode ?? 14),
            error_message: 'Invalid request data',
            details: null,
          });
        } else if (status >= 200 && status < 300) {
          ctx.type = 'application/json';
          ctx.body = JSON.stringify({
            folder_id: `folder-${id}`,
            resolution_status: q.rs ?? 'FINISHED',
            system_resolution: q.sr ?? 'SUCCESS',
            resolution_comment: '',
            analyses: [],
          });
        } else {
          ctx.body = `status ${status}`;
        }
        return;
      }
      case '/test-backend/received':
        ctx.type = 'application/json';
        ctx.body = JSON.stringify(received.get(id) ?? []);
        return;
      case '/test-backend/token': {
        if (q.hang) {
          // A backend that never answers: the connection stays open, nothing is sent, until the
          // browser drops it (the element's session-token-timeout) or 60 s pass.
          record(`token:${id}`, { hang: true });
          await new Promise((r) => {
            const t = setTimeout(r, 60_000);
            ctx.req.socket.once('close', () => {
              clearTimeout(t);
              r();
            });
          });
          ctx.status = 504;
          return;
        }
        if (q.delay) await new Promise((r) => setTimeout(r, Number(q.delay)));
        if (q.requestId) ctx.set('X-Request-Id', String(q.requestId));
        record(`token:${id}`, { cookie: ctx.get('cookie') || undefined, csrf: ctx.get('x-csrf-token') || undefined });
        ctx.status = Number(q.status ?? 200);
        ctx.type = String(q.type ?? 'application/json');
        ctx.set('Cache-Control', 'no-store');
        ctx.body =
          q.body !== undefined ? String(q.body) : JSON.stringify({ session_token: `tok-${id}-${++tokenCounter}` });
        return;
      }
      case '/test-backend/stub-plugin.js':
        if (q.delay) await new Promise((r) => setTimeout(r, Number(q.delay)));
        ctx.type = 'text/javascript';
        ctx.body = 'window.OzLiveness = window.__ozStub;';
        return;
      case '/test-backend/page.html':
        ctx.type = 'text/html';
        if (q.csp) ctx.set('Content-Security-Policy', String(q.csp));
        ctx.body = String(q.html ?? '');
        return;
      case '/test-backend/empty.js':
        ctx.type = 'text/javascript';
        ctx.body = 'window.__emptyLoaded = (window.__emptyLoaded || 0) + 1;';
        return;
      default:
        ctx.status = 404;
    }
  };
}
