// The simulated plugin's pure rules (timeouts, constraints, error codes, languages, container
// round trip), and that the browser-only modules can be imported in Node.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cameraConstraints,
  cameraErrorCode,
  detectClientEnv,
  resolvePromiseTimeout,
} from '../../src/testing/user-media.js';
import { resolveLanguage } from '../../src/testing/i18n.js';
import { packContainer, readContainer } from '../../src/testing/container.js';
import { SAMPLE_JPEG_BASE64 } from '../../src/testing/sample-container.js';
import { base64ToBytes } from '../../src/testing/encoding.js';
import { SCENARIOS, isScenarioName } from '../../src/testing/scenarios.js';

const UA = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
  ipadOS:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
};

describe('detectClientEnv', () => {
  it('names platform and browser', () => {
    assert.deepEqual(detectClientEnv({ userAgent: UA.iphoneSafari }), { platform: 'ios', browser: 'safari' });
    assert.deepEqual(detectClientEnv({ userAgent: UA.iphoneChrome }), { platform: 'ios', browser: 'chrome' });
    assert.deepEqual(detectClientEnv({ userAgent: UA.androidChrome }), { platform: 'android', browser: 'chrome' });
    assert.deepEqual(detectClientEnv({ userAgent: UA.windowsEdge }), { platform: 'windows', browser: 'edge' });
    assert.deepEqual(detectClientEnv({ userAgent: UA.linuxFirefox }), { platform: 'linux', browser: 'firefox' });
  });

  it('counts a touch "Mac" (iPadOS) as ios', () => {
    assert.equal(detectClientEnv({ userAgent: UA.ipadOS, maxTouchPoints: 5 }).platform, 'ios');
    assert.equal(detectClientEnv({ userAgent: UA.ipadOS, maxTouchPoints: 0 }).platform, 'macos');
  });
});

describe('resolvePromiseTimeout', () => {
  const ios = { platform: 'ios', browser: 'safari' };
  const keyed = { platform_browser: { ios_safari: 1 }, browser: { safari: 2 }, platform: { ios: 3 }, default: 4 };

  it('takes a number as is', () => {
    assert.equal(resolvePromiseTimeout(5000, ios), 5000);
  });

  it('searches platform_browser, browser, platform, default: first match wins', () => {
    assert.equal(resolvePromiseTimeout(keyed, ios), 1);
    assert.equal(resolvePromiseTimeout({ ...keyed, platform_browser: { android_chrome: 1 } }, ios), 2);
    assert.equal(resolvePromiseTimeout({ ...keyed, platform_browser: undefined, browser: { chrome: 2 } }, ios), 3);
    assert.equal(resolvePromiseTimeout({ default: 4 }, ios), 4);
  });

  it('means no timeout when nothing matches or the value is unusable', () => {
    assert.equal(resolvePromiseTimeout({ browser: { chrome: 2 } }, ios), null);
    assert.equal(resolvePromiseTimeout(undefined, ios), null);
    assert.equal(resolvePromiseTimeout(-1, ios), null);
    assert.equal(resolvePromiseTimeout({ default: 'soon' }, ios), null);
  });
});

describe('cameraConstraints', () => {
  it('asks for the front camera by default', () => {
    assert.deepEqual((cameraConstraints({}).video as MediaTrackConstraints).facingMode, { ideal: 'user' });
  });

  it('maps cameraFacingMode and device_id', () => {
    assert.deepEqual(
      (cameraConstraints({ cameraFacingMode: 'environment' }).video as MediaTrackConstraints).facingMode,
      { ideal: 'environment' },
    );
    const byId = cameraConstraints({ device_id: 'cam-1' }).video as MediaTrackConstraints;
    assert.deepEqual(byId.deviceId, { exact: 'cam-1' });
    assert.equal(byId.facingMode, undefined, 'a chosen device is not second-guessed by a facing mode');
  });
});

describe('cameraErrorCode', () => {
  it('maps DOMException names to simulated codes', () => {
    assert.equal(cameraErrorCode({ name: 'NotAllowedError' }), 'sim_camera_denied');
    assert.equal(cameraErrorCode({ name: 'NotFoundError' }), 'sim_camera_not_found');
    assert.equal(cameraErrorCode({ name: 'OverconstrainedError' }), 'sim_camera_not_found');
    assert.equal(cameraErrorCode({ name: 'NotReadableError' }), 'sim_camera_unavailable');
    assert.equal(cameraErrorCode(null), 'sim_camera_unavailable');
  });
});

describe('resolveLanguage', () => {
  it('has en and ru prompts for every action, and falls back to en', () => {
    const en = resolveLanguage('en').messages;
    const ru = resolveLanguage('ru-RU');
    assert.equal(ru.lang, 'ru');
    assert.deepEqual(Object.keys(ru.messages.actions).sort(), Object.keys(en.actions).sort());
    assert.notEqual(ru.messages.actions.video_selfie_smile, en.actions.video_selfie_smile);
    assert.equal(resolveLanguage('xx').lang, 'en');
  });
});

describe('container', () => {
  it('round-trips payload and media', async () => {
    const jpeg = base64ToBytes(SAMPLE_JPEG_BASE64);
    const blob = await packContainer({
      sessionToken: 'tok',
      payload: {
        event_session_id: 'e',
        meta: { a: 'b' },
        actions: ['video_selfie_blank'],
        lang: 'en',
        params: { extract_best_shot: false },
        simulation: { scenario: null },
        capture: {},
      },
      media: [{ action: 'video_selfie_blank', kind: 'frame', type: 'image/jpeg', bytes: jpeg }],
    });
    assert.equal(blob.type, 'application/octet-stream');
    const c = await readContainer(new Uint8Array(await blob.arrayBuffer()));
    assert.ok(c.ok);
    assert.equal(c.envelope.session_token, 'tok');
    assert.deepEqual(c.payload.meta, { a: 'b' });
    assert.deepEqual([...c.media[0]!.bytes], [...jpeg]);
  });

  it('does not reveal the token or meta in plain bytes', async () => {
    const blob = await packContainer({
      sessionToken: 'visible-token',
      payload: {
        event_session_id: 'e',
        meta: { transaction_id: 'visible-meta' },
        actions: [],
        lang: 'en',
        params: { extract_best_shot: false },
        simulation: { scenario: null },
        capture: {},
      },
      media: [],
    });
    const text = new TextDecoder('latin1').decode(await blob.arrayBuffer());
    assert.ok(!text.includes('visible-token') && !text.includes('visible-meta'));
  });
});

describe('module safety', () => {
  it('imports the browser plugin and the index in Node without touching the DOM', async () => {
    const mod = await import('../../src/testing/index.js');
    assert.equal(typeof mod.installSimulator, 'function');
    assert.equal(typeof mod.createSimulatedOzApi, 'function');
  });

  it('knows every scenario name the issue lists', () => {
    assert.equal(SCENARIOS.length, 25);
    for (const n of [
      'accept',
      'error_wasm_internal_failure_1000',
      'container_error_13',
      'camera_hang',
      'slow',
      'window_closes_first',
      'container_only_argument',
      'architecture_normal',
      'camera_refused_at_prompt',
      'auth_expired_400_session_token',
      'auth_expired_401_session_token',
      'auth_expired_400_upload',
      'auth_expired_401_upload',
    ])
      assert.ok(isScenarioName(n), n);
    assert.ok(!isScenarioName('error_wasm_internal_failure_6'));
  });
});
