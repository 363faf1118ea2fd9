import { expect } from '@open-wc/testing';
import { browserFamily, preflight } from '../../src/core/preflight.js';
import { errorKindOf, kitError, KitErrorCode, titleKeyFor, WASM_ERRORS } from '../../src/core/errors.js';

// The browser APIs preflight() reads are stubbed at the edge, as own properties over the real ones,
// and put back after each test: the code under test is the real module in a real browser.
const restores: (() => void)[] = [];
function stub(target: object, name: string, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, { value, configurable: true, writable: true });
  restores.push(() =>
    own ? Object.defineProperty(target, name, own) : delete (target as Record<string, unknown>)[name],
  );
}
function removeWebAssembly(): void {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
  delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
  restores.push(() => Object.defineProperty(globalThis, 'WebAssembly', own));
}
const permissionAnswer = (state: PermissionState) => async () =>
  ({ state, name: 'camera' }) as unknown as PermissionStatus;
const codes = async () => (await preflight()).problems.map((p) => p.code);

const UA = {
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Safari/605.1.15',
  chromeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1',
  unknown: 'SomeBrowser/1.0',
};

describe('preflight()', () => {
  afterEach(() => {
    while (restores.length) restores.pop()!();
  });

  it('finds nothing in this test browser (secure, a camera API, WebAssembly, camera not refused)', async () => {
    expect(await preflight()).to.deep.equal({ ok: true, problems: [] });
  });

  it('a page that is not a secure context: insecure-context, and not a second camera problem', async () => {
    stub(window, 'isSecureContext', false);
    stub(navigator, 'mediaDevices', undefined); // as browsers do outside a secure context
    const { ok, problems } = await preflight();
    expect(ok).to.equal(false);
    expect(problems.map((p) => p.code)).to.deep.equal(['insecure-context']);
    expect(problems[0]).to.include({ category: 'environment', retryable: false, messageKey: 'error.insecure-context' });
  });

  it('no getUserMedia: camera-unsupported', async () => {
    stub(navigator, 'mediaDevices', undefined);
    const [problem] = (await preflight()).problems;
    expect(problem).to.include({
      code: 'camera-unsupported',
      category: 'environment',
      retryable: false,
      messageKey: 'error.camera-unsupported',
    });
  });

  it('a permissions policy that forbids the camera: camera-unsupported with its own text', async () => {
    const forbids = { allowsFeature: (feature: string) => feature !== 'camera' };
    stub(document, 'permissionsPolicy', forbids);
    stub(document, 'featurePolicy', forbids);
    const [problem] = (await preflight()).problems;
    expect(problem).to.include({ code: 'camera-unsupported', messageKey: 'error.camera-unsupported.policy' });
  });

  it('a policy that allows the camera is no problem', async () => {
    stub(document, 'permissionsPolicy', { allowsFeature: () => true });
    expect(await codes()).to.deep.equal([]);
  });

  for (const [browser, ua, key] of [
    ['Chrome', UA.chrome, 'error.camera-denied.chrome'],
    ['Edge', UA.edge, 'error.camera-denied.edge'],
    ['Firefox', UA.firefox, 'error.camera-denied.firefox'],
    ['Safari on a Mac', UA.safari, 'error.camera-denied.safari-mac'],
    ['Chrome on iOS', UA.chromeIos, 'error.camera-denied.safari-ios'],
    ['an unknown browser', UA.unknown, 'error.camera-denied'],
  ] as const) {
    it(`a refused camera in ${browser}: camera-denied, with how to allow it there`, async () => {
      stub(navigator, 'userAgent', ua);
      stub(navigator.permissions, 'query', permissionAnswer('denied'));
      const [problem] = (await preflight()).problems;
      expect(problem).to.include({ code: 'camera-denied', category: 'environment', retryable: true, messageKey: key });
    });
  }

  it('a camera not yet asked for (prompt) or granted is no problem', async () => {
    stub(navigator.permissions, 'query', permissionAnswer('prompt'));
    expect(await codes()).to.deep.equal([]);
    stub(navigator.permissions, 'query', permissionAnswer('granted'));
    expect(await codes()).to.deep.equal([]);
  });

  it("a query that throws for 'camera' (Firefox, some Safari) is unknown, not denied", async () => {
    stub(navigator.permissions, 'query', async () => {
      throw new TypeError("'camera' (value of 'name' member of PermissionDescriptor) is not a valid value");
    });
    expect(await codes()).to.deep.equal([]);
  });

  it('no Permissions API at all is unknown, not denied', async () => {
    stub(navigator, 'permissions', undefined);
    expect(await codes()).to.deep.equal([]);
  });

  it('no WebAssembly: wasm-unsupported', async () => {
    removeWebAssembly();
    const [problem] = (await preflight()).problems;
    expect(problem).to.include({
      code: 'wasm-unsupported',
      category: 'environment',
      retryable: false,
      messageKey: 'error.wasm-unsupported',
    });
  });

  it('reports every problem at once, in the order to fix them', async () => {
    stub(navigator, 'userAgent', UA.firefox);
    stub(navigator.permissions, 'query', permissionAnswer('denied'));
    removeWebAssembly();
    expect(await codes()).to.deep.equal(['camera-denied', 'wasm-unsupported']);
  });

  it('never opens the camera and never fetches', async () => {
    const calls: string[] = [];
    stub(navigator.mediaDevices, 'getUserMedia', async () => {
      calls.push('getUserMedia');
      throw new Error('must not be called');
    });
    stub(window, 'fetch', async () => {
      calls.push('fetch');
      throw new Error('must not be called');
    });
    stub(navigator.permissions, 'query', permissionAnswer('denied'));
    expect(await codes()).to.deep.equal(['camera-denied']);
    expect(calls).to.deep.equal([]);
  });
});

