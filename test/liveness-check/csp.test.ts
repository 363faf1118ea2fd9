// Under a strict Content Security Policy — scripts only from this origin or with the nonce, styles
// only from this origin (no 'unsafe-inline'), no eval — the elements load, render, and open the
// plugin with no violation reported.
import { expect, waitUntil } from '@open-wc/testing';
import { uniqueId } from '../support/stub-plugin.js';

const CSP =
  "default-src 'self'; script-src 'self' 'nonce-t3st'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

describe('strict CSP', function () {
  this.timeout(20_000);

  it('the elements work with no CSP violation, and the plugin <script> carries the nonce', async () => {
    const frame = document.createElement('iframe');
    const pluginSrc = `/test-backend/stub-plugin.js?${uniqueId()}`;
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="${CSP}">
      <script type="module" nonce="t3st" src="${new URL('/src/index.ts', location.href).href}"></script>
      </head><body>
      <oz-liveness-check id="c" nonce="t3st" plugin-src="${pluginSrc}" backend-url="/b"><oz-result-banner></oz-result-banner></oz-liveness-check>
      </body></html>`;
    const violations: string[] = [];
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const win = frame.contentWindow as Window & typeof globalThis & { __ozStub?: unknown; OzLiveness?: unknown };
      win.document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
      await waitUntil(() => win.customElements.get('oz-liveness-check'), 'elements defined under CSP', {
        timeout: 10_000,
      });
      const calls: unknown[] = [];
      win.__ozStub = { open: (o: unknown) => calls.push(o), close() {}, hide() {} };
      const el = win.document.getElementById('c') as HTMLElement & { start(): Promise<void>; state: string };
      await waitUntil(() => el.shadowRoot?.querySelector('button'), 'rendered');
      const button = el.shadowRoot!.querySelector('button')!;
      // Styled by its adopted stylesheet, not by inline styles: the button has the kit's padding.
      expect(win.getComputedStyle(button).paddingInlineStart).to.equal('20px');
      void el.start();
      await waitUntil(() => el.state === 'capturing', 'opened under CSP', { timeout: 10_000 });
      expect(calls).to.have.length(1);
      const script = [...win.document.scripts].find((s) => s.src.includes(pluginSrc.split('?')[1]))!;
      expect(script.nonce).to.equal('t3st');
      expect(violations).to.deep.equal([]);

      // Control: the policy is really in force — an inline script is refused and reported.
      const inline = win.document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      win.document.body.append(inline);
      await waitUntil(() => violations.length > 0, 'the CSP reports the inline script');
      expect((win as unknown as { __inlineRan?: boolean }).__inlineRan).to.equal(undefined);
    } finally {
      frame.remove();
    }
  });
});
