/**
 * The fault matrix of docs/security.md: the handler against a fake Oz that misbehaves on purpose
 * (redirects on each call, HTML and huge bodies, 429/503, refused and redirected logins, slow and
 * cut bodies) and against abusive clients. Each case asserts the status, the body, the headers, and
 * that no secret appears in any answer or log line.
 * Run: node --import tsx --test test/node/server-faults.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it, mock, type TestContext } from 'node:test';
import {
  createOzLivenessHandler,
  createRedisIdempotencyStore,
  toNodeHandler,
  type OzLivenessHandlerOptions,
} from '../../src/server/index.js';
import { FakeOz, sendJson, waitFor, type Reply } from '../support/fake-oz.js';
import { startRedis, type RunningRedis } from '../support/redis-server.js';

const TOKEN = 'tok-SECRET-4f9a2c';
const EMAIL = 'backend@customer.example';
const PASSWORD = 'pw-SECRET-77e1d0';
const APP = 'https://shop.example/api/liveness';
const REDIRECT_TEXT = 'Oz API answered with a redirect, which is never followed.';

const oz = new FakeOz();
let logs: string[] = [];
/** Another origin: a redirect would send the caller here. It records whether anyone came. */
const elsewhere = { server: http.createServer(), url: '', contacted: [] as string[] };
let redis: RunningRedis;

before(async () => {
  await oz.start();
  elsewhere.server.on('request', (req, res) => {
    elsewhere.contacted.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)}`);
    sendJson(res, 200, { session_token: 'from-elsewhere', access_token: 'elsewhere-token' });
  });
  await new Promise<void>((resolve) => elsewhere.server.listen(0, '127.0.0.1', resolve));
  elsewhere.url = `http://127.0.0.1:${(elsewhere.server.address() as AddressInfo).port}`;
  redis = await startRedis();
});
after(async () => {
  await oz.stop();
  elsewhere.server.closeAllConnections();
  await new Promise((resolve) => elsewhere.server.close(resolve));
  await redis.stop();
});
afterEach(() => {
  oz.reset();
  logs = [];
  elsewhere.contacted = [];
});

const withToken = (extra: Partial<OzLivenessHandlerOptions> = {}) =>
  createOzLivenessHandler({ ozApiUrl: oz.url, accessToken: TOKEN, log: (m) => logs.push(m), ...extra });
const withLogin = (extra: Partial<OzLivenessHandlerOptions> = {}) =>
  createOzLivenessHandler({
    ozApiUrl: oz.url,
    credentials: { email: EMAIL, password: PASSWORD },
    log: (m) => logs.push(m),
    ...extra,
  });

const getToken = (headers: Record<string, string> = {}) => new Request(`${APP}/session-token`, { headers });
function postContainer(
  body: BodyInit | null = new Uint8Array([1, 2, 3]),
  headers: Record<string, string> = {},
  signal?: AbortSignal,
) {
  return new Request(`${APP}/container`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    signal,
    duplex: 'half',
  } as RequestInit);
}

/** Status, headers and body, checked for the headers every answer has and for secrets. */
async function answer(res: Response) {
  const text = await res.text();
  const all = `${res.status} ${JSON.stringify([...res.headers])} ${text}`;
  for (const secret of [TOKEN, PASSWORD, EMAIL, 'login-token-1', 'elsewhere-token', 'from-elsewhere']) {
    assert.ok(!all.includes(secret), `the answer contains a secret: ${all}`);
  }
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `nosniff on ${res.status}`);
  assert.match(res.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._:-]{1,128}$/);
  let body: Record<string, unknown> = {};
  try {
    if (text !== '') body = JSON.parse(text);
  } catch {
    assert.fail(`not JSON: ${text}`);
  }
  return { status: res.status, body, headers: res.headers, requestId: res.headers.get('x-request-id')! };
}

function assertCleanLogs() {
  for (const line of logs) {
    for (const secret of [TOKEN, PASSWORD, EMAIL, 'login-token-1'])
      assert.ok(!line.includes(secret), `a log line contains a secret: ${line}`);
    assert.match(line, /\[request [A-Za-z0-9._:-]+\]/, `a log line names no request: ${line}`);
  }
}

