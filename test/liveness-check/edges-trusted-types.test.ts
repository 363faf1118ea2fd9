// Issue 24: the elements define themselves on a page that enforces Trusted Types with a real
// Content-Security-Policy header (served by the test backend, not a <meta>): one whose own code
// already made the policy `lit-html` before the kit loads (as a page with its own Lit does), and one
// that allows exactly the name docs/csp.md asks for, `oz-liveness-elements`, and nothing else.
// Engines without Trusted Types skip, saying so; where it runs, a control proves enforcement.
import { expect, waitUntil } from '@open-wc/testing';
import { uniqueId } from '../support/stub-plugin.js';

const REQUIRE = "require-trusted-types-for 'script'";

type PageWindow = Window &
  typeof globalThis & { __violations: string[]; __ozStub?: unknown; __pageLitPolicy?: unknown };
type CheckLike = HTMLElement & { start(): Promise<void>; state: string; error?: { message: string } };

async function page(csp: string, ownLitPolicy: boolean): Promise<{ frame: HTMLIFrameElement; win: PageWindow }> {
  const pluginSrc = `/test-backend/stub-plugin.js?${uniqueId()}`;
  const html = `<!doctype html><html lang="en"><head>
    <script>
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.sample));
      ${ownLitPolicy ? "window.__pageLitPolicy = trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });" : ''}
    </script>
    <script type="module" src="/src/index.ts"></script>
    </head><body>
    <oz-liveness-check id="c" plugin-src="${pluginSrc}" backend-url="/b"><oz-result-banner></oz-result-banner></oz-liveness-check>
    </body></html>`;
  const frame = document.createElement('iframe');
  frame.src = `/test-backend/page.html?${new URLSearchParams({ csp, html })}`;
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return { frame, win: frame.contentWindow as PageWindow };
}

async function definesAndOpens(win: PageWindow): Promise<void> {
  await waitUntil(() => win.customElements.get('oz-liveness-check'), 'the elements were never defined', {
    timeout: 15_000,
  });
  const el = win.document.getElementById('c') as CheckLike;
  await waitUntil(() => el.shadowRoot?.querySelector('button'), 'the check never rendered');
  const calls: unknown[] = [];
  win.__ozStub = { open: (o: unknown) => calls.push(o), close() {}, hide() {} };
  void el.start();
  await waitUntil(() => el.state === 'capturing' || el.state === 'error', 'opened or failed', { timeout: 15_000 });
  expect(el.error?.message, 'no error').to.equal(undefined);
  expect(calls).to.have.length(1);
  expect(win.__violations).to.deep.equal([]);
  // Control: the header is in force — a plain string into an HTML sink is refused.
  expect(() => {
    win.document.createElement('div').innerHTML = '<b>x</b>';
  }).to.throw();
}

describe('Trusted Types from a real header (issue 24)', function () {
  this.timeout(60_000);
  const supported = () => 'trustedTypes' in window;

  it('a page that already made the policy `lit-html` (header: trusted-types lit-html oz-liveness-elements)', async function () {
    if (!supported()) {
      console.log(`Trusted Types: not supported by ${navigator.userAgent}; skipped`);
      this.skip();
    }
    const { frame, win } = await page(`${REQUIRE}; trusted-types lit-html oz-liveness-elements`, true);
    try {
      expect(win.__pageLitPolicy, "the page's own lit-html policy").to.not.equal(undefined);
      await definesAndOpens(win);
    } finally {
      frame.remove();
    }
  });

  it('exactly the header docs/csp.md gives (trusted-types oz-liveness-elements)', async function () {
    if (!supported()) {
      console.log(`Trusted Types: not supported by ${navigator.userAgent}; skipped`);
      this.skip();
    }
    const { frame, win } = await page(`${REQUIRE}; trusted-types oz-liveness-elements`, false);
    try {
      await definesAndOpens(win);
      // The banner renders through Lit too: it is defined and has content in its shadow root.
      await waitUntil(() => win.document.querySelector('oz-result-banner')?.shadowRoot?.childNodes.length);
    } finally {
      frame.remove();
    }
  });
});
