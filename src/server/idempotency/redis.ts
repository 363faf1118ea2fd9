/**
 * Idempotency records in Redis, shared by every instance behind a load balancer. Takes a connected
 * client of the official `redis` package (v5/v6) and never imports `redis` itself: the package is an
 * optional peer dependency, loaded only by the integrator who creates the client.
 */
import { keepAlive } from '../limits/bounds.js';
import type { IdempotencyEntry, IdempotencyStore, RecordedAnswer } from './types.js';

/** The few commands used, as node-redis v5/v6 spells them; any object that has them will do. */
export interface RedisClientLike {
  set(key: string, value: string, options?: { NX?: boolean; PX?: number }): Promise<unknown>;
  get(key: string): Promise<string | null | unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Options of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** Prefix of every key written. Default `oz-liveness:idempotency:`. */
  prefix?: string;
}

// Deletes the key only if it still holds this owner's claim: a record, or someone else's claim, stays.
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Claim with `SET key pending NX PX lease`; a waiting repeat polls; the answer replaces the claim
 * with `SET key answer PX ttl`. Nothing is written without an expiry.
 *
 * @example
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * createOzLivenessHandler({ ozApiUrl, accessToken, idempotency: { store: createRedisIdempotencyStore(redis) } });
 */
export function createRedisIdempotencyStore(
  client: RedisClientLike,
  options: RedisIdempotencyStoreOptions = {},
): IdempotencyStore {
  if (
    !client ||
    typeof client.set !== 'function' ||
    typeof client.get !== 'function' ||
    typeof client.eval !== 'function'
  ) {
    throw new TypeError(
      'createRedisIdempotencyStore: client must be a connected client of the redis package (createClient()).',
    );
  }
  // Redis going away must cost answers (503), never the process: an unheard `error` event would end it.
  keepAlive(client);
  const prefix = options.prefix ?? 'oz-liveness:idempotency:';
  const claimValue = (owner: string) => JSON.stringify({ state: 'pending', owner } satisfies IdempotencyEntry);

  return {
    async claim(key, owner, leaseMs) {
      const name = prefix + key;
      for (let attempt = 0; attempt < 3; attempt++) {
        const set = await client.set(name, claimValue(owner), { NX: true, PX: Math.ceil(leaseMs) });
        if (set === 'OK') return undefined;
        const current = await client.get(name);
        // Gone between SET and GET (expired, released): try to claim again.
        if (typeof current === 'string') return parseEntry(current);
      }
      throw new Error('Redis idempotency store: the key changed hands three times in a row.');
    },
    async complete(key, answer: RecordedAnswer, ttlMs) {
      await client.set(prefix + key, JSON.stringify({ state: 'done', answer } satisfies IdempotencyEntry), {
        PX: Math.ceil(ttlMs),
      });
    },
    async release(key, owner) {
      await client.eval(RELEASE_SCRIPT, { keys: [prefix + key], arguments: [claimValue(owner)] });
    },
  };
}

function parseEntry(text: string): IdempotencyEntry {
  const value = JSON.parse(text) as IdempotencyEntry;
  if (value?.state === 'pending' || (value?.state === 'done' && typeof value.answer?.status === 'number')) return value;
  throw new Error('Redis idempotency store: a record under this prefix is not ours.');
}