const redirectTo =
  (status: number): Reply =>
  (_req, res) => {
    res.writeHead(status, { Location: `${elsewhere.url}/api/authorize/session_token` });
    res.end();
  };

describe('redirects: never followed, nothing sent to the other origin', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it(`${status} on the session token, the upload and the login → 502 with the fixed text`, async () => {
      oz.reply['/api/authorize/session_token'] = redirectTo(status);
      oz.reply['/api/instant/folders/'] = redirectTo(status);
      for (const res of [
        await withToken()(getToken()),
        await withToken()(postContainer()),
        await withToken()(postContainer(null, { 'Idempotency-Key': `k-${status}` })),
      ]) {
        const a = await answer(res);
        assert.equal(a.status, 502);
        assert.deepEqual(a.body, { error: REDIRECT_TEXT });
      }
      oz.reset();
      oz.reply['/api/authorize/auth/'] = redirectTo(status);
      const a = await answer(await withLogin()(getToken()));
      assert.equal(a.status, 502);
      assert.deepEqual(a.body, { error: REDIRECT_TEXT });
      assert.deepEqual(elsewhere.contacted, [], 'the other origin was never contacted');
      assert.match(logs.join('\n'), /HTTP|redirect/);
      assertCleanLogs();
    });
  }

  it('a fetch that hands back the 3xx (redirect: manual, as on workerd) → 502 too', async () => {
    const h = createOzLivenessHandler({
      ozApiUrl: 'https://oz.example',
      accessToken: TOKEN,
      log: (m) => logs.push(m),
      fetch: async () => new Response(null, { status: 302, headers: { Location: `${elsewhere.url}/x` } }),
    });
    for (const res of [await h(getToken()), await h(postContainer())]) {
      const a = await answer(res);
      assert.equal(a.status, 502);
      assert.deepEqual(a.body, { error: REDIRECT_TEXT });
    }
  });
});

describe('ozApiUrl must be https: unless loopback', () => {
  it('refuses http: elsewhere with a TypeError naming allowInsecureOzApiUrl, accepts it when set', () => {
    for (const url of ['http://oz.example', 'http://10.0.0.5', 'http://[::2]']) {
      assert.throws(
        () => createOzLivenessHandler({ ozApiUrl: url }),
        (err: Error) => err instanceof TypeError && /allowInsecureOzApiUrl/.test(err.message),
      );
      assert.doesNotThrow(() => createOzLivenessHandler({ ozApiUrl: url, allowInsecureOzApiUrl: true }));
    }
    for (const url of [
      'http://localhost:8080',
      'http://127.0.0.1:1',
      'http://127.9.9.9',
      'http://[::1]:9',
      'https://oz.example',
    ]) {
      assert.doesNotThrow(() => createOzLivenessHandler({ ozApiUrl: url }), url);
    }
  });
});

describe('Oz’s 400', () => {
  it('an HTML 400 echoing the token reaches the browser as JSON with only error_code and error_message', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/html' });
      res.end(`<html><script>alert(1)</script>token ${TOKEN}</html>`);
    };
    const a = await answer(await withToken()(postContainer()));
    assert.equal(a.status, 400);
    assert.match(a.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(a.body, { error_code: 0, error_message: 'Invalid request data' });
    assert.match(logs.join('\n'), /\[redacted\]/, 'the operator sees the body, redacted');
    assertCleanLogs();
  });

  it('keeps a numeric error_code, drops a long or odd error_message and every other field', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) =>
      sendJson(res, 400, { error_code: 14, error_message: `<b>${'x'.repeat(300)}</b>`, details: { token: TOKEN } });
    const a = await answer(await withToken()(postContainer()));
    assert.deepEqual(a.body, { error_code: 14, error_message: 'Invalid request data' });
    assertCleanLogs();
  });
});

/** Writes `total` bytes of `chunk`s as fast as the reader takes them; counts what went out. */
function hugeAnswer(status: number, total: number, sent: { bytes: number }): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const write = () => {
      while (sent.bytes < total) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', write);
      }
      res.end();
    };
    res.on('error', () => {});
    write();
  };
}

