/**
 * createOzLivenessHandler against a fake Oz API: a real node:http server on 127.0.0.1, so the
 * upload really streams through undici's fetch. Run: node --import tsx --test test/node/server*.test.ts
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { decide } from '../../src/core/decision.js';
import {
  createOzLivenessHandler,
  decideFolder,
  type OzLivenessHandlerOptions,
  type ResultContext,
  trimFolder,
} from '../../src/server/index.js';
import { type AuthRefusal, FakeOz, markedFetch, type Reply, sendJson } from '../support/fake-oz.js';

const TOKEN = 'tok-SECRET-4f9a2c';
const EMAIL = 'backend@customer.example';
const PASSWORD = 'pw-SECRET-77e1d0';

const FULL_FOLDER = {
  folder_id: 'f-123',
  resolution_status: 'FINISHED',
  system_resolution: 'SUCCESS',
  resolution_comment: '[]',
  company_id: 'company-internal',
  owner_id: 'user-internal',
  operator_status: 'NONE',
  meta_data: { event_session_id: 'ev-1', end_user_id: 'u-42' },
  media: [{ media_id: 'm-1', file_hash: 'sha256:abc', original_url: 'https://store/m-1' }],
  analyses: [
    {
      analysis_id: 'a-1',
      type: 'QUALITY',
      state: 'FINISHED',
      resolution_status: 'SUCCESS',
      results_data: { confidence_spoofing: 0.01 },
      source_media: [{ media_id: 'm-1' }],
      results_media: [
        {
          results_media_id: 'r-1',
          output_images: [{ image_b64: '/9j/4AAQSkZJRg==', media_id: 'i-1', original_name: 'best.jpg' }],
        },
        { results_media_id: 'r-2', output_images: [] },
      ],
    },
    { analysis_id: 'a-2', type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'DECLINED', error_code: null },
  ],
};

const oz = new FakeOz();
oz.folder = FULL_FOLDER;
let logs: string[] = [];
/** This test's mark on its calls to Oz: a test that gave up on a hanging Oz may see its call arrive late. */
let run = '';

before(() => oz.start());
beforeEach(() => {
  run = crypto.randomUUID();
});
after(() => oz.stop());
afterEach(() => {
  oz.reset();
  logs = [];
});

function handler(extra: Partial<OzLivenessHandlerOptions> = {}) {
  return createOzLivenessHandler({
    ozApiUrl: oz.url,
    accessToken: TOKEN,
    log: (m) => logs.push(m),
    fetch: markedFetch(run),
    ...extra,
  });
}

/** The calls to Oz this test made (never a late one of the test before). */
function mine() {
  return oz.seenWith(run);
}

const APP = 'https://shop.example';

function getToken(path = '/api/liveness/session-token', init: RequestInit = {}) {
  return new Request(`${APP}${path}`, init);
}

