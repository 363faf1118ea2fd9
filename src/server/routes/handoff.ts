/**
 * The desktop's and the claiming phone's hand-off routes: `POST …/handoff` (create),
 * `POST …/handoff/claim` (the phone, `Oz-Handoff`), `GET …/handoff/events` and
 * `POST …/handoff/cancel` (the desktop, `Oz-Handoff-Watch`). See docs/handoff.md.
 */
import { errorResponse, jsonAnswer, toResponse } from '../http/answers.js';
import { discardBody } from '../http/body.js';
import { describeError } from '../http/log.js';
import { byWatch, bySecret, handoffOf, refusal, view } from '../handoff/access.js';
import { guard, hashSecret, newSecret } from '../handoff/secret.js';
import { HANDOFF_KEEP_AFTER_MS, type HandoffRecord, type HandoffState, isOver } from '../handoff/types.js';
import { limitsUnavailable } from '../limits/limits.js';
import type { RouteScope } from './scope.js';

/** A comment line this often keeps proxies from closing a quiet stream. */
export const KEEPALIVE_MS = 15_000;

export async function createHandoff(request: Request, { config, log }: RouteScope): Promise<Response> {
  discardBody(request);
  const { store, ttlMs, phoneUrl } = handoffOf(config);
  // A hand-off leads to a session token: it counts against the same per-client rate.
  const wait = await config.limits.sessionToken(request).catch((err: unknown) => {
    throw limitsUnavailable(err);
  });
  if (wait !== undefined) {
    log('hand-off rate limit reached for this client; answered 429');
    return errorResponse(429, 'Too many hand-offs asked for. Try again later.', { 'Retry-After': String(wait) });
  }
  const secret = newSecret();
  const watchToken = newSecret();
  const record: HandoffRecord = {
    id: crypto.randomUUID(),
    state: 'waiting',
    expiresAt: Date.now() + ttlMs,
    version: 1,
    secretHash: await hashSecret(secret),
    watchHash: await hashSecret(watchToken),
  };
  await guard(store.create(record, ttlMs + HANDOFF_KEEP_AFTER_MS));
  return toResponse(
    jsonAnswer(201, {
      id: record.id,
      phoneUrl: `${phoneUrl}#oz-handoff=${secret}`,
      watchToken,
      expiresAt: new Date(record.expiresAt).toISOString(),
    }),
  );
}

/** The phone opens its link: `waiting` → `opened`, once. */
export async function claimHandoff(request: Request, { config }: RouteScope): Promise<Response> {
  discardBody(request);
  const handoff = handoffOf(config);
  const found = await bySecret(request, handoff);
  if (found instanceof Response) return found;
  const at = Date.now();
  const done = await guard(handoff.store.update(found.id, { from: ['waiting'], to: 'opened', at, graceMs: 0 }));
  if (!done.ok) return refusal(view(done.record ?? found, at, config.timeoutMs));
  return toResponse(jsonAnswer(200, { state: 'opened', expiresAt: new Date(found.expiresAt).toISOString() }));
}

/** The desktop calls it off: only before the upload starts. */
export async function cancelHandoff(request: Request, { config }: RouteScope): Promise<Response> {
  discardBody(request);
  const handoff = handoffOf(config);
  const found = await byWatch(request, handoff);
  if (found instanceof Response) return found;
  const at = Date.now();
  const from: HandoffState[] = ['waiting', 'opened', 'capturing'];
  const done = await guard(handoff.store.update(found.id, { from, to: 'cancelled', at, graceMs: 0 }));
  if (done.ok || done.record?.state === 'cancelled') return toResponse(jsonAnswer(200, { state: 'cancelled' }));
  return refusal(view(done.record ?? found, at, config.timeoutMs));
}

/**
 * The desktop's stream: the current state at once (a reconnecting desktop never misses `done`),
 * then every change, until the hand-off is over or its time is up.
 */
export async function handoffEvents(request: Request, { config, log }: RouteScope): Promise<Response> {
  const { store } = handoffOf(config);
  const found = await byWatch(request, handoffOf(config));
  if (found instanceof Response) return found;
  const grace = config.timeoutMs;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  request.signal.addEventListener('abort', onAbort, { once: true });
  const encoder = new TextEncoder();

  const pump = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    let lastWrite = Date.now();
    const write = (text: string) => {
      controller.enqueue(encoder.encode(text));
      lastWrite = Date.now();
    };
    write(': oz-handoff\nretry: 2000\n\n');
    let current = found;
    let sent = '';
    try {
      for (;;) {
        const now = Date.now();
        const state = view(current, now, grace);
        if (sent !== `${current.version}:${state}`) {
          write(eventOf(current, state));
          sent = `${current.version}:${state}`;
        }
        if (isOver(state)) break;
        const endsAt = current.expiresAt + (state === 'uploading' ? grace : 0);
        const wait = Math.max(1, Math.min(KEEPALIVE_MS - (now - lastWrite), endsAt - now + 1));
        await store.changed(current.id, wait, stop.signal);
        if (stop.signal.aborted) break;
        if (Date.now() - lastWrite >= KEEPALIVE_MS) write(': keep-alive\n\n');
        // A record gone from the store (kept well past its link) can only be an expired one.
        current = (await guard(store.get(current.id))) ?? { ...current, state: 'expired' };
      }
    } catch (err) {
      // The desktop reconnects and gets the current state again.
      if (!stop.signal.aborted) log(`hand-off stream ended early: ${describeError(err)}`);
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      try {
        controller.close();
      } catch {
        // Already cancelled by the reader.
      }
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      void pump(controller);
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    },
  });
}

/** One `state` event: `{ state }`, with the folder the phone got on `done`. */
function eventOf(record: HandoffRecord, state: HandoffState): string {
  const data: { state: HandoffState; folder?: unknown } = { state };
  if (state === 'done' && record.folder !== undefined) data.folder = JSON.parse(record.folder);
  return `id: ${record.version}\nevent: state\ndata: ${JSON.stringify(data)}\n\n`;
}
