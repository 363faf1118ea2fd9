/**
 * Folder JSON → decision, as Oz prescribes, failing closed: only FINISHED + SUCCESS is `accept`,
 * DECLINED is `reject`, everything else (FAILED, missing, unknown, not even an object) is `failed`.
 * The backend is the authority; this only decides what to show.
 */
import { isRecord } from './is-record.js';

export type OzDecision = 'accept' | 'reject' | 'failed';
export type OzAnalysisType = 'QUALITY' | 'BIOMETRY' | 'DOCUMENTS';

/** The Oz folder fields the kit reads. Everything is optional: it comes from the network. */
export interface OzFolder {
  folder_id?: string;
  resolution_status?: string;
  system_resolution?: string;
  resolution_comment?: string;
  meta_data?: Record<string, unknown>;
  analyses?: OzAnalysis[];
  [key: string]: unknown;
}

export interface OzAnalysis {
  type?: string;
  state?: string;
  resolution_status?: string;
  error_code?: number | string;
  error_message?: string;
  results_data?: Record<string, unknown>;
  results_media?: { output_images?: { image_b64?: string }[] }[];
  [key: string]: unknown;
}

export interface OzResultDetail {
  decision: OzDecision;
  folder: OzFolder;
  /** The folder's `system_resolution` as received (or `undefined`), for display and logs. */
  status: string | undefined;
}

export interface OzAnalysisRow {
  type: OzAnalysisType;
  decision: OzDecision;
}

/** A 2xx body is a folder when it is an object with a string `folder_id` or a `system_resolution`. */
export function isFolder(v: unknown): v is OzFolder {
  return isRecord(v) && (typeof v.folder_id === 'string' || typeof v.system_resolution === 'string');
}

export function decide(folder: unknown): OzDecision {
  if (!isRecord(folder)) return 'failed';
  const { resolution_status: rs, system_resolution: sr } = folder;
  if (rs === 'FINISHED' && sr === 'SUCCESS') return 'accept';
  if (sr === 'DECLINED') return 'reject';
  return 'failed';
}

export function toResult(folder: unknown): OzResultDetail {
  const f = isRecord(folder) ? (folder as OzFolder) : {};
  return {
    decision: decide(f),
    folder: f,
    status: typeof f.system_resolution === 'string' ? f.system_resolution : undefined,
  };
}

/**
 * Accepts what a page may hand the banner: a folder JSON or an `oz-result` detail. A detail's
 * `decision` is recomputed from its folder, so a forged `decision: 'accept'` cannot show accept.
 */
export function normalizeResult(input: unknown): OzResultDetail | undefined {
  if (!isRecord(input)) return undefined;
  if (isRecord(input.folder)) return toResult(input.folder);
  return toResult(input);
}

const ANALYSIS_TYPES: readonly OzAnalysisType[] = ['QUALITY', 'BIOMETRY', 'DOCUMENTS'];

/** One row per known analysis; per-analysis verdicts come from `analyses[*].resolution_status`. */
export function analysisRows(folder: OzFolder | undefined): OzAnalysisRow[] {
  const list = Array.isArray(folder?.analyses) ? folder.analyses : [];
  const rows: OzAnalysisRow[] = [];
  for (const a of list) {
    if (!isRecord(a) || !ANALYSIS_TYPES.includes(a.type as OzAnalysisType)) continue;
    const rs = a.resolution_status;
    const decision: OzDecision =
      a.state !== 'FAILED' && rs === 'SUCCESS' ? 'accept' : rs === 'DECLINED' ? 'reject' : 'failed';
    rows.push({ type: a.type as OzAnalysisType, decision });
  }
  return rows;
}

/**
 * The `QUALITY` best shot as a data URL, only if the bytes really are JPEG or PNG (checked by
 * their magic numbers, not by what the text claims). Anything else gives `undefined`.
 */
export function bestShot(folder: OzFolder | undefined): string | undefined {
  const list = Array.isArray(folder?.analyses) ? folder.analyses : [];
  for (const a of list) {
    if (!isRecord(a) || a.type !== 'QUALITY' || !Array.isArray(a.results_media)) continue;
    for (const m of a.results_media) {
      const images = isRecord(m) && Array.isArray(m.output_images) ? m.output_images : [];
      for (const img of images) {
        const b64 = isRecord(img) && typeof img.image_b64 === 'string' ? img.image_b64 : undefined;
        const url = b64 && imageDataUrl(b64);
        if (url) return url;
      }
    }
  }
  return undefined;
}

function imageDataUrl(value: string): string | undefined {
  // Accept a bare base64 string or a data URL; only the bytes decide the type.
  const b64 = value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined;
  let head: string;
  try {
    head = atob(b64.slice(0, 12));
  } catch {
    return undefined;
  }
  const bytes = Array.from(head, (c) => c.charCodeAt(0));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return `data:image/jpeg;base64,${b64}`;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return `data:image/png;base64,${b64}`;
  return undefined;
}
