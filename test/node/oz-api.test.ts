// The simulated Oz API, in Node: every route, every error code, token lifetime and reuse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSimulatedOzApi, createSimulatedContainer, type SimulatedOzApiOptions } from '../../src/testing/index.js';

const BASE = 'http://oz.test/oz-api';

type Api = ReturnType<typeof createSimulatedOzApi>;

async function sessionToken(api: Api, headers: Record<string, string> = {}): Promise<string> {
  const res = await api(new Request(`${BASE}/api/authorize/session_token`, { headers }));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { session_token: string };
  return body.session_token;
}

function upload(
  api: Api,
  body: BodyInit | null,
  opts: { path?: string; type?: string | null; headers?: Record<string, string>; signal?: AbortSignal } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.type !== null) headers['content-type'] = opts.type ?? 'application/octet-stream';
  return api(
    new Request(`${BASE}${opts.path ?? '/api/instant/folders/'}`, {
      method: 'POST',
      body,
      headers,
      signal: opts.signal,
    }),
  );
}

async function errorOf(
  res: Response,
): Promise<{ status: number; error_code: number; error_message: string; details: { reason?: string } }> {
  const body = (await res.json()) as { error_code: number; error_message: string; details: { reason?: string } };
  return { status: res.status, ...body };
}

/** A fresh API plus a container sealed with a fresh token from it. */
async function setup(
  options: SimulatedOzApiOptions = {},
  container: Parameters<typeof createSimulatedContainer>[0] = {},
) {
  const api = createSimulatedOzApi(options);
  const token = await sessionToken(api);
  const blob = await createSimulatedContainer({ sessionToken: token, key: options.key, ...container });
  return { api, token, blob };
}

type Folder = {
  folder_id: string;
  resolution_status: string;
  system_resolution: string;
  resolution_comment: string;
  meta_data: Record<string, string>;
  media: Array<{ media_id: string; media_type: string; tags: string[] }>;
  analyses: Array<{
    type: string;
    state: string;
    resolution_status: string;
    error_code: unknown;
    error_message?: string | null;
    results_data: Record<string, number> | null;
    results_media: Array<{ source_media_id: string; output_images: Array<{ image_b64: string }> }>;
  }>;
};

