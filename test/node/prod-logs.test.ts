/**
 * Log lines an operator can trust (issue 22, the smaller findings): Oz's 400 body redacted before it
 * is cut to 500 characters, secrets redacted raw, JSON-escaped and URL-encoded, control characters
 * escaped so Oz cannot forge or hide a line, and a client-chosen X-Request-Id logged beside the
 * server's own id, never instead of it.
 * Run: node --import tsx --test test/node/prod-logs.test.ts
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { createOzLivenessHandler } from '../../src/server/index.js';
import { FakeOz, sendJson } from '../support/fake-oz.js';

const TOKEN = 'zq7Kx9-access-token-SECRET-c0ffee';
const EMAIL = 'backend+ops@customer.example';
const PASSWORD = 'pw"SE\\CRET/77 é&=';
const UPLOAD_PATH = '/api/instant/folders/';
const APP = 'https://shop.example/api/oz';
const oz = new FakeOz();
let logs: string[] = [];

before(async () => {
  await oz.start();
});
after(async () => {
  await oz.stop();
});
afterEach(() => {
  oz.reset();
  logs = [];
});

const upload = (headers: Record<string, string> = {}) =>
  new Request(`${APP}/container`, {
    method: 'POST',
    body: new Uint8Array([1, 2, 3]),
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
  });
const withToken = () => createOzLivenessHandler({ ozApiUrl: oz.url, accessToken: TOKEN, log: (m) => logs.push(m) });
const withLogin = () =>
  createOzLivenessHandler({
    ozApiUrl: oz.url,
    credentials: { email: EMAIL, password: PASSWORD },
    log: (m) => logs.push(m),
  });

/** Every piece of `secret` at least `min` characters long that appears in the logs. */
function leakedPieces(secret: string, min = 6): string[] {
  const found: string[] = [];
  const all = logs.join('\n');
  for (let start = 0; start + min <= secret.length; start++) {
    const piece = secret.slice(start, start + min);
    if (all.includes(piece)) found.push(piece);
  }
  return found;
}

describe('log lines', () => {
  it("Oz's 400 body is redacted before it is cut: a token split by the 500-character cut leaks nothing", async () => {
    for (const offset of [480, 490, 495, 499]) {
      logs = [];
      // error_code first, then padding so that the token starts `offset` characters into the body.
      const head = '{"error_code":14,"error_message":"Invalid request data","details":"';
      const text = `${head}${'.'.repeat(offset - head.length)}${TOKEN} and more"}`;
      oz.reply[UPLOAD_PATH] = (_req, res) => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(text);
      };
      assert.equal((await withToken()(upload())).status, 400);
      assert.ok(
        logs.some((l) => l.includes('HTTP 400')),
        'the refusal is logged',
      );
      assert.deepEqual(leakedPieces(TOKEN), [], `offset ${offset}: ${logs.join(' | ')}`);
    }
  });

  it('the password and the email are redacted raw, JSON-escaped and URL-encoded', async () => {
    const echoes = [
      PASSWORD,
      JSON.stringify(PASSWORD).slice(1, -1),
      encodeURIComponent(PASSWORD),
      encodeURIComponent(EMAIL),
      EMAIL,
    ];
    oz.reply[UPLOAD_PATH] = (_req, res) =>
      sendJson(res, 400, {
        error_code: 4,
        error_message: 'Invalid request data',
        echoed: echoes.join(' | '),
        form: `email=${encodeURIComponent(EMAIL)}&password=${encodeURIComponent(PASSWORD)}`,
      });
    assert.equal((await withLogin()(upload())).status, 400);
    assert.ok(logs.length > 0);
    for (const form of echoes) {
      assert.ok(!logs.join('\n').includes(form), `${JSON.stringify(form)} reached the log: ${logs.join(' | ')}`);
    }
  });

  it('control characters from Oz are escaped: no forged line, no terminal escape, one line per log call', async () => {
    const forged = '\r\n[oz-liveness] [request 00000000-forged] all good\x1b[2J\x00\u2028\x7f';
    oz.reply[UPLOAD_PATH] = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`error${forged}`);
    };
    assert.equal((await withToken()(upload())).status, 400);
    assert.ok(logs.length > 0);
    for (const line of logs) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this looks for
      assert.doesNotMatch(line, /[\x00-\x1f\x7f\u2028\u2029]/, JSON.stringify(line));
    }
  });

  it("a client-chosen X-Request-Id is logged beside the server's own id, never instead of it", async () => {
    oz.reply[UPLOAD_PATH] = (_req, res) => sendJson(res, 500, { detail: 'boom' });
    const h = withToken();
    const first = await h(upload({ 'X-Request-Id': 'chosen-by-client-1' }));
    const second = await h(upload({ 'X-Request-Id': 'chosen-by-client-1' }));
    assert.equal(first.status, 502);
    assert.equal(second.status, 502);
    assert.equal(first.headers.get('x-request-id'), 'chosen-by-client-1', 'the incoming id is kept on the answer');
    const own = logs.map((l) => /\[request ([0-9a-f-]{36})\]/.exec(l)?.[1]);
    assert.ok(
      own.every((id) => id !== undefined),
      `every line names the server's own id: ${logs.join(' | ')}`,
    );
    assert.notEqual(own[0], own.at(-1), 'two requests with the same client id are two server ids');
    assert.ok(
      logs.every((l) => l.includes('chosen-by-client-1')),
      'the client id is beside it',
    );
  });
});
