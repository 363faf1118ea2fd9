/**
 * Uploads with an `Idempotency-Key`. The exchange with Oz is a job of its own: once the whole body
 * has gone to Oz it runs on after the browser leaves or the handler answers 504, and its answer is
 * recorded, so a retry gets that answer instead of a second, doomed, call to Oz (a session token
 * binds one container). A repeat waits for a job in progress, and other bytes under the key get 422.
 */
import { discardBody, hashWholeBody, tapBody, type BodyTap } from './body.js';
import { accessToken, interpret, sendToOz, tooLarge, toResponse, uploadSlot, type Answer, type Log, type Outcome } from './exchange.js';
import { pollDelay, sleep, type RecordedAnswer } from './idempotency.js';
import type { RequestContext } from './handler.js';
import type { Config } from './options.js';
import { describeError, errorResponse } from './responses.js';
import { createSha256 } from './sha256.js';
import { deadline, failure, slowClient, UpstreamError } from './upstream.js';

export async function keyedUpload(
  request: Request,
  config: Config,
  log: Log,
  key: string,
  length: number | undefined,
  context?: RequestContext,
): Promise<Response> {
  const { store } = config.idempotency!;
  const owner = crypto.randomUUID();
  // The job may outlive the browser's request by one more timeoutMs, never more; the claim lasts a
  // little longer, and expires by itself if this instance dies holding it.
  const leaseMs = 2 * config.timeoutMs + 5000;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    let entry;
    try {
      entry = await store.claim(key, owner, leaseMs);
    } catch (err) {
      discardBody(request);
      log(`idempotency store failed (claim): ${describeError(err)}`);
      return errorResponse(503, 'The liveness backend cannot check this upload right now. Try again.', { 'Retry-After': '2' });
    }
    if (!entry) break;
    if (entry.state === 'done') return replay(request, config, log, key, entry.answer);
    // Another request with this key is with Oz: wait for its answer, as long as this one may take.
    if (request.signal.aborted || Date.now() - started >= config.timeoutMs) {
      discardBody(request);
      if (request.signal.aborted) throw request.signal.reason;
      return errorResponse(504, 'An upload with this Idempotency-Key is still with Oz. Try again.', { 'Retry-After': '2' });
    }
    await sleep(pollDelay(attempt), request.signal).catch(() => {});
  }

  const slot = await uploadSlot(request, config, log).catch(async (err: unknown) => {
    await store.release(key, owner).catch(() => {});
    throw err;
  });
  if (!('release' in slot)) {
    await store.release(key, owner).catch(() => {});
    return slot;
  }
  const token = await accessToken(request, config).catch(async (err: unknown) => {
    slot.release();
    await store.release(key, owner).catch(() => {});
    throw err;
  });
  const job = keyedJob(request, config, log, key, owner, token, length, leaseMs, slot);
  job.result.catch(() => {}); // read below, or by nobody once the browser has gone
  // On runtimes that stop work once the answer is out (Workers), keep the job alive until recorded.
  if (typeof context?.waitUntil === 'function') context.waitUntil(job.recorded);
  return answerInTime(job, config, log, request.signal);
}

interface Job {
  /** The answer for the browser; rejects with an {@link UpstreamError} (or the browser's abort). */
  result: Promise<Answer>;
  /** Settles once the answer is recorded (or the claim given back). */
  recorded: Promise<void>;
  tap: BodyTap;
}

/**
 * The exchange with Oz for a claimed key. The browser's leaving (or the handler's 504) cuts it off
 * only while the body is still coming in: an answer to half a body is not worth keeping.
 */
function keyedJob(
  request: Request,
  config: Config,
  log: Log,
  key: string,
  owner: string,
  token: string | undefined,
  length: number | undefined,
  leaseMs: number,
  slot: { release(): void },
): Job {
  const { store, ttlMs } = config.idempotency!;
  const d = deadline(leaseMs - 5000);
  const tap = tapBody(request.body, config.maxBytes, () => d.abort(), createSha256());
  const cutIfIncomplete = () => {
    if (!tap.complete) d.abort(new DOMException('The browser went away before the whole body arrived.', 'AbortError'));
  };
  request.signal.addEventListener('abort', cutIfIncomplete, { once: true });
  let bodyLate = false;
  const bodyTimer = setTimeout(() => {
    bodyLate = !tap.complete;
    cutIfIncomplete();
  }, config.timeoutMs);

  const result = (async (): Promise<Answer> => {
    let outcome: Outcome;
    try {
      const oz = await sendToOz(config, token, tap, length, d.signal);
      outcome = await interpret(oz, request, config, log, token);
    } catch (err) {
      await store.release(key, owner).catch((e: unknown) => log(`idempotency store failed (release): ${describeError(e)}`));
      if (tap.overLimit) return tooLarge(config);
      if (request.signal.aborted && !tap.complete) throw err; // the browser left mid-body: nobody to tell
      if (bodyLate) throw slowClient(err);
      throw failure(err, d, 'container upload');
    } finally {
      d.clear();
      clearTimeout(bodyTimer);
      request.signal.removeEventListener('abort', cutIfIncomplete);
      slot.release();
      tap.stop();
    }
    try {
      if (tap.complete && outcome.record) await store.complete(key, { ...outcome.record, bodyHash: tap.digest() }, ttlMs);
      else await store.release(key, owner);
    } catch (err) {
      log(`idempotency store failed (record): ${describeError(err)}`);
    }
    return outcome.answer;
  })();
  return { result, recorded: result.then(() => undefined, () => undefined), tap };
}

/** The job's answer if it comes within `timeoutMs`; else `504` while the job runs on. */
async function answerInTime(job: Job, config: Config, log: Log, signal: AbortSignal): Promise<Response> {
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
    if (job.tap.complete) log('Oz API is still working on a keyed upload: answered 504; its answer will be recorded for the retry.');
    throw new UpstreamError(504, 'Oz API did not answer in time (container upload).');
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** A repeat of a recorded key: the same bytes get the recorded answer, other bytes `422`. */
async function replay(request: Request, config: Config, log: Log, key: string, recorded: RecordedAnswer): Promise<Response> {
  const hash = await hashWholeBody(request, config.maxBytes, config.timeoutMs);
  if (hash === 'too-large') return toResponse(tooLarge(config));
  if (hash === 'timeout') return errorResponse(408, 'The container did not arrive in time.');
  if (hash !== recorded.bodyHash) {
    return errorResponse(422, 'This Idempotency-Key was already used for a different container. Use a new key per container.');
  }
  let answer = recorded;
  if (recorded.unrecordedFolder !== undefined && config.onResult) {
    // The first time onResult failed: the decision is Oz's, but the app has not recorded it yet.
    try {
      await config.onResult(JSON.parse(recorded.unrecordedFolder), request);
    } catch (err) {
      log(`onResult failed again on a repeat: ${describeError(err)}`);
      return errorResponse(500, 'The result could not be recorded.');
    }
    answer = { ...recorded, unrecordedFolder: undefined };
    await config.idempotency!.store.complete(key, answer, config.idempotency!.ttlMs).catch((err: unknown) => {
      log(`idempotency store failed (record): ${describeError(err)}`);
    });
  }
  return toResponse({ ...answer, headers: { 'Idempotent-Replayed': 'true' } });
}

