/**
 * Loads the Oz plugin script once per page per `src`, shared by every element that asks. Touches
 * the DOM only to add that one `<script>`. A failed or stalled load is forgotten (and its script
 * removed), so the next `start()` tries again.
 */
import { TRUSTED_TYPES_POLICY, kitPolicy } from './trusted-types.js';

/** The part of the plugin's global the kit uses. */
export interface OzLivenessPlugin {
  open(options: Record<string, unknown>): void;
  close?(): void;
  hide?(): void;
}

declare global {
  // The plugin's own global, set by plugin_liveness.php.
  // `var`, not `let`: only `var` declares a property of globalThis.
  var OzLiveness: OzLivenessPlugin | undefined;
}

export class PluginLoadError extends Error {
  constructor(
    readonly code: 'plugin-load-failed' | 'plugin-missing',
    message: string,
  ) {
    super(message);
    this.name = 'PluginLoadError';
  }
}

export interface LoadOptions {
  /** Stops this caller's wait; the shared load goes on for the others. */
  signal?: AbortSignal;
  /** A stall longer than this fails the load. */
  timeoutMs?: number;
  /** CSP nonce for the `<script>` (strict `script-src 'nonce-…'` pages). */
  nonce?: string;
}

export const DEFAULT_PLUGIN_TIMEOUT = 30_000;
/** How long after the script's `load` `OzLiveness.open` may still appear (real loaders define it late). */
export const LATE_DEFINE_MS = 5_000;
const POLL_MS = 50;

/** The script URL through the kit's Trusted Types policy where the browser has Trusted Types. */
function scriptUrl(src: string): string {
  return (kitPolicy()?.createScriptURL(src) as string | undefined) ?? src;
}

const loads = new Map<string, Promise<OzLivenessPlugin>>();

function currentPlugin(): OzLivenessPlugin | undefined {
  const p = globalThis.OzLiveness;
  return p && typeof p.open === 'function' ? p : undefined;
}

/** `src` must be absolute (the element resolves it against the page). */
export function loadPlugin(src: string, options: LoadOptions = {}): Promise<OzLivenessPlugin> {
  let load = loads.get(src);
  if (!load) {
    load = inject(src, options.timeoutMs ?? DEFAULT_PLUGIN_TIMEOUT, options.nonce);
    loads.set(src, load);
    load.catch(() => loads.delete(src));
  }
  const { signal } = options;
  if (!signal) return load;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    load.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function inject(src: string, timeoutMs: number, nonce?: string): Promise<OzLivenessPlugin> {
  return new Promise((resolve, reject) => {
    // The page may have included the plugin itself: reuse it rather than run it twice.
    const existing = Array.from(document.scripts).find((s) => s.src === src);
    if (existing && currentPlugin()) {
      resolve(currentPlugin()!);
      return;
    }
    const script = document.createElement('script');
    try {
      script.src = scriptUrl(src);
    } catch (e) {
      reject(
        new PluginLoadError(
          'plugin-load-failed',
          `The page's Trusted Types policy refused the plugin script URL; allow the policy "${TRUSTED_TYPES_POLICY}" (${String(e)}).`,
        ),
      );
      return;
    }
    script.async = true;
    if (nonce) script.nonce = nonce;
    let poll: ReturnType<typeof setInterval> | undefined;
    const timer = setTimeout(
      () =>
        fail(
          new PluginLoadError('plugin-load-failed', `The plugin script ${src} did not load within ${timeoutMs} ms.`),
        ),
      timeoutMs,
    );
    const done = () => {
      clearTimeout(timer);
      clearInterval(poll);
      script.removeEventListener('load', onLoad);
      script.removeEventListener('error', onError);
    };
    const fail = (err: PluginLoadError) => {
      done();
      script.remove();
      reject(err);
    };
    const onLoad = () => {
      // Loaded: the stall timer gives way to the wait for OzLiveness.open, which real loaders define a moment later.
      clearTimeout(timer);
      const since = Date.now();
      const check = () => {
        const plugin = currentPlugin();
        if (plugin) {
          done();
          resolve(plugin);
        } else if (Date.now() - since >= LATE_DEFINE_MS) {
          fail(
            new PluginLoadError(
              'plugin-missing',
              `The script ${src} loaded but defined no OzLiveness.open within ${LATE_DEFINE_MS / 1000} s.`,
            ),
          );
        }
      };
      check();
      if (!currentPlugin()) poll = setInterval(check, POLL_MS);
    };
    const onError = () =>
      fail(
        new PluginLoadError(
          'plugin-load-failed',
          `The plugin script ${src} failed to load (network error or HTTP error).`,
        ),
      );
    script.addEventListener('load', onLoad);
    script.addEventListener('error', onError);
    document.head.append(script);
  });
}
