/**
 * preflight() against the real thing in Chromium, no stubs: a camera the browser refuses (set over
 * CDP, as a person's "Block" is stored) and a page that is not a secure context (a plain-http host
 * name other than localhost, mapped to the loopback). The stubbed cases for all three engines are in
 * test/core/preflight.test.ts.
 * Run: node --import tsx --test test/node/preflight-chromium.test.ts
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

let server: http.Server;
let browser: Browser;
let port: number;

before(async () => {
  const bundle = await build({
    entryPoints: [new URL('../../src/core/preflight.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'ozPreflight',
    write: false,
  });
  const script = bundle.outputFiles[0].text;
  server = http.createServer((req, res) => {
    if (req.url === '/preflight.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>preflight</title><script src="/preflight.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // No --use-fake-ui-for-media-stream: it would grant the camera whatever the permission says.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream',
      '--host-resolver-rules=MAP insecure.test 127.0.0.1',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

type Found = { ok: boolean; problems: { code: string; messageKey: string }[] };
const runPreflight = (page: Page) =>
  page.evaluate(async () => {
    const { ok, problems } = await (
      window as unknown as { ozPreflight: { preflight(): Promise<Found> } }
    ).ozPreflight.preflight();
    return { ok, problems: problems.map(({ code, messageKey }) => ({ code, messageKey })) };
  });

describe('preflight() in real Chromium', () => {
  it('finds nothing on a secure page whose camera is not refused', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    assert.deepEqual(await runPreflight(page), { ok: true, problems: [] });
    await page.close();
  });

  it('a camera the browser refuses for this site: camera-denied, with the Chrome text', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const origin = `http://127.0.0.1:${port}`;
    await page.goto(`${origin}/`);
    const pageSession = await context.newCDPSession(page);
    const { targetInfo } = await pageSession.send('Target.getTargetInfo');
    const browserSession = await browser.newBrowserCDPSession();
    await browserSession.send('Browser.setPermission', {
      permission: { name: 'camera' },
      setting: 'denied',
      origin,
      browserContextId: targetInfo.browserContextId,
    });
    assert.deepEqual(await runPreflight(page), {
      ok: false,
      problems: [{ code: 'camera-denied', messageKey: 'error.camera-denied.chrome' }],
    });
    await context.close();
  });

  it('a page that is not a secure context: insecure-context only', async () => {
    const page = await browser.newPage();
    await page.goto(`http://insecure.test:${port}/`);
    assert.equal(await page.evaluate(() => isSecureContext), false);
    assert.deepEqual(await runPreflight(page), {
      ok: false,
      problems: [{ code: 'insecure-context', messageKey: 'error.insecure-context' }],
    });
    await page.close();
  });
});
