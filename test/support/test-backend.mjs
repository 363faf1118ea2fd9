// A local backend for the element's browser tests, mounted by web-test-runner under /test-backend/.
// It is the network edge: real HTTP, scripted answers. Everything it received is kept per `id`
// so a test can ask afterwards what arrived (byte count, SHA-256, headers, attempts).
//
//   POST /test-backend/upload?id=X&seq=503,503,201   answers the seq statuses in order (last repeats);
//                                                   201/200 answer a folder (or `body=` verbatim)
//        &retryAfter=N   adds Retry-After: N to non-2xx answers    &hang=1  never answers
//   GET  /test-backend/received?id=X                 what POSTs with that id received
//   GET  /test-backend/token?id=X&status=200&body=…  a session token answer (body verbatim, default a fresh token)
//   GET  /test-backend/stub-plugin.js?…              a classic script that installs window.__ozStub as OzLiveness
//        (&delay=ms on the script and the token: answer that much later; &requestId= on the token: X-Request-Id)
//        /test-backend/empty.js                      a script that defines no OzLiveness
//        /test-backend/missing.js                    404
import { createHash } from 'node:crypto';

const received = new Map();
let tokenCounter = 0;

function record(id, entry) {
  if (!received.has(id)) received.set(id, []);
  received.get(id).push(entry);
}

export function testBackend() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/test-backend/')) return next();
    const q = ctx.query;
    const id = String(q.id ?? 'default');
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
          headers: { 'x-csrf-token': ctx.get('x-csrf-token') || undefined, cookie: ctx.get('cookie') || undefined, 'idempotency-key': ctx.get('idempotency-key') || undefined },
        });
        if (q.hang) {
          await new Promise((r) => setTimeout(r, 20_000)); // bounded: the element's timeout is far shorter
          ctx.status = 504;
          return;
        }
        const seq = String(q.seq ?? '201').split(',').map(Number);
        const status = seq[Math.min(attempts, seq.length) - 1];
        ctx.status = status;
        if (status >= 300 && q.retryAfter) ctx.set('Retry-After', String(q.retryAfter));
        if (q.body !== undefined && (status < 300 || q.bodyAlways)) {
          ctx.type = String(q.type ?? 'application/json');
          ctx.body = String(q.body);
        } else if (status === 400) {
          ctx.type = 'application/json';
          ctx.body = JSON.stringify({ error_code: Number(q.ozCode ?? 14), error_message: 'Invalid request data', details: null });
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
        if (q.delay) await new Promise((r) => setTimeout(r, Number(q.delay)));
        if (q.requestId) ctx.set('X-Request-Id', String(q.requestId));
        record(`token:${id}`, { cookie: ctx.get('cookie') || undefined, csrf: ctx.get('x-csrf-token') || undefined });
        ctx.status = Number(q.status ?? 200);
        ctx.type = String(q.type ?? 'application/json');
        ctx.set('Cache-Control', 'no-store');
        ctx.body = q.body !== undefined ? String(q.body) : JSON.stringify({ session_token: `tok-${id}-${++tokenCounter}` });
        return;
      }
      case '/test-backend/stub-plugin.js':
        if (q.delay) await new Promise((r) => setTimeout(r, Number(q.delay)));
        ctx.type = 'text/javascript';
        ctx.body = 'window.OzLiveness = window.__ozStub;';
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
