import { expect } from '@open-wc/testing';
import {
  actionsConverter,
  buildConfig,
  jsonConverter,
  msOrJsonConverter,
  numberConverter,
  type RawConfig,
} from '../../src/core/options.js';

const BASE = 'https://bank.example/onboarding/';
const ok = { pluginSrc: 'https://oz.example/plugin_liveness.php', backendUrl: '/api/liveness/container' };

function build(raw: RawConfig, forStart = true) {
  return buildConfig({ ...ok, ...raw }, BASE, { forStart });
}

describe('options: attribute converters', () => {
  it('actions: space- or comma-separated', () => {
    expect(actionsConverter.fromAttribute('video_selfie_left, video_selfie_smile  video_selfie_blank')).to.deep.equal([
      'video_selfie_left',
      'video_selfie_smile',
      'video_selfie_blank',
    ]);
    expect(actionsConverter.toAttribute(['a', 'b'])).to.equal('a b');
  });
  it('JSON: parsed, or kept raw for validation to name', () => {
    expect(jsonConverter.fromAttribute('{"a":"1"}')).to.deep.equal({ a: '1' });
    expect(jsonConverter.fromAttribute('{bad')).to.equal('{bad');
  });
  it('numbers and keyed timeouts', () => {
    expect(numberConverter.fromAttribute('250')).to.equal(250);
    expect(numberConverter.fromAttribute('soon')).to.equal('soon');
    expect(msOrJsonConverter.fromAttribute('{"default":5000}')).to.deep.equal({ default: 5000 });
    expect(msOrJsonConverter.fromAttribute('3000')).to.equal(3000);
  });
});

describe('options: attribute → open() mapping', () => {
  const table: [string, RawConfig, Record<string, unknown>][] = [
    ['defaults', {}, { lang: 'en', action: ['video_selfie_blank'], meta: {} }],
    [
      'actions',
      { actions: ['video_selfie_left', 'photo_id_front'] },
      { action: ['video_selfie_left', 'photo_id_front'] },
    ],
    [
      'actions as a string',
      { actions: 'video_selfie_smile,video_selfie_eyes' },
      { action: ['video_selfie_smile', 'video_selfie_eyes'] },
    ],
    ['meta', { meta: { transaction_id: '42' } }, { meta: { transaction_id: '42' } }],
    ['lang', { lang: 'ru' }, { lang: 'ru' }],
    ['camera-facing-mode', { cameraFacingMode: 'environment' }, { cameraFacingMode: 'environment' }],
    ['device-id', { deviceId: 'cam-2' }, { device_id: 'cam-2' }],
    ['get-user-media-timeout', { getUserMediaTimeout: 5000 }, { get_user_media_timeout: 5000 }],
    [
      'get-user-media-promise-timeout-ms number',
      { getUserMediaPromiseTimeoutMs: 8000 },
      { get_user_media_promise_timeout_ms: { default: 8000 } }, // the documented object, never a bare number
    ],
    [
      'get-user-media-promise-timeout-ms object',
      { getUserMediaPromiseTimeoutMs: { browser: 1, default: 2 } },
      { get_user_media_promise_timeout_ms: { browser: 1, default: 2 } },
    ],
    [
      '…-throw-error',
      { getUserMediaPromiseTimeoutThrowError: true },
      { get_user_media_promise_timeout_throw_error: true },
    ],
    ['disable-adaptive-aspect-ratio', { disableAdaptiveAspectRatio: true }, { disable_adaptive_aspect_ratio: true }],
    ['extract-best-shot', { extractBestShot: true }, { params: { extract_best_shot: true } }],
    ['hide-document-pattern', { hideDocumentPattern: true }, { overlay_options: { show_document_pattern: false } }],
    ['enable-3d-mask', { enable3dMask: true }, { enable_3d_mask: true }],
    [
      'openOptions merged one level deep',
      { extractBestShot: true, openOptions: { params: { other: 1 }, style: { x: 1 } } },
      { params: { extract_best_shot: true, other: 1 }, style: { x: 1 } },
    ],
  ];
  for (const [name, raw, expected] of table) {
    it(name, () => {
      const r = build(raw);
      if (!r.ok) throw new Error(r.problem.message);
      for (const [k, v] of Object.entries(expected)) expect(r.config.openOptions[k], k).to.deep.equal(v);
    });
  }

  it('leaves out what was not set (false booleans, absent timeouts)', () => {
    const r = build({});
    if (!r.ok) throw new Error(r.problem.message);
    expect(Object.keys(r.config.openOptions).sort()).to.deep.equal(['action', 'lang', 'meta']);
  });

  it('openOptions cannot replace the callbacks or the session token: a named invalid-config, never merged', () => {
    for (const extra of [{ on_close: () => 1 }, { on_capture_complete: 1 }, { session_token: 'x' }]) {
      const r = build({ openOptions: { ...extra, style: {} } });
      expect(r.ok, JSON.stringify(Object.keys(extra))).to.equal(false);
      if (!r.ok) expect(r.problem.field).to.equal('openOptions');
    }
  });

  it('resolves URLs against the page and keeps transport settings', () => {
    const r = build({
      sessionTokenUrl: 'token',
      uploadRetries: 0,
      uploadTimeout: 500,
      credentials: 'include',
      headers: { 'X-CSRF-Token': 'c' },
    });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.config.backendUrl).to.equal('https://bank.example/api/liveness/container');
    expect(r.config.sessionTokenUrl).to.equal('https://bank.example/onboarding/token');
    expect(r.config).to.include({ uploadRetries: 0, uploadTimeout: 500, credentials: 'include' });
    expect(r.config.headers).to.deep.equal({ 'X-CSRF-Token': 'c' });
  });

  it('marks the options Oz retires on 2027-01-01', () => {
    const r = build({ actions: ['video_selfie_best'], enable3dMask: true });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.config.retired).to.deep.equal(['video_selfie_best', 'enable-3d-mask']);
  });
});

