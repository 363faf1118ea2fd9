/**
 * Hand-off to a phone: what the server remembers per hand-off, and the interface of the store it
 * lives in (memory.ts, redis.ts, or the integrator's own). Only hashes of the secret and of the
 * watch token are kept, so a dump of the store lets nobody claim a hand-off or watch one.
 */

/** The states of `oz-handoff`, as the desktop's stream sends them. */
export type HandoffState = 'waiting' | 'opened' | 'capturing' | 'uploading' | 'done' | 'expired' | 'cancelled';

/** One hand-off. `folder` is the answer the phone got (the trimmed folder), as JSON text. */
export interface HandoffRecord {
  id: string;
  state: HandoffState;
  /** Epoch ms after which the link no longer works. */
  expiresAt: number;
  /** Grows by one on every change: the stream sends a record whose version it has not sent. */
  version: number;
  /** SHA-256 (hex) of the secret in the phone's link. */
  secretHash: string;
  /** SHA-256 (hex) of the desktop's watch token. */
  watchHash: string;
  /** The `Idempotency-Key` of the phone's upload, once it started: only its repeats are let through. */
  uploadKey?: string;
  folder?: string;
}

/** A compare-and-set: applied only when the record is in one of `from` (and, with `graceMs`, not expired). */
export interface HandoffChange {
  from: HandoffState[];
  to: HandoffState;
  /** The caller's clock, so that every instance and the store judge expiry alike. */
  at: number;
  /** When given, refused once `at >= expiresAt + graceMs`. */
  graceMs?: number;
  uploadKey?: string;
  folder?: string;
}

/** What an update did: `ok` when applied; `record` is the record after it (or as found). */
export interface HandoffUpdate {
  ok: boolean;
  record: HandoffRecord | undefined;
}

/**
 * Where hand-offs live. Every method may be called by many instances at once (Redis); `update` is
 * the one atomic step. Records expire by themselves `keepMs` after creation.
 */
export interface HandoffStore {
  create(record: HandoffRecord, keepMs: number): Promise<void>;
  find(by: 'secret' | 'watch', hash: string): Promise<HandoffRecord | undefined>;
  get(id: string): Promise<HandoffRecord | undefined>;
  update(id: string, change: HandoffChange): Promise<HandoffUpdate>;
  /** Resolves when `id` may have changed, after at most `ms` (a store without notices just waits a poll). */
  changed(id: string, ms: number, signal: AbortSignal): Promise<void>;
}

/** The `handoff` option of the handler. */
export interface HandoffOptions {
  /** The page the bank serves for the phone (it holds an ordinary `<oz-liveness-check>`); the secret goes in its fragment. */
  phoneUrl: string | URL;
  /** Default: {@link createMemoryHandoffStore} (one process). Use {@link createRedisHandoffStore} behind a load balancer. */
  store?: HandoffStore;
  /** How long a link works, in ms. Default 600 000 (10 minutes). */
  ttlMs?: number;
}

export const DEFAULT_HANDOFF_TTL_MS = 600_000;
/** A record outlives its link by this much, so a late desktop still hears `done` and a late phone `handoff-expired`. */
export const HANDOFF_KEEP_AFTER_MS = 600_000;

/** `waiting`, `opened`, `capturing` and `uploading` become `expired` once the link's time is up. */
export function isOver(state: HandoffState): boolean {
  return state === 'done' || state === 'expired' || state === 'cancelled';
}

/** Applies a change to a record in memory (the memory store, and the check the Redis script mirrors). */
export function applyChange(record: HandoffRecord, change: HandoffChange): HandoffRecord | undefined {
  if (!change.from.includes(record.state)) return undefined;
  if (change.graceMs !== undefined && change.at >= record.expiresAt + change.graceMs) return undefined;
  const next: HandoffRecord = { ...record, state: change.to, version: record.version + 1 };
  if (change.uploadKey !== undefined) next.uploadKey = change.uploadKey;
  if (change.folder !== undefined) next.folder = change.folder;
  return next;
}
