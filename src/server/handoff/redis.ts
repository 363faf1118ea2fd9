/**
 * Hand-offs in Redis, shared by every instance: the desktop's stream on one instance sees the
 * phone's upload on another. Takes a connected client of the official `redis` package and never
 * imports `redis` itself. Streams poll the record (one GET per stream every {@link POLL_MS}): no
 * second connection for pub/sub, and a record missed by a notice cannot exist.
 */
import type { RedisClientLike } from '../idempotency/redis.js';
import type { HandoffRecord, HandoffStore } from './types.js';

/** Options of {@link createRedisHandoffStore}. */
export interface RedisHandoffStoreOptions {
  /** Prefix of every key written. Default `oz-liveness:handoff:`. */
  prefix?: string;
}

/** How often a desktop's stream reads its record: the latency of a change seen from another instance. */
export const POLL_MS = 250;

// The record and its two indexes, written together with one expiry.
const CREATE_SCRIPT = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2]) redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[2]) return 1`;
// The compare-and-set of types.ts applyChange, in one step. Answers {applied, record after or as found}.
const UPDATE_SCRIPT = `local raw = redis.call('GET', KEYS[1])
if not raw then return {0, false} end
local r = cjson.decode(raw)
local c = cjson.decode(ARGV[1])
local ok = false
for _, s in ipairs(c.from) do if r.state == s then ok = true end end
if ok and c.graceMs ~= nil and c.at >= r.expiresAt + c.graceMs then ok = false end
if not ok then return {0, raw} end
r.state = c.to
r.version = r.version + 1
if c.uploadKey ~= nil then r.uploadKey = c.uploadKey end
if c.folder ~= nil then r.folder = c.folder end
local out = cjson.encode(r)
redis.call('SET', KEYS[1], out, 'KEEPTTL')
return {1, out}`;

/**
 * @example
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * createOzLivenessHandler({ ozApiUrl, accessToken, handoff: { phoneUrl, store: createRedisHandoffStore(redis) } });
 */
export function createRedisHandoffStore(client: RedisClientLike, options: RedisHandoffStoreOptions = {}): HandoffStore {
  if (!client || typeof client.get !== 'function' || typeof client.eval !== 'function') {
    throw new TypeError(
      'createRedisHandoffStore: client must be a connected client of the redis package (createClient()).',
    );
  }
  const prefix = options.prefix ?? 'oz-liveness:handoff:';
  const recordKey = (id: string) => `${prefix}h:${id}`;
  const read = (text: unknown): HandoffRecord | undefined => {
    if (typeof text !== 'string') return undefined;
    const value = JSON.parse(text) as HandoffRecord;
    if (typeof value?.id !== 'string' || typeof value.state !== 'string' || typeof value.version !== 'number') {
      throw new Error('Redis hand-off store: a record under this prefix is not ours.');
    }
    return value;
  };
  const get = async (id: string) => read(await client.get(recordKey(id)));

  return {
    async create(record, keepMs) {
      await client.eval(CREATE_SCRIPT, {
        keys: [recordKey(record.id), `${prefix}s:${record.secretHash}`, `${prefix}w:${record.watchHash}`],
        arguments: [JSON.stringify(record), String(Math.ceil(keepMs)), record.id],
      });
    },
    async find(by, hash) {
      const id = await client.get(`${prefix}${by === 'secret' ? 's' : 'w'}:${hash}`);
      return typeof id === 'string' ? get(id) : undefined;
    },
    get,
    async update(id, change) {
      const [applied, text] = (await client.eval(UPDATE_SCRIPT, {
        keys: [recordKey(id)],
        arguments: [JSON.stringify(change)],
      })) as [number, string | null];
      return { ok: applied === 1, record: read(text) };
    },
    changed(_id, ms, signal) {
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(ms, POLL_MS));
        if (signal.aborted) done();
        else signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}
