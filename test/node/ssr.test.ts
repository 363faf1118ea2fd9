/**
 * SSR: the elements and the React components import in Node with no DOM (no window, no document),
 * as a Next.js, Nuxt or Angular SSR server meets them, and the React components render to HTML.
 * Covers the sources (src/) and, when `npm run build` has run, the built files reached through the
 * package's own name (self-reference through package.json "exports"), as an app's server would.
 * Not the standalone bundle: it has Lit's browser build inside and is for `<script>` tags only.
 * Run: node --import tsx --test test/node/ssr.test.ts
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const built =
  existsSync(new URL('../../dist/index.js', import.meta.url)) &&
  existsSync(new URL('../../dist/react.js', import.meta.url));
const noDom = () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'no window');
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no document');
};

type ReactEntry = typeof import('../../src/react/index.js');
type MainEntry = typeof import('../../src/index.js');
/** By name, through package.json "exports"; a variable so the type check does not need dist/. */
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

/** What a server does with the wrappers: render them, with every kind of prop, to a string. */
function renderPage({ OzLivenessCheck, OzResultBanner }: ReactEntry): string {
  return renderToString(
    createElement(
      'main',
      null,
      createElement(
        OzLivenessCheck,
        {
          id: 'check',
          pluginSrc: '/oz/plugin_liveness.php',
          sessionTokenUrl: '/api/liveness/session-token',
          backendUrl: '/api/liveness/container',
          meta: { transaction_id: 'tx-42' },
          actions: ['video_selfie_blank'],
          onOzResult: (e) => e.detail.decision,
          onOzError: (e) => e.detail.code,
        },
        createElement(OzResultBanner, null),
      ),
      createElement(OzResultBanner, { htmlFor: 'check', showDetails: true }),
    ),
  );
}

describe('SSR: importing in Node with no DOM', () => {
  it('starts with no DOM', noDom);

  it('src/index.ts imports, defines nothing that needs a DOM, and exports the classes', async () => {
    const m = await import('../../src/index.js');
    noDom();
    assert.equal(typeof m.OzLivenessCheck, 'function');
    assert.equal(typeof m.OzResultBanner, 'function');
    assert.equal(m.decide({ resolution_status: 'FINISHED', system_resolution: 'SUCCESS' }), 'accept');
  });

  it('src/react/index.ts imports and renders to HTML (React, renderToString)', async () => {
    const react = await import('../../src/react/index.js');
    noDom();
    const html = renderPage(react);
    assert.match(html, /<oz-liveness-check\b[^>]*\bid="check"/);
    assert.match(html, /<oz-result-banner\b/);
    // Properties are set in the browser after mount; on the server they do not leak into markup.
    assert.doesNotMatch(html, /transaction_id|\[object Object\]/);
    noDom();
  });

  it('importing twice (sources and build, or two copies) is a no-op, never a throw', async () => {
    await import('../../src/index.js');
    await import('../../src/react/index.js');
    noDom();
  });

  it('oz-liveness-elements (dist/index.js) imports', { skip: !built && 'no dist/: run npm run build' }, async () => {
    const m = (await importPackage('oz-liveness-elements')) as MainEntry;
    noDom();
    assert.equal(typeof m.OzLivenessCheck, 'function');
    assert.equal(typeof m.OzResultBanner, 'function');
  });

  it('oz-liveness-elements/react (dist/react.js) imports and renders to HTML', {
    skip: !built && 'no dist/: run npm run build',
  }, async () => {
    const react = (await importPackage('oz-liveness-elements/react')) as ReactEntry;
    noDom();
    assert.equal(typeof react.OzLivenessCheck, 'object'); // a forwardRef component
    assert.equal(react.OzLivenessCheck.displayName, 'OzLivenessCheck');
    assert.equal(react.OzResultBanner.displayName, 'OzResultBanner');
    assert.match(renderPage(react), /<oz-liveness-check\b[^>]*\bid="check"/);
  });
});
