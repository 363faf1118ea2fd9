/**
 * `POST …/container`: the body streamed to Oz as it arrives, cut off at the size limit. Without an
 * `Idempotency-Key` the exchange is tied to the browser's request; with one it is handed to
 * keyed.ts, which records and replays the answer.
 */
import { discardBody, tapBody } from './body.js';
import { accessToken, interpret, sendToOz, tooLarge, toResponse, uploadSlot, type Log } from './exchange.js';
import { isValidIdempotencyKey } from './idempotency.js';
import { keyedUpload } from './keyed.js';
import type { RequestContext } from './handler.js';
import type { Config } from './options.js';
import { errorResponse } from './responses.js';
import { deadline, failure, slowClient } from './upstream.js';

export async function container(request: Request, config: Config, log: Log, context?: RequestContext): Promise<Response> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') {
    discardBody(request);
    return errorResponse(415, 'Send the container as is, with Content-Type: application/octet-stream.');
  }
  const declared = request.headers.get('content-length');
  const length = declared === null ? undefined : Number(declared);
  if (length !== undefined && !(Number.isSafeInteger(length) && length >= 0)) {
    discardBody(request);
    return errorResponse(400, 'The Content-Length header is not a valid length.');
  }
  if (length !== undefined && length > config.maxBytes) {
    discardBody(request);
    return toResponse(tooLarge(config));
  }
  const key = request.headers.get('idempotency-key');
  if (key === null || !config.idempotency) return plainUpload(request, config, log, length);
  if (!isValidIdempotencyKey(key)) {
    discardBody(request);
    return errorResponse(400, 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
  return keyedUpload(request, config, log, key, length, context);
}

/** No key: forwarded as it comes, and abandoned with the browser. */
async function plainUpload(request: Request, config: Config, log: Log, length: number | undefined): Promise<Response> {
  const slot = await uploadSlot(request, config, log);
  if (!('release' in slot)) return slot;
  let token;
  try {
    token = await accessToken(request, config);
  } catch (err) {
    slot.release();
    throw err;
  }
  const d = deadline(config.timeoutMs, request.signal);
  const tap = tapBody(request.body, config.maxBytes, () => d.abort());
  try {
    const oz = await sendToOz(config, token, tap, length, d.signal);
    return toResponse((await interpret(oz, request, config, log, token)).answer);
  } catch (err) {
    if (tap.overLimit) return toResponse(tooLarge(config));
    if (d.timedOut && !tap.complete) throw slowClient(err);
    throw failure(err, d, 'container upload');
  } finally {
    d.clear();
    slot.release();
    // Oz may answer before reading everything (a 400 on a bad header); stop reading the browser too.
    tap.stop();
  }
}