describe('simulated Oz API: session tokens', () => {
  it('issues a JWT-looking token with no-store caching', async () => {
    const api = createSimulatedOzApi();
    const res = await api(new Request(`${BASE}/api/authorize/session_token`));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { session_token: string };
    assert.match(body.session_token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('issues a different token each time', async () => {
    const api = createSimulatedOzApi();
    assert.notEqual(await sessionToken(api), await sessionToken(api));
  });

  it('matches routes under any prefix, with or without the trailing slash', async () => {
    const api = createSimulatedOzApi();
    for (const path of ['/api/authorize/session_token', '/x/y/api/authorize/session_token/']) {
      const res = await api(new Request(`http://oz.test${path}`));
      assert.equal(res.status, 200, path);
    }
  });

  it('refuses other methods with 405', async () => {
    const api = createSimulatedOzApi();
    const res = await api(new Request(`${BASE}/api/authorize/session_token`, { method: 'POST' }));
    assert.equal(res.status, 405);
  });
});

describe('simulated Oz API: uploads that succeed', () => {
  it('answers 201 with a documented folder (accept)', async () => {
    const { api, blob } = await setup(
      {},
      { meta: { transaction_id: 't-1', end_user_id: 'u-1' }, eventSessionId: 'ev-1' },
    );
    const res = await upload(api, blob);
    assert.equal(res.status, 201);
    const folder = (await res.json()) as Folder;
    assert.match(folder.folder_id, /^[0-9a-f-]{36}$/);
    assert.equal(folder.resolution_status, 'FINISHED');
    assert.equal(folder.system_resolution, 'SUCCESS');
    assert.deepEqual(folder.meta_data, { transaction_id: 't-1', end_user_id: 'u-1', event_session_id: 'ev-1' });
    assert.equal(folder.media.length, 1);
    const quality = folder.analyses.find((a) => a.type === 'QUALITY')!;
    assert.equal(quality.state, 'FINISHED');
    assert.equal(quality.resolution_status, 'SUCCESS');
    assert.equal(typeof quality.results_data?.confidence_spoofing, 'number');
    const image = quality.results_media[0]!.output_images[0]!.image_b64;
    assert.ok(
      Buffer.from(image, 'base64')
        .subarray(0, 3)
        .equals(Buffer.from([0xff, 0xd8, 0xff])),
      'image_b64 is a base64 JPEG',
    );
    assert.equal(quality.results_media[0]!.source_media_id, folder.media[0]!.media_id);
  });

  it('carries the declined hint to FINISHED / DECLINED with "[]"', async () => {
    const { api, blob } = await setup({}, { scenario: 'declined' });
    const folder = (await (await upload(api, blob)).json()) as Folder;
    assert.equal(folder.resolution_status, 'FINISHED');
    assert.equal(folder.system_resolution, 'DECLINED');
    assert.equal(folder.resolution_comment, '[]');
    assert.equal(folder.analyses[0]!.resolution_status, 'DECLINED');
  });

  it('carries the failed hint to FAILED / FAILED, listing the failed analysis', async () => {
    const { api, blob } = await setup({}, { scenario: 'failed' });
    const folder = (await (await upload(api, blob)).json()) as Folder;
    assert.equal(folder.resolution_status, 'FAILED');
    assert.equal(folder.system_resolution, 'FAILED');
    assert.match(folder.resolution_comment, /QUALITY/);
    assert.equal(folder.analyses[0]!.state, 'FAILED');
    // An integer, as every Oz error_code (0 is Oz's general "unknown"), never a string.
    assert.ok(Number.isInteger(folder.analyses[0]!.error_code), 'an integer error_code');
    assert.ok(folder.analyses[0]!.error_message);
  });

  it('lets its own scenario option override the container hint', async () => {
    const { api, blob } = await setup({ scenario: 'declined' }, { scenario: 'accept' });
    const folder = (await (await upload(api, blob)).json()) as Folder;
    assert.equal(folder.system_resolution, 'DECLINED');
  });

  it('answers slow uploads after the latency, still SUCCESS', async () => {
    const { api, blob } = await setup({ latencyMs: 20 }, { scenario: 'slow' });
    const res = await upload(api, blob);
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as Folder).system_resolution, 'SUCCESS');
  });

  it('uses up the token once the whole container is checked, even when the client then aborts', async () => {
    const { api, blob, token } = await setup({ latencyMs: 60_000 }, { scenario: 'slow' });
    const ctl = new AbortController();
    const request = new Request(`${BASE}/api/instant/folders/`, {
      method: 'POST',
      body: blob,
      headers: { 'content-type': 'application/octet-stream' },
      signal: ctl.signal,
    });
    // Abort once the API waits on the request's signal (its latency), never after a guessed time.
    const waiting = new Promise<void>((resolve) => {
      const listen = request.signal.addEventListener.bind(request.signal) as (...args: unknown[]) => void;
      request.signal.addEventListener = ((type: string, ...rest: unknown[]) => {
        if (type === 'abort') resolve();
        listen(type, ...rest);
      }) as AbortSignal['addEventListener'];
    });
    const pending = api(request);
    await waiting;
    ctl.abort();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
    // The same bytes again, as a retrying client would send them: Oz refuses them, 400 / 14.
    const resent = await errorOf(await upload(api, blob));
    assert.equal(resent.status, 400);
    assert.equal(resent.error_code, 14);
    assert.equal(resent.details.reason, 'session_token_reused');
    // And a new container with that token too.
    const again = await createSimulatedContainer({ sessionToken: token });
    assert.equal((await errorOf(await upload(api, again))).error_code, 14);
  });

  it('adds a DOCUMENTS analysis when document photos come with a selfie', async () => {
    const { api, blob } = await setup({}, { actions: ['photo_id_front', 'video_selfie_blank'] });
    const folder = (await (await upload(api, blob)).json()) as Folder;
    assert.deepEqual(
      folder.analyses.map((a) => a.type),
      ['QUALITY', 'DOCUMENTS'],
    );
    assert.deepEqual(
      folder.media.map((m) => m.tags[0]),
      ['photo_id', 'video_selfie'],
    );
  });

  it('accepts a token-less container only when requireSessionToken is false', async () => {
    const api = createSimulatedOzApi({ requireSessionToken: false });
    const res = await upload(api, await createSimulatedContainer({ sessionToken: null }));
    assert.equal(res.status, 201);
  });

  it('works with a shared custom key on both sides', async () => {
    const { api, blob } = await setup({ key: 'k-1' });
    assert.equal((await upload(api, blob)).status, 201);
  });
});

describe('simulated Oz API: Instant and Full', () => {
  it('Instant stores nothing; Full keeps folders and finds them by meta_data', async () => {
    const api = createSimulatedOzApi();
    const c = (meta: Record<string, string>) =>
      sessionToken(api).then((t) => createSimulatedContainer({ sessionToken: t, meta }));
    await upload(api, await c({ transaction_id: 'instant-1' }));
    const stored = (await (
      await upload(api, await c({ transaction_id: 'full-1' }), { path: '/api/folders/' })
    ).json()) as Folder;
    await upload(api, await c({ transaction_id: 'full-2' }), { path: '/api/folders/' });

    const find = async (q: string) =>
      (await (await api(new Request(`${BASE}/api/folders/?meta_data=${encodeURIComponent(q)}`))).json()) as {
        items: Folder[];
        total: number;
      };
    assert.equal((await find('transaction_id==instant-1')).items.length, 0);
    const hit = await find('transaction_id==full-1');
    assert.equal(hit.items.length, 1);
    assert.equal(hit.items[0]!.folder_id, stored.folder_id);
    assert.equal(
      ((await api(new Request(`${BASE}/api/folders/`)).then((r) => r.json())) as { items: Folder[] }).items.length,
      2,
    );

    const one = await api(new Request(`${BASE}/api/folders/${stored.folder_id}/`));
    assert.equal(one.status, 200);
    assert.equal(((await one.json()) as Folder).folder_id, stored.folder_id);
  });

  it('answers 404 with error_code 10 for an unknown folder or route', async () => {
    const api = createSimulatedOzApi();
    for (const path of ['/api/folders/nope/', '/api/unknown/', '/nothing']) {
      const err = await errorOf(await api(new Request(`${BASE}${path}`)));
      assert.equal(err.status, 404, path);
      assert.equal(err.error_code, 10, path);
    }
  });

  it('answers 400 for a malformed meta_data filter', async () => {
    const api = createSimulatedOzApi();
    const res = await api(new Request(`${BASE}/api/folders/?meta_data=transaction_id`));
    assert.equal(res.status, 400);
  });
});

describe('simulated Oz API: container errors (400 "Invalid request data")', () => {
  const cases: Array<[string, () => Promise<{ api: Api; res: Response }>, number, string]> = [
    [
      'no body',
      async () => {
        const { api } = await setup();
        return { api, res: await upload(api, null) };
      },
      13,
      'no_container',
    ],
    [
      'empty container (container_error_13)',
      async () => {
        const { api, blob } = await setup({}, { scenario: 'container_error_13' });
        return { api, res: await upload(api, blob) };
      },
      13,
      'no_container',
    ],
    [
      'wrong content type',
      async () => {
        const { api, blob } = await setup();
        return { api, res: await upload(api, blob, { type: 'application/json' }) };
      },
      13,
      'wrong_content_type',
    ],
    [
      'multipart form',
      async () => {
        const { api, blob } = await setup();
        const form = new FormData();
        form.append('file', blob);
        return { api, res: await upload(api, form, { type: null }) };
      },
      13,
      'wrong_content_type',
    ],
    [
      'not a container',
      async () => {
        const { api } = await setup();
        return { api, res: await upload(api, new Uint8Array(200).fill(7)) };
      },
      14,
      'not_a_container',
    ],
    [
      'broken signature (container_error_14)',
      async () => {
        const { api, blob } = await setup({}, { scenario: 'container_error_14' });
        return { api, res: await upload(api, blob) };
      },
      14,
      'bad_signature',
    ],
    [
      'a flipped byte',
      async () => {
        const { api, blob } = await setup();
        const bytes = new Uint8Array(await blob.arrayBuffer());
        bytes[40] = bytes[40]! ^ 1;
        return { api, res: await upload(api, bytes) };
      },
      14,
      'bad_signature',
    ],
    [
      'a truncated container',
      async () => {
        const { api, blob } = await setup();
        return { api, res: await upload(api, blob.slice(0, blob.size - 10)) };
      },
      14,
      'bad_signature',
    ],
    [
      'a foreign key',
      async () => {
        const { api, blob } = await setup({}, { key: 'someone-else' });
        return { api, res: await upload(api, blob) };
      },
      14,
      'bad_signature',
    ],
    [
      'no session token',
      async () => {
        const api = createSimulatedOzApi();
        return { api, res: await upload(api, await createSimulatedContainer({ sessionToken: null })) };
      },
      14,
      'session_token_missing',
    ],
    [
      'a made-up session token',
      async () => {
        const api = createSimulatedOzApi();
        return { api, res: await upload(api, await createSimulatedContainer({ sessionToken: 'eyJhbGciOi.x.y' })) };
      },
      14,
      'session_token_invalid',
    ],
    [
      'a token from another simulator key',
      async () => {
        const other = createSimulatedOzApi({ key: 'other' });
        const api = createSimulatedOzApi();
        return {
          api,
          res: await upload(api, await createSimulatedContainer({ sessionToken: await sessionToken(other) })),
        };
      },
      14,
      'session_token_invalid',
    ],
    [
      'a tampered token',
      async () => {
        const api = createSimulatedOzApi();
        const [h, p, s] = (await sessionToken(api)).split('.');
        const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as { exp: number };
        claims.exp += 3600;
        const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
        return { api, res: await upload(api, await createSimulatedContainer({ sessionToken: forged })) };
      },
      14,
      'session_token_invalid',
    ],
    [
      'damaged media (container_error_5)',
      async () => {
        const { api, blob } = await setup({}, { scenario: 'container_error_5' });
        return { api, res: await upload(api, blob) };
      },
      5,
      'media_hash_mismatch',
    ],
    [
      'media that is not the JPEG it claims',
      async () => {
        const { api, token } = await setup();
        const blob = await createSimulatedContainer({ sessionToken: token, jpeg: new Uint8Array([1, 2, 3, 4, 5, 6]) });
        return { api, res: await upload(api, blob) };
      },
      5,
      'media_format',
    ],
    [
      'no media (container_error_4)',
      async () => {
        const { api, blob } = await setup({}, { scenario: 'container_error_4' });
        return { api, res: await upload(api, blob) };
      },
      4,
      'no_media',
    ],
    [
      'no payload (container_error_3)',
      async () => {
        const { api, blob } = await setup({}, { scenario: 'container_error_3' });
        return { api, res: await upload(api, blob) };
      },
      3,
      'no_payload',
    ],
  ];

  for (const [name, run, code, reason] of cases) {
    it(`${code} for ${name}`, async () => {
      const { res } = await run();
      const err = await errorOf(res);
      assert.equal(err.status, 400);
      assert.equal(err.error_code, code);
      assert.equal(err.error_message, 'Invalid request data');
      assert.equal(err.details.reason, reason);
    });
  }

  it('14 for a reused session token', async () => {
    const { api, token, blob } = await setup();
    assert.equal((await upload(api, blob)).status, 201);
    const again = await createSimulatedContainer({ sessionToken: token });
    const err = await errorOf(await upload(api, again));
    assert.equal(err.error_code, 14);
    assert.equal(err.details.reason, 'session_token_reused');
  });

  it('uses up the token even when the container fails after unpacking', async () => {
    const { api, token, blob } = await setup({}, { scenario: 'container_error_4' });
    assert.equal((await errorOf(await upload(api, blob))).error_code, 4);
    const err = await errorOf(await upload(api, await createSimulatedContainer({ sessionToken: token })));
    assert.equal(err.details.reason, 'session_token_reused');
  });

  it('14 for an expired token: valid until 900 s, expired at 900 s (clock injected)', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const api = createSimulatedOzApi({ now: () => clock });
    const t1 = await sessionToken(api);
    const t2 = await sessionToken(api);
    clock += 899_000;
    assert.equal((await upload(api, await createSimulatedContainer({ sessionToken: t1 }))).status, 201);
    clock += 1_000;
    const err = await errorOf(await upload(api, await createSimulatedContainer({ sessionToken: t2 })));
    assert.equal(err.error_code, 14);
    assert.equal(err.details.reason, 'session_token_expired');
  });

  it('honours tokenLifetimeSeconds', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const api = createSimulatedOzApi({ now: () => clock, tokenLifetimeSeconds: 60 });
    const t = await sessionToken(api);
    clock += 60_000;
    const err = await errorOf(await upload(api, await createSimulatedContainer({ sessionToken: t })));
    assert.equal(err.details.reason, 'session_token_expired');
  });

  for (const code of [3, 4, 5, 13, 14] as const) {
    it(`forces ${code} for every upload with scenario container_error_${code}`, async () => {
      const { api, blob } = await setup({ scenario: `container_error_${code}` });
      const err = await errorOf(await upload(api, blob));
      assert.equal(err.status, 400);
      assert.equal(err.error_code, code);
      assert.equal(err.details.reason, 'forced_by_scenario');
    });
  }
});

