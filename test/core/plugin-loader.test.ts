import { expect } from '@open-wc/testing';
import { loadPlugin, PluginLoadError } from '../../src/core/plugin-loader.js';
import { installStub, uniqueId } from '../support/stub-plugin.js';

const abs = (path: string) => new URL(path, document.baseURI).href;
const scriptsFor = (src: string) => [...document.scripts].filter((s) => s.src === src);

describe('plugin loader', () => {
  beforeEach(() => installStub());

  it('a stalled script fails with plugin-load-failed after the timeout, and its <script> is removed', async () => {
    const src = abs(`/test-backend/upload?id=${uniqueId()}&hang=1`);
    const err = await loadPlugin(src, { timeoutMs: 300 }).catch((e) => e);
    expect(err).to.be.instanceOf(PluginLoadError);
    expect(err.code).to.equal('plugin-load-failed');
    expect(err.message).to.contain('did not load within 300 ms');
    expect(scriptsFor(src)).to.have.length(0);
  });

  it("shares one load between callers; one caller's abort does not cancel the others", async () => {
    const src = abs(`/test-backend/stub-plugin.js?${uniqueId()}`);
    const controller = new AbortController();
    const aborted = loadPlugin(src, { signal: controller.signal });
    const other = loadPlugin(src);
    controller.abort(new DOMException('gone', 'AbortError'));
    expect(await aborted.catch((e) => e.name)).to.equal('AbortError');
    expect(typeof (await other).open).to.equal('function');
    expect(scriptsFor(src)).to.have.length(1);
  });

  it('forgets a failed load so the next call tries again with a fresh <script>', async () => {
    const src = abs(`/test-backend/missing.js?${uniqueId()}`);
    const first = await loadPlugin(src).catch((e) => e);
    const second = await loadPlugin(src).catch((e) => e);
    expect(first).to.be.instanceOf(PluginLoadError);
    expect(second).to.be.instanceOf(PluginLoadError);
    expect(second).to.not.equal(first);
  });

  it("waits for OzLiveness.open defined after the script's load (as real loaders do)", async () => {
    const stub = (window as any).OzLiveness;
    delete (window as any).OzLiveness;
    const src = abs(`/test-backend/empty.js?${uniqueId()}`);
    const observer = new MutationObserver(() => {
      const script = scriptsFor(src)[0];
      if (!script) return;
      observer.disconnect();
      script.addEventListener('load', () => setTimeout(() => ((window as any).OzLiveness = stub), 700));
    });
    observer.observe(document.head, { childList: true });
    expect(await loadPlugin(src)).to.equal(stub);
  });

  it('reuses a plugin the page already included itself', async () => {
    const src = abs(`/test-backend/stub-plugin.js?${uniqueId()}`);
    const script = document.createElement('script');
    script.src = src;
    await new Promise((r) => {
      script.onload = r;
      document.head.append(script);
    });
    await loadPlugin(src);
    expect(scriptsFor(src)).to.have.length(1);
  });
});
