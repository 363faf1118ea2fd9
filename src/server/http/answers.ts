/**
 * The handler's answers, built in one place. An answer is data first ({@link Answer}), so an upload's
 * answer can be recorded and replayed as well as sent; {@link toResponse} turns it into a `Response`.
 * Web-standard only (no `node:` imports): the handler runs on edge runtimes too.
 */

/** An answer as data: what the browser gets, and what an idempotency record keeps. */
export interface Answer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON answer. */
export function jsonAnswer(status: number, value: unknown, headers?: Record<string, string>): Answer {
  const answer: Answer = { status, body: JSON.stringify(value), contentType: JSON_TYPE };
  if (headers) answer.headers = headers;
  return answer;
}

/**
 * The kit's own error shape, `{ error: '…' }`: the one builder of it (the Node adapter's own
 * answers use it too). Messages are fixed texts, never upstream text.
 */
export function errorAnswer(status: number, message: string, headers?: Record<string, string>): Answer {
  return jsonAnswer(status, { error: message }, headers);
}

/** Every answer is per-capture and some carry a session token: nothing may be cached. */
export function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  headers.set('Content-Type', answer.contentType);
  headers.set('Cache-Control', 'no-store');
  return new Response(answer.body, { status: answer.status, headers });
}

/** {@link errorAnswer} as a `Response`. */
export function errorResponse(status: number, message: string, headers?: Record<string, string>): Response {
  return toResponse(errorAnswer(status, message, headers));
}
