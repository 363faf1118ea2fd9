/**
 * The desktop's view of a hand-off: `GET …/handoff/events` read with fetch and a stream reader
 * (`EventSource` cannot send the `Oz-Handoff-Watch` header). Each `data:` line is one state. A stream
 * that drops before the hand-off is over is opened again after the server's `retry:` delay; the
 * server starts every stream with the current state, so nothing is lost, `done` least of all.
 */
import type { OzHandoffState } from '../../events.js';
import { refusal, unreachable } from './request.js';

export interface HandoffUpdate {
  state: OzHandoffState;
  /** On `done`: the folder the phone got (trimmed by the backend). */
  folder?: unknown;
}

const FINAL: readonly string[] = ['done', 'expired', 'cancelled'];
/** Nothing for three of the server's keep-alives (one every 15 s): a connection that died without saying so. */
const QUIET_MS = 45_000;
/** Reconnections in a row that bring nothing before the hand-off counts as failed. */
const MAX_EMPTY_TRIES = 5;

/**
 * Follows the hand-off until it is over: `onUpdate` for each state, in order. Resolves after the
 * final state; rejects with an `OzErrorDetail` when the stream is refused or cannot be reached
 * `MAX_EMPTY_TRIES` times in a row; an abort of `init.signal` ends it quietly (resolves).
 */
export async function followHandoff(
  url: string,
  init: RequestInit,
  onUpdate: (update: HandoffUpdate) => void,
): Promise<void> {
  const signal = init.signal!;
  let retryMs = 2000;
  let empty = 0;
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        method: 'GET',
        headers: { ...init.headers, Accept: 'text/event-stream' },
      });
    } catch (e) {
      if (signal.aborted) return;
      if (++empty >= MAX_EMPTY_TRIES) throw unreachable(`GET ${url}`, e);
      await pause(retryMs, signal);
      continue;
    }
    if (!response.ok || !response.body) throw refusal(response, `GET ${url}`);
    let final = false;
    let got = false;
    try {
      for await (const block of blocks(response.body, signal)) {
        const retry = /^retry: ?(\d+)$/m.exec(block)?.[1];
        if (retry) retryMs = Math.min(Number(retry), 30_000);
        const data = /^data: ?(.*)$/m.exec(block)?.[1];
        const update = data === undefined ? undefined : parse(data);
        if (!update) continue;
        got = true;
        onUpdate(update);
        if (FINAL.includes(update.state)) {
          final = true;
          break;
        }
      }
    } catch {
      // The connection dropped mid-stream: open it again below.
    }
    if (final || signal.aborted) return;
    empty = got ? 0 : empty + 1;
    if (empty >= MAX_EMPTY_TRIES) throw unreachable(`GET ${url}`, 'the stream kept ending without a state');
    await pause(retryMs, signal);
  }
}

/** One state event's data; anything else (a malformed line) is skipped. */
function parse(data: string): HandoffUpdate | undefined {
  try {
    const value = JSON.parse(data) as HandoffUpdate;
    return typeof value?.state === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The stream's blocks (the text between blank lines), until it ends, breaks or `signal` aborts. */
async function* blocks(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const quiet = setTimeout(stop, QUIET_MS); // a cancelled reader ends the read: the caller connects again
      const { done, value } = await reader.read().finally(() => clearTimeout(quiet));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
        yield buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

/** Waits `ms`, or less when `signal` aborts (then the caller sees it aborted and stops). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