describe('options: bad values name their attribute', () => {
  const table: [RawConfig, string, RegExp][] = [
    [{ pluginSrc: undefined }, 'plugin-src', /required/],
    [{ backendUrl: '' }, 'backend-url', /required/],
    [{ pluginSrc: 'javascript:alert(1)' }, 'plugin-src', /http/],
    [{ backendUrl: 'http://[::1' }, 'backend-url', /not a valid URL/],
    [{ sessionTokenUrl: 'ftp://x/token' }, 'session-token-url', /http/],
    [{ actions: ['video_selfie_dance'] }, 'actions', /unknown action "video_selfie_dance"; allowed: photo_id_front/],
    [{ actions: [] }, 'actions', /at least one/],
    [{ meta: '{bad json' }, 'meta', /JSON object/],
    [{ meta: { n: 1 } }, 'meta', /"n" must be a string/],
    [{ meta: ['a'] }, 'meta', /JSON object/],
    [{ cameraFacingMode: 'front' }, 'camera-facing-mode', /"user" or "environment"/],
    [{ getUserMediaTimeout: 'soon' }, 'get-user-media-timeout', /whole number of milliseconds/],
    [{ getUserMediaTimeout: -1 }, 'get-user-media-timeout', /≥ 0/],
    [{ getUserMediaPromiseTimeoutMs: { firefox: 1 } }, 'get-user-media-promise-timeout-ms', /unknown key "firefox"/],
    [{ getUserMediaPromiseTimeoutMs: { default: 'x' } }, 'get-user-media-promise-timeout-ms', /milliseconds/],
    [{ uploadRetries: 1.5 }, 'upload-retries', /whole number/],
    [{ uploadRetries: 11 }, 'upload-retries', /between 0 and 10/],
    [{ uploadTimeout: 0 }, 'upload-timeout', /≥ 1/],
    [{ credentials: 'all' as RequestCredentials }, 'credentials', /same-origin, include, omit/],
    [{ headers: { 'Bad Header': 'x' } }, 'headers', /not a valid header name/],
    [{ headers: { 'X-A': 1 as unknown as string } }, 'headers', /must be a string/],
    [{ openOptions: { token: 'access' } }, 'openOptions', /access token/],
  ];
  for (const [raw, field, message] of table) {
    it(`${field}: ${JSON.stringify(raw)}`, () => {
      const r = build(raw);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.problem.field).to.equal(field);
      expect(r.problem.message).to.match(message);
    });
  }

  it('on change, missing URLs are not yet an error; malformed ones are', () => {
    expect(buildConfig({}, BASE, { forStart: false }).ok).to.equal(true);
    const r = buildConfig({ backendUrl: 'mailto:x' }, BASE, { forStart: false });
    expect(r.ok).to.equal(false);
  });
});
