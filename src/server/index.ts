/**
 * `oz-liveness-elements/server`: the backend half of a liveness check. A web-standard handler that
 * keeps the Oz access token on the server, hands out session tokens and streams containers to
 * Oz API, plus an adapter for node:http, Express and Connect. See docs/server.md.
 *
 * @packageDocumentation
 */
export {
  createOzLivenessHandler,
  DEFAULT_MAX_CONTAINER_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OzLivenessHandler,
  type OzLivenessHandlerOptions,
  type RequestContext,
} from './handler.js';
export { trimFolder } from './folder.js';
export type { OzAnalysis, OzFolder } from './folder.js';
export type { FetchLike } from './upstream.js';
export {
  createMemoryIdempotencyStore,
  DEFAULT_IDEMPOTENCY_TTL_MS,
  type IdempotencyEntry,
  type IdempotencyOptions,
  type IdempotencyStore,
  type MemoryIdempotencyStoreOptions,
  type RecordedAnswer,
} from './idempotency.js';
export { createRedisIdempotencyStore, type RedisClientLike, type RedisIdempotencyStoreOptions } from './redis-store.js';
export { toNodeHandler, type NodeHandler, type NodeHandlerOptions, type WebHandler } from './node.js';
