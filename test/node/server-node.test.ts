/**
 * toNodeHandler: a web-standard handler inside node:http (and Express/Connect's (req, res, next)),
 * exercised over real loopback HTTP. Run: node --import tsx --test test/node/server*.test.ts
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { createOzLivenessHandler, toNodeHandler, type NodeHandler } from '../../src/server/index.js';

const servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(listener: http.RequestListener): Promise<string> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Serves `node` directly, as node:http would (no `next`). */
const serve = (node: NodeHandler) => listen((req, res) => void node(req, res));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw node:http client, so nothing between the test and the server buffers or rewrites. */
function request(url: string, options: http.RequestOptions = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('toNodeHandler', () => {
  it('hands the handler the full URL, method and headers, and writes status, headers and body back', async () => {
    let seen: Request | undefined;
    const base = await serve(
      toNodeHandler(async (request) => {
        seen = request;
        const headers = new Headers({ 'Content-Type': 'text/plain', 'X-Answer': 'yes' });
        headers.append('Set-Cookie', 'a=1');
        headers.append('Set-Cookie', 'b=2');
        return new Response('hello', { status: 202, statusText: 'Accepted-ish', headers });
      }),
    );
    const res = await request(`${base}/some/path?x=1&y=2`, { headers: { 'X-Custom': 'v', Accept: 'text/plain' } });
    assert.equal(res.status, 202);
    assert.equal(res.body, 'hello');
    assert.equal(res.headers['x-answer'], 'yes');
    assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(seen!.method, 'GET');
    assert.equal(seen!.url, `${base}/some/path?x=1&y=2`);
    assert.equal(seen!.headers.get('x-custom'), 'v');
    assert.equal(seen!.body, null);
  });

  it('streams the request body: the handler reads it before the client has finished sending', async () => {
    const base = await serve(
      toNodeHandler(async (request) => {
        const reader = request.body!.getReader();
        const first = await reader.read();
        // Answer now, with the client still holding the rest of its body.
        return Response.json({ first: new TextDecoder().decode(first.value) });
      }),
    );
    const answer = deferred<Answer>();
    const req = http.request(
      `${base}/upload`,
      { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => answer.resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', () => {});
    req.flushHeaders();
    req.write('chunk-1');
    const res = await answer.promise; // would never come if the adapter waited for the whole body
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { first: 'chunk-1' });
    req.destroy();
  });

  it('streams the response: the client gets the first chunk before the handler has written the last', async () => {
    const firstSeen = deferred();
    const base = await serve(
      toNodeHandler(async () => {
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(new TextEncoder().encode('first;'));
            await firstSeen.promise;
            controller.enqueue(new TextEncoder().encode('second'));
            controller.close();
          },
        });
        return new Response(body, { headers: { 'Content-Type': 'text/plain' } });
      }),
    );
    const text = await new Promise<string>((resolve, reject) => {
      http
        .get(`${base}/stream`, (res) => {
          let all = '';
          res.on('data', (d: Buffer) => {
            all += d.toString();
            if (all === 'first;') firstSeen.resolve();
          });
          res.on('end', () => resolve(all));
        })
        .on('error', reject);
    });
    assert.equal(text, 'first;second');
  });

  it('passes requests outside basePath to next(), or answers 404 without next', async () => {
    const calls: string[] = [];
    const node = toNodeHandler(async (r) => new Response(`handled ${new URL(r.url).pathname}`), { basePath: '/oz/' });
    const withNext = await listen((req, res) => {
      void node(req, res, (err) => {
        calls.push(`next:${req.url}:${err === undefined ? 'ok' : 'err'}`);
        res.end('fallthrough');
      });
    });
    assert.equal((await request(`${withNext}/oz`)).body, 'handled /oz');
    assert.equal((await request(`${withNext}/oz/session-token`)).body, 'handled /oz/session-token');
    assert.equal((await request(`${withNext}/ozone/x`)).body, 'fallthrough');
    assert.equal((await request(`${withNext}/`)).body, 'fallthrough');
    assert.deepEqual(calls, ['next:/ozone/x:ok', 'next:/:ok']);

    const bare = await serve(node);
    const res = await request(`${bare}/elsewhere`);
    assert.equal(res.status, 404);
    assert.equal(typeof JSON.parse(res.body).error, 'string');
  });

  it('uses Express’s originalUrl when mounted under a path', async () => {
    let url = '';
    const node = toNodeHandler(async (r) => ((url = r.url), new Response('ok')), { basePath: '/api/oz' });
    // What app.use('/api/oz', node) does: strip the mount path from req.url, keep originalUrl.
    const base = await listen((req, res) => {
      const express = req as http.IncomingMessage & { originalUrl?: string };
      express.originalUrl = req.url;
      req.url = req.url!.slice('/api/oz'.length) || '/';
      void node(req, res, () => res.end('next'));
    });
    assert.equal((await request(`${base}/api/oz/session-token?a=b`)).body, 'ok');
    assert.equal(url, `${base}/api/oz/session-token?a=b`);
  });

  it('keeps the server’s host for a path that looks protocol-relative', async () => {
    let url = '';
    const base = await serve(toNodeHandler(async (r) => ((url = r.url), new Response('ok'))));
    await request(`${base}/`, { path: '//evil.example/container' });
    assert.equal(new URL(url).host, new URL(base).host);
    assert.equal(new URL(url).pathname, '//evil.example/container');
  });

  it('sends handler errors to next(err), or answers 500 without next', async () => {
    const node = toNodeHandler(async () => {
      throw new Error('boom');
    });
    let passed: unknown;
    const withNext = await listen((req, res) => {
      void node(req, res, (err) => {
        passed = err;
        res.statusCode = 503;
        res.end('handled by express');
      });
    });
    assert.equal((await request(withNext)).status, 503);
    assert.equal((passed as Error).message, 'boom');

    const bare = await serve(node);
    const res = await request(bare);
    assert.equal(res.status, 500);
    assert.ok(!res.body.includes('boom'), 'no internals in the answer');
  });

  it('aborts request.signal when the client goes away', async () => {
    const aborted = deferred();
    const started = deferred();
    const base = await serve(
      toNodeHandler(async (request) => {
        request.signal.addEventListener('abort', () => aborted.resolve());
        started.resolve();
        await aborted.promise;
        return new Response('too late');
      }),
    );
    const req = http.get(`${base}/slow`);
    req.on('error', () => {});
    await started.promise;
    req.destroy();
    await aborted.promise; // the test times out if the abort never arrives
  });

  it('cuts the connection, without crashing, when the response body fails midway', async () => {
    const base = await serve(
      toNodeHandler(async (request) => {
        if (!request.url.endsWith('/broken')) return new Response('ok');
        // The first pull gives a chunk; the next one, asked for once that chunk is taken, breaks.
        let pulls = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('partial'));
            else controller.error(new Error('source broke'));
          },
        });
        return new Response(body);
      }),
    );
    await assert.rejects(request(`${base}/broken`), /aborted|socket hang up|ECONNRESET/);
    assert.equal((await request(`${base}/still-serving`)).body, 'ok', 'the server still answers');
  });

  it('writes no body for HEAD', async () => {
    const base = await serve(toNodeHandler(async () => new Response('body', { headers: { 'X-Here': '1' } })));
    const res = await request(base, { method: 'HEAD' });
    assert.equal(res.headers['x-here'], '1');
    assert.equal(res.body, '');
  });

  it('answers a handler that ignores the body, and the connection stays usable', async () => {
    const base = await serve(toNodeHandler(async () => new Response('ignored your body')));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(`${base}/a`, { method: 'POST', agent }, Buffer.alloc(512 * 1024, 1));
      assert.equal(first.body, 'ignored your body');
      const second = await request(`${base}/b`, { agent });
      assert.equal(second.body, 'ignored your body');
    } finally {
      agent.destroy();
    }
  });

  it('rejects a basePath that is not a path', () => {
    assert.throws(() => toNodeHandler(async () => new Response(''), { basePath: 'oz' }), /basePath/);
  });
});

