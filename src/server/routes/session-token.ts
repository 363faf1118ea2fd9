/**
 * `GET …/session-token`: one fresh Oz session token per capture (`GET /api/authorize/session_token`),
 * retried once with a new login if Oz refuses our access token (oz/auth.ts: 401, 403, or `error_code`
 * 6, 7 or 8 under any status). Never cached: a token binds one container.
 */
import { errorResponse, jsonAnswer, toResponse } from '../http/answers.js';
import { limitsUnavailable } from '../limits/limits.js';
import {
  deadline,
  failure,
  fetchWithin,
  NO_REDIRECT,
  type OzAnswer,
  ozBusy,
  ozHeaders,
  readAnswer,
} from '../oz/calls.js';
import { accessRefused, authFailure, roleProblem } from '../oz/auth.js';
import { stringField } from '../oz/json.js';
import type { RouteScope } from './scope.js';

const CALL = 'GET /api/authorize/session_token';

export async function sessionToken(request: Request, { config, log }: RouteScope): Promise<Response> {
  const url = `${config.base}/api/authorize/session_token`;
  const wait = await config.limits.sessionToken(request).catch((err: unknown) => {
    throw limitsUnavailable(err);
  });
  if (wait !== undefined) {
    log(`session-token rate limit reached for this client; answered 429`);
    return errorResponse(429, 'Too many session tokens asked for. Try again later.', { 'Retry-After': String(wait) });
  }
  for (let attempt = 0; ; attempt++) {
    const token = await config.tokens.get();
    const d = deadline(config.timeoutMs, request.signal);
    let answer: OzAnswer;
    try {
      // The deadline holds by itself, not through fetch's signal alone (see oz/calls.ts, readAnswer).
      const call = config.fetch(url, {
        method: 'GET',
        headers: ozHeaders(token, 'application/json'),
        signal: d.signal,
        redirect: NO_REDIRECT,
      });
      answer = await readAnswer(await fetchWithin(call, d.signal), CALL, config.maxAnswerBytes, d.signal);
    } catch (err) {
      throw failure(err, d, 'session token');
    } finally {
      d.clear();
    }
    const { status } = answer;
    const refused = authFailure(answer);
    if (refused?.kind === 'role') {
      log(roleProblem(refused, CALL));
      return errorResponse(502, `Oz API refused the session-token request (HTTP ${status}).`);
    }
    if (refused) {
      if (config.tokens.reject(token) && attempt === 0) {
        log(`Oz API refused the access token (${refused.said}); logging in again and asking once more`);
        continue;
      }
      log(accessRefused(config.tokens, refused, CALL));
      return errorResponse(502, `Oz API refused the session-token request (HTTP ${status}).`);
    }
    config.tokens.accepted(token);
    const busy = ozBusy(answer, 'session token');
    if (busy) throw busy;
    if (status < 200 || status >= 300) {
      log(`Oz API answered HTTP ${status} to ${CALL}`);
      return errorResponse(502, `Oz API refused the session-token request (HTTP ${status}).`);
    }
    const session = stringField(answer.text, 'session_token');
    if (!session) {
      log(`Oz API answered ${CALL} without a session_token`);
      return errorResponse(502, 'Oz API answered without a session token.');
    }
    return toResponse(jsonAnswer(200, { session_token: session }));
  }
}
