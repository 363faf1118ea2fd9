/**
 * `oz-liveness-elements/server`: the backend half of a liveness check. A web-standard handler that
 * keeps the Oz access token on the server, hands out session tokens and streams containers to
 * Oz API, plus an adapter for node:http, Express and Connect. See docs/server.md.
 *
 * @packageDocumentation
 */
export {
  createOzLivenessHandler,
  DEFAULT_BACKGROUND_TIMEOUT_MS,
  DEFAULT_MAX_CONTAINER_BYTES,
  DEFAULT_TIMEOUT_MS,
  type OzLivenessHandler,
  type OzLivenessHandlerOptions,
  type RequestContext,
  type ResultContext,
} from './handler.js';
export { createMemoryHandoffStore, type MemoryHandoffStoreOptions } from './handoff/memory.js';
export { createRedisHandoffStore, type RedisHandoffStoreOptions } from './handoff/redis.js';
export {
  DEFAULT_HANDOFF_TTL_MS,
  type HandoffChange,
  type HandoffOptions,
  type HandoffRecord,
  type HandoffState,
  type HandoffStore,
  type HandoffUpdate,
} from './handoff/types.js';
export { createMemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './idempotency/memory.js';
export {
  createRedisIdempotencyStore,
  type RedisClientLike,
  type RedisIdempotencyStoreOptions,
} from './idempotency/redis.js';
export {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  type IdempotencyEntry,
  type IdempotencyOptions,
  type IdempotencyStore,
  type RecordedAnswer,
} from './idempotency/types.js';
export type { FetchLike } from './oz/calls.js';
export type { OzAnalysis, OzDecision, OzFolder } from './oz/folder.js';
export { decideFolder, trimFolder } from './oz/folder.js';
export { forwardedForClientKey } from './limits/client-key.js';
export { toNodeHandler, type NodeHandler, type NodeHandlerOptions, type WebHandler } from './node.js';
