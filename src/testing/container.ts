/**
 * The simulator's container: an INVENTED format that stands in for Oz's OzCapsula. It is not Oz's
 * format and nothing outside the simulator may decode it: the elements and the backend route must
 * forward it as an opaque `application/octet-stream` Blob, exactly as with the real plugin.
 *
 * It is encrypted and signed like the real one, so that an integration which peeks into it, re-encodes
 * it or sends the wrong bytes fails here as it would against Oz. The simulated plugin packs it; the
 * simulated Oz API checks it in two stages, as Oz does: {@link verifyContainer} "before unpacking"
 * (errors 13, 14) and {@link unpackContainer} "after unpacking" (errors 3, 4, 5).
 *
 * Layout (integers are unsigned 32-bit big-endian):
 * ```
 *   magic   8 bytes   "OZSIM" 0x00, version 0x01, 0x00
 *   iv     12 bytes   AES-GCM nonce
 *   sealed  n bytes   AES-256-GCM(encKey, iv, inner)
 *   mac    32 bytes   HMAC-SHA256(macKey, magic ‖ iv ‖ sealed)
 * inner:
 *   u32 + envelope JSON   { format, version, session_token, created_at }
 *   u32 + payload JSON    (length 0 = "no payload" → error 3)
 *   u32 count, then count × (u32 + media bytes)
 * ```
 * `macKey` and `encKey` are HMAC-SHA256(key, "oz-sim/container-mac" | "oz-sim/container-enc") of the
 * simulator key, shared by plugin and API ({@link DEFAULT_SIMULATOR_KEY} unless both are given `key`).
 *
 * Runs in Node 20 and browsers: web-standard `crypto.subtle`, `Blob`, no DOM.
 */
import { derivedKeys, sha256Hex } from './container-keys.js';
import type {
  ContainerDefect,
  ContainerEnvelope,
  ContainerFault,
  ContainerMediaInfo,
  ContainerPayload,
  PackContainerInput,
  UnpackedContainer,
  VerifiedContainer,
} from './container-types.js';
import { CONTAINER_TYPE, DEFAULT_SIMULATOR_KEY } from './container-types.js';
import { concatBytes, fromUtf8, subtleCrypto, utf8 } from './encoding.js';
import { containerErrorCode, type ScenarioName } from './scenarios.js';

// One import for the simulated plugin and API: the shapes and the keys live beside this file.
export { CONTAINER_TYPE, DEFAULT_SIMULATOR_KEY } from './container-types.js';
export type * from './container-types.js';
export { sha256Hex, signSessionTokenBytes, verifySessionTokenBytes } from './container-keys.js';

const MAGIC = new Uint8Array([0x4f, 0x5a, 0x53, 0x49, 0x4d, 0x00, 0x01, 0x00]);
const IV_BYTES = 12;
const GCM_TAG_BYTES = 16;
const MAC_BYTES = 32;

function u32(n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function section(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes([u32(bytes.length), bytes]);
}

/**
 * Packs a container Blob (type `application/octet-stream`). With `defect`, the result really has
 * that defect, built the way a faulty plugin would build it.
 */
export async function packContainer(input: PackContainerInput): Promise<Blob> {
  if (input.defect === 'no_body') return new Blob([], { type: CONTAINER_TYPE });
  const subtle = subtleCrypto();
  const keys = await derivedKeys(input.key ?? DEFAULT_SIMULATOR_KEY);

  const items = input.defect === 'no_media' ? [] : input.media;
  const infos: ContainerMediaInfo[] = [];
  const blobs: Uint8Array[] = [];
  for (const [i, m] of items.entries()) {
    // Hash first, damage after: the payload describes the good bytes, as if the plugin's media
    // got corrupted on the way into the container.
    infos.push({
      name: m.name ?? `${i}_${m.action}.${m.kind === 'video' ? 'video' : 'jpg'}`,
      action: m.action,
      kind: m.kind,
      type: m.type,
      size: m.bytes.length,
      sha256: await sha256Hex(m.bytes),
    });
    const bytes = m.bytes.slice();
    if (input.defect === 'damaged_media') bytes.fill(0, 0, Math.min(16, bytes.length));
    blobs.push(bytes);
  }

  const envelope: ContainerEnvelope = {
    format: 'oz-simulator-container',
    version: 1,
    session_token: input.sessionToken,
    created_at: new Date(input.now ?? Date.now()).toISOString(),
  };
  const payload: ContainerPayload = { ...input.payload, media: infos };
  const inner = concatBytes([
    section(utf8(JSON.stringify(envelope))),
    input.defect === 'no_payload' ? u32(0) : section(utf8(JSON.stringify(payload))),
    u32(blobs.length),
    ...blobs.map(section),
  ]);

  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, keys.enc, inner));
  const signed = concatBytes([MAGIC, iv, sealed]);
  const mac = new Uint8Array(await subtle.sign('HMAC', keys.mac, signed));
  if (input.defect === 'bad_signature') mac[0] = mac[0]! ^ 0xff;
  return new Blob([signed, mac], { type: CONTAINER_TYPE });
}

function fault(code: ContainerFault['code'], reason: string, message: string): ContainerFault {
  return { ok: false, code, reason, message };
}

/** Reads length-prefixed sections; `null` when the bytes run out (a damaged structure). */
class Reader {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u32(): number | null {
    if (this.at + 4 > this.bytes.length) return null;
    const n = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.at, 4).getUint32(0);
    this.at += 4;
    return n;
  }
  section(): Uint8Array | null {
    const n = this.u32();
    if (n === null || this.at + n > this.bytes.length) return null;
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  get done(): boolean {
    return this.at === this.bytes.length;
  }
}

