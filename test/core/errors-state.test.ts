import { expect } from '@open-wc/testing';
import { kitError, messageKeyFor, pluginError, WASM_ERRORS } from '../../src/core/errors.js';
import { isBusy, MOVES, nextState, OzState, RefusedTransition } from '../../src/core/state.js';

/** Whether some event of the table leads from `from` to `to` (a reset or a cancel lands in idle or ready). */
const canTransition = (from: OzState, to: OzState) =>
  Object.values(MOVES).some(
    (m: { from: readonly OzState[]; to: string }) =>
      m.from.includes(from) && (m.to === to || (m.to === 'rest' && (to === 'ready' || to === 'idle'))),
  );

describe('error catalogue', () => {
  const wasm: [string, boolean][] = [
    ['error_wasm_internal_failure_1', false],
    ['error_wasm_internal_failure_2', false],
    ['error_wasm_internal_failure_3', true],
    ['error_wasm_internal_failure_4', true],
    ['error_wasm_internal_failure_5', true],
    ['error_wasm_internal_failure_1000', true],
  ];
  for (const [code, retryable] of wasm) {
    it(`${code}: category wasm, retryable ${retryable}, telemetry id kept`, () => {
      const d = pluginError({ code, message: 'm', event_session_id: 'ev-1', context: {} });
      expect(d).to.include({ code, category: 'wasm', retryable, telemetryId: 'ev-1', messageKey: `error.${code}` });
    });
  }

  it('covers exactly the documented WASM codes', () => {
    expect(Object.keys(WASM_ERRORS)).to.have.members(wasm.map(([c]) => c));
  });

  it('other plugin codes pass through verbatim with category plugin', () => {
    expect(pluginError({ code: 'camera_not_found', message: 'no camera' })).to.include({
      code: 'camera_not_found',
      category: 'plugin',
      message: 'no camera',
      messageKey: 'error.plugin',
    });
  });

  it('a malformed on_error argument still gives a usable detail', () => {
    expect(pluginError(undefined)).to.include({ code: 'plugin_error', category: 'plugin' });
    expect(pluginError({ code: 42 }).code).to.equal('42');
  });

  it('kit errors carry category, retryable, the field and the specifics', () => {
    const d = kitError('invalid-config', 'actions: unknown action "x"', { field: 'actions' });
    expect(d).to.include({ code: 'invalid-config', category: 'config', retryable: false, field: 'actions' });
    expect(d.message).to.contain('unknown action "x"');
    expect(kitError('upload-failed').retryable).to.equal(true);
    expect(kitError('plugin-missing').retryable).to.equal(false);
  });

  it('container-rejected gets a message key per Oz error code', () => {
    for (const c of [3, 4, 5, 13, 14])
      expect(kitError('container-rejected', '', { ozErrorCode: c }).messageKey).to.equal(
        `error.container-rejected.${c}`,
      );
    expect(messageKeyFor('container-rejected', 99)).to.equal('error.container-rejected');
  });
});

describe('state machine', () => {
  it('refuses impossible transitions', () => {
    expect(canTransition('capturing', 'starting')).to.equal(false);
    expect(canTransition('uploading', 'capturing')).to.equal(false);
    expect(canTransition('idle', 'uploading')).to.equal(false);
    expect(canTransition('idle', 'capturing')).to.equal(false);
    // `done` without an upload of this element's own only by a phone's outcome (a hand-off), never while busy.
    expect(canTransition('capturing', 'done')).to.equal(true); // the page took the container (handOver)
    expect(nextState('idle', 'remote')).to.equal('done');
    expect(() => nextState('uploading', 'remote')).to.throw(RefusedTransition);
    expect(() => nextState('idle', 'result')).to.throw(RefusedTransition);
  });
  it('allows the path of one capture', () => {
    const path: OzState[] = ['idle', 'loading', 'starting', 'capturing', 'uploading', 'done', 'starting'];
    for (let i = 1; i < path.length; i++)
      expect(canTransition(path[i - 1], path[i]), `${path[i - 1]}→${path[i]}`).to.equal(true);
  });
  it('busy states are the ones a start() must not interrupt', () => {
    expect(Object.values(OzState).filter(isBusy)).to.deep.equal(['loading', 'starting', 'capturing', 'uploading']);
  });
});
