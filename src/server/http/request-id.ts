/**
 * The request id every answer carries as `X-Request-Id` and every log line names. Stated once for
 * the server (the handler and the Node adapter); the browser keeps its own reading of it.
 */

/** What a well-formed id looks like: a proxy's or a load balancer's, or our UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A well-formed incoming id is kept, so one id follows the request; otherwise a new one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return wellFormedRequestId(incoming) ?? crypto.randomUUID();
}

/** The incoming id when it is well-formed: a client may choose it, so logs put it beside our own, never instead. */
export function wellFormedRequestId(incoming: string | null | undefined): string | undefined {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : undefined;
}
