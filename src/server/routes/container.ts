/**
 * `POST …/container`: the body streamed to Oz as it arrives, cut off at the size limit. Without an
 * `Idempotency-Key` the call to Oz is tied to the browser's request; with one it is handed to
 * idempotency/upload.ts, which records and replays the answer.
 */
import { errorResponse, toResponse } from '../http/answers.js';
import { discardBody, tapBody } from '../http/body.js';
import { isValidIdempotencyKey } from '../idempotency/types.js';
import { idempotentUpload } from '../idempotency/upload.js';
import { uploadSlot } from '../limits/limits.js';
import { accessTokenFor } from '../oz/access-token.js';
import { containerTooLarge, tooSlow, uploadOutcome } from '../oz/answer.js';
import { deadline, failure, slowClient } from '../oz/calls.js';
import { sendContainer } from '../oz/upload.js';
import type { RouteScope } from './scope.js';

export async function container(request: Request, scope: RouteScope): Promise<Response> {
  const { config } = scope;
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
    return toResponse(containerTooLarge(config.maxBytes));
  }
  const key = request.headers.get('idempotency-key');
  if (key === null || !config.idempotency) return plainUpload(request, scope, length);
  if (!isValidIdempotencyKey(key)) {
    discardBody(request);
    return errorResponse(400, 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
  return idempotentUpload(request, scope, { key, length });
}

/** No key: forwarded as it comes, and abandoned with the browser. */
async function plainUpload(request: Request, scope: RouteScope, length: number | undefined): Promise<Response> {
  const { config, log } = scope;
  const slot = await uploadSlot(request, config.limits, log);
  if (!('release' in slot)) return slot;
  let token: string | undefined;
  try {
    token = await accessTokenFor(request, config);
  } catch (err) {
    slot.release();
    throw err;
  }
  const d = deadline(config.timeoutMs, request.signal);
  // The tap stops on the deadline too: the upload to Oz is dropped by us, not by fetch's signal alone.
  const body = tapBody(request.body, {
    max: config.maxBytes,
    onOverLimit: () => d.abort(),
    signal: d.signal,
    minRate: config.minRate,
    onTooSlow: () => d.abort(),
  });
  try {
    const oz = await sendContainer(config, { token, body, length, signal: d.signal });
    return toResponse((await uploadOutcome(oz, scope, { request, token })).answer);
  } catch (err) {
    if (body.overLimit) return toResponse(containerTooLarge(config.maxBytes));
    if (body.tooSlow) return toResponse(tooSlow(config, scope.log));
    if (d.timedOut && !body.complete) throw slowClient(err);
    throw failure(err, d, 'container upload');
  } finally {
    d.clear();
    slot.release();
    // Oz may answer before reading everything (a 400 on a bad header); stop reading the browser too.
    body.stop();
  }
}
