/**
 * `POST …/container`: the body streamed to Oz as it arrives, cut off at the size limit. With an
 * `Idempotency-Key` the exchange with Oz is a job of its own: once the whole body has gone to Oz it
 * runs on after the browser leaves or the handler answers 504, and its answer is recorded, so a
 * retry gets the answer instead of a second, doomed, call to Oz (see idempotency.ts).
 */
import { discardBody, hashWholeBody, tapBody, type BodyTap } from './body.js';
import { isFolder, trimFolder } from './folder.js';
import { isValidIdempotencyKey, pollDelay, sleep, type RecordedAnswer } from './idempotency.js';
import type { Config } from './options.js';
import { describeError, errorResponse } from './responses.js';
import { createSha256 } from './sha256.js';
import { deadline, failure, NO_REDIRECT, ozHeaders, readAnswer, UpstreamError, type OzAnswer } from './upstream.js';

type Log = (message: string) => void;

/** An answer as data, so it can be recorded and replayed as well as sent. */
interface Answer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** What Oz's answer becomes, and what of it is worth recording (answers to a checked container). */
interface Outcome {
  answer: Answer;
  record?: Omit<RecordedAnswer, 'bodyHash'>;
}

export async function container(request: Request, config: Config, log: Log): Promise<Response> {
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
  return keyedUpload(request, config, log, key, length);
}

/** No key: forwarded as it comes, and abandoned with the browser. */
async function plainUpload(request: Request, config: Config, log: Log, length: number | undefined): Promise<Response> {
  const token = await accessToken(request, config);
  const d = deadline(config.timeoutMs, request.signal);
  const tap = tapBody(request.body, config.maxBytes, () => d.abort());
  try {
    const oz = await sendToOz(config, token, tap, length, d.signal);
    return toResponse((await interpret(oz, request, config, log, token)).answer);
  } catch (err) {
    if (tap.overLimit) return toResponse(tooLarge(config));
    throw failure(err, d, 'container upload');
  } finally {
    d.clear();
    // Oz may answer before reading everything (a 400 on a bad header); stop reading the browser too.
    tap.stop();
  }
}

async function keyedUpload(request: Request, config: Config, log: Log, key: string, length: number | undefined): Promise<Response> {
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

  const token = await accessToken(request, config).catch(async (err: unknown) => {
    await store.release(key, owner).catch(() => {});
    throw err;
  });
  const job = keyedJob(request, config, log, key, owner, token, length, leaseMs);
  job.result.catch(() => {}); // read below, or by nobody once the browser has gone
  return answerInTime(job, config, log, request.signal);
}

interface Job {
  /** The answer for the browser; rejects with an {@link UpstreamError} (or the browser's abort). */
  result: Promise<Answer>;
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
): Job {
  const { store, ttlMs } = config.idempotency!;
  const d = deadline(leaseMs - 5000);
  const tap = tapBody(request.body, config.maxBytes, () => d.abort(), createSha256());
  const cutIfIncomplete = () => {
    if (!tap.complete) d.abort(new DOMException('The browser went away before the whole body arrived.', 'AbortError'));
  };
  request.signal.addEventListener('abort', cutIfIncomplete, { once: true });
  const bodyTimer = setTimeout(cutIfIncomplete, config.timeoutMs);

  const result = (async (): Promise<Answer> => {
    let outcome: Outcome;
    try {
      const oz = await sendToOz(config, token, tap, length, d.signal);
      outcome = await interpret(oz, request, config, log, token);
    } catch (err) {
      await store.release(key, owner).catch((e: unknown) => log(`idempotency store failed (release): ${describeError(e)}`));
      if (tap.overLimit) return tooLarge(config);
      if (request.signal.aborted && !tap.complete) throw err; // the browser left mid-body: nobody to tell
      throw failure(err, d, 'container upload');
    } finally {
      d.clear();
      clearTimeout(bodyTimer);
      request.signal.removeEventListener('abort', cutIfIncomplete);
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
  return { result, tap };
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

async function accessToken(request: Request, config: Config): Promise<string | undefined> {
  try {
    return await config.tokens.get();
  } catch (err) {
    discardBody(request);
    throw err;
  }
}

async function sendToOz(config: Config, token: string | undefined, tap: BodyTap, length: number | undefined, signal: AbortSignal): Promise<OzAnswer> {
  const headers = ozHeaders(token, 'application/json');
  headers.set('Content-Type', 'application/octet-stream');
  // Pass the browser's length on: some proxies in front of Oz refuse chunked uploads.
  if (tap.stream && length !== undefined) headers.set('Content-Length', String(length));
  const res = await config.fetch(`${config.base}${config.uploadPath}`, {
    method: 'POST',
    headers,
    body: tap.stream,
    signal,
    // Required by fetch for a streamed request body; not yet in TypeScript's DOM types.
    duplex: 'half',
    // `error` with no window is the one combination in which fetch does not clone the request
    // (the clone would tee the body and hold the whole container in memory). Never followed.
    redirect: NO_REDIRECT,
    window: null,
  } as RequestInit);
  return readAnswer(res, 'POST ' + config.uploadPath, config.maxAnswerBytes);
}

/** Oz's answer as the browser gets it; `onResult` runs here, for browsers present or gone. */
async function interpret(oz: OzAnswer, request: Request, config: Config, log: Log, token: string | undefined): Promise<Outcome> {
  if (oz.status === 400) {
    // The element needs Oz's own `error_code`: pass the body through untouched.
    const answer = { status: 400, body: oz.text, contentType: oz.headers.get('content-type') ?? 'application/json' };
    return { answer, record: answer };
  }
  if (oz.status === 413) return { answer: tooLarge(config) };
  if (oz.status === 401 || oz.status === 403) config.tokens.reject(token);
  if (oz.status < 200 || oz.status >= 300) {
    log(`Oz API answered HTTP ${oz.status} to POST ${config.uploadPath}`);
    return { answer: errorAnswer(502, `Oz API did not accept the upload (HTTP ${oz.status}).`) };
  }
  let folder: unknown;
  try {
    folder = JSON.parse(oz.text);
  } catch {
    folder = undefined;
  }
  if (!isFolder(folder)) {
    log(`Oz API answered POST ${config.uploadPath} with HTTP ${oz.status} but no folder JSON`);
    return { answer: errorAnswer(502, 'Oz API answered with something that is not a folder.') };
  }
  const answer: Answer = {
    status: oz.status,
    body: JSON.stringify(config.trim ? trimFolder(folder) : folder),
    contentType: 'application/json; charset=utf-8',
  };
  if (config.onResult) {
    try {
      await config.onResult(folder, request);
    } catch (err) {
      // Fail closed: a decision the app could not record must not reach the page as final. It is
      // still Oz's decision, and the token is spent: keep it, and run onResult again on the retry.
      log(`onResult failed: ${describeError(err)}`);
      return { answer: errorAnswer(500, 'The result could not be recorded.'), record: { ...answer, unrecordedFolder: oz.text } };
    }
  }
  return { answer, record: answer };
}

function tooLarge(config: Config): Answer {
  return errorAnswer(413, `The container is larger than this server accepts (${config.maxBytes} bytes).`);
}

/** The kit's error shape, `{ error }`, as data (see responses.ts). */
function errorAnswer(status: number, message: string): Answer {
  return { status, body: JSON.stringify({ error: message }), contentType: 'application/json; charset=utf-8' };
}

function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  headers.set('Content-Type', answer.contentType);
  headers.set('Cache-Control', 'no-store');
  return new Response(answer.body, { status: answer.status, headers });
}
