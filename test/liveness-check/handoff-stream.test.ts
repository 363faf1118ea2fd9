// The desktop's reader of the hand-off's event stream (src/liveness-check/handoff/stream.ts), with
// the network stubbed at its edge: how it cuts what arrives into events, and when it connects again.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { followHandoff, type HandoffUpdate } from '../../src/liveness-check/handoff/stream.js';

const encoder = new TextEncoder();
const event = (id: number, data: object) => `id: ${id}\nevent: state\ndata: ${JSON.stringify(data)}\n\n`;

/** A 200 event stream that sends `pieces` (bytes) and ends. */
function streamOf(pieces: Uint8Array[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

/** `text` as bytes cut at the given byte offsets. */
function cut(text: string, ...at: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  return [0, ...at].map((start, i) => bytes.slice(start, at[i] ?? bytes.length));
}

describe('hand-off event stream reader', () => {
  afterEach(() => sinon.restore());

  it('an event that arrives in pieces, cut inside its JSON and inside a character, is read whole', async () => {
    const folder = {
      folder_id: 'f-1',
      resolution_status: 'FINISHED',
      system_resolution: 'SUCCESS',
      note: 'ü'.repeat(3000),
    };
    const text = `: oz-handoff\nretry: 5\n\n${event(1, { state: 'waiting' })}${event(2, { state: 'done', folder })}`;
    const firstU = encoder.encode(text).indexOf(0xc3); // the first byte of the first ü
    sinon.stub(window, 'fetch').resolves(streamOf(cut(text, 20, firstU + 1, firstU + 2001)));
    const updates: HandoffUpdate[] = [];
    await followHandoff('/h/handoff/events', { signal: new AbortController().signal }, (u) => updates.push(u));
    expect(updates.map((u) => u.state)).to.deep.equal(['waiting', 'done']);
    expect(updates[1]!.folder).to.deep.equal(folder);
  });

  it('a stream that ends before a final state is opened again after the server’s retry delay', async () => {
    const fetch = sinon.stub(window, 'fetch');
    fetch.onFirstCall().resolves(streamOf(cut(`retry: 5\n\n${event(1, { state: 'waiting' })}`)));
    fetch.onSecondCall().rejects(new TypeError('network error'));
    fetch.onThirdCall().resolves(streamOf(cut(event(2, { state: 'opened' }) + event(3, { state: 'expired' }))));
    const updates: HandoffUpdate[] = [];
    await followHandoff('/h/handoff/events', { signal: new AbortController().signal }, (u) => updates.push(u));
    expect(updates.map((u) => u.state)).to.deep.equal(['waiting', 'opened', 'expired']);
    expect(fetch.callCount).to.equal(3);
    expect(fetch.firstCall.args[1]).to.include({ method: 'GET' });
  });

  it('a refused stream is handoff-failed with its status; an abort ends it quietly', async () => {
    const fetch = sinon.stub(window, 'fetch').resolves(new Response('no', { status: 403 }));
    const error = await followHandoff('/h/handoff/events', { signal: new AbortController().signal }, () => {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.include({ code: 'handoff-failed', status: 403, category: 'network' });
    fetch.rejects(new DOMException('aborted', 'AbortError'));
    const stop = new AbortController();
    stop.abort();
    await followHandoff('/h/handoff/events', { signal: stop.signal }, () => {});
  });
});
