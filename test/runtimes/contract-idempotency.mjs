/**
 * The contract's retry-safe uploads (`Idempotency-Key`), part of contract.mjs's suite: each case
 * runs against the runtime's server and the fake Oz that suite started.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { makeContainer, MiB, postContainer, within } from './client.mjs';

export function idempotencyCases({ call, json, oz: currentOz, base: currentBase }) {
  it('Idempotency-Key: a repeat gets the recorded answer with Idempotent-Replayed: true; Oz is called once', async () => {
    const [oz, base] = [currentOz(), currentBase()];
    const container = makeContainer('ok', 2 * MiB);
    const headers = { 'Idempotency-Key': randomUUID() };
    const first = await call(postContainer(base, container, { headers }));
    const repeat = await call(postContainer(base, container, { headers }));
    assert.equal(first.status, 201, first.text);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(repeat.status, 201, repeat.text);
    assert.equal(repeat.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json(repeat), json(first));
    assert.equal(oz.uploads(container.id).length, 1, 'Oz was called again for the repeat');
  });

  it('Idempotency-Key: a repeat while the first is still with Oz waits for it and gets the same answer', async () => {
    const [oz, base] = [currentOz(), currentBase()];
    const container = makeContainer('ok', 4 * MiB);
    const headers = { 'Idempotency-Key': randomUUID() };
    let releaseFirst;
    const held = new Promise((resolve) => (releaseFirst = resolve));
    let holding = false;
    const first = call(
      postContainer(base, container, {
        headers,
        beforeChunk: async (sent) => {
          if (holding || sent < MiB) return;
          holding = true;
          await held;
        },
      }),
    );
    await oz.waitFor(() => oz.uploads(container.id)[0]?.bytes >= MiB / 2, 'the first upload to be under way');
    const repeat = call(postContainer(base, container, { headers }));
    // The repeat is sent whole while the first still holds half its body back; then the first goes on.
    const settled = await within(
      repeat.then(() => 'answered'),
      1000,
    );
    releaseFirst();
    const [one, two] = await Promise.all([first, repeat]);
    assert.notEqual(settled, 'answered', 'the repeat was answered while the first was still with Oz');
    assert.equal(one.status, 201, one.text);
    assert.equal(two.status, 201, two.text);
    assert.equal(two.headers['idempotent-replayed'], 'true');
    assert.deepEqual(json(two), json(one));
    assert.equal(oz.uploads(container.id).length, 1, 'Oz was called twice for one key');
  });

  it("Idempotency-Key: the browser leaves before Oz answers; the call to Oz goes on, and the retry gets Oz's answer", async () => {
    const [oz, base] = [currentOz(), currentBase()];
    const container = makeContainer('held', 2 * MiB);
    const headers = { 'Idempotency-Key': randomUUID() };
    // The whole container goes out, then the browser goes away before any answer.
    const first = postContainer(base, container, { headers });
    await oz.waitFor(() => oz.uploads(container.id)[0]?.complete, 'the whole first container at Oz');
    first.destroy();
    await first.catch(() => {});
    const retry = call(postContainer(base, container, { headers }));
    // A runtime that cancelled the call when the browser left shows it at Oz as a cut connection.
    await oz.waitFor(() => oz.uploads(container.id)[0].aborted, 'a cut connection', 1000).catch(() => {});
    assert.equal(oz.uploads(container.id)[0].aborted, false, 'the call to Oz was cancelled when the browser left');
    oz.release(container.id);
    const answer = await retry;
    assert.equal(answer.status, 201, answer.text);
    assert.equal(answer.headers['idempotent-replayed'], 'true');
    assert.equal(json(answer).folder_id, container.id);
    assert.equal(oz.uploads(container.id).length, 1, 'Oz was called again');
  });

  it('Idempotency-Key: the same key with other bytes is 422, and Oz is not called for it', async () => {
    const [oz, base] = [currentOz(), currentBase()];
    const headers = { 'Idempotency-Key': randomUUID() };
    const container = makeContainer('ok', 256 * 1024);
    const other = makeContainer('ok', 256 * 1024, container.id);
    assert.equal((await call(postContainer(base, container, { headers }))).status, 201);
    const answer = await call(postContainer(base, other, { headers }));
    assert.equal(answer.status, 422, answer.text);
    assert.equal(oz.uploads(container.id).length, 1);
  });
}
