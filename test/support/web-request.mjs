// A Koa request (web-test-runner's dev server) as the fetch `Request` the kit's handler takes: the
// same method, headers and streamed body. With `abortOnClose`, its signal aborts when the browser's
// connection closes, so that a handler's stream ends with it.
import { Readable } from 'node:stream';

export function webRequest(ctx, { abortOnClose = false } = {}) {
  const req = ctx.req;
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let signal;
  if (abortOnClose) {
    const controller = new AbortController();
    ctx.res.once('close', () => controller.abort());
    signal = controller.signal;
  }
  return new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: 'half',
    signal,
  });
}
