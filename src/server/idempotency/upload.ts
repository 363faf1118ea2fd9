/**
 * Uploads with an `Idempotency-Key`. The call to Oz is a job of its own: once the whole body has
 * gone to Oz it runs on after the browser leaves or the handler answers 504, and its answer is
 * recorded, so a retry gets that answer instead of a second, doomed, call to Oz (a session token
 * binds one container). A repeat waits for a job in progress (replay.ts answers a recorded one).
 */
import { type Answer, errorResponse, toResponse } from '../http/answers.js';
import { type BodyTap, discardBody, tapBody } from '../http/body.js';
import { describeError } from '../http/log.js';
import { createSha256 } from '../http/sha256.js';
import { uploadSlot } from '../limits/limits.js';
import { accessTokenFor } from '../oz/access-token.js';
import { containerTooLarge, type Outcome, tooSlow, uploadOutcome } from '../oz/answer.js';
import { deadline, failure, slowClient, UpstreamError } from '../oz/calls.js';
import { sendContainer } from '../oz/upload.js';
import type { RouteScope } from '../routes/scope.js';
import { replay } from './replay.js';
import type { IdempotencyEntry } from './types.js';

/** The upload: its key, and the browser's declared `Content-Length`. */
export interface IdempotentRequest {
  key: string;
  length: number | undefined;
}

export async function idempotentUpload(
  request: Request,
  scope: RouteScope,
  upload: IdempotentRequest,
): Promise<Response> {
  const { config, log } = scope;
  const { key } = upload;
  const { store } = config.idempotency!;
  const owner = crypto.randomUUID();
  // The job may outlive the browser's request by backgroundTimeoutMs, never more; the claim lasts a
  // little longer, and expires by itself if this instance dies holding it.
  const leaseMs = config.timeoutMs + config.backgroundTimeoutMs + 5000;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    let entry: IdempotencyEntry | undefined;
    try {
      entry = await store.claim(key, owner, leaseMs);
    } catch (err) {
      discardBody(request);
      log(`idempotency store failed (claim): ${describeError(err)}`);
      return errorResponse(503, 'The liveness backend cannot check this upload right now. Try again.', {
        'Retry-After': '2',
      });
    }
    if (!entry) break;
    if (entry.state === 'done') return replay(request, scope, { key, recorded: entry.answer });
    // Another request with this key is with Oz: wait for its answer, as long as this one may take.
    if (request.signal.aborted || Date.now() - started >= config.timeoutMs) {
      discardBody(request);
      if (request.signal.aborted) throw request.signal.reason;
      return errorResponse(504, 'An upload with this Idempotency-Key is still with Oz. Try again.', {
        'Retry-After': '2',
      });
    }
    await sleep(pollDelay(attempt), request.signal).catch(() => {});
  }

  const slot = await uploadSlot(request, config.limits, log).catch(async (err: unknown) => {
    await store.release(key, owner).catch(() => {});
    throw err;
  });
  if (!('release' in slot)) {
    await store.release(key, owner).catch(() => {});
    return slot;
  }
  const token = await accessTokenFor(request, config).catch(async (err: unknown) => {
    slot.release();
    await store.release(key, owner).catch(() => {});
    throw err;
  });
  const job = startUploadJob({ request, scope, ...upload, owner, token, leaseMs, slot });
  job.result.catch(() => {}); // read below, or by nobody once the browser has gone
  // On runtimes that stop work once the answer is out (Workers), keep the job alive until recorded.
  if (typeof scope.runtime?.waitUntil === 'function') scope.runtime.waitUntil(job.recorded);
  return answerInTime(job, scope, request.signal);
}

/** What {@link startUploadJob} needs: the claimed key and everything its call to Oz runs with. */
interface UploadJobOptions extends IdempotentRequest {
  request: Request;
  scope: RouteScope;
  /** This request's claim on the key. */
  owner: string;
  token: string | undefined;
  /** How long the claim lasts; the job ends 5 s before it. */
  leaseMs: number;
  /** The place among the uploads with Oz, given back when the call ends. */
  slot: { release(): void };
}

interface UploadJob {
  /** The answer for the browser; rejects with an {@link UpstreamError} (or the browser's abort). */
  result: Promise<Answer>;
  /** Settles once the answer is recorded (or the claim given back). */
  recorded: Promise<void>;
  body: BodyTap;
}

/**
 * The call to Oz for a claimed key. The browser's leaving (or the handler's 504) cuts it off only
 * while the body is still coming in: an answer to half a body is not worth keeping.
 */
function startUploadJob(options: UploadJobOptions): UploadJob {
  const { request, scope, key, owner, token, length, leaseMs, slot } = options;
  const { config, log } = scope;
  const { store, ttlMs } = config.idempotency!;
  const d = deadline(leaseMs - 5000);
  const body = tapBody(request.body, {
    max: config.maxBytes,
    onOverLimit: () => d.abort(),
    hash: createSha256(),
    signal: d.signal,
    minRate: config.minRate,
    onTooSlow: () => d.abort(),
  });
  const cutIfIncomplete = () => {
    if (!body.complete) d.abort(new DOMException('The browser went away before the whole body arrived.', 'AbortError'));
  };
  request.signal.addEventListener('abort', cutIfIncomplete, { once: true });
  let bodyLate = false;
  const bodyTimer = setTimeout(() => {
    bodyLate = !body.complete;
    cutIfIncomplete();
  }, config.timeoutMs);

  const result = (async (): Promise<Answer> => {
    let outcome: Outcome;
    try {
      const oz = await sendContainer(config, { token, body, length, signal: d.signal });
      outcome = await uploadOutcome(oz, scope, { request, token });
    } catch (err) {
      await store
        .release(key, owner)
        .catch((e: unknown) => log(`idempotency store failed (release): ${describeError(e)}`));
      if (body.overLimit) return containerTooLarge(config.maxBytes);
      if (body.tooSlow) return tooSlow(config, log);
      if (request.signal.aborted && !body.complete) throw err; // the browser left mid-body: nobody to tell
      if (bodyLate) throw slowClient(err);
      throw failure(err, d, 'container upload');
    } finally {
      d.clear();
      clearTimeout(bodyTimer);
      request.signal.removeEventListener('abort', cutIfIncomplete);
      slot.release();
      body.stop();
    }
    try {
      if (body.complete && outcome.record)
        await store.complete(key, { ...outcome.record, bodyHash: body.digest() }, ttlMs);
      else await store.release(key, owner);
    } catch (err) {
      log(`idempotency store failed (record): ${describeError(err)}`);
    }
    return outcome.answer;
  })();
  return {
    result,
    recorded: result.then(
      () => undefined,
      () => undefined,
    ),
    body,
  };
}

/** The job's answer if it comes within `timeoutMs`; else `504` while the job runs on. */
async function answerInTime(job: UploadJob, { config, log }: RouteScope, signal: AbortSignal): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), config.timeoutMs)));
  const gone = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  gone.catch(() => {});
  try {
    const first = await Promise.race([job.result, late, gone]);
    if (first !== 'late') return toResponse(first);
    if (job.body.complete)
      log('Oz API is still working on a keyed upload: answered 504; its answer will be recorded for the retry.');
    throw new UpstreamError(504, 'Oz API did not answer in time (container upload).');
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** A repeat polls for the first request's answer, starting fast and backing off to this. */
const POLL_MAX_MS = 250;

function pollDelay(attempt: number): number {
  return Math.min(POLL_MAX_MS, 10 * 2 ** attempt);
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