describe('toNodeHandler + createOzLivenessHandler over HTTP', () => {
  async function fakeOz() {
    const received = { bytes: 0, requests: 0 };
    const url = await listen((req, res) => {
      received.requests++;
      req.on('data', (c: Buffer) => (received.bytes += c.length));
      req.on('error', () => {});
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            folder_id: 'f-1',
            resolution_status: 'FINISHED',
            system_resolution: 'SUCCESS',
            company_id: 'x',
          }),
        );
      });
    });
    return { url, received };
  }

  it('forwards a container end to end and answers the trimmed folder', async () => {
    const oz = await fakeOz();
    const base = await serve(
      toNodeHandler(createOzLivenessHandler({ ozApiUrl: oz.url, accessToken: 'tok-123456', log: () => {} }), {
        basePath: '/api/liveness',
      }),
    );
    const body = Buffer.alloc(2 * 1024 * 1024, 3);
    const res = await request(
      `${base}/api/liveness/container`,
      { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } },
      body,
    );
    assert.equal(res.status, 201);
    assert.deepEqual(JSON.parse(res.body), {
      folder_id: 'f-1',
      resolution_status: 'FINISHED',
      system_resolution: 'SUCCESS',
    });
    assert.equal(oz.received.bytes, body.length);
    assert.ok(!JSON.stringify(res.headers).includes('tok-123456'));
  });

  it('answers 413 to a client still streaming a body over the limit, forwarding no more than the limit', async () => {
    const oz = await fakeOz();
    const limit = 1024 * 1024;
    const base = await serve(
      toNodeHandler(createOzLivenessHandler({ ozApiUrl: oz.url, maxContainerBytes: limit, log: () => {} })),
    );
    const answer = deferred<Answer>();
    // Chunked, no Content-Length: only counting while streaming can catch it.
    const req = http.request(
      `${base}/container`,
      { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => answer.resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', () => {}); // the server may cut the socket once it has answered
    const chunk = Buffer.alloc(64 * 1024, 9);
    let sent = 0;
    let stop = false;
    void answer.promise.then(() => (stop = true));
    const pump = () => {
      while (!stop && sent < 64 * 1024 * 1024) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
    const res = await answer.promise;
    assert.equal(res.status, 413);
    assert.match(JSON.parse(res.body).error, /larger/);
    assert.ok(oz.received.bytes <= limit, `Oz received ${oz.received.bytes} bytes`);
    req.destroy();
  });
});