describe('huge answers are read up to a bound', () => {
  for (const [name, path, call] of [
    ['session token', '/api/authorize/session_token', () => withToken()(getToken())],
    ['upload', '/api/instant/folders/', () => withToken()(postContainer())],
    ['login', '/api/authorize/auth/', () => withLogin()(getToken())],
  ] as const) {
    it(`300 MB answering the ${name} → 502, the read cut off near the bound`, async (t: TestContext) => {
      const sent = { bytes: 0 };
      oz.reply[path] = hugeAnswer(200, 300 * 1024 * 1024, sent);
      const rss = process.memoryUsage().rss;
      const a = await answer(await call());
      assert.equal(a.status, 502);
      assert.match(String(a.body.error), /more than this server reads/);
      // 8 MiB read, plus what the sockets buffer: never the 300 MB on offer.
      assert.ok(sent.bytes < 100 * 1024 * 1024, `Oz got to send ${sent.bytes} bytes`);
      t.diagnostic(
        `RSS growth ${((process.memoryUsage().rss - rss) / 1048576).toFixed(1)} MiB; Oz sent ${(sent.bytes / 1048576).toFixed(0)} MiB`,
      );
      assertCleanLogs();
    });
  }
});

describe('Oz busy: 429 and 503 with Retry-After reach the browser as such', () => {
  for (const path of ['/api/authorize/session_token', '/api/instant/folders/']) {
    const call = () => (path.includes('session') ? withToken()(getToken()) : withToken()(postContainer()));
    it(`on ${path}`, async () => {
      oz.reply[path] = (_req, res) => sendJson(res, 429, { error_code: 0, echo: TOKEN }, { 'Retry-After': '120' });
      let a = await answer(await call());
      assert.equal(a.status, 429);
      assert.equal(a.headers.get('retry-after'), '120');
      assert.equal(typeof a.body.error, 'string');

      oz.reply[path] = (_req, res) => sendJson(res, 503, {}, { 'Retry-After': 'Wed, 21 Oct 2037 07:28:00 GMT' });
      a = await answer(await call());
      assert.equal(a.status, 503);
      assert.equal(a.headers.get('retry-after'), 'Wed, 21 Oct 2037 07:28:00 GMT');

      oz.reply[path] = (_req, res) => sendJson(res, 503, {});
      a = await answer(await call());
      assert.equal(a.status, 502, 'a 503 without Retry-After is a plain failure');

      oz.reply[path] = (_req, res) => sendJson(res, 429, {}, { 'Retry-After': '<script>' });
      a = await answer(await call());
      assert.equal(a.status, 429);
      assert.equal(a.headers.get('retry-after'), null, 'a malformed Retry-After is not passed on');
      assertCleanLogs();
    });
  }
});

describe('login: shared, and a refusal cools down', () => {
  it('40 concurrent token requests during a refused login → one login, 40 × 502; the cool-down grows 1 s, 2 s, … to 5 min', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      oz.reply['/api/authorize/auth/'] = (_req, res) =>
        sendJson(res, 401, { error_code: 7, error_message: `bad ${PASSWORD}` });
      const h = withLogin();
      const answers = await Promise.all(Array.from({ length: 40 }, () => h(getToken())));
      for (const res of answers) assert.equal((await answer(res)).status, 502);
      assert.equal(oz.seen.length, 1, 'one login for all of them');
      const during = await answer(await h(getToken()));
      assert.equal(during.status, 502);
      assert.match(String(during.body.error), /cooling down/);
      assert.equal(oz.seen.length, 1, 'no login during the cool-down');
      mock.timers.tick(1001);
      await h(getToken());
      assert.equal(oz.seen.length, 2, 'tried again after 1 s');
      mock.timers.tick(1001);
      await h(getToken());
      assert.equal(oz.seen.length, 2, 'the second cool-down is 2 s');
      mock.timers.tick(1000);
      await h(getToken());
      assert.equal(oz.seen.length, 3);
      for (let i = 0; i < 12; i++) {
        mock.timers.tick(300_001);
        await h(getToken());
      }
      assert.equal(oz.seen.length, 15, 'never more than 5 minutes');
      delete oz.reply['/api/authorize/auth/'];
      mock.timers.tick(300_001);
      assert.equal((await answer(await h(getToken()))).status, 200);
      assertCleanLogs();
    } finally {
      mock.timers.reset();
    }
  });
});

