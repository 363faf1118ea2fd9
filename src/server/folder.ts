/**
 * The folder JSON as it leaves the server: checked to be a folder, then cut down to what the
 * elements read. Types only are shared with the elements; the code is separate on purpose, so the
 * server cannot hide a mistake of the element's (or the reverse).
 */
import type { OzAnalysis, OzFolder } from '../core/decision.js';

export type { OzAnalysis, OzFolder };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the element also accepts as a folder: an object with a string `folder_id` or `system_resolution`. */
export function isFolder(v: unknown): v is OzFolder {
  return isRecord(v) && (typeof v.folder_id === 'string' || typeof v.system_resolution === 'string');
}

const FOLDER_FIELDS = ['folder_id', 'resolution_status', 'system_resolution', 'resolution_comment'] as const;
const ANALYSIS_FIELDS = ['type', 'state', 'resolution_status'] as const;

/**
 * Keeps only `folder_id`, `resolution_status`, `system_resolution`, `resolution_comment` and, per
 * analysis, `type`, `state`, `resolution_status` and the best shot
 * (`results_media[].output_images[].image_b64`). Internal ids, hashes, media, metadata and
 * operator fields stay on the server.
 */
export function trimFolder(folder: OzFolder): OzFolder {
  const out: OzFolder = {};
  for (const key of FOLDER_FIELDS) {
    if (typeof folder[key] === 'string') out[key] = folder[key];
  }
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
