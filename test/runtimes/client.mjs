/**
 * The browser's side of the wire for the runtime tests, on node:http so every byte and header is
 * in our hands: a container is written chunk by chunk with backpressure, its SHA-256 taken as it
 * goes, and the answer may arrive before the body is all sent (a 413), which stops the writing.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * A container of `size` bytes: the fake Oz's marker line, then 64 KiB chunks of one random pool,
 * each stamped with its index (so a lost, doubled or reordered chunk changes the hash). Sending it
 * again sends the same bytes, as a browser's retry of one Blob does.
 */
export function makeContainer(mode, size, id = randomUUID()) {
  const marker = Buffer.from(`OZTEST ${mode} ${id}\n`, 'latin1');
  const pool = randomBytes(CHUNK);
  let digest;
  async function* chunks() {
    const hash = createHash('sha256');
    hash.update(marker);
    yield marker;
    let index = 0;
    for (let left = size - marker.length; left > 0; left -= CHUNK) {
      const chunk = Buffer.from(pool.subarray(0, Math.min(CHUNK, left)));
      if (chunk.length >= 4) chunk.writeUInt32BE(index++, 0);
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    id,
    size,
    chunks,
    /** The SHA-256 of what was sent last time, once every chunk was sent. */
    sha256: () => digest,
  };
}

/**
 * Sends one request. `body` is an async iterable of Buffers; `beforeChunk(sentBytes, answered)`
 * may return a promise to hold the writing (to see what the server does with half a body);
 * `answered` resolves when the answer's headers arrive. Resolves with the answer: status,
 * headers, text, and how many body bytes were written; its `destroy()` cuts the connection.
 */
export function send(url, { method = 'GET', headers = {}, body, beforeChunk } = {}) {
  let request;
  const answer = new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let onAnswer;
    const answeredPromise = new Promise((done) => (onAnswer = done));
    const req = (request = http.request(url, { method, headers, agent: false }, (res) => {
      answered = true;
      onAnswer();
      const parts = [];
      res.on('data', (part) => parts.push(part));
      res.once('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(parts).toString('utf8'), sent }),
      );
      res.once('error', reject);
    }));
    req.once('error', (err) => {
      if (!answered) reject(Object.assign(err, { sent }));
    });
    if (!body) return req.end();
    // Node holds the headers back until the first write; a browser sends them at once.
    req.flushHeaders();
    (async () => {
      for await (const chunk of body) {
        if (answered || req.destroyed) return;
        if (beforeChunk) await beforeChunk(sent, answeredPromise);
        if (answered || req.destroyed) return;
        sent += chunk.length;
        if (!req.write(chunk)) await drained(req);
      }
      if (!answered) req.end();
    })().catch((err) => req.destroy(err));
  });
  /** Cut the connection, as a browser tab that closes does. */
  answer.destroy = () => request.destroy();
  return answer;
}

/** POSTs a container as a browser sends a Blob (with Content-Length), or chunked when `chunked`. */
export function postContainer(base, container, { chunked = false, headers = {}, beforeChunk } = {}) {
  return send(new URL('container', base), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/octet-stream',
      ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': container.size }),
      ...headers,
    },
    body: container.chunks(),
    beforeChunk,
  });
}

function drained(req) {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

/** Resolves after `ms`, or with `promise` if that comes first: a bounded wait, never an assertion. */
export function within(promise, ms) {
  let timer;
  return Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}
