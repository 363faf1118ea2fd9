/**
 * The steps of one capture, in the lazy capture chunk (capture.ts): each takes what it needs and
 * returns (or rejects with) a value; none keeps state, none knows the element. The order they run
 * in, and the staleness checks between them, are `Capture.start()`'s.
 */
import { kitError, pluginError, type OzErrorDetail } from '../core/errors.js';
import type { OzFolder } from '../core/decision.js';
import type { RetiredOption, ValidConfig } from '../core/options.js';
import { loadPlugin, PluginLoadError, type OzLivenessPlugin } from '../core/plugin-loader.js';
import { preflight } from '../core/preflight.js';
import { routeError } from '../core/route-failure.js';
import { fetchSessionToken, SessionTokenError } from '../core/session-token.js';
import { uploadContainer, UploadError } from '../core/upload.js';

const RETIRED: Record<RetiredOption, string> = {
  video_selfie_best: 'The action "video_selfie_best" is retired by Oz on 2027-01-01.',
  'enable-3d-mask': 'The option "enable-3d-mask" (enable_3d_mask) is retired by Oz on 2027-01-01.',
};
const warned = new Set<string>();

/** One console warning per page for each option Oz retires. */
export function warnRetired(retired: readonly RetiredOption[]): void {
  for (const key of retired) if (!warned.has(key)) console.warn(`oz-liveness-check: ${RETIRED[key]}`), warned.add(key);
}

/** The page's headers, and on a phone that opened a hand-off link its secret (`Oz-Handoff`). */
const requestHeaders = ({ headers, handoffSecret }: ValidConfig) =>
  handoffSecret ? { ...headers, 'Oz-Handoff': handoffSecret } : headers;

/** The first thing in this browser that would stop a capture, if any. */
export async function preflightProblem(): Promise<OzErrorDetail | undefined> {
  // A preflight that broke is no reason to refuse: the plugin reports what really stops it.
  return (await preflight().catch(() => ({ problems: [] as OzErrorDetail[] }))).problems[0];
}

/**
 * The plugin and the session token, asked for at once (the token only now, at the click).
 * `given`: a token the page supplied. `onPlugin` runs as soon as the plugin is there. Rejects
 * with the `OzErrorDetail` of the first failure, the other request aborted; an abort of `signal`
 * stays an abort.
 */
export async function prepare(
  config: ValidConfig,
  given: string | undefined,
  nonce: string,
  signal: AbortSignal,
  onPlugin: (plugin: OzLivenessPlugin) => void,
): Promise<{ plugin: OzLivenessPlugin; sessionToken?: string }> {
  // Its own controller, so that the first failure can stop the other request.
  const both = new AbortController();
  const stop = () => both.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const token =
    given ??
    (config.sessionTokenUrl &&
      fetchSessionToken(config.sessionTokenUrl, {
        credentials: config.credentials,
        headers: requestHeaders(config),
        signal: both.signal,
        timeoutMs: config.sessionTokenTimeout,
      }));
  try {
    const [plugin, sessionToken] = await Promise.all([
      loadPlugin(config.pluginSrc, { signal: both.signal, nonce }).then((p) => (onPlugin(p), p)),
      token,
    ]);
    return { plugin, sessionToken: sessionToken || undefined };
  } catch (e) {
    both.abort(); // the other request is of no use now
    throw toDetail(e);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** A preload of the plugin script; rejects with the `OzErrorDetail` of its failure. */
export function preload(src: string, signal: AbortSignal, nonce: string): Promise<OzLivenessPlugin> {
  return loadPlugin(src, { signal, nonce }).catch((e: unknown) => {
    throw toDetail(e);
  });
}

/** POSTs the container (identical bytes, one `Idempotency-Key`); rejects with an `OzErrorDetail`. */
export async function upload(
  container: Blob,
  config: ValidConfig,
  idempotencyKey: string,
  signal: AbortSignal,
  onProgress: (loaded: number, total: number) => void,
): Promise<OzFolder> {
  try {
    return await uploadContainer(container, {
      url: config.backendUrl,
      headers: requestHeaders(config),
      credentials: config.credentials,
      retries: config.uploadRetries,
      timeoutMs: config.uploadTimeout,
      idempotencyKey,
      signal,
      onProgress,
    });
  } catch (e) {
    throw toDetail(e, 'upload-failed');
  }
}

/** Any failure of the requests as an `OzErrorDetail`; an abort stays an abort (the run is over). */
function toDetail(e: unknown, fallback: 'upload-failed' | 'plugin-load-failed' = 'plugin-load-failed'): unknown {
  if (e instanceof UploadError) return e.detail;
  if (e instanceof PluginLoadError) return kitError(e.code, e.message);
  if (e instanceof SessionTokenError)
    return routeError('session-token-failed', e.message, { status: e.status, requestId: e.requestId });
  if ((e as { name?: string })?.name === 'AbortError') return e;
  return fallback === 'upload-failed'
    ? kitError(fallback, String(e))
    : pluginError({ code: 'plugin_exception', message: e instanceof Error ? e.message : String(e) });
}
