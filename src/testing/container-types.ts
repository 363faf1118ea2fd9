/**
 * The simulator's container, its shapes: what goes in (media, payload, envelope), what the simulated
 * API finds (a fault with its Oz error code, or the unpacked parts). The format is in container.ts.
 */

/**
 * The key the simulated plugin and API share when neither is given one. Public on purpose: it only
 * proves that both ends are the simulator, it protects nothing.
 */
export const DEFAULT_SIMULATOR_KEY = 'oz-liveness-elements simulator key (public, not a secret)';

/** The container's MIME type, the same as the real plugin's Blob. */
export const CONTAINER_TYPE = 'application/octet-stream';

/** A media item's kind: a recorded video clip, or a still frame (JPEG). */
export type ContainerMediaKind = 'video' | 'frame';

/** What the payload says about one media item; the API checks the bytes against it. */
export interface ContainerMediaInfo {
  name: string;
  /** The Oz action it was captured for, e.g. `video_selfie_blank`. */
  action: string;
  kind: ContainerMediaKind;
  /** MIME type, e.g. `image/jpeg`, `video/webm`. */
  type: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/** A media item to pack. */
export interface ContainerMediaInput {
  name?: string;
  action: string;
  kind: ContainerMediaKind;
  type: string;
  bytes: Uint8Array;
}

/** The first inner section: what the API checks before unpacking (format, session token). */
export interface ContainerEnvelope {
  format: 'oz-simulator-container';
  version: 1;
  session_token: string | null;
  created_at: string;
}

/** The payload: what the capture was about. Invented field names (the real one is undocumented). */
export interface ContainerPayload {
  /** The plugin's telemetry id for this session; the API copies it into `meta_data`. */
  event_session_id: string;
  /** `open({ meta })`, passed through to the folder's `meta_data`. */
  meta: Record<string, string>;
  actions: string[];
  lang: string;
  params: { extract_best_shot: boolean };
  /** Simulated outcome hint for the API (scenarios `declined`, `failed`, `slow`), else null. */
  simulation: { scenario: 'declined' | 'failed' | 'slow' | null };
  /** Free-form facts about the capture (media source, camera, user agent). */
  capture: Record<string, unknown>;
  media: ContainerMediaInfo[];
}

/**
 * A defect the plugin builds in on purpose (scenarios `container_error_*`), so the API finds it by
 * inspecting real bytes: `no_body` → 13, `bad_signature` → 14, `damaged_media` → 5,
 * `no_media` → 4, `no_payload` → 3.
 */
export type ContainerDefect = 'no_body' | 'bad_signature' | 'damaged_media' | 'no_media' | 'no_payload';

/** Input of {@link packContainer}. */
export interface PackContainerInput {
  sessionToken: string | null;
  payload: Omit<ContainerPayload, 'media'>;
  media: readonly ContainerMediaInput[];
  key?: string;
  defect?: ContainerDefect | null;
  /** Creation time (ms since epoch); defaults to `Date.now()`. */
  now?: number;
}

/** Why a container was refused, with the Oz API error code it maps to. */
export interface ContainerFault {
  ok: false;
  code: 3 | 4 | 5 | 13 | 14;
  /** A stable, simulator-specific reason id, e.g. `bad_signature`, `media_hash_mismatch`. */
  reason: string;
  message: string;
}

/** A container whose signature and encryption checked out; not yet unpacked. */
export interface VerifiedContainer {
  ok: true;
  envelope: ContainerEnvelope;
  /** The decrypted inner bytes, for {@link unpackContainer}. */
  inner: Uint8Array;
}

/** A fully unpacked and checked container. */
export interface UnpackedContainer {
  ok: true;
  envelope: ContainerEnvelope;
  payload: ContainerPayload;
  media: Array<{ info: ContainerMediaInfo; bytes: Uint8Array }>;
}
