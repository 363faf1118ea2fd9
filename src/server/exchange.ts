/**
 * One exchange with Oz for a container, shared by the plain and the keyed upload: send the
 * streamed body, read the answer (bounded), and turn it into the browser's answer — as data, so it
 * can be recorded and replayed as well as sent.
 */
import { discardBody, type BodyTap } from './body.js';
import { isFolder, trimFolder } from './folder.js';
import type { RecordedAnswer } from './idempotency.js';
import type { Config } from './options.js';
import { describeError, redact } from './responses.js';
import { limitsUnavailable, NO_REDIRECT, ozBusy, ozHeaders, readAnswer, type OzAnswer } from './upstream.js';

export type Log = (message: string) => void;

/** An answer as data, so it can be recorded and replayed as well as sent. */
export interface Answer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

/** What Oz's answer becomes, and what of it is worth recording (answers to a checked container). */
export interface Outcome {
  answer: Answer;
  record?: Omit<RecordedAnswer, 'bodyHash'>;
}

export async function accessToken(request: Request, config: Config): Promise<string | undefined> {
  try {
    return await config.tokens.get();
  } catch (err) {
    discardBody(request);
    throw err;
  }
}

export async function sendToOz(config: Config, token: string | undefined, tap: BodyTap, length: number | undefined, signal: AbortSignal): Promise<OzAnswer> {
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
export async function interpret(oz: OzAnswer, request: Request, config: Config, log: Log, token: string | undefined): Promise<Outcome> {
  if (oz.status === 400) {
    const answer = rejection(oz, config, log);
    return { answer, record: answer };
  }
  if (oz.status === 413) return { answer: tooLarge(config) };
  const busy = ozBusy(oz, 'container upload');
  if (busy) {
    log(`Oz API answered HTTP ${oz.status} to POST ${config.uploadPath}; passed on with Retry-After ${busy.retryAfter ?? '(none)'}`);
    return { answer: errorAnswer(busy.status, busy.message, busy.retryAfter ? { 'Retry-After': busy.retryAfter } : undefined) };
  }
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

export function tooLarge(config: Config): Answer {
  return errorAnswer(413, `The container is larger than this server accepts (${config.maxBytes} bytes).`);
}

/** The kit's error shape, `{ error }`, as data (see responses.ts). */
export function errorAnswer(status: number, message: string, headers?: Record<string, string>): Answer {
  return { status, body: JSON.stringify({ error: message }), contentType: 'application/json; charset=utf-8', headers };
}

/**
 * Oz's `400` as the browser gets it: JSON with only a numeric `error_code` (what the element needs)
 * and a short `error_message`. Whatever else Oz put there (HTML, details, echoed secrets) stays in
 * the server's log, redacted.
 */
function rejection(oz: OzAnswer, config: Config, log: Log): Answer {
  let parsed: { error_code?: unknown; error_message?: unknown } | undefined;
  try {
    parsed = JSON.parse(oz.text) as typeof parsed;
  } catch {
    parsed = undefined;
  }
  const code = typeof parsed?.error_code === 'number' && Number.isSafeInteger(parsed.error_code) ? parsed.error_code : 0;
  const given = typeof parsed?.error_message === 'string' ? parsed.error_message : '';
  const secrets = [...config.tokens.secrets()];
  // Oz's own messages are short plain phrases ("Invalid request data"); anything else is replaced.
  const message = /^[A-Za-z0-9 .,:;'()_-]{1,100}$/.test(given) && redact(given, secrets) === given ? given : 'Invalid request data';
  const rest = oz.text.length > 500 ? `${oz.text.slice(0, 500)}…` : oz.text;
  log(`Oz API refused the container: HTTP 400, error_code ${code}. Oz's body: ${redact(rest, secrets).replace(/\s+/g, ' ')}`);
  return { status: 400, body: JSON.stringify({ error_code: code, error_message: message }), contentType: 'application/json; charset=utf-8' };
}

export function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  headers.set('Content-Type', answer.contentType);
  headers.set('Cache-Control', 'no-store');
  return new Response(answer.body, { status: answer.status, headers });
}

/** A place among the uploads with Oz (`limits.concurrentUploads`), or the `429` that says there is none. */
export async function uploadSlot(request: Request, config: Config, log: Log): Promise<{ release(): void } | Response> {
  let slot;
  try {
    slot = await config.limits.upload(log);
  } catch (err) {
    discardBody(request);
    throw limitsUnavailable(err);
  }
  if (typeof slot !== 'number') return slot;
  discardBody(request);
  log('the cap on concurrent uploads is reached; answered 429');
  return toResponse(errorAnswer(429, 'Too many uploads at once. Try again shortly.', { 'Retry-After': String(slot) }));
}
