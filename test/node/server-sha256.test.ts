/**
 * The portable SHA-256 (used where the runtime has no Node hash: workerd, other edge runtimes)
 * against node:crypto, over lengths around the block and padding edges, fed in odd pieces.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSha256 } from '../../src/server/http/sha256.js';

describe('incremental SHA-256', () => {
  it('the portable one matches node:crypto for every length and piece size', () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 70_001]) {
      const bytes = randomBytes(length);
      const want = createHash('sha256').update(bytes).digest('hex');
      for (const piece of [1, 7, 64, 65, 4096]) {
        const hash = createSha256({ portable: true });
        for (let i = 0; i < length; i += piece) hash.update(bytes.subarray(i, i + piece));
        assert.equal(hash.digest(), want, `length ${length}, pieces of ${piece}`);
      }
    }
  });

  it('the known answer for "abc", both ways', () => {
    for (const portable of [true, false]) {
      const hash = createSha256({ portable });
      hash.update(new TextEncoder().encode('abc'));
      assert.equal(hash.digest(), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    }
  });
});
