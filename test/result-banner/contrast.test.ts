import { expect, fixture, html } from '@open-wc/testing';
import { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import { kitStyles } from '../../src/result-banner/kit.styles.js';
import { kitError } from '../../src/core/errors.js';

// Contrast measured from what the browser computes (not from the stylesheet's text): every text
// ≥ 4.5:1 against what is behind it, icons and the focus ring ≥ 3:1, in the light and the dark
// scheme. The test browsers run light; the dark scheme is the kit's own dark block applied to the
// element (the same rules the browser applies under prefers-color-scheme: dark).

if (!customElements.get('oz-result-banner')) customElements.define('oz-result-banner', OzResultBanner);
if (!customElements.get('oz-liveness-check')) customElements.define('oz-liveness-check', OzLivenessCheck);

function rgb(color: string): [number, number, number] {
  const m = color.match(/[\d.]+/g);
  if (!m || m.length < 3) throw new Error(`not a colour: ${color}`);
  if (m.length > 3 && Number(m[3]) < 1) throw new Error(`not opaque: ${color}`);
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}
function hex(color: string): string {
  const probe = document.createElement('i');
  probe.style.color = color.trim();
  document.body.append(probe);
  const out = getComputedStyle(probe).color;
  probe.remove();
  return out;
}
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The kit's dark block, unconditionally: what prefers-color-scheme: dark applies. */
function darkSheet(): CSSStyleSheet {
  const media = [...kitStyles.styleSheet!.cssRules].find(
    (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('dark'),
  )!;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync([...media.cssRules].map((r) => r.cssText).join('\n'));
  return sheet;
}
function inScheme(el: HTMLElement, scheme: string) {
  if (scheme === 'dark') el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, darkSheet()];
}
const style = (el: Element | null | undefined) => getComputedStyle(el as Element);

describe('contrast, measured from computed styles', () => {
  for (const scheme of ['light', 'dark']) {
    it(`banner, every status (${scheme}): text ≥ 4.5:1, icon ≥ 3:1, Copy text ≥ 4.5:1, its border and focus ring ≥ 3:1`, async () => {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="en" support-contact="Call 0800"></oz-result-banner>`,
      );
      inScheme(el, scheme);
      const results = [
        { resolution_status: 'FINISHED', system_resolution: 'SUCCESS' },
        { resolution_status: 'FINISHED', system_resolution: 'DECLINED' },
        { resolution_status: 'FAILED', system_resolution: 'FAILED', folder_id: '5c8d2e1a-7f3b' },
      ];
      const seen: string[] = [];
      for (const result of results) {
        el.result = result;
        await el.updateComplete;
        const root = el.shadowRoot!;
        const bg = style(root.querySelector('[part=base]')).backgroundColor;
        for (const sel of ['[part=title]', '[part=message]', '.reference p', 'summary']) {
          const node = root.querySelector(sel);
          if (!node) continue;
          seen.push(`${el.status} ${sel}`);
          expect(contrast(style(node).color, bg), `${scheme} ${el.status} ${sel}`).to.be.at.least(4.5);
        }
        expect(contrast(style(root.querySelector('.ic')).color, bg), `${scheme} ${el.status} icon`).to.be.at.least(3);
        const copy = root.querySelector('.copy');
        if (copy) {
          expect(contrast(style(copy).color, bg), `${scheme} Copy text`).to.be.at.least(4.5);
          // The Copy button's ring and border are drawn in its text's colour (support.ts: currentColor).
          expect(contrast(style(copy).borderTopColor, bg), `${scheme} Copy border and focus ring`).to.be.at.least(3);
        }
      }
      expect(seen).to.include('failed .reference p');
    });

    it(`check (${scheme}): the Start button, the busy button and the error card`, async () => {
      const el = await fixture<OzLivenessCheck>(html`<oz-liveness-check lang="en"></oz-liveness-check>`);
      inScheme(el, scheme);
      await el.updateComplete;
      const root = el.shadowRoot!;
      const button = root.querySelector<HTMLButtonElement>('[part=button]')!;
      const surface = hex(style(button).getPropertyValue('--_surface'));
      expect(contrast(style(button).color, style(button).backgroundColor), `${scheme} Start`).to.be.at.least(4.5);
      expect(contrast(hex(style(button).getPropertyValue('--_focus')), surface), `${scheme} focus`).to.be.at.least(3);
      const busy = {
        bg: hex(style(button).getPropertyValue('--_disabled')),
        fg: hex(style(button).getPropertyValue('--_on-disabled')),
      };
      expect(contrast(busy.fg, busy.bg), `${scheme} busy button`).to.be.at.least(4.5);
      for (const name of ['--_accent-hover', '--_accent-active'])
        expect(
          contrast(style(button).color, hex(style(button).getPropertyValue(name))),
          `${scheme} ${name}`,
        ).to.be.at.least(4.5);
      (el as unknown as { status: { fail(d: unknown): void } }).status.fail(kitError('upload-failed'));
      await el.updateComplete;
      const card = root.querySelector('.card')!;
      const bg = style(card).backgroundColor;
      expect(contrast(style(root.querySelector('[part=status]')).color, bg), `${scheme} error text`).to.be.at.least(
        4.5,
      );
      expect(contrast(style(root.querySelector('.ic')).color, bg), `${scheme} error icon`).to.be.at.least(3);
    });
  }
});
