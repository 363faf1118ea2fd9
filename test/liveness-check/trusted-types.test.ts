// Under a real Trusted Types policy (`require-trusted-types-for 'script'`, and a `trusted-types`
// list that names only the kit's policy and Lit's), the plugin script URL goes through the policy
// named oz-liveness-elements and the check opens with no violation. Engines without Trusted Types
// skip, saying so (the control below proves enforcement where it runs).
import { expect, waitUntil } from '@open-wc/testing';
import { uniqueId } from '../support/stub-plugin.js';

const CSP = "require-trusted-types-for 'script'; trusted-types oz-liveness-elements lit-html";

describe('Trusted Types', function () {
  this.timeout(20_000);

  it('the plugin script URL goes through the oz-liveness-elements policy; nothing is refused', async function () {
    if (!('trustedTypes' in window)) {
      console.log(`Trusted Types: not supported by ${navigator.userAgent}; skipped`);
      this.skip();
    }
    const frame = document.createElement('iframe');
    const pluginSrc = `/test-backend/stub-plugin.js?${uniqueId()}`;
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="${CSP}">
      <script type="module" src="${new URL('/src/index.ts', location.href).href}"></script>
      </head><body>
      <oz-liveness-check id="c" plugin-src="${pluginSrc}" backend-url="/b"></oz-liveness-check>
      </body></html>`;
    const violations: string[] = [];
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const win = frame.contentWindow as Window & typeof globalThis & { __ozStub?: unknown };
      win.document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      await waitUntil(() => win.customElements.get('oz-liveness-check'), 'elements defined', { timeout: 10_000 });
      const calls: unknown[] = [];
      win.__ozStub = { open: (o: unknown) => calls.push(o), close() {}, hide() {} };
      const el = win.document.getElementById('c') as HTMLElement & {
        start(): Promise<void>;
        state: string;
        error?: { message: string };
      };
      void el.start();
      await waitUntil(() => el.state === 'capturing' || el.state === 'error', 'opened or failed', { timeout: 10_000 });
      expect(el.error?.message, 'no error').to.equal(undefined);
      expect(calls).to.have.length(1);
      const script = [...win.document.scripts].find((s) => s.src.includes(pluginSrc.split('?')[1]))!;
      expect(script).to.not.equal(undefined);
      expect(violations).to.deep.equal([]);
      // Control: the policy is in force — a plain string URL on a <script> is refused.
      expect(() => (win.document.createElement('script').src = '/x.js')).to.throw();
      console.log(`Trusted Types enforced in ${navigator.userAgent}`);
    } finally {
      frame.remove();
    }
  });
});
