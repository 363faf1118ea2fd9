/**
 * The backend half's contract, run against a real server of one runtime (see runtimes.mjs) with
 * the fake Oz on loopback beside it. Each runtime's test file is one line: contractSuite('bun').
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { makeContainer, MiB, postContainer, send, within } from './client.mjs';
import { idempotencyCases } from './contract-idempotency.mjs';
import { startFakeOz } from './fake-oz.mjs';
import { RUNTIMES, startServer } from './runtimes.mjs';

/** Small enough that the over-limit cases stay quick, large enough for the 20 MiB container. */
export const TEST_LIMIT = 24 * MiB;
/** The handler's wait for Oz in these tests: long enough for 20 MiB on a busy machine, short for the 504 case. */
export const TEST_TIMEOUT_MS = 6000;

export function contractSuite(name) {
  const runtime = RUNTIMES[name];
  assert.ok(runtime, `unknown runtime ${name}`);

  describe(`backend half on ${runtime.label}`, () => {
    const accessToken = `oz-secret-${randomUUID()}`;
    /** Every answer the "browser" got, to look for the secret in all of them at the end. */
    const answers = [];
    let oz;
    let server;
    let base;

    const call = async (promise) => {
      const answer = await promise;
      answers.push(answer);
      return answer;
    };
    const json = (answer) => {
      assert.match(
        answer.headers['content-type'] ?? '',
        /^application\/json/,
        `not JSON: ${answer.text.slice(0, 200)}`,
      );
      return JSON.parse(answer.text);
    };
    /** What the cases in other files need, read when they run (after `before`). */
    const world = { call, json, oz: () => oz, base: () => base };

    before(async () => {
      oz = await startFakeOz({ accessToken });
      server = await startServer(runtime.serve, {
        OZ_API_URL: oz.url,
        OZ_ACCESS_TOKEN: accessToken,
        OZ_MAX_CONTAINER_BYTES: String(TEST_LIMIT),
        OZ_TIMEOUT_MS: String(TEST_TIMEOUT_MS),
      });
      base = server.url;
    });
    after(async () => {
      await server?.stop();
      await oz?.close();
    });

    it('GET session-token: a fresh Oz session token every time, marked no-store', async () => {
      const first = await call(send(new URL('session-token', base)));
      const second = await call(send(new URL('session-token', base)));
      assert.equal(first.status, 200, first.text);
      assert.equal(second.status, 200, second.text);
      assert.equal(json(first).session_token, oz.sessionTokens.at(-2));
      assert.equal(json(second).session_token, oz.sessionTokens.at(-1));
      assert.notEqual(json(first).session_token, json(second).session_token);
      assert.match(first.headers['cache-control'] ?? '', /no-store/);
    });

    it('POST container: 20 MiB reach Oz byte for byte, streamed through (Oz has bytes before the browser sent half)', async () => {
      const container = makeContainer('ok', 20 * MiB);
      let held = false;
      const answer = await call(
        postContainer(base, container, {
          headers: { Cookie: 'app-session=browser-secret', Authorization: 'Bearer browser-secret' },
          // Hold the second half back until Oz has received some of the first: a runtime that
          // buffered the whole body before forwarding it would never get there.
          beforeChunk: async (sent) => {
            if (held || sent < 10 * MiB) return;
            held = true;
            await oz.waitFor(
              () => oz.uploads(container.id)[0]?.bytes >= MiB,
              'the first MiB while the browser holds the second half',
              20_000,
            );
          },
        }),
      );
      assert.equal(answer.status, 201, answer.text);
      assert.equal(json(answer).folder_id, container.id);
      const [upload, ...more] = oz.uploads(container.id);
      assert.equal(more.length, 0, 'Oz was called once');
      assert.equal(upload.bytes, container.size);
      assert.equal(upload.sha256, container.sha256(), 'the bytes Oz got differ from the bytes sent');
      assert.equal(upload.headers['content-type'], 'application/octet-stream');
      assert.equal(upload.headers['x-forensic-access-token'], accessToken);
      assert.equal(upload.headers.cookie, undefined, "the browser's cookies reached Oz");
      assert.equal(upload.headers.authorization, undefined, "the browser's Authorization reached Oz");
    });

    it('POST container sent chunked (no Content-Length): the bytes still arrive intact', async () => {
      const container = makeContainer('ok', 3 * MiB + 123);
      const answer = await call(postContainer(base, container, { chunked: true }));
      assert.equal(answer.status, 201, answer.text);
      const [upload] = oz.uploads(container.id);
      assert.equal(upload.sha256, container.sha256());
    });

    it('413 when Content-Length says the container is over the limit; Oz is not called', async () => {
      const container = makeContainer('ok', TEST_LIMIT + 1);
      // The length alone decides: wait (boundedly) for the answer before sending the body, as a
      // client with `Expect: 100-continue` would. Some runtimes (Bun, Node's own http server)
      // close the connection right after an early answer, and Node's client, unlike a browser,
      // drops an answer it has not read yet when its next write fails.
      let waited = false;
      const beforeChunk = async (_sent, answered) => {
        if (waited) return;
        waited = true;
        await within(answered, 5000);
      };
      const answer = await call(postContainer(base, container, { beforeChunk }));
      assert.equal(answer.status, 413, answer.text);
      assert.ok(json(answer).error);
      assert.equal(oz.uploads(container.id).length, 0);
      assert.ok(answer.sent < container.size, 'the answer came before the whole body was sent');
    });

    it('413 when a chunked body passes the limit: cut off, never answered with a folder', async () => {
      const container = makeContainer('ok', TEST_LIMIT + 2 * MiB);
      // Past the limit, wait (boundedly) for the answer before writing on, as above.
      let waited = false;
      const beforeChunk = async (sent, answered) => {
        if (waited || sent <= TEST_LIMIT) return;
        waited = true;
        await within(answered, 5000);
      };
      const answer = await call(postContainer(base, container, { chunked: true, beforeChunk }));
      assert.equal(answer.status, 413, answer.text);
      for (const upload of oz.uploads(container.id)) {
        assert.ok(upload.bytes <= TEST_LIMIT, `Oz got ${upload.bytes} bytes, more than the limit`);
        assert.equal(upload.complete, false, 'Oz got a complete body although it was over the limit');
      }
    });

    it('415 for a container that is not application/octet-stream; Oz is not called', async () => {
      const container = makeContainer('ok', 1024);
      const answer = await call(
        postContainer(base, container, { headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }),
      );
      assert.equal(answer.status, 415, answer.text);
      assert.equal(oz.uploads(container.id).length, 0);
    });

    it("Oz's 400 reaches the browser as 400 with Oz's error_code", async () => {
      const container = makeContainer('bad', 256 * 1024);
      const answer = await call(postContainer(base, container));
      assert.equal(answer.status, 400, answer.text);
      // Only Oz's code and message: its `details` stay on the server.
      assert.deepEqual(json(answer), { error_code: 4, error_message: 'Invalid request data' });
    });

    it("Oz's 429 reaches the browser as 429 with Oz's Retry-After", async () => {
      const answer = await call(postContainer(base, makeContainer('busy', 64 * 1024)));
      assert.equal(answer.status, 429, answer.text);
      assert.equal(answer.headers['retry-after'], '7');
      assert.ok(json(answer).error);
    });

    it("502 when Oz fails (500), without Oz's text, which quotes the access token", async () => {
      const container = makeContainer('fail', 64 * 1024);
      const answer = await call(postContainer(base, container));
      assert.equal(answer.status, 502, answer.text);
      assert.ok(json(answer).error);
      assert.ok(!answer.text.includes('database down'), "Oz's own text reached the browser");
    });

    it('502 when Oz answers something that is not a folder', async () => {
      const answer = await call(postContainer(base, makeContainer('garbage', 64 * 1024)));
      assert.equal(answer.status, 502, answer.text);
    });

    it('502 when Oz redirects, and the redirect is not followed', async () => {
      const before = oz.otherCalls.length;
      const answer = await call(postContainer(base, makeContainer('redirect', 64 * 1024)));
      assert.equal(answer.status, 502, answer.text);
      assert.deepEqual(oz.otherCalls.slice(before), [], 'the redirect was followed');
    });

    it('504 when Oz does not answer in time', async () => {
      const container = makeContainer('slow', 64 * 1024);
      const answer = await call(postContainer(base, container));
      assert.equal(answer.status, 504, answer.text);
      assert.equal(oz.uploads(container.id)[0]?.complete, true, 'Oz got the whole container before it went quiet');
    });

    // Issue 22: the deadline holds by itself, not through fetch's signal alone (Node's fetch loses it
    // after a garbage collection), and the handler closes its connection to Oz.
    it('504 when Oz sends its headers, then stalls the body; the connection to Oz is closed', async () => {
      const container = makeContainer('stall', 64 * 1024);
      const answer = await within(call(postContainer(base, container)), 4 * TEST_TIMEOUT_MS);
      assert.equal(answer?.status, 504, answer?.text ?? 'no answer within 4 × timeoutMs');
      await oz.waitFor(() => oz.uploads(container.id)[0]?.closed === true, 'the handler to close its connection to Oz');
    });

    it("504 when Oz sends the session token's headers, then stalls; the connection to Oz is closed", async () => {
      oz.stalledTokens.on = true;
      try {
        const answer = await within(send(new URL('session-token', base)), 4 * TEST_TIMEOUT_MS);
        assert.equal(answer?.status, 504, answer?.text ?? 'no answer within 4 × timeoutMs');
      } finally {
        oz.stalledTokens.on = false;
      }
      await oz.waitFor(() => oz.stalledTokens.open === 0, 'the handler to close its connection to Oz');
    });

    idempotencyCases(world);

    it('every answer says nosniff and carries an X-Request-Id; a well-formed incoming id is kept', async () => {
      const kept = await call(send(new URL('session-token', base), { headers: { 'X-Request-Id': 'trace-4711.a' } }));
      assert.equal(kept.headers['x-request-id'], 'trace-4711.a');
      const replaced = await call(
        send(new URL('session-token', base), { headers: { 'X-Request-Id': 'not an id <script>' } }),
      );
      assert.match(replaced.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
      for (const answer of answers) {
        assert.equal(answer.headers['x-content-type-options'], 'nosniff', `the ${answer.status} answer lacks nosniff`);
        assert.ok(answer.headers['x-request-id'], `the ${answer.status} answer lacks an X-Request-Id`);
      }
    });

    it('no answer and no log line carries the Oz access token', () => {
      assert.ok(answers.length >= 10);
      for (const answer of answers) {
        assert.ok(!answer.text.includes(accessToken), `an answer (${answer.status}) carries the access token`);
        assert.ok(
          !JSON.stringify(answer.headers).includes(accessToken),
          `an answer's headers (${answer.status}) carry the access token`,
        );
      }
      assert.ok(!server.output().includes(accessToken), "the runtime's output carries the access token");
    });
  });
}