function postContainer(body: BodyInit | null, headers: Record<string, string> = {}, path = '/api/liveness/container') {
  return new Request(`${APP}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    duplex: 'half',
  } as RequestInit);
}

/** A body of `total` bytes in `chunk`-sized pieces, with no Content-Length; counts what was pulled. */
function chunkedBody(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0, cancelled: false };
  const piece = new Uint8Array(chunk).fill(7);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += piece.byteLength;
      controller.enqueue(piece);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** Everything a response exposes, as one string, to search for secrets. */
async function exposed(res: Response): Promise<string> {
  return `${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}`;
}

function assertNoSecrets(text: string, where: string) {
  for (const secret of [TOKEN, PASSWORD, EMAIL]) {
    assert.ok(!text.includes(secret), `${where} contains a secret: ${text}`);
  }
}

describe('createOzLivenessHandler options', () => {
  it('throws a TypeError naming the bad option', () => {
    const cases: [Partial<OzLivenessHandlerOptions>, RegExp][] = [
      [{}, /ozApiUrl/],
      [{ ozApiUrl: 'not a url' }, /ozApiUrl/],
      [{ ozApiUrl: 'ftp://oz.example' }, /ozApiUrl/],
      [{ ozApiUrl: 'https://oz.example?x=1' }, /query/],
      [{ ozApiUrl: 'https://oz.example', api: 'lite' as 'full' }, /api must be/],
      [{ ozApiUrl: 'https://oz.example', accessToken: '' }, /accessToken/],
      [{ ozApiUrl: 'https://oz.example', credentials: { email: EMAIL, password: '' } }, /credentials.password/],
      [{ ozApiUrl: 'https://oz.example', maxContainerBytes: -1 }, /maxContainerBytes/],
      [{ ozApiUrl: 'https://oz.example', timeoutMs: 0 }, /timeoutMs/],
      [{ ozApiUrl: 'https://oz.example', cors: { origins: ['https://app.example/'] } }, /cors.origins/],
      [{ ozApiUrl: 'https://oz.example', cors: { origins: ['*'], credentials: true } }, /cors/],
    ];
    for (const [options, pattern] of cases) {
      assert.throws(
        () => createOzLivenessHandler(options as OzLivenessHandlerOptions),
        (err: Error) => {
          assert.ok(err instanceof TypeError);
          assert.match(err.message, pattern);
          return true;
        },
      );
    }
  });

  it('never quotes a secret in a thrown error', () => {
    const attempts: Partial<OzLivenessHandlerOptions>[] = [
      { ozApiUrl: `https://backend:${PASSWORD}@oz.example` },
      { ozApiUrl: `https://oz.example/?token=${TOKEN}` },
      { ozApiUrl: 'nope', accessToken: TOKEN },
      { ozApiUrl: 'https://oz.example', accessToken: TOKEN, credentials: { email: EMAIL, password: PASSWORD } },
      { ozApiUrl: 'https://oz.example', credentials: { email: EMAIL, password: 42 as unknown as string } },
    ];
    for (const options of attempts) {
      assert.throws(
        () => createOzLivenessHandler(options as OzLivenessHandlerOptions),
        (err: Error) => {
          assertNoSecrets(`${err.message} ${err.stack}`, 'thrown error');
          return true;
        },
      );
    }
  });
});

describe('GET …/session-token', () => {
  it('asks Oz for a session token with the access token and answers it uncached', async () => {
    const res = await handler()(getToken());
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { session_token: 'st-1' });
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(mine().length, 1);
    assert.equal(mine()[0]!.method, 'GET');
    assert.equal(mine()[0]!.path, '/api/authorize/session_token');
    assert.equal(mine()[0]!.headers['x-forensic-access-token'], TOKEN);
  });

  it('passes on only the session token, never the rest of the Oz answer', async () => {
    oz.reply['/api/authorize/session_token'] = (_req, res) =>
      sendJson(res, 200, { session_token: 'st-2', internal: TOKEN });
    const res = await handler()(getToken());
    assertNoSecrets(await exposed(res), 'answer');
  });

  it('sends no token header when the installation needs none', async () => {
    const res = await handler({ accessToken: undefined })(getToken());
    assert.equal(res.status, 200);
    assert.equal(mine()[0]!.headers['x-forensic-access-token'], undefined);
  });

  it('mounts under any prefix and keeps a path prefix of ozApiUrl', async () => {
    const h = handler({ ozApiUrl: `${oz.url}/oz/`, accessToken: undefined });
    const res = await h(getToken('/deep/mount/point/session-token/'));
    assert.equal(res.status, 200);
    assert.equal(mine()[0]!.path, '/oz/api/authorize/session_token');
  });

  it('answers 502 when Oz refuses or answers nonsense', async () => {
    oz.reply['/api/authorize/session_token'] = (_req, res) => sendJson(res, 500, { error_code: 0 });
    let res = await handler()(getToken());
    assert.equal(res.status, 502);
    assert.match((await res.json()).error, /HTTP 500/);

    oz.reply['/api/authorize/session_token'] = (_req, res) => res.end('<html>gateway</html>');
    res = await handler()(getToken());
    assert.equal(res.status, 502);
    assert.match((await res.json()).error, /session token/);
  });

  it('answers 504 when Oz does not answer in time', async () => {
    oz.hang.add('/api/authorize/session_token');
    const res = await handler({ timeoutMs: 100 })(getToken());
    assert.equal(res.status, 504);
    assert.match((await res.json()).error, /in time/);
  });
});