describe('limits (off by default)', () => {
  const byHeader = (request: Request) => request.headers.get('x-client') ?? undefined;

  it('are off by default: 30 token requests from one client all pass', async () => {
    const h = withToken();
    for (let i = 0; i < 30; i++) assert.equal((await h(getToken({ 'x-client': 'a' }))).status, 200);
  });

  for (const where of ['memory', 'Redis'] as const) {
    it(`a per-client session-token rate → 429 with Retry-After (${where})`, async () => {
      const shared = where === 'Redis' ? { redis: await redis.client(), prefix: `lim-${Date.now()}:` } : {};
      const limits = { sessionTokens: { max: 2, windowMs: 60_000 }, clientKey: byHeader, ...shared };
      const [a, b] = [withToken({ limits }), withToken({ limits })];
      assert.equal((await a(getToken({ 'x-client': 'one' }))).status, 200);
      assert.equal((await (where === 'Redis' ? b : a)(getToken({ 'x-client': 'one' }))).status, 200);
      const refused = await answer(await (where === 'Redis' ? b : a)(getToken({ 'x-client': 'one' })));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal((await a(getToken({ 'x-client': 'two' }))).status, 200, 'another client is not limited');
      assert.equal((await a(getToken())).status, 200, 'no client key: not limited');
      assert.equal(oz.seen.length, 4, 'the refused request cost no Oz call');
      assertCleanLogs();
    });

    it(`a cap on concurrent uploads → 429 with Retry-After (${where})`, async () => {
      const shared = where === 'Redis' ? { redis: await redis.client(), prefix: `cap-${Date.now()}:` } : {};
      const limits = { concurrentUploads: 1, ...shared };
      const [a, b] = [withToken({ limits }), withToken({ limits })];
      const release = oz.holdUploads();
      const first = a(postContainer());
      await waitFor(() => oz.uploads().length === 1, 'the first upload is with Oz');
      const refused = await answer(
        await (where === 'Redis' ? b : a)(postContainer(new Uint8Array(5), { 'Idempotency-Key': `cap-${where}` })),
      );
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');
      release();
      assert.equal((await first).status, 201);
      assert.equal((await b(postContainer())).status, 201, 'the slot is free again');
      assert.equal(oz.uploads().length, 2);
    });
  }

  it('refuses a limits option that cannot work, naming it', () => {
    assert.throws(() => withToken({ limits: { sessionTokens: { max: 5 } } }), /limits.clientKey/);
    assert.throws(() => withToken({ limits: { concurrentUploads: 0 } }), /limits.concurrentUploads/);
  });
});