describe('simulated Oz API: access-token mode', () => {
  const credentials = { email: 'ops@example.test', password: 'pw' };
  const login = (api: Api, body: unknown) =>
    api(
      new Request(`${BASE}/api/authorize/auth/`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    );

  it('logs in with the configured credentials and then serves the routes', async () => {
    const api = createSimulatedOzApi({ credentials });
    const res = await login(api, { credentials });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { access_token: string; expire_token: number };
    assert.ok(body.access_token);
    assert.equal(typeof body.expire_token, 'number');
    const token = await sessionToken(api, { 'X-Forensic-Access-Token': body.access_token });
    const blob = await createSimulatedContainer({ sessionToken: token });
    assert.equal((await upload(api, blob, { headers: { 'X-Forensic-Access-Token': body.access_token } })).status, 201);
  });

  it('6 without credentials or without the header', async () => {
    const api = createSimulatedOzApi({ credentials });
    assert.deepEqual(
      [await errorOf(await login(api, {}))].map((e) => [e.status, e.error_code]),
      [[401, 6]],
    );
    const err = await errorOf(await api(new Request(`${BASE}/api/authorize/session_token`)));
    assert.deepEqual([err.status, err.error_code], [401, 6]);
    const up = await errorOf(await upload(api, await createSimulatedContainer()));
    assert.equal(up.error_code, 6, 'auth is checked before the container');
  });

  it('7 for wrong credentials or an unknown access token', async () => {
    const api = createSimulatedOzApi({ credentials });
    assert.equal((await errorOf(await login(api, { credentials: { ...credentials, password: 'no' } }))).error_code, 7);
    const err = await errorOf(
      await api(new Request(`${BASE}/api/authorize/session_token`, { headers: { 'X-Forensic-Access-Token': 'nope' } })),
    );
    assert.deepEqual([err.status, err.error_code], [401, 7]);
  });

  it('8 for an expired access token', async () => {
    let clock = Date.UTC(2030, 0, 1);
    const api = createSimulatedOzApi({ credentials, accessTokenLifetimeSeconds: 60, now: () => clock });
    const { access_token } = (await (await login(api, { credentials })).json()) as { access_token: string };
    clock += 60_000;
    const err = await errorOf(
      await api(
        new Request(`${BASE}/api/authorize/session_token`, { headers: { 'X-Forensic-Access-Token': access_token } }),
      ),
    );
    assert.deepEqual([err.status, err.error_code], [401, 8]);
  });

  it("accepts a fixed accessToken (the server half's OZ_ACCESS_TOKEN)", async () => {
    const api = createSimulatedOzApi({ accessToken: 'fixed-token' });
    assert.ok(await sessionToken(api, { 'X-Forensic-Access-Token': 'fixed-token' }));
    assert.equal((await errorOf(await api(new Request(`${BASE}/api/authorize/session_token`)))).error_code, 6);
  });

  it('needs no token when neither accessToken nor credentials is set', async () => {
    const api = createSimulatedOzApi();
    assert.ok(await sessionToken(api));
    assert.equal((await login(api, { credentials })).status, 200);
  });
});

// Oz's API Error Codes page carries 6/7/8 in the body and promises no HTTP status: the auth_expired_*
// scenarios answer 8 once, under 400 or 401, on the session-token call or on the upload.
describe('simulated Oz API: an access token that expires (auth_expired_* scenarios)', () => {
  const credentials = { email: 'backend@example.test', password: 's3cret' };
  const login = async (api: Api): Promise<string> => {
    const res = await api(
      new Request(`${BASE}/api/authorize/auth/`, {
        method: 'POST',
        body: JSON.stringify({ credentials }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    assert.equal(res.status, 200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const tokenCall = (api: Api, access: string) =>
    api(new Request(`${BASE}/api/authorize/session_token`, { headers: { 'X-Forensic-Access-Token': access } }));

  for (const status of [400, 401] as const) {
    it(`auth_expired_${status}_session_token: ${status} / 8 once, then a fresh login works`, async () => {
      const api = createSimulatedOzApi({ credentials, scenario: `auth_expired_${status}_session_token` });
      const first = await login(api);
      const refused = await errorOf(await tokenCall(api, first));
      assert.deepEqual([refused.status, refused.error_code], [status, 8]);
      assert.equal(refused.error_message, 'Access token expired.');
      const again = await errorOf(await tokenCall(api, first));
      assert.deepEqual([again.status, again.error_code], [status, 8], 'the expired token stays expired');
      const fresh = await login(api);
      const res = await tokenCall(api, fresh);
      assert.equal(res.status, 200);
      assert.ok(((await res.json()) as { session_token: string }).session_token);
      assert.equal((await tokenCall(api, fresh)).status, 200, 'only once');
    });

    it(`auth_expired_${status}_upload: ${status} / 8 once on the upload, the session token unspent`, async () => {
      const api = createSimulatedOzApi({ credentials, scenario: `auth_expired_${status}_upload` });
      const first = await login(api);
      const tokenRes = await tokenCall(api, first);
      assert.equal(tokenRes.status, 200, 'the session-token call is not the one that fails');
      const { session_token } = (await tokenRes.json()) as { session_token: string };
      const blob = await createSimulatedContainer({ sessionToken: session_token });
      const refused = await errorOf(await upload(api, blob, { headers: { 'X-Forensic-Access-Token': first } }));
      assert.deepEqual([refused.status, refused.error_code], [status, 8]);
      const fresh = await login(api);
      const res = await upload(api, blob, { headers: { 'X-Forensic-Access-Token': fresh } });
      assert.equal(res.status, 201, 'the same container goes through: its session token was never checked');
      assert.equal(((await res.json()) as Folder).system_resolution, 'SUCCESS');
    });
  }

  it('expires a fixed accessToken for good (no login can mend it)', async () => {
    const api = createSimulatedOzApi({ accessToken: 'fixed-token', scenario: 'auth_expired_400_session_token' });
    for (let i = 0; i < 2; i++) {
      const err = await errorOf(await tokenCall(api, 'fixed-token'));
      assert.deepEqual([err.status, err.error_code], [400, 8]);
    }
  });

  it('turns access-token mode on by itself: no token is 401 / 6', async () => {
    const api = createSimulatedOzApi({ scenario: 'auth_expired_401_upload' });
    const err = await errorOf(await api(new Request(`${BASE}/api/authorize/session_token`)));
    assert.deepEqual([err.status, err.error_code], [401, 6]);
  });

  it('answers every error_code as an integer, as Oz documents', async () => {
    const api = createSimulatedOzApi({ credentials, scenario: 'auth_expired_400_session_token' });
    const answers = [
      await tokenCall(api, await login(api)),
      await api(new Request(`${BASE}/api/authorize/session_token`)),
      await tokenCall(api, 'unknown'),
      await api(new Request(`${BASE}/api/nowhere`)),
      await upload(api, new Uint8Array(0), { headers: { 'X-Forensic-Access-Token': await login(api) } }),
      await api(
        new Request(`${BASE}/api/folders/?meta_data=bad`, { headers: { 'X-Forensic-Access-Token': await login(api) } }),
      ),
    ];
    const codes = await Promise.all(answers.map(async (r) => ((await r.json()) as { error_code: unknown }).error_code));
    assert.deepEqual(codes, [8, 6, 7, 10, 13, 0]);
    assert.ok(codes.every((c) => Number.isInteger(c)));
  });
});