describe('POST …/container', () => {
  it('streams the bytes unchanged to the Instant API with the access token', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const res = await handler()(postContainer(new Blob([bytes]).stream()));
    assert.equal(res.status, 201);
    const seen = mine()[0]!;
    assert.equal(seen.method, 'POST');
    assert.equal(seen.path, '/api/instant/folders/');
    assert.equal(seen.headers['content-type'], 'application/octet-stream');
    assert.equal(seen.headers['x-forensic-access-token'], TOKEN);
    // No length was given, so it went chunked: nothing waited for the whole body.
    assert.equal(seen.headers['transfer-encoding'], 'chunked');
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    assert.equal(digest(seen.body), digest(bytes));
  });

  it('passes the browser’s Content-Length on to Oz', async () => {
    const bytes = randomBytes(1000);
    const res = await handler()(postContainer(new Blob([bytes]).stream(), { 'Content-Length': '1000' }));
    assert.equal(res.status, 201);
    assert.equal(mine()[0]!.headers['content-length'], '1000');
    assert.equal(mine()[0]!.body.length, 1000);
  });

  it('asks fetch for a request it will not clone, so the body is never teed into memory', async () => {
    let init: RequestInit | undefined;
    const h = createOzLivenessHandler({
      ozApiUrl: 'https://oz.invalid',
      fetch: async (_input, i) => {
        init = i;
        await new Response(i?.body).arrayBuffer();
        return Response.json(FULL_FOLDER, { status: 201 });
      },
    });
    assert.equal((await h(postContainer(new Uint8Array([1, 2])))).status, 201);
    // Anything else makes undici clone the request to follow redirects, and the clone tees the body.
    assert.equal(init?.redirect, 'error');
    assert.ok(init && 'window' in init && init.window === null);
    assert.ok(init?.body instanceof ReadableStream, 'the body is passed on as a stream');
    assert.equal((init as { duplex?: string }).duplex, 'half');
  });

  it('uses the full API when asked', async () => {
    const res = await handler({ api: 'full' })(postContainer(new Uint8Array([1, 2, 3])));
    assert.equal(res.status, 201);
    assert.equal(mine()[0]!.path, '/api/folders/');
  });

  it('answers only the fields the elements need, with meta_data.event_session_id for tracing (issue 23)', async () => {
    const res = await handler()(postContainer(new Uint8Array([1])));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), {
      folder_id: 'f-123',
      resolution_status: 'FINISHED',
      system_resolution: 'SUCCESS',
      resolution_comment: '[]',
      meta_data: { event_session_id: 'ev-1' },
      analyses: [
        {
          type: 'QUALITY',
          state: 'FINISHED',
          resolution_status: 'SUCCESS',
          results_media: [{ output_images: [{ image_b64: '/9j/4AAQSkZJRg==' }] }],
        },
        { type: 'BIOMETRY', state: 'FINISHED', resolution_status: 'DECLINED' },
      ],
    });
  });

  it('answers the whole folder with trimResponse: false', async () => {
    const res = await handler({ trimResponse: false })(postContainer(new Uint8Array([1])));
    assert.deepEqual(await res.json(), FULL_FOLDER);
  });

  it('trimFolder survives junk in place of analyses and images', () => {
    const trimmed = trimFolder({
      folder_id: 'f',
      system_resolution: 7 as unknown as string,
      analyses: [
        null,
        'x',
        { type: 'QUALITY', results_media: [null, { output_images: [{ image_b64: 5 }, null] }] },
      ] as never,
    });
    assert.deepEqual(trimmed, { folder_id: 'f', analyses: [{ type: 'QUALITY' }] });
    for (const meta_data of [null, 'x', [], { event_session_id: 5 }, { end_user_id: 'u' }]) {
      assert.deepEqual(
        trimFolder({ folder_id: 'f', meta_data } as never),
        { folder_id: 'f' },
        JSON.stringify(meta_data),
      );
    }
  });

  it('passes on an Oz 400 as JSON with only error_code and error_message (contract: issue 14)', async () => {
    const raw = '{"error_code": 14, "error_message": "Invalid request data", "details": {"reason": "signature"}}';
    oz.reply['/api/instant/folders/'] = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/html' });
      res.end(raw);
    };
    const res = await handler()(postContainer(new Uint8Array([1, 2])));
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await res.json(), { error_code: 14, error_message: 'Invalid request data' });
    assert.match(logs.join('\n'), /signature/, 'the rest stays in the server log');
  });

  it('answers 415 for a wrong or missing content type without calling Oz', async () => {
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', '']) {
      const req = new Request(`${APP}/container`, {
        method: 'POST',
        body: 'abc',
        headers: type ? { 'Content-Type': type } : {},
      });
      if (!type) req.headers.delete('content-type');
      const res = await handler()(req);
      assert.equal(res.status, 415, type);
      assert.match((await res.json()).error, /application\/octet-stream/);
    }
    assert.equal(mine().length, 0);
  });

  it('accepts the content type with parameters and in any case', async () => {
    const res = await handler()(
      postContainer(new Uint8Array([1]), { 'Content-Type': 'Application/Octet-Stream; foo=bar' }),
    );
    assert.equal(res.status, 201);
  });

  it('answers 413 from Content-Length alone, reading nothing and calling nobody', async () => {
    const { stream, state } = chunkedBody(10 * 1024 * 1024);
    const res = await handler({ maxContainerBytes: 1024 })(
      postContainer(stream, { 'Content-Length': String(10 * 1024 * 1024) }),
    );
    assert.equal(res.status, 413);
    assert.match((await res.json()).error, /1024 bytes/);
    assert.equal(mine().length, 0);
    assert.ok(state.cancelled, 'the body was cancelled');
    assert.ok(state.pulled <= 64 * 1024, `read ${state.pulled} bytes`);
  });

  it('answers 413 while streaming, stopping at the limit', async () => {
    const limit = 256 * 1024;
    const chunk = 16 * 1024;
    const { stream, state } = chunkedBody(64 * 1024 * 1024, chunk);
    const res = await handler({ maxContainerBytes: limit })(postContainer(stream));
    assert.equal(res.status, 413);
    assert.ok(state.cancelled, 'the body was cancelled');
    // The stream queues may hold a chunk or two; nothing like the 64 MB on offer.
    assert.ok(state.pulled <= limit + 4 * chunk, `read ${state.pulled} bytes for a ${limit} limit`);
    assert.ok(mine().length <= 1);
    const first = mine()[0];
    if (first) assert.ok(first.body.length <= limit);
  });

  it('answers 413 when Oz itself refuses the size', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) => sendJson(res, 413, {});
    const res = await handler()(postContainer(new Uint8Array([1])));
    assert.equal(res.status, 413);
  });

  it('answers 502 when Oz is unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const h = createOzLivenessHandler({
      ozApiUrl: `http://127.0.0.1:${port}`,
      accessToken: TOKEN,
      log: (m) => logs.push(m),
    });
    const res = await h(postContainer(new Uint8Array([1])));
    assert.equal(res.status, 502);
    assert.match((await res.json()).error, /unreachable/);
    assert.match(logs.join('\n'), /ECONNREFUSED/, 'the operator log says why');
  });

  it('answers 502 for an Oz error status or a 201 that is not a folder', async () => {
    const answers: Reply[] = [
      (_req, res) => sendJson(res, 500, { error_code: 0 }),
      (_req, res) => sendJson(res, 201, { items: [] }),
      (_req, res) => {
        res.writeHead(201);
        res.end('not json');
      },
    ];
    for (const answer of answers) {
      oz.reply['/api/instant/folders/'] = answer;
      const res = await handler()(postContainer(new Uint8Array([1])));
      assert.equal(res.status, 502);
      assert.equal(typeof (await res.json()).error, 'string');
    }
  });

  it('answers 504 when Oz is too slow', async () => {
    oz.hang.add('/api/instant/folders/');
    const res = await handler({ timeoutMs: 150 })(postContainer(new Uint8Array(10)));
    assert.equal(res.status, 504);
  });

  it('aborts the upload to Oz when the browser goes away', async () => {
    oz.hang.add('/api/instant/folders/');
    const controller = new AbortController();
    const { stream } = chunkedBody(1024);
    const req = new Request(`${APP}/container`, {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': 'application/octet-stream' },
      signal: controller.signal,
      duplex: 'half',
    } as RequestInit);
    const pending = handler()(req);
    while (mine().length === 0 || mine()[0]!.body.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const res = await pending;
    assert.equal(res.status, 499);
    while (!mine()[0]!.aborted) await new Promise((r) => setTimeout(r, 5));
    assert.equal(logs.length, 0, 'a client leaving is not logged as an Oz failure');
  });

  it('calls onResult with the whole folder and the request before answering', async () => {
    const calls: { folder: unknown; url: string }[] = [];
    const h = handler({ onResult: async (folder, request) => void calls.push({ folder, url: request.url }) });
    const res = await h(postContainer(new Uint8Array([1]), {}, '/x/container'));
    assert.equal(res.status, 201);
    assert.deepEqual(calls, [{ folder: FULL_FOLDER, url: `${APP}/x/container` }]);
  });

  it('answers 500 when onResult throws, not the unrecorded result', async () => {
    const res = await handler({
      onResult: () => {
        throw new Error('db down');
      },
    })(postContainer(new Uint8Array([1])));
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.folder_id, undefined);
    assert.match(logs.join('\n'), /db down/);
  });

  it('does not call onResult for a rejected container', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) => sendJson(res, 400, { error_code: 5 });
    let called = false;
    await handler({ onResult: () => void (called = true) })(postContainer(new Uint8Array([1])));
    assert.equal(called, false);
  });
});

