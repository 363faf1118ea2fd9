/**
 * The simulator's keys: one simulator key (shared by plugin and API) yields the container's MAC and
 * encryption keys and the session tokens' signing key.
 */
import { DEFAULT_SIMULATOR_KEY } from './container-types.js';
import { subtleCrypto, toHex, utf8 } from './encoding.js';

interface DerivedKeys {
  mac: CryptoKey;
  enc: CryptoKey;
  token: CryptoKey;
}

const keyCache = new Map<string, Promise<DerivedKeys>>();

/** Derives (and caches) the per-purpose keys from one simulator key, so one string configures both ends. */
export function derivedKeys(key: string): Promise<DerivedKeys> {
  let keys = keyCache.get(key);
  if (!keys) {
    keys = (async () => {
      const subtle = subtleCrypto();
      const base = await subtle.importKey('raw', utf8(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const sub = async (label: string) => new Uint8Array(await subtle.sign('HMAC', base, utf8(label)));
      const hmac = (raw: Uint8Array<ArrayBuffer>) =>
        subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
      return {
        mac: await hmac(await sub('oz-sim/container-mac')),
        enc: await subtle.importKey('raw', await sub('oz-sim/container-enc'), 'AES-GCM', false, ['encrypt', 'decrypt']),
        token: await hmac(await sub('oz-sim/session-token')),
      };
    })();
    keyCache.set(key, keys);
  }
  return keys;
}

/** HMAC-SHA256 with the simulator's session-token key (used by the simulated API for its tokens). */
export async function signSessionTokenBytes(
  data: Uint8Array<ArrayBuffer>,
  key = DEFAULT_SIMULATOR_KEY,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await subtleCrypto().sign('HMAC', (await derivedKeys(key)).token, data));
}

/** Constant-time check of a session-token signature made by {@link signSessionTokenBytes}. */
export async function verifySessionTokenBytes(
  data: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  key = DEFAULT_SIMULATOR_KEY,
): Promise<boolean> {
  return subtleCrypto().verify('HMAC', (await derivedKeys(key)).token, signature, data);
}

/** Hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtleCrypto().digest('SHA-256', bytes.slice())));
}