/**
 * Stage one, "before unpacking": is there a container at all (13), is it ours, unaltered and
 * decryptable with this key (14)? The session-token check (also 14) is the API's, on `envelope`.
 */
export async function verifyContainer(
  bytes: Uint8Array,
  key = DEFAULT_SIMULATOR_KEY,
): Promise<VerifiedContainer | ContainerFault> {
  if (bytes.length === 0) return fault(13, 'no_container', 'The request carries no container.');
  const min = MAGIC.length + IV_BYTES + GCM_TAG_BYTES + MAC_BYTES;
  if (bytes.length < min || MAGIC.some((b, i) => bytes[i] !== b)) {
    return fault(14, 'not_a_container', 'The body is not a simulator container.');
  }
  const keys = await derivedKeys(key);
  const subtle = subtleCrypto();
  const signed = bytes.slice(0, bytes.length - MAC_BYTES);
  const mac = bytes.slice(bytes.length - MAC_BYTES);
  if (!(await subtle.verify('HMAC', keys.mac, mac, signed))) {
    return fault(14, 'bad_signature', 'The container signature does not match (altered, or packed with another key).');
  }
  let inner: Uint8Array;
  try {
    const iv = signed.slice(MAGIC.length, MAGIC.length + IV_BYTES);
    inner = new Uint8Array(
      await subtle.decrypt({ name: 'AES-GCM', iv }, keys.enc, signed.slice(MAGIC.length + IV_BYTES)),
    );
  } catch {
    return fault(14, 'decryption_failed', 'The container could not be decrypted.');
  }
  const head = new Reader(inner).section();
  let envelope: ContainerEnvelope;
  try {
    envelope = JSON.parse(fromUtf8(head ?? new Uint8Array())) as ContainerEnvelope;
  } catch {
    return fault(14, 'bad_envelope', 'The container envelope is unreadable.');
  }
  if (envelope?.format !== 'oz-simulator-container' || envelope.version !== 1) {
    return fault(14, 'bad_envelope', 'The container envelope has an unknown format.');
  }
  return { ok: true, envelope, inner };
}

/**
 * Does `bytes` look like its MIME type (magic numbers)? Catches media that were damaged before the
 * plugin hashed them, which the hash alone cannot.
 */
function matchesType(type: string, b: Uint8Array): boolean {
  const t = type.toLowerCase();
  const at = (i: number, ...sig: number[]) => sig.every((v, j) => b[i + j] === v);
  if (t.startsWith('image/jpeg')) return b.length > 4 && at(0, 0xff, 0xd8, 0xff) && at(b.length - 2, 0xff, 0xd9);
  if (t.startsWith('image/png')) return at(0, 0x89, 0x50, 0x4e, 0x47);
  if (t.startsWith('video/webm') || t.startsWith('video/x-matroska')) return at(0, 0x1a, 0x45, 0xdf, 0xa3);
  if (t.startsWith('video/mp4') || t.startsWith('video/quicktime')) return at(4, 0x66, 0x74, 0x79, 0x70); // "ftyp"
  return b.length > 0; // an unknown type: the hash is all there is to check
}

/** Stage two, "after unpacking": payload present (3), media present (4), nothing damaged (5). */
export async function unpackContainer(verified: VerifiedContainer): Promise<UnpackedContainer | ContainerFault> {
  const r = new Reader(verified.inner);
  r.section(); // the envelope, already read by verifyContainer
  const payloadBytes = r.section();
  if (payloadBytes === null) return fault(5, 'truncated', 'The container structure is damaged.');
  if (payloadBytes.length === 0) return fault(3, 'no_payload', 'The container has no payload.');
  let payload: ContainerPayload;
  try {
    payload = JSON.parse(fromUtf8(payloadBytes)) as ContainerPayload;
  } catch {
    return fault(5, 'bad_payload', 'The container payload is unreadable.');
  }
  if (typeof payload !== 'object' || payload === null || !Array.isArray(payload.media)) {
    return fault(5, 'bad_payload', 'The container payload is malformed.');
  }
  const count = r.u32();
  if (count === null) return fault(5, 'truncated', 'The container structure is damaged.');
  if (count === 0 && payload.media.length === 0) return fault(4, 'no_media', 'The container has no media.');
  if (count !== payload.media.length)
    return fault(5, 'media_count_mismatch', 'The container media do not match its payload.');
  const media: UnpackedContainer['media'] = [];
  for (const info of payload.media) {
    const bytes = r.section();
    if (bytes === null) return fault(5, 'truncated', 'The container media are truncated.');
    if (bytes.length !== info.size || (await sha256Hex(bytes)) !== info.sha256) {
      return fault(5, 'media_hash_mismatch', `Media "${info.name}" is damaged.`);
    }
    if (!matchesType(info.type, bytes))
      return fault(5, 'media_format', `Media "${info.name}" is not a valid ${info.type}.`);
    media.push({ info, bytes });
  }
  if (!r.done) return fault(5, 'trailing_bytes', 'The container has unexpected trailing data.');
  return { ok: true, envelope: verified.envelope, payload, media };
}

/** Both stages in one call. */
export async function readContainer(
  bytes: Uint8Array,
  key = DEFAULT_SIMULATOR_KEY,
): Promise<UnpackedContainer | ContainerFault> {
  const verified = await verifyContainer(bytes, key);
  return verified.ok ? unpackContainer(verified) : verified;
}

/** The defect a scenario builds into the container, or `null`. */
export function defectFor(scenario: ScenarioName): ContainerDefect | null {
  switch (containerErrorCode(scenario)) {
    case 13:
      return 'no_body';
    case 14:
      return 'bad_signature';
    case 5:
      return 'damaged_media';
    case 4:
      return 'no_media';
    case 3:
      return 'no_payload';
    default:
      return null;
  }
}