describe('routing', () => {
  it('answers 404 for other paths and 405 for wrong methods', async () => {
    const h = handler();
    assert.equal((await h(getToken('/api/liveness/other'))).status, 404);
    assert.equal((await h(getToken('/api/liveness/session-token-x'))).status, 404);
    const wrongPost = await h(postContainer(new Uint8Array([1]), {}, '/api/liveness/session-token'));
    assert.equal(wrongPost.status, 405);
    assert.equal(wrongPost.headers.get('allow'), 'GET, OPTIONS');
    const wrongGet = await h(getToken('/api/liveness/container'));
    assert.equal(wrongGet.status, 405);
    assert.equal(wrongGet.headers.get('allow'), 'POST, OPTIONS');
    assert.equal(typeof (await wrongGet.json()).error, 'string');
    assert.equal(mine().length, 0);
  });

  it('uses the injected fetch instead of the network', async () => {
    const urls: string[] = [];
    const h = createOzLivenessHandler({
      ozApiUrl: 'https://oz.invalid',
      fetch: async (input) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return Response.json({ session_token: 'from-fake' });
      },
    });
    const res = await h(getToken());
    assert.deepEqual(await res.json(), { session_token: 'from-fake' });
    assert.deepEqual(urls, ['https://oz.invalid/api/authorize/session_token']);
  });
});

