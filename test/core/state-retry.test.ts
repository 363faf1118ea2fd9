import { expect } from '@open-wc/testing';
import { MOVES, OzState, RefusedTransition, nextState, type OzStateEvent } from '../../src/core/state.js';
import { retryFor } from '../../src/core/retry-policy.js';
import { kitError, pluginError } from '../../src/core/errors.js';

describe('state moves keyed by event', () => {
  it('the path of one capture, by events', () => {
    let state: OzState = 'idle';
    const path: [OzStateEvent, OzState][] = [
      ['load', 'loading'],
      ['start', 'starting'],
      ['open', 'capturing'],
      ['upload', 'uploading'],
      ['result', 'done'],
    ];
    for (const [event, to] of path) expect((state = nextState(state, event)), event).to.equal(to);
  });

  it('reset and cancel land in ready when the plugin is loaded, else idle', () => {
    expect(nextState('uploading', 'reset', true)).to.equal('ready');
    expect(nextState('uploading', 'reset', false)).to.equal('idle');
    expect(nextState('capturing', 'cancel', true)).to.equal('ready');
    expect(nextState('starting', 'cancel', false)).to.equal('idle');
  });

  it('a move the table does not list throws RefusedTransition, naming state and event', () => {
    const refused: [OzState, OzStateEvent][] = [
      ['idle', 'open'],
      ['capturing', 'start'],
      ['idle', 'upload'],
      ['idle', 'result'],
      ['done', 'open'],
      ['ready', 'loaded'],
    ];
    for (const [from, event] of refused) {
      expect(() => nextState(from, event), `${from} + ${event}`).to.throw(
        RefusedTransition,
        new RegExp(`"${event}".*"${from}"`),
      );
    }
  });

  it('every event names only real states', () => {
    const states = Object.values(OzState) as string[];
    for (const [event, move] of Object.entries(MOVES)) {
      expect(
        move.from.every((s) => states.includes(s)),
        event,
      ).to.equal(true);
      expect([...states, 'rest'], event).to.include(move.to);
    }
  });
});

describe('retry policy', () => {
  const table: [string, Parameters<typeof retryFor>[0], boolean, string][] = [
    ['upload failed, container kept', kitError('upload-failed'), true, 'retry-upload'],
    ['upload timed out, container kept', kitError('upload-timeout'), true, 'retry-upload'],
    ['upload failed, no container', kitError('upload-failed'), false, 'new-capture'],
    [
      'Oz rejected the container (its token is spent)',
      kitError('container-rejected', '', { ozErrorCode: 14 }),
      true,
      'new-capture',
    ],
    ['session token failed', kitError('session-token-failed'), false, 'new-capture'],
    ['plugin load failed', kitError('plugin-load-failed'), false, 'new-capture'],
    ['a retryable WASM code', pluginError({ code: 'error_wasm_internal_failure_3' }), false, 'new-capture'],
    ['no WebAssembly', pluginError({ code: 'error_wasm_internal_failure_1' }), false, 'none'],
    ['a bad configuration', kitError('invalid-config'), false, 'none'],
    ['a backend answer that is not a folder', kitError('backend-response-invalid'), true, 'none'],
    ['decision reject', 'reject', true, 'new-capture'],
    ['decision failed', 'failed', true, 'new-capture'],
    ['decision accept', 'accept', true, 'none'],
    ['nothing yet', undefined, false, 'none'],
  ];
  for (const [name, outcome, hasContainer, retry] of table) {
    it(`${name} → ${retry}`, () => expect(retryFor(outcome, hasContainer)).to.equal(retry));
  }
});
