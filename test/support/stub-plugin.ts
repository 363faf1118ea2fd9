/**
 * A controllable stand-in for the Oz plugin global, loaded through a real `<script>` from the test
 * backend (`/test-backend/stub-plugin.js` sets `window.OzLiveness = window.__ozStub`). Tests drive
 * the callbacks the element passed to `open()`, or give the stub a `script` that it plays itself
 * after `open()`, one callback per task, as a plugin would.
 */
export interface StubPlugin {
  calls: Record<string, any>[];
  closes: number;
  /** Called inside open(), e.g. to throw or to answer synchronously. */
  onOpen?: (options: Record<string, any>) => void;
  /**
   * Played after each open(), in order, each step in a task of its own (the plugin's callbacks
   * come from its own events, never from inside open()). Each step calls the open()'s callbacks.
   */
  script?: ((options: Record<string, any>) => void)[];
  /** Resolves when the last open()'s script has played every step. */
  played?: Promise<void>;
  open(options: Record<string, any>): void;
  close(): void;
  hide(): void;
  /** The options of the last open(). */
  readonly last: Record<string, any>;
}

export function installStub(): StubPlugin {
  const stub: StubPlugin = {
    calls: [],
    closes: 0,
    open(options) {
      this.calls.push(options);
      this.onOpen?.(options);
      const steps = [...(this.script ?? [])];
      this.played = (async () => {
        for (const step of steps) {
          await new Promise((r) => setTimeout(r));
          step(options);
        }
      })();
    },
    close() {
      this.closes++;
      // Like Oz: close() aborts everything of the session except on_close.
      this.calls.at(-1)?.on_close?.();
    },
    hide() {},
    get last() {
      return this.calls[this.calls.length - 1];
    },
  };
  (window as any).__ozStub = stub;
  (window as any).OzLiveness = stub;
  return stub;
}

let n = 0;
/** A plugin-src no other test used: each gets its own `<script>` load. */
export const freshStubSrc = () => `/test-backend/stub-plugin.js?n=${++n}-${Math.random().toString(36).slice(2)}`;
export const uniqueId = () => `t${++n}-${Math.random().toString(36).slice(2)}`;

export async function received(id: string): Promise<any[]> {
  return (await fetch(`/test-backend/received?id=${encodeURIComponent(id)}`)).json();
}

export async function sha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function randomContainer(bytes = 200_000): Blob {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 65536) crypto.getRandomValues(data.subarray(i, Math.min(bytes, i + 65536)));
  return new Blob([data], { type: 'application/octet-stream' });
}
