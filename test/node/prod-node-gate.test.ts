/**
 * No way around the app's login (issue 22, root cause 2). The Node adapter sits behind an Express
 * auth gate exactly as docs/security.md shows: `app.use('/oz', auth)`, then
 * `toNodeHandler(handler, { basePath: '/oz' })`. Express matches the raw path; a request whose raw
 * path is outside `/oz` skips the gate, so the adapter must not serve it either, however WHATWG URL
 * would resolve it. Every trick is sent as raw bytes on a real socket (no client tidies the path).
 * Run: node --import tsx --test test/node/prod-node-gate.test.ts
 */
import assert from 'node:assert/strict';
import type http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { createOzLivenessHandler, toNodeHandler } from '../../src/server/index.js';
import { FakeOz } from '../support/fake-oz.js';

const oz = new FakeOz();
let server: http.Server;
let port = 0;

before(async () => {
  await oz.start();
  const handler = createOzLivenessHandler({ ozApiUrl: oz.url, accessToken: 'tok-gate-secret', log: () => {} });
  // The setup of docs/security.md, "Behind your app's login".
  const auth: express.RequestHandler = (req, res, next) => {
    if (req.headers.cookie === 'session=logged-in') return next();
    res.status(401).json({ error: 'log in first' });
  };
  const app = express();
  app.use('/oz', auth);
  app.use(toNodeHandler(handler, { basePath: '/oz' }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await oz.stop();
});

/** One request as raw bytes: the request target goes on the wire exactly as written. */
function raw(method: string, target: string, cookie?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const body = method === 'POST' ? 'abc' : '';
    const head = [
      `${method} ${target} HTTP/1.1`,
      'Host: shop.example',
      'Connection: close',
      ...(cookie ? [`Cookie: ${cookie}`] : []),
      ...(method === 'POST' ? ['Content-Type: application/octet-stream', `Content-Length: ${body.length}`] : []),
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    });
  });
}

/** Targets whose raw path is outside /oz (so the gate never runs) but that resolve into it. */
const DOT_TRICKS = [
  '/x/%2e%2e/oz/{route}',
  '/x/%2E%2E/oz/{route}',
  '/x/.%2e/oz/{route}',
  '/x/%2e./oz/{route}',
  '/x/../oz/{route}',
  '/x/./../oz/{route}',
  '/x\\..\\oz\\{route}',
  '/x/..\\oz/{route}',
  '\\oz/{route}',
  '/x/%2e%2e/%2e%2e/oz/{route}',
  'http://shop.example/x/../oz/{route}',
  'http://shop.example/x/%2e%2e/oz/{route}',
];
/** Other shapes of the path that must not reach the handler without the login either. */
const OTHER_TRICKS = [
  '//oz/{route}',
  '/oz;x/{route}',
  '/x/..%5coz/{route}',
  '/x/%2e%2e%5coz/{route}',
  '/x/%2e%2e%2foz/{route}',
  '/x%2f..%2foz/{route}',
  '/%6fz/{route}',
  '/oz%2f{route}',
];
const ROUTES = [
  { method: 'GET', route: 'session-token' },
  { method: 'POST', route: 'container' },
];

describe('the Node adapter behind an Express login gate', () => {
  it('the gate works as configured: 401 without the login, 200 with it', async () => {
    const first = await raw('GET', '/oz/session-token');
    assert.equal(first.status, 401, JSON.stringify(first.text));
    assert.equal((await raw('GET', '/oz/session-token', 'session=logged-in')).status, 200);
    oz.reset();
  });

  for (const { method, route } of ROUTES) {
    for (const trick of DOT_TRICKS) {
      const target = trick.replace('{route}', route);
      it(`${method} ${target} → 400 (a dot-segment, an encoded dot or a backslash), Oz never called`, async () => {
        oz.reset();
        const answer = await raw(method, target);
        assert.equal(answer.status, 400, answer.text);
        assert.equal(oz.seen.length, 0, 'the handler called Oz without the login');
      });
    }
    for (const trick of OTHER_TRICKS) {
      const target = trick.replace('{route}', route);
      it(`${method} ${target} → 400 or 404, Oz never called`, async () => {
        oz.reset();
        const answer = await raw(method, target);
        assert.ok([400, 404].includes(answer.status), `${answer.status}: ${answer.text}`);
        assert.equal(oz.seen.length, 0, 'the handler called Oz without the login');
      });
    }
  }

  it('with the login, a dot-segment inside /oz is still refused (400): the adapter serves only the paths it was mounted for', async () => {
    oz.reset();
    const answer = await raw('GET', '/oz/x/../session-token', 'session=logged-in');
    assert.equal(answer.status, 400, answer.text);
    assert.equal(oz.seen.length, 0);
  });
});
