/**
 * The `limits` option and what the routes ask of it. The counters behind it live in this process
 * (memory.ts) or in Redis (redis.ts), so that every instance shares them.
 */
import type { RedisClientLike } from '../idempotency/redis.js';

/** The `limits` option of the handler. */
export interface LimitsOptions {
  /** At most `max` session tokens per client per `windowMs` (default 60 000). Needs `clientKey`. */
  sessionTokens?: { max: number; windowMs?: number };
  /** At most this many uploads with Oz at once (across instances when `redis` is given). */
  concurrentUploads?: number;
  /**
   * At most this many of them from one client (by `clientKey`), so one client cannot take every
   * place. Default 2 when `clientKey` is given (a person uploads one container at a time, a retry
   * may overlap); without `clientKey` only `concurrentUploads` applies.
   */
  concurrentUploadsPerClient?: number;
  /**
   * Who the client is, from the request: behind a proxy only you know the real address, e.g.
   * `forwardedForClientKey(1)` (the address your proxy appended to `X-Forwarded-For`), or a user or
   * session id. Return a string for every request: `undefined` counts as one shared client, limited
   * like any other (it never switches limiting off).
   */
  clientKey?: (request: Request) => string | undefined;
  /** Keep the counters in Redis (a connected client of the `redis` package), shared by every instance. */
  redis?: RedisClientLike;
  /** Prefix of the Redis keys. Default `oz-liveness:limits:`. */
  prefix?: string;
}

/** `undefined`: go ahead. A number: refused; try again after that many seconds. */
export type Verdict = undefined | number;

/** A place among the uploads with Oz; given back when the call to Oz is over. */
export interface UploadSlot {
  release(): void;
}

/** What the routes ask. */
export interface Limits {
  sessionToken(request: Request): Promise<Verdict>;
  /** Takes an upload slot for this request's client: `release` when the call to Oz is over. `log` names the request. */
  upload(request: Request, log: (message: string) => void): Promise<UploadSlot | number>;
}

/** The checked settings the counters work with. */
export interface CounterSettings {
  /** Session tokens per client per window (when the rate is limited). */
  max: number;
  windowMs: number;
  /** Uploads with Oz at once, or no cap. */
  concurrentUploads: number | undefined;
  /** Uploads with Oz at once per client, or no cap per client. */
  perClient: number | undefined;
  /** How long an upload slot in Redis lasts without being renewed: 2 × timeoutMs. */
  slotLeaseMs: number;
}

/** Where the counts are kept: one process (memory.ts) or every instance (redis.ts). */
export interface Counters {
  /** Counts one session token for `client`. */
  hit(client: string): Promise<Verdict>;
  /** Takes an upload slot for `client`, or says in how many seconds to try again. */
  takeSlot(client: string, log: (message: string) => void): Promise<UploadSlot | number>;
}
