/**
 * A container made without a browser or camera, as the simulated plugin would pack it: for
 * server-side tests and Node.
 */
import { defectFor, packContainer } from './container.js';
import { base64ToBytes, randomId } from './encoding.js';
import { outcomeHint, type ScenarioName } from './scenarios.js';

/** An 8×8 JPEG, the stand-in frame for containers made without a camera (Node tests, server tests). */
export const SAMPLE_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAL/xAAbEAEAAAcAAAAAAAAAAAAAAAAAFSQxUWSBkf/EABQBAQAAAAAAAAAAAAAAAAAAAAT/xAAZEQACAwEAAAAAAAAAAAAAAAAAAQIREiH/2gAMAwEAAhEDEQA/AJk4dlbvygB8Y5voJuz/2Q==';

/** Options of {@link createSimulatedContainer}. */
export interface SimulatedContainerOptions {
  /** The session token to seal in (from the simulated API's `GET /api/authorize/session_token`); `null` for none. */
  sessionToken?: string | null;
  meta?: Record<string, string>;
  /** Default `['video_selfie_blank']`; one still frame is packed per action. */
  actions?: string[];
  /** `declined` / `failed` / `slow` become the outcome hint; `container_error_*` build that defect in. */
  scenario?: ScenarioName;
  key?: string;
  eventSessionId?: string;
  /** JPEG bytes to use as every frame; default {@link SAMPLE_JPEG_BASE64}. */
  jpeg?: Uint8Array;
  lang?: string;
  extractBestShot?: boolean;
}

/**
 * Builds a container as the simulated plugin would, without a browser or camera: for server-side
 * tests (e.g. a backend route forwarding to {@link createSimulatedOzApi}).
 */
export async function createSimulatedContainer(options: SimulatedContainerOptions = {}): Promise<Blob> {
  const actions = options.actions ?? ['video_selfie_blank'];
  const jpeg = options.jpeg ?? base64ToBytes(SAMPLE_JPEG_BASE64);
  const scenario = options.scenario ?? 'accept';
  return packContainer({
    sessionToken: options.sessionToken ?? null,
    key: options.key,
    defect: defectFor(scenario),
    payload: {
      event_session_id: options.eventSessionId ?? randomId(),
      meta: options.meta ?? {},
      actions,
      lang: options.lang ?? 'en',
      params: { extract_best_shot: options.extractBestShot ?? false },
      simulation: { scenario: outcomeHint(scenario) },
      capture: { media_source: 'frames', simulator: 'createSimulatedContainer' },
    },
    media: actions.map((action, i) => ({
      name: `${i}_${action}.jpg`,
      action,
      kind: 'frame' as const,
      type: 'image/jpeg',
      bytes: jpeg,
    })),
  });
}
