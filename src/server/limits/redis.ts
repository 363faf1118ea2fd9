/** The limits' counts in Redis, shared by every instance behind a load balancer. */
import type { RedisClientLike } from '../idempotency/redis.js';
import type { Counters, CounterSettings, UploadSlot } from './types.js';

// Fixed window: the first hit sets the expiry; answers [count, ms left]. One key per client: O(1).
const RATE_SCRIPT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return {n, redis.call('PTTL', KEYS[1])}`;
// Two sorted sets of slots scored by their last renewal, all and this client's; slots not renewed
// within the lease (an instance that died) drop out. ARGV: now, lease, cap, cap per client (0: none),
// slot. Answers 1 when a slot was taken.
const SLOT_SCRIPT = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1] - ARGV[2])
if tonumber(ARGV[3]) > 0 and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
if tonumber(ARGV[4]) > 0 and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 0 end
for i = 1, 2 do redis.call('ZADD', KEYS[i], ARGV[1], ARGV[5]) redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1`;
// A live upload renews its slot (only if it is still there).
const RENEW_SCRIPT = `for i = 1, 2 do redis.call('ZADD', KEYS[i], 'XX', ARGV[1], ARGV[3]) redis.call('PEXPIRE', KEYS[i], ARGV[2]) end return 1`;
const FREE_SCRIPT = `redis.call('ZREM', KEYS[2], ARGV[1]) return redis.call('ZREM', KEYS[1], ARGV[1])`;

/** Where the counts are kept: the client, and the prefix of its keys. */
export interface RedisCounterStore {
  redis: RedisClientLike;
  prefix: string;
}

export function redisCounters({ redis, prefix }: RedisCounterStore, settings: CounterSettings): Counters {
  const { max, windowMs, concurrentUploads, perClient, slotLeaseMs } = settings;
  return {
    async hit(client) {
      const [count, left] = (await redis.eval(RATE_SCRIPT, {
        keys: [`${prefix}st:${client}`],
        arguments: [String(windowMs)],
      })) as [number, number];
      return count > max ? Math.max(1, Math.ceil(left / 1000)) : undefined;
    },
    async takeSlot(client, log): Promise<UploadSlot | number> {
      if (concurrentUploads === undefined && perClient === undefined) return { release() {} };
      const slot = crypto.randomUUID();
      // One hash tag, so both keys live in the same slot of a Redis Cluster.
      const keys = [`${prefix}{uploads}`, `${prefix}{uploads}:${client}`];
      const cap = [String(concurrentUploads ?? 0), String(perClient ?? 0)];
      const args = [String(Date.now()), String(slotLeaseMs), ...cap, slot];
      if ((await redis.eval(SLOT_SCRIPT, { keys, arguments: args })) !== 1) return 1;
      const failed = (err: unknown) => log(`limits: Redis failed: ${String(err)}`);
      // Renewed while the upload lives: a dead instance's slots lapse within the lease (2 × timeoutMs).
      const renew = setInterval(
        () =>
          void redis
            .eval(RENEW_SCRIPT, { keys, arguments: [String(Date.now()), String(slotLeaseMs), slot] })
            .catch(failed),
        Math.max(100, Math.floor(slotLeaseMs / 4)),
      );
      (renew as { unref?: () => void }).unref?.();
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          clearInterval(renew);
          void redis.eval(FREE_SCRIPT, { keys, arguments: [slot] }).catch(failed);
        },
      };
    },
  };
}
