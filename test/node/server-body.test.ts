/**
 * The body tap (src/server/http/body.ts): a body that is a byte stream is read in pieces of up to
 * 64 KiB whatever pieces its source holds (workerd queues a request body in ~4 KiB ones), a plain
 * stream as it comes, and either way every byte is counted, hashed and handed on once.
 * Run: node --import tsx --test test/node/server-body.test.ts
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashWholeBody, tapBody } from '../../src/server/http/body.js';
import { createSha256 } from '../../src/server/http/sha256.js';

const KiB = 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A source that already holds `bytes` in `piece`-sized chunks, as a runtime's socket buffer would. */
function queued(bytes: Uint8Array, piece: number, type?: 'bytes') {
  const state = { cancelled: undefined as unknown };
  const start = (controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) => {
    // A copy per chunk: a byte stream takes over (detaches) the buffer of what is enqueued.
    for (let at = 0; at < bytes.length; at += piece) controller.enqueue(new Uint8Array(bytes.subarray(at, at + piece)));
    controller.close();
  };
  const cancel = (reason: unknown) => void (state.cancelled = reason);
  const stream = type ? new ReadableStream({ type, start, cancel }) : new ReadableStream<Uint8Array>({ start, cancel });
  return { stream: stream as ReadableStream<Uint8Array>, state };
}

async function drain(stream: ReadableStream<Uint8Array>) {
  const pieces: Uint8Array[] = [];
  for await (const piece of stream) pieces.push(piece);
  return { pieces, bytes: Buffer.concat(pieces) };
}

describe('body tap', () => {
  const body = randomBytes(1024 * KiB + 123);

  it('reads a byte stream held in 4 KiB pieces in pieces of up to 64 KiB, every byte once', async () => {
    const tap = tapBody(queued(body, 4 * KiB, 'bytes').stream, {
      max: 2 * 1024 * KiB,
      onOverLimit: () => assert.fail('not over the limit'),
      hash: createSha256(),
    });
    const { pieces, bytes } = await drain(tap.stream!);
    assert.ok(bytes.equals(body));
    assert.ok(pieces.length <= Math.ceil(body.length / (64 * KiB)) + 1, `${pieces.length} pieces`);
    assert.ok(pieces.every((piece) => piece.byteLength <= 64 * KiB));
    assert.equal(tap.complete, true);
    assert.equal(tap.digest(), sha256(body));
  });

  it('reads a stream that is not a byte stream as it comes', async () => {
    const tap = tapBody(queued(body, 4 * KiB).stream, {
      max: 2 * 1024 * KiB,
      onOverLimit: () => assert.fail('not over the limit'),
      hash: createSha256(),
    });
    const { pieces, bytes } = await drain(tap.stream!);
    assert.ok(bytes.equals(body));
    assert.equal(pieces.length, Math.ceil(body.length / (4 * KiB)));
    assert.equal(tap.digest(), sha256(body));
  });

  it('stops a byte stream past the limit: a RangeError downstream, the source cancelled', async () => {
    const source = queued(body, 4 * KiB, 'bytes');
    let told = 0;
    const tap = tapBody(source.stream, { max: 256 * KiB, onOverLimit: () => told++ });
    await assert.rejects(drain(tap.stream!), RangeError);
    assert.equal(tap.overLimit, true);
    assert.equal(tap.complete, false);
    assert.equal(told, 1);
    assert.equal(source.state.cancelled, 'over the size limit');
  });

  it('hands on what has arrived without waiting for a full piece (a client that pauses is answered)', async () => {
    // 10 KiB, then nothing: the client waits for us, so a reader that waited for 64 KiB would hang.
    const stalled = new ReadableStream({
      type: 'bytes',
      start: (controller) => controller.enqueue(new Uint8Array(10 * KiB)),
    });
    const tap = tapBody(stalled as ReadableStream<Uint8Array>, { max: 1024 * KiB, onOverLimit: () => {} });
    const reader = tap.stream!.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const first = await Promise.race([
      reader.read(),
      new Promise<'hung'>((resolve) => (timer = setTimeout(resolve, 10_000, 'hung'))),
    ]);
    clearTimeout(timer);
    assert.notEqual(first, 'hung', 'the first piece never came');
    assert.equal((first as ReadableStreamReadResult<Uint8Array>).value?.byteLength, 10 * KiB);
    tap.stop();
  });

  it('hashes a whole byte-stream body, and says too-large past the limit', async () => {
    const request = (bytes: Uint8Array) =>
      new Request('http://127.0.0.1/container', {
        method: 'POST',
        body: queued(bytes, 4 * KiB, 'bytes').stream,
        duplex: 'half',
      } as RequestInit);
    assert.equal(await hashWholeBody(request(body), 2 * 1024 * KiB, 30_000), sha256(body));
    assert.equal(await hashWholeBody(request(body), 256 * KiB, 30_000), 'too-large');
  });
});
