/**
 * A static Storybook has no server, so the stories fake the network at its edge and nowhere else:
 * the kit's requests to `…/api/liveness/…` are answered in the page by the real backend half
 * (`createOzLivenessHandler`), which talks to the simulated Oz API (`createSimulatedOzApi`), as the
 * demo's dev server does in Node. Everything between the element and the network is the real code.
 *
 * Two doors lead out of the page: `fetch` (the session token, and uploads with `credentials="omit"`)
 * and `XMLHttpRequest` (uploads, for their progress events). Both are patched only for those
 * URLs and put back when the story unmounts. The XHR stand-in plays the uplink: its upload
 * progress advances over `uploadMs`, which is how the "uploading" stories hold still long enough
 * to look at.
 */
import { createOzLivenessHandler } from '../../src/server/index.js';
import { createSimulatedOzApi, type ScenarioName } from '../../src/testing/index.js';

/** `parameters.ozNetwork` of a story: how the simulated network and Oz API behave. */
export interface SimulatedNetwork {
  /** Forces the simulated Oz API's answer to every upload (`slow`, `declined`, `container_error_14`…). Default: what the container says. */
  ozScenario?: ScenarioName;
  /** How long the `slow` scenario keeps the upload waiting for Oz's answer, ms. */
  ozLatencyMs?: number;
  /** Oz API unreachable for the first N session-token requests / uploads: the backend answers 502. */
  ozDown?: { sessionToken?: number; container?: number };
  /** How long the uplink takes to carry one container, ms. Default 400. */
  uploadMs?: number;
  /** How long a hand-off link lives, ms (the handler's `handoff.ttlMs`). Default 10 minutes. */
  handoffTtlMs?: number;
}

/** The backend route the stories give the element, relative to the story's page. */
export const BACKEND = {
  sessionToken: 'api/liveness/session-token',
  container: 'api/liveness/container',
  handoff: 'api/liveness/handoff',
} as const;

type Handler = (request: Request) => Promise<Response>;

function isBackendRoute(url: string | URL): boolean {
  const u = new URL(String(url), document.baseURI);
  return (
    u.origin === location.origin &&
    /\/api\/liveness\/(session-token|container|handoff(\/claim|\/events|\/cancel)?)\/?$/.test(u.pathname)
  );
}

/** The backend half and the simulated Oz API behind it, with the faults `network` asks for. */
function backend(network: SimulatedNetwork): Handler {
  const oz = createSimulatedOzApi({ scenario: network.ozScenario, latencyMs: network.ozLatencyMs });
  const down = { sessionToken: network.ozDown?.sessionToken ?? 0, container: network.ozDown?.container ?? 0 };
  return createOzLivenessHandler({
    ozApiUrl: 'https://simulated-oz.invalid', // never dialled: fetch is injected
    // The phone's page would be the story's own page (the stories play the phone through the routes).
    handoff: { phoneUrl: `${location.origin}${location.pathname}`, ttlMs: network.handoffTtlMs },
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const route = request.url.includes('/session_token') ? 'sessionToken' : 'container';
      if (down[route] > 0) {
        down[route]--;
        await request.body?.cancel();
        throw new TypeError('Failed to fetch (simulated: Oz API unreachable)');
      }
      return oz(request);
    },
    log: (line) => console.info(`[storybook backend] ${line}`),
  });
}

/** `handler(request)`, given up when `signal` aborts, as a real request would be. */
function answer(handler: Handler, request: Request, signal: AbortSignal | null | undefined): Promise<Response> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal!.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });
    handler(request)
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

interface Simulated {
  method: string;
  url: string;
  headers: Headers;
  readyState: number;
  status: number;
  statusText: string;
  body: string;
  responseHeaders: Headers;
  stop?: (type: 'abort' | 'timeout') => void;
}

const RESPONSE_GETTERS = ['readyState', 'status', 'statusText', 'responseText', 'response', 'responseURL'] as const;

