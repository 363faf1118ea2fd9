/**
 * The folder JSON the simulated Oz API answers for an unpacked container: the fields Oz documents
 * (Instant API and Statuses in API pages), filled plausibly. Confidence values and ids are invented.
 */
import type { UnpackedContainer } from './container.js';
import { bytesToBase64, randomId } from './encoding.js';

type Json = Record<string, unknown>;

/**
 * `error_code` of a technically failed analysis: an integer, like every Oz error code. Oz does not
 * list analysis codes; 0 is its general "unknown" code.
 */
const ANALYSIS_FAILED_CODE = 0;

/** Builds the folder JSON for an unpacked container: the fields Oz documents, filled plausibly. */
export function buildFolder(c: UnpackedContainer, outcome: 'accept' | 'declined' | 'failed', nowMs: number): Json {
  const folderId = randomId();
  const time = new Date(nowMs).toISOString();
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.payload.meta ?? {})) if (typeof v === 'string') meta[k] = v;
  meta.event_session_id = String(c.payload.event_session_id ?? '');

  const media = c.media.map(({ info }) => ({
    media_id: randomId(),
    folder_id: folderId,
    media_type: info.kind === 'video' ? 'VIDEO_FOLDER' : 'IMAGE_FOLDER',
    original_name: info.name,
    info: { mime_type: info.type, size: info.size, sha256: info.sha256 },
    tags: [info.action.startsWith('photo_id') ? 'photo_id' : 'video_selfie', info.action],
    time_created: time,
  }));

  // One result per action: its main media (the video if any) and its first still as the output image.
  const actions = [...new Set(c.media.map((m) => m.info.action))];
  const perAction = actions.map((action) => {
    const indexes = c.media.flatMap((m, i) => (m.info.action === action ? [i] : []));
    const main = indexes.find((i) => c.media[i]!.info.kind === 'video') ?? indexes[0]!;
    const still = indexes.find((i) => c.media[i]!.info.kind === 'frame');
    return { action, main: media[main]!, image: still === undefined ? null : bytesToBase64(c.media[still]!.bytes) };
  });
  const selfie = perAction.filter((a) => !a.action.startsWith('photo_id'));
  const documents = perAction.filter((a) => a.action.startsWith('photo_id'));
  const qualityOn = selfie.length ? selfie : perAction;

  const failed = outcome === 'failed';
  const spoofing = outcome === 'declined' ? 0.97 : 0.02; // invented values
  const analysis = (type: string, on: typeof perAction, verdict: string, confidence: number | null) => ({
    analyse_id: randomId(),
    folder_id: folderId,
    type,
    state: failed && type === 'QUALITY' ? 'FAILED' : 'FINISHED',
    resolution_status: verdict,
    results_data: confidence === null ? null : { confidence_spoofing: confidence, max_confidence: confidence },
    results_media:
      failed && type === 'QUALITY'
        ? []
        : on.map((a) => ({
            results_media_id: randomId(),
            source_media_id: a.main.media_id,
            results_data: confidence === null ? null : { confidence_spoofing: confidence },
            output_images: a.image ? [{ image_b64: a.image, media_type: 'IMAGE' }] : [],
          })),
    source_media: on.map((a) => a.main),
    error_code: failed && type === 'QUALITY' ? ANALYSIS_FAILED_CODE : null,
    error_message: failed && type === 'QUALITY' ? 'Simulated analysis failure (scenario "failed").' : null,
    time_created: time,
    time_updated: time,
  });

  const analyses = [
    analysis(
      'QUALITY',
      qualityOn,
      failed ? 'FAILED' : outcome === 'declined' ? 'DECLINED' : 'SUCCESS',
      failed ? null : spoofing,
    ),
  ];
  if (selfie.length && documents.length) analyses.push(analysis('DOCUMENTS', documents, 'SUCCESS', null));

  return {
    folder_id: folderId,
    time_created: time,
    time_updated: time,
    resolution_status: failed ? 'FAILED' : 'FINISHED',
    system_resolution: failed ? 'FAILED' : outcome === 'declined' ? 'DECLINED' : 'SUCCESS',
    resolution_comment: failed ? '["QUALITY"]' : '[]',
    meta_data: meta,
    media,
    analyses,
    // Not an Oz field: marks every folder as the simulator's, for anyone reading it in a demo.
    simulated: true,
  };
}