describe('login with credentials', () => {
  const login = (extra: Partial<OzLivenessHandlerOptions> = {}) =>
    handler({ accessToken: undefined, credentials: { email: EMAIL, password: PASSWORD }, ...extra });

  it('logs in once and reuses the token, also for concurrent requests', async () => {
    const h = login();
    const answers = await Promise.all([h(getToken()), h(getToken()), h(postContainer(new Uint8Array([1])))]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 201],
    );
    await h(getToken());
    assert.equal(oz.logins, 1);
    const auth = mine().find((s) => s.path === '/api/authorize/auth/')!;
    assert.equal(auth.method, 'POST');
    assert.deepEqual(JSON.parse(auth.body.toString()), { credentials: { email: EMAIL, password: PASSWORD } });
    for (const s of mine().filter((s) => s.path !== '/api/authorize/auth/')) {
      assert.equal(s.headers['x-forensic-access-token'], 'login-token-1');
    }
  });

  it('logs in again once the token has been idle too long', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      const h = login();
      await h(getToken());
      mock.timers.tick(5 * 60_000);
      await h(getToken());
      assert.equal(oz.logins, 1, 'used within the idle limit: reused');
      mock.timers.tick(11 * 60_000);
      await h(getToken());
      assert.equal(oz.logins, 2);
      assert.equal(mine().at(-1)!.headers['x-forensic-access-token'], 'login-token-2');
    } finally {
      mock.timers.reset();
    }
  });

  it('logs in again and retries once when Oz refuses the token', async () => {
    oz.reply['/api/authorize/session_token'] = (req, res) =>
      req.headers['x-forensic-access-token'] === 'login-token-1'
        ? sendJson(res, 401, { error_code: 8, error_message: 'expired' })
        : sendJson(res, 200, { session_token: 'st-fresh' });
    const res = await login()(getToken());
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { session_token: 'st-fresh' });
    assert.equal(oz.logins, 2);
  });

  it('answers 502 when the login fails, and tries again once the cool-down is over (contract: issue 14)', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      oz.reply['/api/authorize/auth/'] = (_req, res) =>
        sendJson(res, 401, { error_code: 7, error_message: `bad password ${PASSWORD}` });
      const h = login();
      const res = await h(getToken());
      assert.equal(res.status, 502);
      assert.match((await res.json()).error, /login/);
      delete oz.reply['/api/authorize/auth/'];
      mock.timers.tick(1001);
      assert.equal((await h(getToken())).status, 200);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('secrets', () => {
  it('never puts the access token or the password in an answer or a log line', async () => {
    const failures: [string, Reply | 'hang'][] = [
      ['/api/authorize/session_token', (_req, res) => sendJson(res, 500, { echo: TOKEN })],
      ['/api/authorize/session_token', (_req, res) => res.end(`not json ${TOKEN}`)],
      ['/api/authorize/session_token', 'hang'],
      ['/api/instant/folders/', (_req, res) => sendJson(res, 503, { echo: TOKEN })],
      ['/api/instant/folders/', (_req, res) => res.end(`not json ${TOKEN}`)],
      ['/api/instant/folders/', 'hang'],
      ['/api/authorize/auth/', (_req, res) => sendJson(res, 403, { echo: PASSWORD })],
      ['/api/authorize/auth/', (_req, res) => res.end(`not json ${PASSWORD}`)],
    ];
    for (const [path, reply] of failures) {
      for (const options of [{}, { accessToken: undefined, credentials: { email: EMAIL, password: PASSWORD } }]) {
        oz.reset();
        if (reply === 'hang') oz.hang.add(path);
        else oz.reply[path] = reply;
        const h = handler({ timeoutMs: 100, ...options });
        assertNoSecrets(await exposed(await h(getToken())), `session-token answer (${path})`);
        assertNoSecrets(await exposed(await h(postContainer(new Uint8Array([1])))), `container answer (${path})`);
      }
    }
    assert.ok(logs.length > 0, 'the failures were logged');
    assertNoSecrets(logs.join('\n'), 'log');
  });

  it('redacts secrets that a failing fetch puts in its error message', async () => {
    const h = createOzLivenessHandler({
      ozApiUrl: 'https://oz.invalid',
      credentials: { email: EMAIL, password: PASSWORD },
      log: (m) => logs.push(m),
      fetch: async (_input, init) => {
        throw new TypeError(`request failed: ${String(init?.body)}`, { cause: new Error(`password=${PASSWORD}`) });
      },
    });
    const res = await h(getToken());
    assert.equal(res.status, 502);
    assertNoSecrets(await exposed(res), 'answer');
    assert.match(logs.join('\n'), /\[redacted\]/);
    assertNoSecrets(logs.join('\n'), 'log');
  });
});

describe('CORS', () => {
  const cors = { origins: ['https://app.example'] };
  const preflight = (origin: string, path = '/container') =>
    new Request(`${APP}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-csrf-token',
      },
    });

  it('answers a preflight from an allowed origin (allowed headers: the element’s plus those listed; contract: issue 14)', async () => {
    const res = await handler({ cors: { ...cors, allowHeaders: ['X-CSRF-Token'] } })(preflight('https://app.example'));
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(res.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
    assert.equal(res.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key, X-CSRF-Token');
    assert.match(res.headers.get('vary') ?? '', /Origin/);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
  });

  it('refuses a preflight from another origin', async () => {
    const res = await handler({ cors })(preflight('https://evil.example'));
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
  });

  it('marks real answers for allowed origins only', async () => {
    const h = handler({ cors: { origins: ['https://app.example'], credentials: true } });
    const ok = await h(getToken('/session-token', { headers: { Origin: 'https://app.example' } }));
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    const other = await h(getToken('/session-token', { headers: { Origin: 'https://evil.example' } }));
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.match(other.headers.get('vary') ?? '', /Origin/);
  });

  it('answers any origin with * and no credentials', async () => {
    const res = await handler({ cors: { origins: ['*'] } })(
      getToken('/session-token', { headers: { Origin: 'https://x.example' } }),
    );
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  it('adds no CORS headers when cors is not configured', async () => {
    const res = await handler()(preflight('https://app.example'));
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('allow'), 'POST, OPTIONS');
  });
});

describe('Oz refuses our access (issue 23: error_code 6/7/8 under any status, 401, 403; 9 is a role)', () => {
  const login = (extra: Partial<OzLivenessHandlerOptions> = {}) =>
    handler({ accessToken: undefined, credentials: { email: EMAIL, password: PASSWORD }, ...extra });
  const tokenCalls = () => mine().filter((s) => s.path.endsWith('/api/authorize/session_token'));
  const logins = () => oz.loginCalls(mine()).length;
  const EXPIRED: AuthRefusal[] = [
    { status: 400, code: 8 },
    { status: 401, code: 8 },
    { status: 400, code: 6 },
    { status: 400, code: 7 },
    { status: 500, code: 8 },
    { status: 401 },
    { status: 403 },
  ];

  async function assertClean(res: Response) {
    assertNoSecrets(await exposed(res), 'answer');
    assertNoSecrets(logs.join('\n'), 'log');
  }

  for (const refusal of EXPIRED) {
    const said = `${refusal.status}${refusal.code ? `/${refusal.code}` : ''}`;
    it(`session token: an expired login token (${said}) → one fresh login, the call retried once → 200`, async () => {
      const h = login();
      assert.equal((await h(getToken())).status, 200);
      oz.expireLogins(refusal);
      const res = await h(getToken());
      assert.equal(res.status, 200);
      assert.deepEqual(await res.clone().json(), { session_token: 'st-1' });
      assert.equal(logins(), 2, 'one fresh login');
      assert.deepEqual(
        tokenCalls().map((s) => s.headers['x-forensic-access-token']),
        ['login-token-1', 'login-token-1', 'login-token-2'],
      );
      assert.ok(logs.some((l) => l.includes('logging in again')));
      await assertClean(res);
    });

    it(`upload: an expired login token (${said}) → 503 + Retry-After, then the next upload logs in once → 201`, async () => {
      const h = login();
      assert.equal((await h(getToken())).status, 200);
      oz.expireLogins(refusal);
      const refused = await h(postContainer(new Uint8Array([1, 2, 3])));
      assert.equal(refused.status, 503);
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(typeof (await refused.clone().json()).error, 'string');
      await assertClean(refused);
      assert.equal(logins(), 1, 'no login yet: the token is only dropped');
      const retry = await h(postContainer(new Uint8Array([1, 2, 3])));
      assert.equal(retry.status, 201);
      assert.equal(logins(), 2, 'one fresh login');
      const uploads = oz.uploads().filter((s) => mine().includes(s));
      assert.deepEqual(
        uploads.map((s) => s.headers['x-forensic-access-token']),
        ['login-token-1', 'login-token-2'],
      );
    });
  }

  it('session token: concurrent requests after the token expired share one fresh login', async () => {
    const h = login();
    assert.equal((await h(getToken())).status, 200);
    oz.expireLogins({ status: 400, code: 8 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => h(getToken())));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(8).fill(200),
    );
    assert.equal(logins(), 2);
  });

  it('session token: a permanent refusal costs at most one login per cool-down, not two per request', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      oz.refuseAll = { status: 401, code: 7 };
      const h = login();
      const first = await h(getToken());
      assert.equal(first.status, 502);
      assert.equal(logins(), 2, 'the first request: its login, and one fresh login');
      assert.ok(logs.some((l) => /freshly logged-in/.test(l)));
      for (let i = 0; i < 5; i++) assert.equal((await h(getToken())).status, 502);
      assert.equal(logins(), 2, 'no login during the cool-down');
      mock.timers.tick(1001);
      assert.equal((await h(getToken())).status, 502);
      assert.equal((await h(getToken())).status, 502);
      assert.equal(logins(), 3, 'one login after the first cool-down');
      mock.timers.tick(1001);
      await h(getToken());
      assert.equal(logins(), 3, 'the next cool-down is longer');
      mock.timers.tick(1000);
      await h(getToken());
      assert.equal(logins(), 4);
      oz.refuseAll = undefined;
      mock.timers.tick(4001);
      assert.equal((await h(getToken())).status, 200);
      assert.equal((await h(getToken())).status, 200);
      assert.equal(logins(), 5, 'taken again: back to one login, reused');
      assertNoSecrets(logs.join('\n'), 'log');
    } finally {
      mock.timers.reset();
    }
  });

  for (const status of [400, 403]) {
    it(`error_code 9 under ${status} is a role problem: 502, logged as such, no new login (session token and upload)`, async () => {
      const h = login();
      assert.equal((await h(getToken())).status, 200);
      oz.expireLogins({ status, code: 9 });
      const token = await h(getToken());
      assert.equal(token.status, 502);
      const upload = await h(postContainer(new Uint8Array([1])));
      assert.equal(upload.status, 502);
      assert.equal(logins(), 1, 'logging in again would not help');
      assert.equal(tokenCalls().length, 2, 'the session-token call is not retried');
      const roleLines = logs.filter((l) => /lacks the role/.test(l));
      assert.equal(roleLines.length, 2);
      assert.match(
        roleLines[0]!,
        /GET \/api\/authorize\/session_token.*error_code 9 \(AUTH FORBIDDEN\): "Access forbidden"/,
      );
      assert.match(roleLines[1]!, /POST \/api\/instant\/folders\//);
      await assertClean(token);
      await assertClean(upload);
    });
  }

  it('a fixed accessToken Oz no longer takes → 502 and a log line that says what to do (session token and upload)', async () => {
    oz.refused.set(TOKEN, { status: 400, code: 8 });
    const h = handler();
    const token = await h(getToken());
    assert.equal(token.status, 502);
    const upload = await h(postContainer(new Uint8Array([1]), { 'Idempotency-Key': crypto.randomUUID() }));
    assert.equal(upload.status, 502);
    assert.equal(tokenCalls().length, 1, 'nothing to renew: no retry');
    const lines = logs.filter((l) => /configured accessToken/.test(l));
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /HTTP 400, error_code 8 \(AUTH EXPIRED\).*Set a new accessToken, or give credentials/);
    await assertClean(token);
    await assertClean(upload);
  });

  it('no token configured and Oz asks for one → 502 and a log line naming both options', async () => {
    oz.refuseAll = { status: 401, code: 6 };
    const res = await handler({ accessToken: undefined })(getToken());
    assert.equal(res.status, 502);
    assert.ok(logs.some((l) => /neither accessToken nor credentials is configured/.test(l)));
  });

  it('an Oz 400 that is not about access still reaches the browser as the container’s refusal', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) =>
      sendJson(res, 400, { error_code: 14, error_message: 'Invalid request data' });
    const res = await login()(postContainer(new Uint8Array([1])));
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error_code: 14, error_message: 'Invalid request data' });
    assert.equal(logins(), 1);
  });
});

describe('what counts as a folder, and the decision (issue 23)', () => {
  const answers: [string, Reply][] = [
    ['299 with a folder', (_req, res) => sendJson(res, 299, FULL_FOLDER)],
    ['200 with JSON that is not a folder', (_req, res) => sendJson(res, 200, { ok: true })],
    ['202 with a folder', (_req, res) => sendJson(res, 202, FULL_FOLDER)],
    ['204 with nothing', (_req, res) => res.writeHead(204).end()],
  ];
  for (const [what, reply] of answers) {
    it(`any other 2xx than a folder under 200/201 is a 502: ${what}`, async () => {
      oz.reply['/api/instant/folders/'] = reply;
      const res = await handler()(postContainer(new Uint8Array([1])));
      assert.equal(res.status, 502);
      assert.equal(typeof (await res.json()).error, 'string');
    });
  }

  it('a folder under 200 passes', async () => {
    oz.reply['/api/instant/folders/'] = (_req, res) => sendJson(res, 200, FULL_FOLDER);
    assert.equal((await handler()(postContainer(new Uint8Array([1])))).status, 200);
  });

  it('decideFolder: accept only FINISHED + SUCCESS, reject on DECLINED, failed otherwise — as the elements decide', () => {
    const cases: [unknown, string][] = [
      [{ resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }, 'accept'],
      [{ resolution_status: 'PROCESSING', system_resolution: 'SUCCESS' }, 'failed'],
      [{ system_resolution: 'SUCCESS' }, 'failed'],
      [{ resolution_status: 'FINISHED', system_resolution: 'DECLINED' }, 'reject'],
      [{ system_resolution: 'DECLINED' }, 'reject'],
      [{ resolution_status: 'FINISHED', system_resolution: 'FAILED' }, 'failed'],
      [{ resolution_status: 'FINISHED', system_resolution: 'OPERATOR_REQUIRED' }, 'failed'],
      [{ resolution_status: 'finished', system_resolution: 'success' }, 'failed'],
      [{}, 'failed'],
      [null, 'failed'],
      ['SUCCESS', 'failed'],
      [[{ system_resolution: 'SUCCESS' }], 'failed'],
    ];
    for (const [folder, expected] of cases) {
      assert.equal(decideFolder(folder), expected, JSON.stringify(folder));
      assert.equal(decide(folder), expected, `the elements agree on ${JSON.stringify(folder)}`);
    }
  });

  it('onResult gets { decision, requestId }: the decision by that rule, the answer’s X-Request-Id', async () => {
    const got: ResultContext[] = [];
    oz.folder = { ...FULL_FOLDER, system_resolution: 'DECLINED' };
    try {
      const h = handler({ onResult: (_folder, _request, result) => void got.push(result) });
      const res = await h(postContainer(new Uint8Array([1]), { 'X-Request-Id': 'req-42' }));
      assert.equal(res.status, 201);
      assert.deepEqual(got, [{ decision: 'reject', requestId: 'req-42' }]);
      const other = await h(postContainer(new Uint8Array([2])));
      assert.equal(got[1]!.requestId, other.headers.get('x-request-id'));
    } finally {
      oz.folder = FULL_FOLDER;
    }
  });
});