/** An XMLHttpRequest that sends `…/api/liveness/…` requests to `handler` and everything else to the network. */
function simulatedXhrClass(
  Real: typeof XMLHttpRequest,
  handler: Handler,
  uplinkMs: () => number,
): typeof XMLHttpRequest {
  return class SimulatedXMLHttpRequest extends Real {
    #sim?: Simulated;

    override open(
      method: string,
      url: string | URL,
      async = true,
      username?: string | null,
      password?: string | null,
    ): void {
      super.open(method, url, async, username, password);
      if (!isBackendRoute(url)) {
        // Re-opened for the real network: its own getters answer again.
        if (this.#sim) for (const key of RESPONSE_GETTERS) delete (this as Record<string, unknown>)[key];
        this.#sim = undefined;
        return;
      }
      const sim: Simulated = (this.#sim = {
        method,
        url: new URL(String(url), document.baseURI).href,
        headers: new Headers(),
        readyState: 1,
        status: 0,
        statusText: '',
        body: '',
        responseHeaders: new Headers(),
      });
      // The response side is read through these; a real XHR's own getters would say "nothing yet".
      const get = (read: () => unknown) => ({ get: read, configurable: true });
      Object.defineProperties(this, {
        readyState: get(() => sim.readyState),
        status: get(() => sim.status),
        statusText: get(() => sim.statusText),
        responseText: get(() => sim.body),
        response: get(() => sim.body),
        responseURL: get(() => (sim.readyState === 4 ? sim.url : '')),
      });
    }

    override setRequestHeader(name: string, value: string): void {
      this.#sim?.headers.append(name, value);
      super.setRequestHeader(name, value);
    }

    override getResponseHeader(name: string): string | null {
      return this.#sim ? this.#sim.responseHeaders.get(name) : super.getResponseHeader(name);
    }

    override getAllResponseHeaders(): string {
      if (!this.#sim) return super.getAllResponseHeaders();
      return [...this.#sim.responseHeaders].map(([k, v]) => `${k}: ${v}\r\n`).join('');
    }

    override abort(): void {
      if (this.#sim) this.#sim.stop?.('abort');
      else super.abort();
    }

    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      if (!this.#sim) {
        super.send(body);
        return;
      }
      void this.#run(this.#sim, body instanceof Document ? null : (body ?? null));
    }

    async #run(sim: Simulated, body: XMLHttpRequestBodyInit | null): Promise<void> {
      const total = body instanceof Blob ? body.size : 0;
      const progress = (target: EventTarget, type: string, loaded: number) =>
        target.dispatchEvent(new ProgressEvent(type, { lengthComputable: total > 0, loaded, total }));
      const controller = new AbortController();
      let ended = false;
      const end = (type: 'load' | 'abort' | 'timeout' | 'error') => {
        if (ended) return;
        ended = true;
        sim.readyState = 4;
        this.dispatchEvent(new Event('readystatechange'));
        progress(this, type, type === 'load' ? total : 0);
        progress(this, 'loadend', type === 'load' ? total : 0);
      };
      sim.stop = (type) => {
        controller.abort();
        end(type);
      };
      const timeout = this.timeout > 0 ? setTimeout(() => sim.stop?.('timeout'), this.timeout) : undefined;
      try {
        progress(this, 'loadstart', 0);
        progress(this.upload, 'loadstart', 0);
        // The uplink: the bytes leave over `uploadMs`, reported as a browser reports them.
        const started = performance.now();
        const uploadMs = uplinkMs();
        for (;;) {
          await new Promise((r) => setTimeout(r, Math.min(250, uploadMs)));
          if (ended) return;
          const share = Math.min(1, (performance.now() - started) / Math.max(1, uploadMs));
          progress(this.upload, 'progress', Math.round(total * share));
          if (share >= 1) break;
        }
        progress(this.upload, 'load', total);
        progress(this.upload, 'loadend', total);
        const request = new Request(sim.url, {
          method: sim.method,
          headers: sim.headers,
          body,
          signal: controller.signal,
        });
        const response = await answer(handler, request, controller.signal);
        const text = await response.text();
        if (ended) return;
        Object.assign(sim, {
          status: response.status,
          statusText: response.statusText,
          body: text,
          responseHeaders: response.headers,
        });
        end('load');
      } catch {
        end(controller.signal.aborted ? 'abort' : 'error');
      } finally {
        clearTimeout(timeout);
      }
    }
  };
}

interface Installed {
  handler: Handler;
  uploadMs: number;
}
const installed: Installed[] = [];
let original: { fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest } | undefined;

/**
 * Routes the kit's backend requests to the in-page backend until the returned function is called.
 * Nested installs (a docs page renders several stories) stack; the newest one answers.
 */
export function installSimulatedNetwork(network: SimulatedNetwork = {}): () => void {
  const entry: Installed = { handler: backend(network), uploadMs: network.uploadMs ?? 400 };
  installed.push(entry);
  if (!original) {
    const real = (original = { fetch: window.fetch, XMLHttpRequest: window.XMLHttpRequest });
    const current = () => installed[installed.length - 1]!;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : input;
      if (!isBackendRoute(url)) return real.fetch.call(window, input, init);
      const request = new Request(input, init);
      return answer(current().handler, request, request.signal);
    };
    // Patched once; each request asks the newest install for its backend and uplink.
    window.XMLHttpRequest = simulatedXhrClass(
      real.XMLHttpRequest,
      (request) => current().handler(request),
      () => current().uploadMs,
    );
  }
  return () => {
    const at = installed.indexOf(entry);
    if (at >= 0) installed.splice(at, 1);
    if (installed.length === 0 && original) {
      window.fetch = original.fetch;
      window.XMLHttpRequest = original.XMLHttpRequest;
      original = undefined;
    }
  };
}
