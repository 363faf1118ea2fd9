/**
 * A fake Oz API on loopback for the runtime contract suite. It plays the other side of the wire
 * and keeps a record of everything it saw, so the tests can check what reached Oz: the access
 * token, the bytes of each container (SHA-256, counted as they arrive), and how many calls.
 *
 * Each container starts with a marker line the test writes, `OZTEST <mode> <id>\n`; the mode says
 * how this fake answers, the id finds the record:
 *   ok        201 folder, after the whole body
 *   bad       400 { error_code: 4, error_message, details } (an Oz container error)
 *   busy      429 with Retry-After: 7
 *   fail      500 whose body quotes the access token (it must never reach the browser or a log)
 *   garbage   200 with a body that is not JSON
 *   redirect  307 to /moved on this server (no call to Oz may follow it)
 *   slow      reads everything, never answers (until the connection closes)
 *   stall     reads everything, sends its headers and one byte of the folder, then nothing (until
 *             the connection closes; `closed` in the record says when the handler let go)
 *   held      reads everything, answers 201 once the test calls release(id)
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';

const FOLDER = (id) => ({
  folder_id: id,
  resolution_status: 'FINISHED',
  system_resolution: 'SUCCESS',
  analyses: [{ type: 'QUALITY', state: 'FINISHED', resolution_status: 'SUCCESS', results_media: [] }],
});

export async function startFakeOz({ accessToken }) {
  /** id → the upload's record; more than one per id when the handler called Oz more than once. */
  const uploads = new Map();
  const sessionTokens = [];
  const otherCalls = [];
  const waiters = new Set();
  /** id → answers waiting for release(id) (mode `held`). */
  const held = new Map();
  const changed = () => waiters.forEach((check) => check());
  const open = new Set();
  /** While true, session-token calls get their headers and one byte, then nothing; the count of such calls whose connection is still open. */
  const stalledTokens = { on: false, open: 0 };

  const server = http.createServer((req, res) => {
    open.add(res);
    res.once('close', () => open.delete(res));
    const url = new URL(req.url, 'http://fake-oz');
    const json = (status, body, headers = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    if (req.headers['x-forensic-access-token'] !== accessToken) {
      req.resume();
      otherCalls.push({ method: req.method, path: url.pathname, unauthorized: true });
      changed();
      return json(401, { error_code: 1, error_message: 'Token is missing or invalid' });
    }
    if (req.method === 'GET' && url.pathname === '/api/authorize/session_token') {
      if (stalledTokens.on) {
        stalledTokens.open++;
        changed();
        res.once('close', () => {
          stalledTokens.open--;
          changed();
        });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.write('{');
      }
      const token = `session-${randomUUID()}`;
      sessionTokens.push(token);
      changed();
      return json(200, { session_token: token, expire_date: new Date(Date.now() + 900_000).toISOString() });
    }
    if (req.method === 'POST' && url.pathname === '/api/instant/folders/') return receive(req, res, json);
    req.resume();
    otherCalls.push({ method: req.method, path: url.pathname });
    changed();
    json(404, { error_code: 0, error_message: 'Not found' });
  });

  function receive(req, res, json) {
    const hash = createHash('sha256');
    const record = {
      headers: req.headers,
      bytes: 0,
      sha256: undefined,
      /** The whole body arrived. */
      complete: false,
      /** The sender cut the body short. */
      aborted: false,
      /** The connection is closed (by either side). */
      closed: false,
      mode: undefined,
      id: undefined,
    };
    let head = Buffer.alloc(0);
    req.on('data', (chunk) => {
      hash.update(chunk);
      record.bytes += chunk.length;
      if (record.id === undefined) {
        head = Buffer.concat([head, chunk.subarray(0, 128)]);
        const line = /^OZTEST (\w+) ([\w-]+)\n/.exec(head.toString('latin1'));
        if (line) {
          [, record.mode, record.id] = line;
          if (!uploads.has(record.id)) uploads.set(record.id, []);
          uploads.get(record.id).push(record);
        }
      }
      changed();
    });
    req.once('aborted', () => {
      record.aborted = true;
      changed();
    });
    res.once('close', () => {
      record.closed = true;
      changed();
    });
    req.once('end', () => {
      record.complete = true;
      record.sha256 = hash.digest('hex');
      changed();
      switch (record.mode) {
        case 'ok':
          return json(201, FOLDER(record.id));
        case 'bad':
          return json(400, {
            error_code: 4,
            error_message: 'Invalid request data',
            details: { reason: 'container_damaged', hint: 'simulated' },
          });
        case 'busy':
          return json(429, { error_code: 0, error_message: 'Too many requests' }, { 'Retry-After': '7' });
        case 'fail':
          return json(500, { error_message: `database down; token ${accessToken} was accepted` });
        case 'garbage':
          res.writeHead(200, { 'Content-Type': 'text/html' });
          return res.end('<html>not a folder</html>');
        case 'redirect':
          return json(307, { moved: true }, { Location: `http://127.0.0.1:${server.address().port}/moved` });
        case 'slow':
          return; // never answers
        case 'stall':
          res.writeHead(201, { 'Content-Type': 'application/json' });
          return res.write('{');
        case 'held':
          if (!held.has(record.id)) held.set(record.id, []);
          held.get(record.id).push(() => json(201, FOLDER(record.id)));
          return;
        default:
          return json(400, { error_code: 3, error_message: 'Invalid request data', details: 'no OZTEST marker' });
      }
    });
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Every upload Oz received for `id` (one per call). */
    uploads: (id) => uploads.get(id) ?? [],
    sessionTokens,
    stalledTokens,
    /** Answers every `held` upload of `id` that is still waiting (whose connection is still open). */
    release(id) {
      for (const answer of held.get(id) ?? []) answer();
      held.delete(id);
    },
    /** Calls to any other path (e.g. a followed redirect's target). */
    otherCalls,
    /** Resolves once `predicate()` holds; rejects after `ms` with `what` in the message. */
    waitFor(predicate, what, ms = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Oz: still waiting for ${what} after ${ms} ms`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
