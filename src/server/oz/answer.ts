/**
 * What Oz's answer to an upload becomes for the browser, shared by the plain and the retry-safe
 * upload: the folder (trimmed), Oz's 400 (sanitised), or the kit's own error — as data, so it can be
 * recorded and replayed as well as sent. `onResult` runs here, for browsers present or gone.
 */
import { type Answer, errorAnswer, jsonAnswer } from '../http/answers.js';
import { describeError, redact } from '../http/log.js';
import type { RecordedAnswer } from '../idempotency/types.js';
import type { Config } from '../options.js';
import type { RouteScope } from '../routes/scope.js';
import { accessRefused, authFailure, roleProblem } from './auth.js';
import { type OzAnswer, ozBusy } from './calls.js';
import { decideFolder, isFolder, type OzFolder, trimFolder } from './folder.js';
import { parseJson } from './json.js';

/** What Oz's answer becomes, and what of it is worth recording (answers to a checked container). */
export interface Outcome {
  answer: Answer;
  record?: Omit<RecordedAnswer, 'bodyHash'>;
}

/** Whose upload Oz answered: the browser's request and the access token it was sent with. */
export interface UploadOrigin {
  request: Request;
  token: string | undefined;
}

/** How long the browser is asked to wait after a refused access token: the next request logs in first. */
const RELOGIN_RETRY_AFTER_S = '1';

export async function uploadOutcome(oz: OzAnswer, scope: RouteScope, origin: UploadOrigin): Promise<Outcome> {
  const { config, log } = scope;
  const call = `POST ${config.uploadPath}`;
  // Before the 400 below: Oz may say "expired" under a 400, and that container was never checked.
  // Nothing is recorded, so the browser's retry (same Idempotency-Key) reaches Oz again.
  const refused = authFailure(oz);
  if (refused?.kind === 'role') {
    log(roleProblem(refused, call));
    return { answer: errorAnswer(502, `Oz API did not accept the upload (HTTP ${oz.status}).`) };
  }
  if (refused) {
    if (config.tokens.reject(origin.token)) {
      log(`Oz API refused the access token (${refused.said}); answered 503, the next request logs in again`);
      return {
        answer: errorAnswer(503, 'The liveness backend is renewing its access. Try again.', {
          'Retry-After': RELOGIN_RETRY_AFTER_S,
        }),
      };
    }
    log(accessRefused(config.tokens, refused, call));
    return { answer: errorAnswer(502, `Oz API did not accept the upload (HTTP ${oz.status}).`) };
  }
  config.tokens.accepted(origin.token);
  if (oz.status === 400) {
    const answer = rejection(oz, scope);
    return { answer, record: answer };
  }
  if (oz.status === 413) return { answer: containerTooLarge(config.maxBytes) };
  const busy = ozBusy(oz, 'container upload');
  if (busy) {
    log(
      `Oz API answered HTTP ${oz.status} to POST ${config.uploadPath}; passed on with Retry-After ${busy.retryAfter ?? '(none)'}`,
    );
    return {
      answer: errorAnswer(busy.status, busy.message, busy.retryAfter ? { 'Retry-After': busy.retryAfter } : undefined),
    };
  }
  if (oz.status < 200 || oz.status >= 300) {
    log(`Oz API answered HTTP ${oz.status} to ${call}`);
    return { answer: errorAnswer(502, `Oz API did not accept the upload (HTTP ${oz.status}).`) };
  }
  // Oz answers a folder with 201 (200 from some proxies); any other 2xx is not an answer the page can read.
  const folder = oz.status === 200 || oz.status === 201 ? parseJson(oz.text) : undefined;
  if (!isFolder(folder)) {
    log(`Oz API answered ${call} with HTTP ${oz.status} but no folder JSON`);
    return { answer: errorAnswer(502, 'Oz API answered with something that is not a folder.') };
  }
  const trimmed = trimFolder(folder);
  const answer = jsonAnswer(oz.status, config.trim ? trimmed : folder);
  // What a replay needs, and no more: the trimmed folder without its best-shot images (a few
  // hundred bytes instead of megabytes), so records of other uploads cannot crowd it out.
  const record = jsonAnswer(oz.status, withoutBestShots(trimmed));
  if (config.onResult) {
    try {
      await config.onResult(folder, origin.request, { decision: decideFolder(folder), requestId: scope.requestId });
    } catch (err) {
      // Fail closed: a decision the app could not record must not reach the page as final. It is
      // still Oz's decision, and the token is spent: keep it, and run onResult again on the retry.
      log(`onResult failed: ${describeError(err)}`);
      return {
        answer: errorAnswer(500, 'The result could not be recorded.'),
        record: { ...record, unrecordedFolder: oz.text },
      };
    }
  }
  return { answer, record };
}

function withoutBestShots(folder: OzFolder): OzFolder {
  if (!Array.isArray(folder.analyses)) return folder;
  return { ...folder, analyses: folder.analyses.map(({ results_media: _images, ...analysis }) => analysis) };
}

/** `408`: the body arrived slower than `minUploadRate` (a dripping client holding a slot); the element retries it. */
export function tooSlow(config: Config, log: (m: string) => void): Answer {
  const rate = config.minRate!;
  log(`the container arrived slower than ${rate.bytesPerSecond} bytes/s over ${rate.windowMs} ms; cut, answered 408`);
  return errorAnswer(408, 'The container arrived too slowly. Try again on a better connection.');
}

/** `413`: over `maxContainerBytes`, found from the header, while streaming, or by Oz. */
export function containerTooLarge(maxBytes: number): Answer {
  return errorAnswer(413, `The container is larger than this server accepts (${maxBytes} bytes).`);
}

/**
 * Oz's `400` as the browser gets it: JSON with only a numeric `error_code` (what the element needs)
 * and a short `error_message`. Whatever else Oz put there (HTML, details, echoed secrets) stays in
 * the server's log, redacted.
 */
function rejection(oz: OzAnswer, { config, log }: RouteScope): Answer {
  const parsed = parseJson(oz.text) as { error_code?: unknown; error_message?: unknown } | null | undefined;
  const code =
    typeof parsed?.error_code === 'number' && Number.isSafeInteger(parsed.error_code) ? parsed.error_code : 0;
  const given = typeof parsed?.error_message === 'string' ? parsed.error_message : '';
  const secrets = [...config.tokens.secrets()];
  // Oz's own messages are short plain phrases ("Invalid request data"); anything else is replaced.
  const message =
    /^[A-Za-z0-9 .,:;'()_-]{1,100}$/.test(given) && redact(given, secrets) === given ? given : 'Invalid request data';
  // Redacted first, then cut: a secret split by the cut would no longer be found.
  const clean = redact(oz.text, secrets);
  const rest = clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
  log(`Oz API refused the container: HTTP 400, error_code ${code}. Oz's body: ${rest.replace(/\s+/g, ' ')}`);
  return jsonAnswer(400, { error_code: code, error_message: message });
}