describe('browserFamily()', () => {
  it('tells Chrome/Edge, Firefox and Safari apart by the user agent', () => {
    expect(browserFamily(UA.chrome)).to.equal('chrome');
    expect(browserFamily(UA.edge)).to.equal('chrome');
    expect(browserFamily(UA.firefox)).to.equal('firefox');
    expect(browserFamily(UA.safari)).to.equal('safari');
    expect(browserFamily(UA.chromeIos)).to.equal('safari');
    expect(browserFamily(UA.unknown)).to.equal('other');
    expect(browserFamily(undefined)).to.equal('other');
  });
});

describe('error kinds (the banner title)', () => {
  it('every catalogued code has a kind; the environment codes are camera or browser', () => {
    expect(errorKindOf('insecure-context')).to.equal('camera');
    expect(errorKindOf('camera-unsupported')).to.equal('camera');
    expect(errorKindOf('camera-denied')).to.equal('camera');
    expect(errorKindOf('wasm-unsupported')).to.equal('browser');
    expect(errorKindOf('upload-failed')).to.equal('network');
    expect(errorKindOf('session-token-failed')).to.equal('network');
    expect(errorKindOf('container-rejected')).to.equal('check');
    expect(errorKindOf('error_wasm_internal_failure_1')).to.equal('browser');
    // Out of memory is the device's, not the browser's: "not supported" would send the person away.
    expect(errorKindOf('error_wasm_internal_failure_2')).to.equal('device');
    expect(errorKindOf('error_wasm_internal_failure_3')).to.equal('check');
    for (const code of [...Object.values(KitErrorCode), ...Object.keys(WASM_ERRORS)]) {
      expect(['camera', 'network', 'check', 'browser', 'device'], code).to.include(errorKindOf(code));
    }
  });

  it('an unknown or malformed code is a problem with the check', () => {
    expect(titleKeyFor('some_plugin_code')).to.equal('error.title.check');
    expect(titleKeyFor(undefined)).to.equal('error.title.check');
    expect(titleKeyFor('toString')).to.equal('error.title.check');
  });

  it('kitError carries the request id and a more precise text when given', () => {
    const d = kitError('upload-failed', 'HTTP 502', { status: 502, requestId: 'req-7f3a' });
    expect(d).to.include({ requestId: 'req-7f3a', status: 502, messageKey: 'error.upload-failed' });
    expect(kitError('camera-denied', '', { messageKey: 'error.camera-denied.firefox' }).messageKey).to.equal(
      'error.camera-denied.firefox',
    );
  });
});
