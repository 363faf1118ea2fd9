// `npm start` pointed at a real Oz deployment (OZ_PLUGIN_URL, OZ_API_URL, OZ_ACCESS_TOKEN). Oz can't be
// reached from here, so a local stub plays Oz API and the test checks what reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevBackend } from '../../demo/dev-backend.js';

interface Seen {
  method?: string;
  url?: string;
  token?: string;
  type?: string;
  bytes: number;
}

async function stubOz(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer(async (req, res) => {
    let bytes = 0;
    for await (const c of req) bytes += c.length;
    seen.push({
      method: req.method,
      url: req.url,
      token: req.headers['x-forensic-access-token'] as string,
      type: req.headers['content-type'],
      bytes,
    });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/api/authorize/session_token') return res.end(JSON.stringify({ session_token: 'eyJ.real.oz' }));
    res.statusCode = 201;
    res.end(
      JSON.stringify({
        folder_id: 'f-real',
        resolution_status: 'FINISHED',
        system_resolution: 'SUCCESS',
        analyses: [],
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function demoServer(env: Record<string, string>) {
  const { middleware, realOz } = createDevBackend({ env, quiet: true });
  const server = http.createServer((req, res) =>
    middleware(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    realOz,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('OZ_API_URL + OZ_ACCESS_TOKEN: the backend route talks to that Oz API with the token, which never reaches the browser', async () => {
  const oz = await stubOz();
  const demo = await demoServer({ OZ_API_URL: oz.url, OZ_ACCESS_TOKEN: 'access-secret' });
  try {
    assert.equal(demo.realOz, true);
    const tokenRes = await fetch(`${demo.base}/api/liveness/session-token`);
    const tokenText = await tokenRes.text();
    assert.equal(tokenRes.status, 200);
    assert.deepEqual(JSON.parse(tokenText), { session_token: 'eyJ.real.oz' });
    assert.ok(!tokenText.includes('access-secret'));

    const body = new Uint8Array(4096).map((_, i) => i % 251);
    const up = await fetch(`${demo.base}/api/liveness/container`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const upText = await up.text();
    assert.equal(up.status, 201);
    assert.equal(JSON.parse(upText).folder_id, 'f-real');
    assert.ok(!upText.includes('access-secret'));

    assert.deepEqual(
      oz.seen.map((s) => [s.method, s.url, s.token]),
      [
        ['GET', '/api/authorize/session_token', 'access-secret'],
        ['POST', '/api/instant/folders/', 'access-secret'],
      ],
    );
    assert.equal(oz.seen[1].bytes, body.length);
    assert.equal(oz.seen[1].type, 'application/octet-stream');
  } finally {
    await demo.close();
    await oz.close();
  }
});

test('OZ_API_MODE=full posts to /api/folders/', async () => {
  const oz = await stubOz();
  const demo = await demoServer({ OZ_API_URL: oz.url, OZ_ACCESS_TOKEN: 't', OZ_API_MODE: 'full' });
  try {
    const up = await fetch(`${demo.base}/api/liveness/container`, {
      method: 'POST',
      body: new Uint8Array(10),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(up.status, 201);
    assert.equal(oz.seen[0].url, '/api/folders/');
  } finally {
    await demo.close();
    await oz.close();
  }
});

test('without OZ_API_URL the backend route uses the simulated Oz API in process', async () => {
  const demo = await demoServer({});
  try {
    assert.equal(demo.realOz, false);
    const res = await fetch(`${demo.base}/api/liveness/session-token`);
    assert.equal(res.status, 200);
    assert.match((await res.json()).session_token, /^eyJ/);
  } finally {
    await demo.close();
  }
});

test('OZ_PLUGIN_URL puts the real plugin script in the page instead of the simulator', async () => {
  const prev = process.env.OZ_PLUGIN_URL;
  process.env.OZ_PLUGIN_URL = 'https://adapter.example/plugin_liveness.php';
  try {
    const { ozDemoPlugin } = await import('../../demo/vite.config.js');
    const plugin = ozDemoPlugin() as unknown as { transformIndexHtml: (h: string) => string };
    const html = plugin.transformIndexHtml(
      '<body data-simulator><oz-liveness-check plugin-src="/simulator/plugin_liveness.js"></oz-liveness-check>',
    );
    assert.ok(html.includes('plugin-src="https://adapter.example/plugin_liveness.php"'));
    assert.ok(!html.includes('/simulator/plugin_liveness.js'));
    assert.ok(html.includes('data-real-oz'));
  } finally {
    if (prev === undefined) delete process.env.OZ_PLUGIN_URL;
    else process.env.OZ_PLUGIN_URL = prev;
  }
});
