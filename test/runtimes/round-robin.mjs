/**
 * A round-robin load balancer on loopback, as in front of several handler instances: each
 * request goes to the next instance in turn, its body and answer piped through, the client's
 * address appended to X-Forwarded-For. `dropNextAnswer()`
 * makes it cut the browser's connection once the instance has answered the next request, the
 * answer lost on the way back (the fault a retry with the same Idempotency-Key is for).
 */
import http from 'node:http';
import { pipeline } from 'node:stream';

export async function startRoundRobin(targets) {
  let next = 0;
  let dropNext = false;
  /** Which instance got each request, in order. */
  const routed = [];
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    routed.push(index);
    const target = new URL(req.url, targets[index]);
    const drop = dropNext;
    dropNext = false;
    // As a load balancer does: the client's address appended to X-Forwarded-For.
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const headers = { ...req.headers, 'x-forwarded-for': forwarded };
    const up = http.request(target, { method: req.method, headers, agent: false }, (answer) => {
      if (drop) {
        answer.resume();
        answer.once('end', () => res.socket?.destroy());
        return;
      }
      res.writeHead(answer.statusCode, answer.headers);
      pipeline(answer, res, () => {});
    });
    up.once('error', () => res.socket?.destroy());
    pipeline(req, up, () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    routed,
    dropNextAnswer() {
      dropNext = true;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
