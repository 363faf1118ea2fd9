/**
 * The folder JSON as it leaves the server: checked to be a folder, then cut down to what the
 * elements read. Types only are shared with the elements; the code is separate on purpose, so the
 * server cannot hide a mistake of the element's (or the reverse).
 */
import type { OzAnalysis, OzDecision, OzFolder } from '../../core/decision.js';
import { isRecord } from './json.js';

export type { OzAnalysis, OzDecision, OzFolder };

/**
 * The decision on a folder, as Oz prescribes and failing closed: `accept` only when
 * `resolution_status` is `FINISHED` and `system_resolution` is `SUCCESS`; `reject` when
 * `system_resolution` is `DECLINED`; `failed` for everything else (`FAILED`, still running,
 * missing, unknown, not a folder at all). Never accept by default. The same rule as the elements',
 * written again here on purpose: the server is the authority and shares no code with the page.
 *
 * @example
 * onResult: async (folder, request, { decision }) => {
 *   await db.checks.update(transactionOf(request), { decision, folderId: folder.folder_id });
 * }
 */
export function decideFolder(folder: unknown): OzDecision {
  if (!isRecord(folder)) return 'failed';
  if (folder.resolution_status === 'FINISHED' && folder.system_resolution === 'SUCCESS') return 'accept';
  if (folder.system_resolution === 'DECLINED') return 'reject';
  return 'failed';
}

/** What the element also accepts as a folder: an object with a string `folder_id` or `system_resolution`. */
export function isFolder(v: unknown): v is OzFolder {
  return isRecord(v) && (typeof v.folder_id === 'string' || typeof v.system_resolution === 'string');
}

const FOLDER_FIELDS = ['folder_id', 'resolution_status', 'system_resolution', 'resolution_comment'] as const;
const ANALYSIS_FIELDS = ['type', 'state', 'resolution_status'] as const;

/**
 * Keeps only `folder_id`, `resolution_status`, `system_resolution`, `resolution_comment`,
 * `meta_data.event_session_id` (Oz: the front end needs it for tracing) and, per analysis, `type`,
 * `state`, `resolution_status` and the best shot (`results_media[].output_images[].image_b64`).
 * Internal ids, hashes, media, the rest of the metadata and operator fields stay on the server.
 */
export function trimFolder(folder: OzFolder): OzFolder {
  const out: OzFolder = {};
  for (const key of FOLDER_FIELDS) {
    if (typeof folder[key] === 'string') out[key] = folder[key];
  }
  const eventSessionId = isRecord(folder.meta_data) ? folder.meta_data.event_session_id : undefined;
  if (typeof eventSessionId === 'string') out.meta_data = { event_session_id: eventSessionId };
  if (Array.isArray(folder.analyses)) {
    out.analyses = folder.analyses.filter(isRecord).map(trimAnalysis);
  }
  return out;
}

function trimAnalysis(analysis: OzAnalysis): OzAnalysis {
  const out: OzAnalysis = {};
  for (const key of ANALYSIS_FIELDS) {
    if (typeof analysis[key] === 'string') out[key] = analysis[key];
  }
  const media = Array.isArray(analysis.results_media) ? analysis.results_media : [];
  const kept: NonNullable<OzAnalysis['results_media']> = [];
  for (const m of media) {
    const images = isRecord(m) && Array.isArray(m.output_images) ? m.output_images : [];
    const output_images = images
      .filter((img): img is { image_b64: string } => isRecord(img) && typeof img.image_b64 === 'string')
      .map((img) => ({ image_b64: img.image_b64 }));
    if (output_images.length > 0) kept.push({ output_images });
  }
  if (kept.length > 0) out.results_media = kept;
  return out;
}
