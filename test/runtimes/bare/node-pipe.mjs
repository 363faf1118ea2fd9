// A bare relay on node:http, for scripts/bench-runtimes.mjs: each POST piped to the upstream's
// upload route and the answer piped back. No checks, no limits, no token: the floor any relay
// written on node:http pays to receive and re-send the bytes.
import http from 'node:http';
import { pipeline } from 'node:stream';

const upstream = new URL('/api/instant/folders/', process.env.OZ_API_URL);

export function pipe(req, res) {
  const headers = { 'content-type': 'application/octet-stream' };
  if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
  else headers['transfer-encoding'] = 'chunked';
  const up = http.request(upstream, { method: 'POST', headers }, (answer) => {
    res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    pipeline(answer, res, () => {});
  });
  pipeline(req, up, (err) => err && res.destroy());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = http.createServer(pipe);
  server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
    const { address, port } = server.address();
    console.log(`Listening on http://${address}:${port}/api/liveness/`);
  });
}
