/**
 * Built-in limits for the public routes, off unless configured: a per-client rate for
 * `…/session-token` (each one costs an Oz call and mints a token), and a cap on uploads with Oz at
 * once. The option's checks, and the answers the routes give when a limit is reached.
 */
import { errorResponse } from '../http/answers.js';
import { discardBody } from '../http/body.js';
import type { Log } from '../http/log.js';
import { UpstreamError } from '../oz/calls.js';
import { bounded, keepAlive } from './bounds.js';
import { memoryCounters } from './memory.js';
import { redisCounters } from './redis.js';
import type { Counters, Limits, LimitsOptions, UploadSlot } from './types.js';

export type { Limits, LimitsOptions } from './types.js';

const NO_LIMITS: Limits = { sessionToken: async () => undefined, upload: async () => ({ release() {} }) };

/** The key of a request whose `clientKey` gave none: one shared client, limited like the others. */
export const NO_CLIENT_KEY = '(no client key)';
/** Uploads at once per client when `clientKey` is given and the option is not. */
export const DEFAULT_UPLOADS_PER_CLIENT = 2;

/** What the limits need from the rest of the options: the call bound, and how long a store call may take. */
export interface LimitsContext {
  timeoutMs: number;
  storeTimeoutMs: number;
}

export function createLimits(
  options: LimitsOptions | undefined,
  fail: (message: string) => never,
  context: LimitsContext,
): Limits {
  if (options === undefined) return NO_LIMITS;
  if (typeof options !== 'object' || options === null) fail('limits must be an object.');
  const { sessionTokens, concurrentUploads, clientKey, redis } = options;
  const windowMs = sessionTokens?.windowMs ?? 60_000;
  if (sessionTokens !== undefined) {
    if (!Number.isSafeInteger(sessionTokens.max) || sessionTokens.max <= 0)
      fail('limits.sessionTokens.max must be a positive integer.');
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0)
      fail('limits.sessionTokens.windowMs must be a positive integer.');
    if (typeof clientKey !== 'function')
      fail('limits.clientKey must be a function (request) => string when limits.sessionTokens is set.');
  }
  if (concurrentUploads !== undefined && (!Number.isSafeInteger(concurrentUploads) || concurrentUploads <= 0)) {
    fail('limits.concurrentUploads must be a positive integer.');
  }
  if (clientKey !== undefined && typeof clientKey !== 'function') fail('limits.clientKey must be a function.');
  const perClient = options.concurrentUploadsPerClient ?? (clientKey ? DEFAULT_UPLOADS_PER_CLIENT : undefined);
  if (perClient !== undefined && (!Number.isSafeInteger(perClient) || perClient <= 0))
    fail('limits.concurrentUploadsPerClient must be a positive integer.');
  if (redis !== undefined && typeof redis?.eval !== 'function')
    fail('limits.redis must be a connected client of the redis package.');
  if (redis) keepAlive(redis);
  const settings = {
    max: sessionTokens?.max ?? 0,
    windowMs,
    concurrentUploads,
    perClient,
    slotLeaseMs: 2 * context.timeoutMs,
  };
  const counters = boundedCounters(
    redis
      ? redisCounters({ redis, prefix: options.prefix ?? 'oz-liveness:limits:' }, settings)
      : memoryCounters(settings),
    context.storeTimeoutMs,
  );
  const keyOf = (request: Request) => clientKey?.(request) ?? NO_CLIENT_KEY;

  return {
    async sessionToken(request) {
      if (!sessionTokens) return undefined;
      return counters.hit(keyOf(request));
    },
    upload: (request, log) => counters.takeSlot(keyOf(request), log),
  };
}

/** Every count within `ms`: a stalled Redis is a 503 at once; a slot taken too late is given back. */
function boundedCounters(counters: Counters, ms: number): Counters {
  return {
    hit: (client) => bounded(counters.hit(client), ms, 'limits (session-token rate)'),
    takeSlot: (client, log) =>
      bounded(counters.takeSlot(client, log), ms, 'limits (upload slot)', (late) => {
        if (typeof late !== 'number') late.release();
      }),
  };
}

/** The limits' counters (Redis) cannot be reached: fail closed, and say when to try again. */
export function limitsUnavailable(cause: unknown): UpstreamError {
  return new UpstreamError(503, 'The liveness backend cannot check its limits right now. Try again.', {
    cause,
    retryAfter: '2',
  });
}

/** A place among the uploads with Oz (`limits.concurrentUploads`), or the `429` that says there is none. */
export async function uploadSlot(request: Request, limits: Limits, log: Log): Promise<UploadSlot | Response> {
  let slot: UploadSlot | number;
  try {
    slot = await limits.upload(request, log);
  } catch (err) {
    discardBody(request);
    throw limitsUnavailable(err);
  }
  if (typeof slot !== 'number') return slot;
  discardBody(request);
  log('the cap on concurrent uploads is reached; answered 429');
  return errorResponse(429, 'Too many uploads at once. Try again shortly.', { 'Retry-After': String(slot) });
}