describe('every answer: nosniff and X-Request-Id; log lines name it', () => {
  it('on 200, 201, 404, 405, OPTIONS, 413, 415 and errors; a well-formed incoming id is kept', async () => {
    const h = withToken({ maxContainerBytes: 2 });
    const requests = [
      getToken(),
      postContainer(new Uint8Array([1])),
      new Request(`${APP}/other`),
      new Request(`${APP}/container`),
      new Request(`${APP}/container`, { method: 'OPTIONS' }),
      postContainer(new Uint8Array(10)),
      new Request(`${APP}/container`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }),
    ];
    const statuses = [];
    for (const request of requests) statuses.push((await answer(await h(request))).status);
    assert.deepEqual(statuses, [200, 201, 404, 405, 204, 413, 415]);
    const kept = await h(getToken({ 'X-Request-Id': 'lb-1234.abcd' }));
    assert.equal(kept.headers.get('x-request-id'), 'lb-1234.abcd');
    const replaced = await h(getToken({ 'X-Request-Id': 'bad id <script>' }));
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    oz.reply['/api/authorize/session_token'] = (_req, res) => sendJson(res, 500, {});
    const failed = await h(getToken({ 'X-Request-Id': 'trace-42' }));
    assert.equal(failed.headers.get('x-request-id'), 'trace-42');
    assert.ok(
      logs.some((l) => /\[request [0-9a-f-]{36}\] \[x-request-id trace-42\]/.test(l)),
      logs.join('\n'),
    );
    assertCleanLogs();
  });

  it('the Node adapter’s own 404 has them too', async () => {
    const server = http.createServer(toNodeHandler(withToken(), { basePath: '/api/liveness' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/elsewhere`, {
        headers: { 'X-Request-Id': 'node-7' },
      });
      const a = await answer(res);
      assert.equal(a.status, 404);
      assert.equal(a.requestId, 'node-7');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a preflight allows only the element’s headers plus those listed, whatever is asked', async () => {
    const h = withToken({ cors: { origins: ['https://app.example'] } });
    const res = await h(
      new Request(`${APP}/container`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://app.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-evil, authorization',
        },
      }),
    );
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const real = await h(getToken({ Origin: 'https://app.example' }));
    assert.match(real.headers.get('access-control-expose-headers') ?? '', /X-Request-Id/);
  });
});

/** A body that sends one byte every `everyMs`, forever (until cancelled). */
function drip(everyMs: number) {
  let timer: ReturnType<typeof setInterval> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => controller.enqueue(new Uint8Array([7])), everyMs);
    },
    cancel() {
      clearInterval(timer);
    },
  });
}

describe('slow and cut bodies', () => {
  for (const key of [undefined, 'drip-key']) {
    it(`a client dripping its body holds the upstream connection until timeoutMs at most${key ? ' (with a key)' : ''}`, async () => {
      const h = withToken({ timeoutMs: 400 });
      const a = await answer(await h(postContainer(drip(50), key ? { 'Idempotency-Key': key } : {})));
      assert.equal(a.status, 504);
      await waitFor(() => oz.uploads()[0]?.aborted === true, 'the upstream connection is closed');
      assert.equal(oz.uploads()[0]!.ended, false);
      assertCleanLogs();
    });
  }

  it('a body cut midway → 502, the upload to Oz aborted', async () => {
    let sent = false;
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new Error('connection reset'));
        sent = true;
        controller.enqueue(randomBytes(1000));
      },
    });
    const a = await answer(await withToken()(postContainer(cut)));
    assert.equal(a.status, 502);
    await waitFor(() => oz.uploads()[0]?.aborted === true, 'the upload to Oz is aborted');
    assertCleanLogs();
  });

  it('Oz dripping its answer past timeoutMs → 504', async () => {
    oz.reply['/api/authorize/session_token'] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"session_token": "');
      const timer = setInterval(() => res.write('a'), 50);
      res.on('close', () => clearInterval(timer));
    };
    const a = await answer(await withToken({ timeoutMs: 400 })(getToken()));
    assert.equal(a.status, 504);
    assertCleanLogs();
  });
});

describe('Redis failing: fail closed', () => {
  it('the idempotency store or the limits unreachable → 503 with Retry-After, nothing forwarded', async () => {
    const dead = await startRedis();
    const client = await dead.client();
    await dead.stop();
    let a = await answer(
      await withToken({ idempotency: { store: createRedisIdempotencyStore(client) } })(
        postContainer(null, { 'Idempotency-Key': 'k1' }),
      ),
    );
    assert.equal(a.status, 503);
    assert.ok(a.headers.get('retry-after'));
    const limits = { redis: client, concurrentUploads: 5, sessionTokens: { max: 5 }, clientKey: () => 'c' };
    a = await answer(await withToken({ limits })(postContainer()));
    assert.equal(a.status, 503);
    a = await answer(await withToken({ limits })(getToken()));
    assert.equal(a.status, 503);
    assert.equal(a.headers.get('retry-after'), '2');
    assert.equal(oz.seen.length, 0);
    assertCleanLogs();
  });
});
