/**
 * Built-in limits for the public routes, off unless configured: a per-client rate for
 * `…/session-token` (each one costs an Oz call and mints a token), and a cap on uploads with Oz at
 * once. Counters live in this process, or in Redis so that every instance shares them.
 */
import type { RedisClientLike } from './redis-store.js';

/** The `limits` option of the handler. */
export interface LimitsOptions {
  /** At most `max` session tokens per client per `windowMs` (default 60 000). Needs `clientKey`. */
  sessionTokens?: { max: number; windowMs?: number };
  /** At most this many uploads with Oz at once (across instances when `redis` is given). */
  concurrentUploads?: number;
  /**
   * Who the client is, from the request: behind a proxy only you know the real address (e.g. the
   * last hop of `X-Forwarded-For` your proxy sets), or use a user or session id. `undefined` → not limited.
   */
  clientKey?: (request: Request) => string | undefined;
  /** Keep the counters in Redis (a connected client of the `redis` package), shared by every instance. */
  redis?: RedisClientLike;
  /** Prefix of the Redis keys. Default `oz-liveness:limits:`. */
  prefix?: string;
}

/** `undefined`: go ahead. A number: refused; try again after that many seconds. */
export type Verdict = undefined | number;

export interface Limits {
  sessionToken(request: Request): Promise<Verdict>;
  /** Takes an upload slot: `release` when the exchange with Oz is over. `log` names the request. */
  upload(log: (message: string) => void): Promise<{ release(): void } | number>;
}

const NO_LIMITS: Limits = { sessionToken: async () => undefined, upload: async () => ({ release() {} }) };

/** An upload slot older than this is counted as gone (an instance that died holding it). */
const SLOT_LEASE_MS = 10 * 60_000;

// Fixed window: the first hit sets the expiry; answers [count, ms left].
const RATE_SCRIPT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {n, redis.call('PTTL', KEYS[1])}`;
// A sorted set of slots scored by start time; stale slots drop out. Answers 1 when a slot was taken.
const SLOT_SCRIPT = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1`;
const FREE_SCRIPT = `return redis.call('ZREM', KEYS[1], ARGV[1])`;

export function createLimits(options: LimitsOptions | undefined, fail: (message: string) => never): Limits {
  if (options === undefined) return NO_LIMITS;
  if (typeof options !== 'object' || options === null) fail('limits must be an object.');
  const { sessionTokens, concurrentUploads, clientKey, redis } = options;
  const windowMs = sessionTokens?.windowMs ?? 60_000;
  if (sessionTokens !== undefined) {
    if (!Number.isSafeInteger(sessionTokens.max) || sessionTokens.max <= 0) fail('limits.sessionTokens.max must be a positive integer.');
    if (!Number.isSafeInteger(windowMs) || windowMs <= 0) fail('limits.sessionTokens.windowMs must be a positive integer.');
    if (typeof clientKey !== 'function') fail('limits.clientKey must be a function (request) => string when limits.sessionTokens is set.');
  }
  if (concurrentUploads !== undefined && (!Number.isSafeInteger(concurrentUploads) || concurrentUploads <= 0)) {
    fail('limits.concurrentUploads must be a positive integer.');
  }
  if (redis !== undefined && typeof redis?.eval !== 'function') fail('limits.redis must be a connected client of the redis package.');
  const prefix = options.prefix ?? 'oz-liveness:limits:';
  const windows = new Map<string, { count: number; resetAt: number }>();
  let uploads = 0;

  async function hit(key: string): Promise<Verdict> {
    if (redis) {
      const [count, left] = (await redis.eval(RATE_SCRIPT, { keys: [`${prefix}st:${key}`], arguments: [String(windowMs)] })) as [number, number];
      return count > sessionTokens!.max ? Math.max(1, Math.ceil(left / 1000)) : undefined;
    }
    const now = Date.now();
    if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    let current = windows.get(key);
    if (!current || current.resetAt <= now) windows.set(key, (current = { count: 0, resetAt: now + windowMs }));
    current.count++;
    return current.count > sessionTokens!.max ? Math.max(1, Math.ceil((current.resetAt - now) / 1000)) : undefined;
  }

  return {
    async sessionToken(request) {
      if (!sessionTokens) return undefined;
      const key = clientKey!(request);
      if (key === undefined) return undefined;
      return hit(key);
    },
    async upload(log) {
      if (concurrentUploads === undefined) return { release() {} };
      if (redis) {
        const slot = crypto.randomUUID();
        const name = `${prefix}uploads`;
        const args = [String(Date.now()), String(SLOT_LEASE_MS), String(concurrentUploads), slot];
        if ((await redis.eval(SLOT_SCRIPT, { keys: [name], arguments: args })) !== 1) return 1;
        return {
          release: () =>
            void redis.eval(FREE_SCRIPT, { keys: [name], arguments: [slot] }).catch((err: unknown) => log(`limits: Redis failed: ${String(err)}`)),
        };
      }
      if (uploads >= concurrentUploads) return 1;
      uploads++;
      let released = false;
      return {
        release() {
          if (!released) uploads--;
          released = true;
        },
      };
    },
  };
}
