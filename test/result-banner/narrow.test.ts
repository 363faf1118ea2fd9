import { expect, waitUntil } from '@open-wc/testing';
import { KitErrorCode, WASM_ERRORS, kitError, pluginError, type OzErrorDetail } from '../../src/core/errors.js';
import { toResult } from '../../src/core/decision.js';
import type { OzStateEvent } from '../../src/core/state.js';
import { OZ_LANGUAGES } from '../../src/i18n/index.js';

// WCAG 1.4.10 (reflow): at 320 px nothing is cut and nothing scrolls sideways, in every state of both
// elements, alone, nested and through for=, with the longest ids a backend may send, in every
// language. The page is a real 320 px viewport: an iframe 320 px wide (the same in all three
// engines; @web/test-runner-commands' setViewport does not drive WebDriver, i.e. WebKit here).

const LONGEST = `req-${'0f8e2c4a9b7d4e21a3c65d1f0e9b8a77'.repeat(4)}`;
const ERRORS: OzErrorDetail[] = [
  ...Object.values(KitErrorCode).map((code) =>
    kitError(code, 'x', { status: 502, ozErrorCode: 14, requestId: LONGEST, field: 'actions' }),
  ),
  ...['chrome', 'firefox', 'safari'].map((b) =>
    kitError('camera-denied', b, { messageKey: `error.camera-denied.${b}` }),
  ),
  kitError('camera-unsupported', 'policy', { messageKey: 'error.camera-unsupported.policy' }),
  ...Object.keys(WASM_ERRORS).map((code) => pluginError({ code, event_session_id: `\u202e${LONGEST}` })),
];
const folder = (sr: string, rs = 'FINISHED') => ({
  folder_id: LONGEST,
  resolution_status: rs,
  system_resolution: sr,
  meta_data: { event_session_id: LONGEST },
});

/** The kit's internals a page never touches, to put the real element in each state at once. */
interface Internals {
  status: {
    go(e: OzStateEvent): void;
    fail(d: OzErrorDetail): void;
    succeed(r: unknown): void;
    progress(l: number, t: number): void;
  };
  flow: object;
  requestUpdate(): void;
  updateComplete: Promise<boolean>;
}

async function page320(): Promise<{ win: Window; doc: Document; remove: () => void }> {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:320px;height:640px;border:0';
  iframe.srcdoc =
    '<!doctype html><html><head><meta name=viewport content="width=device-width"></head><body>' +
    "<script type=module>import '/src/index.ts'; window.__ready = true;</script></body></html>";
  document.body.append(iframe);
  const win = iframe.contentWindow as Window & { __ready?: boolean };
  await waitUntil(() => win.__ready && win.customElements.get('oz-result-banner'), 'the kit in the frame', {
    timeout: 20_000,
  });
  return { win, doc: iframe.contentDocument!, remove: () => iframe.remove() };
}

describe('at 320 px: nothing cut, no sideways scroll', () => {
  for (const lang of OZ_LANGUAGES) {
    it(`every state of both elements, alone, nested and for=, longest ids, in ${lang}`, async function () {
      this.timeout(120_000);
      const { doc, remove } = await page320();
      const problems: string[] = [];
      try {
        for (const layout of ['alone', 'nested', 'for'] as const) {
          doc.body.replaceChildren();
          const wrap = doc.createElement('div');
          wrap.lang = lang;
          const check = doc.createElement('oz-liveness-check');
          check.id = 'c';
          check.setAttribute('support-contact', 'Need help? Call us on 0800 123 456 (Monday to Friday, 8:00–20:00).');
          wrap.append(check);
          let banner: HTMLElement | undefined;
          if (layout !== 'alone') {
            banner = doc.createElement('oz-result-banner');
            if (layout === 'for') banner.setAttribute('for', 'c');
            (layout === 'nested' ? check : wrap).append(banner);
          }
          doc.body.append(wrap);
          const el = check as unknown as Internals;
          Object.defineProperty(el.flow, 'busy', { configurable: true, get: () => busy });
          let busy = false;
          const measure = async (what: string) => {
            el.requestUpdate();
            await el.updateComplete;
            await (banner as unknown as Internals | undefined)?.updateComplete;
            // Every <details> open: the full ids must fit too.
            for (const root of [check.shadowRoot, banner?.shadowRoot])
              for (const d of root?.querySelectorAll('details') ?? []) d.open = true;
            const width = doc.documentElement.scrollWidth;
            if (width > 320) problems.push(`${layout} ${what}: ${width} px wide`);
          };
          await measure('idle');
          busy = true;
          for (const [event, name] of [
            ['start', 'starting'],
            ['open', 'capturing'],
            ['upload', 'uploading'],
          ] as const) {
            el.status.go(event);
            await measure(name);
          }
          el.status.progress(420, 1000);
          await measure('sending 42%');
          el.status.progress(1000, 1000);
          await measure('analysing');
          busy = false;
          for (const sr of ['SUCCESS', 'DECLINED', 'FAILED']) {
            el.status.go('reset');
            busy = true;
            el.status.go('start');
            el.status.go('open');
            el.status.go('upload');
            busy = false;
            el.status.succeed(toResult(folder(sr, sr === 'FAILED' ? 'FAILED' : 'FINISHED')));
            await measure(`done ${sr}`);
          }
          for (const error of ERRORS) {
            el.status.fail(error);
            await measure(`error ${error.messageKey}`);
          }
        }
      } finally {
        remove();
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
