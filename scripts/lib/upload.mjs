// The client side of the upload benchmarks: containers posted as a browser posts a Blob, N at
// once, timed over the whole batch. Shared by bench-server.ts and bench-runtimes.mjs.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

export const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0xa5);

/**
 * One upload as a browser sends a Blob: with Content-Length, written as fast as the server reads.
 * `withKey`: a fresh Idempotency-Key, as the element sends with each container (the handler then
 * hashes the body).
 */
export function upload(agent, url, bytes, { withKey = false } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes };
    if (withKey) headers['Idempotency-Key'] = randomUUID();
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 201 ? resolve() : reject(new Error(`HTTP ${res.statusCode} from ${url}`)),
      );
    });
    req.on('error', reject);
    writeBytes(req, bytes);
  });
}

/** Writes `bytes` filler bytes to a request as fast as the server reads them (backpressure), then ends it. */
export function writeBytes(req, bytes, chunk = CHUNK) {
  let sent = 0;
  const pump = () => {
    while (sent < bytes) {
      const piece = Math.min(chunk.length, bytes - sent);
      sent += piece;
      if (!req.write(piece === chunk.length ? chunk : chunk.subarray(0, piece))) return void req.once('drain', pump);
    }
    req.end();
  };
  pump();
}

/** N uploads of `bytes` at once; MiB/s over the whole batch. */
export async function batch(url, n, bytes, options = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: n });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => upload(agent, url, bytes, options)));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return (n * bytes) / MiB / seconds;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
