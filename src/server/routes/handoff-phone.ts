/**
 * The phone's half of a hand-off: `GET …/session-token` and `POST …/container` with `Oz-Handoff`
 * move the hand-off to `capturing`, `uploading`, then `done` with the answer the phone got (the
 * trimmed folder; never its session token or container). And the refusal of a secret sent in a
 * query string, where server and proxy logs and Referer headers would keep it.
 */
import { errorResponse } from '../http/answers.js';
import { discardBody } from '../http/body.js';
import { describeError, redact } from '../http/log.js';
import { bySecret, handoffError, handoffOf, refusal, view } from '../handoff/access.js';
import { canonicalSecret, guard, hashSecret } from '../handoff/secret.js';
import { isValidIdempotencyKey } from '../idempotency/types.js';
import { UpstreamError } from '../oz/calls.js';
import { container } from './container.js';
import type { RouteScope } from './scope.js';
import { sessionToken } from './session-token.js';

/** The routes' log, with this request's secret redacted as well (no line quotes it; this makes sure). */
function phoneScope(request: Request, scope: RouteScope): RouteScope {
  const secret = request.headers.get('oz-handoff');
  return { ...scope, log: (message) => scope.log(redact(message, [secret ?? undefined, canonicalSecret(secret)])) };
}

export async function phoneSessionToken(request: Request, outer: RouteScope): Promise<Response> {
  const scope = phoneScope(request, outer);
  const { config } = scope;
  const handoff = handoffOf(config);
  const found = await bySecret(request, handoff);
  if (found instanceof Response) return found;
  const state = view(found, Date.now(), 0);
  if (state !== 'opened' && state !== 'capturing') return refusal(state);
  const response = await sessionToken(request, scope);
  if (response.status !== 200 || state === 'capturing') return response;
  const done = await guard(
    handoff.store.update(found.id, { from: ['opened', 'capturing'], to: 'capturing', at: Date.now(), graceMs: 0 }),
  );
  if (done.ok || done.record?.state === 'capturing') return response;
  await response.body?.cancel();
  return refusal(view(done.record ?? found, Date.now(), 0));
}

export async function phoneContainer(request: Request, outer: RouteScope): Promise<Response> {
  const scope = phoneScope(request, outer);
  const { config } = scope;
  const { store } = handoffOf(config);
  let record = await bySecret(request, handoffOf(config));
  if (record instanceof Response) {
    discardBody(request);
    return record;
  }
  const key = request.headers.get('idempotency-key');
  if (key === null || !isValidIdempotencyKey(key)) {
    discardBody(request);
    // One upload per hand-off, and onResult once: only a keyed upload can be repeated safely.
    return errorResponse(400, 'A hand-off upload needs an Idempotency-Key header (1 to 255 visible ASCII characters).');
  }
  const at = Date.now();
  if (view(record, at, 0) === 'capturing') {
    const started = await guard(
      store.update(record.id, { from: ['capturing'], to: 'uploading', at, graceMs: 0, uploadKey: key }),
    );
    record = started.record ?? record;
  }
  // Only the upload that started, and its repeats (a lost answer, a retry), go on.
  const state = view(record, at, config.timeoutMs);
  if ((state !== 'uploading' && state !== 'done') || record.uploadKey !== key) {
    discardBody(request);
    return refusal(state);
  }
  let response: Response;
  try {
    response = await container(request, scope);
  } catch (err) {
    // 504: Oz is still at work and its answer will be recorded; the desktop hears it from there.
    if (err instanceof UpstreamError && err.status === 504) followRecord(record.id, key, scope);
    throw err;
  }
  const text = await response.text();
  if (response.status === 504) followRecord(record.id, key, scope);
  else if (record.state !== 'done') await settle(record.id, response.status, text, scope);
  return new Response(text, { status: response.status, headers: response.headers });
}

/** The upload's answer moves the hand-off: a folder → `done`; a refused container → `capturing` again. */
async function settle(id: string, status: number, text: string, { config }: RouteScope) {
  const { store } = handoffOf(config);
  if (status === 200 || status === 201) {
    await guard(store.update(id, { from: ['uploading'], to: 'done', at: Date.now(), folder: text }));
  } else if (status === 400 || status === 413) {
    // Oz refused this container (or it was too large): the phone may capture again.
    await guard(store.update(id, { from: ['uploading'], to: 'capturing', at: Date.now() }));
  }
}

/** How often {@link followRecord} looks for the recorded answer. */
const FOLLOW_MS = 1000;

/**
 * After a `504` the upload job goes on with Oz (idempotency/upload.ts) and records its answer under
 * the key. This watches for that record, so the desktop gets `done` even if the phone never comes
 * back. A free key means the job ended without a record: the phone's retry decides then.
 */
function followRecord(id: string, key: string, scope: RouteScope): void {
  const { config, log } = scope;
  const { store } = config.idempotency!;
  const owner = crypto.randomUUID();
  const until = Date.now() + config.backgroundTimeoutMs + 10_000;
  const follow = (async () => {
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
      const entry = await store.claim(key, owner, FOLLOW_MS).catch(() => null);
      if (entry === null || entry?.state === 'pending') continue;
      if (entry === undefined) return store.release(key, owner);
      const { status, body, unrecordedFolder } = entry.answer;
      // onResult failed the first time: only the phone's retry, which runs it again, may say done.
      if (unrecordedFolder === undefined) await settle(id, status, body, scope);
      return;
    }
  })().catch((err: unknown) => log(`hand-off: following a timed-out upload failed: ${describeError(err)}`));
  if (typeof scope.runtime?.waitUntil === 'function') scope.runtime.waitUntil(follow);
}

/** Query parameters that name the secret or carry one: `oz-handoff`, `oz-handoff-watch`. */
const QUERY_NAMES = ['oz-handoff', 'oz-handoff-watch'];
/** At most this many values of a query are looked up as possible secrets. */
const QUERY_VALUES_CHECKED = 8;

/**
 * A secret or watch token in a query string is refused (`400`) on every route, and a live one is
 * cancelled: it may already sit in a proxy's log. The URL is never logged.
 */
export async function refuseSecretInQuery(request: Request, { config, log }: RouteScope) {
  const { search, searchParams } = new URL(request.url);
  if (!search) return undefined;
  const { store } = handoffOf(config);
  let leaked = QUERY_NAMES.some((name) => searchParams.has(name));
  const values = [...searchParams.values()].map(canonicalSecret).filter((v) => v !== undefined);
  for (const value of values.slice(0, QUERY_VALUES_CHECKED)) {
    const hash = await hashSecret(value);
    for (const by of ['secret', 'watch'] as const) {
      const record = await guard(store.find(by, hash));
      if (!record) continue;
      leaked = true;
      const from = ['waiting', 'opened', 'capturing'] as const;
      await guard(store.update(record.id, { from: [...from], to: 'cancelled', at: Date.now() }));
    }
  }
  if (!leaked) return undefined;
  discardBody(request);
  log('a hand-off secret or watch token came in a query string: refused, and a live hand-off it names cancelled');
  return handoffError(400, 'handoff-failed');
}
