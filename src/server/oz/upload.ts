/**
 * The container's way to Oz: the browser's body, streamed as it arrives (see http/body.ts), to
 * `POST /api/instant/folders/` or `/api/folders/`, and Oz's answer read back (bounded).
 */
import type { BodyTap } from '../http/body.js';
import type { Config } from '../options.js';
import { fetchWithin, NO_REDIRECT, type OzAnswer, ozHeaders, readAnswer } from './calls.js';

/** One upload's call: the token, the body on its way, its declared length, and when to give up. */
export interface ContainerCall {
  token: string | undefined;
  body: BodyTap;
  /** The browser's `Content-Length`, passed on. */
  length: number | undefined;
  signal: AbortSignal;
}

export async function sendContainer(config: Config, call: ContainerCall): Promise<OzAnswer> {
  const { token, body, length, signal } = call;
  const headers = ozHeaders(token, 'application/json');
  headers.set('Content-Type', 'application/octet-stream');
  // Pass the browser's length on: some proxies in front of Oz refuse chunked uploads.
  if (body.stream && length !== undefined) headers.set('Content-Length', String(length));
  // The deadline is enforced here as well as through fetch's signal (see readAnswer).
  const pending = config.fetch(`${config.base}${config.uploadPath}`, {
    method: 'POST',
    headers,
    body: body.stream,
    signal,
    // Required by fetch for a streamed request body; not yet in TypeScript's DOM types.
    duplex: 'half',
    // `error` with no window is the one combination in which fetch does not clone the request
    // (the clone would tee the body and hold the whole container in memory). Never followed.
    redirect: NO_REDIRECT,
    window: null,
  } as RequestInit);
  const res = await fetchWithin(pending, signal);
  return readAnswer(res, `POST ${config.uploadPath}`, config.maxAnswerBytes, signal);
}
