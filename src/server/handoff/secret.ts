/**
 * The hand-off's secrets: 128 random bits each, in 26 characters of Crockford's base32, and their SHA-256 (what the store keeps).
 * Also the `handoff` option's checks, and the one way the routes reach the store: under a time limit,
 * so a store that stops answering (a Redis paused or cut off) gives `503` + `Retry-After`, not a hang.
 */
import { UpstreamError } from '../oz/calls.js';
import { createMemoryHandoffStore } from './memory.js';
import { DEFAULT_HANDOFF_TTL_MS, type HandoffOptions, type HandoffStore } from './types.js';

/**
 * Crockford's base32: digits and capitals without I, L, O and U, so a secret read off a screen and
 * typed on a phone survives lower case and the letters people mix up (canonicalSecret).
 */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 random bytes (128 bits) → 26 base32 characters (the last carries 3 bits). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out + BASE32[(value << (5 - bits)) & 31];
}

/**
 * A secret or watch token as typed (lower case, grouped with `-` or spaces, `I`/`L` for `1`, `O` for
 * `0`) in its one form, or `undefined` when it cannot be one: that is refused without asking the store.
 */
export function canonicalSecret(value: string | null): string | undefined {
  if (value === null || value.length > 64) return undefined;
  const canonical = value.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{26}$/.test(canonical) ? canonical : undefined;
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The `handoff` option, checked. */
export interface HandoffConfig {
  phoneUrl: string;
  store: HandoffStore;
  ttlMs: number;
}

export function resolveHandoff(options: HandoffOptions | undefined, fail: (message: string) => never) {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) fail('handoff must be { phoneUrl, store?, ttlMs? }.');
  let url: URL | undefined;
  try {
    url = new URL(String(options.phoneUrl ?? ''));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail('handoff.phoneUrl must be an absolute https: URL, e.g. https://bank.example/verify-on-phone.');
  }
  const phone = url as URL;
  if (phone.hash || String(options.phoneUrl).includes('#')) {
    fail('handoff.phoneUrl must not have a fragment: the secret goes there.');
  }
  if (phone.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(phone.hostname)) {
    fail('handoff.phoneUrl must be https: (the phone would send its secret and video in clear).');
  }
  const store = options.store ?? createMemoryHandoffStore();
  for (const method of ['create', 'find', 'get', 'update', 'changed'] as const) {
    if (typeof store?.[method] !== 'function') {
      fail('handoff.store must have create, find, get, update and changed (see createRedisHandoffStore).');
    }
  }
  const ttlMs = options.ttlMs ?? DEFAULT_HANDOFF_TTL_MS;
  if (typeof ttlMs !== 'number' || !(ttlMs >= 1000 && ttlMs <= 86_400_000)) {
    fail('handoff.ttlMs must be a number of milliseconds between 1000 and 86400000.');
  }
  return { phoneUrl: phone.href, store, ttlMs } satisfies HandoffConfig;
}

/** How long one call to the store may take before the route gives up with 503. */
export const STORE_TIMEOUT_MS = 2000;

/** The store's call, or a `503` + `Retry-After` when it fails or does not answer in time. */
export async function guard<T>(call: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the hand-off store did not answer within ${STORE_TIMEOUT_MS} ms`)),
      STORE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([call, late]);
  } catch (cause) {
    throw new UpstreamError(503, 'The liveness backend cannot reach its hand-off records right now. Try again.', {
      cause,
      retryAfter: '2',
    });
  } finally {
    clearTimeout(timer);
  }
}
