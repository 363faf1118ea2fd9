/**
 * The two public lists of Oz actions agree: the kit's (`OZ_ACTIONS` from `oz-liveness-elements`,
 * what `actions` accepts) and the simulator's (`OZ_ACTIONS` from `oz-liveness-elements/testing`,
 * what the fake plugin's `open()` accepts). A new action Oz documents goes into both, or a page
 * tested on the simulator finds out only against the real plugin.
 * Run: node --import tsx --test test/node/action-lists.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OZ_ACTIONS as KIT } from '../../src/index.js';
import { OZ_ACTIONS as SIMULATOR } from '../../src/testing/index.js';

describe('the public action lists', () => {
  it('the kit and the simulator list the same actions, in the same order, each once', () => {
    assert.deepEqual([...SIMULATOR], [...KIT]);
    assert.equal(new Set(KIT).size, KIT.length);
    assert.ok(KIT.includes('video_selfie_blank'), 'the default action is listed');
  });
});
