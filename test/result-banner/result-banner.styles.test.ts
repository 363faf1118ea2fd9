import { expect } from '@open-wc/testing';
import { kitStyles } from '../../src/result-banner/kit.styles.js';

// Reads the kit's stylesheet (both elements share it) through the CSSOM: the default colours of both schemes, and
// where motion is allowed. (The test browsers run in light mode with no motion preference, so
// axe alone would only ever see one scheme.)
const sheet = kitStyles.styleSheet!;

function hostDefaults(rules: CSSRuleList): Record<string, string> {
  const host = [...rules].find((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText === ':host')!;
  const out: Record<string, string> = {};
  for (const name of [...host.style]) {
    const m = /#[0-9a-f]{6}/i.exec(host.style.getPropertyValue(name));
    if (name.startsWith('--_') && m) out[name.slice(3)] = m[0];
  }
  return out;
}

function media(condition: string): CSSMediaRule {
  return [...sheet.cssRules].find(
    (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.replace(/\s+/g, ' ').includes(condition),
  )!;
}

function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5]
      .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('<oz-result-banner> styles', () => {
  const schemes = {
    light: () => hostDefaults(sheet.cssRules),
    dark: () => hostDefaults(media('prefers-color-scheme: dark').cssRules),
  };

  for (const [scheme, read] of Object.entries(schemes)) {
    it(`has default text, status and button colours with at least 4.5:1 (borders 3:1) contrast in ${scheme} mode`, () => {
      const c = read();
      for (const name of ['text', 'muted', 'accent', 'focus', 'pending', 'accept', 'reject', 'problem']) {
        expect(c[name], `${scheme} ${name}`).to.be.a('string');
        expect(contrast(c[name], c.surface), `${scheme} ${name} on ${c.surface}`).to.be.at.least(4.5);
      }
      expect(contrast(c['on-accent'], c.accent), `${scheme} button text`).to.be.at.least(4.5);
      expect(contrast(c['on-accent'], c['accent-hover']), `${scheme} button text, hover`).to.be.at.least(4.5);
      expect(contrast(c['on-accent'], c['accent-active']), `${scheme} button text, active`).to.be.at.least(4.5);
      expect(contrast(c['on-disabled'], c.disabled), `${scheme} busy button text`).to.be.at.least(4.5);
      expect(contrast(c.border, c.surface), `${scheme} border`).to.be.at.least(3);
    });
  }

  it("has a palette of the kit's own, not a design system's (none of GitHub's status colours)", () => {
    const all = [...Object.values(schemes.light()), ...Object.values(schemes.dark())].map((c) => c.toLowerCase());
    expect(all).to.have.length.at.least(30);
    for (const borrowed of ['#1a7f37', '#cf222e', '#9a6700', '#bc4c00', '#0969da'])
      expect(all, borrowed).to.not.include(borrowed);
  });

  it('animates only when no reduced motion is asked for', () => {
    const animated = (rules: CSSRuleList): boolean =>
      [...rules].some((r) => r instanceof CSSStyleRule && (r.style.animationName || r.style.animation) !== '');
    expect(animated(sheet.cssRules)).to.equal(false);
    expect(animated(media('prefers-reduced-motion: no-preference').cssRules)).to.equal(true);
  });

  it('has forced-colors rules', () => {
    expect(media('forced-colors: active')).to.not.equal(undefined);
  });

  it('keeps the analysing bar visible in forced colours: the bar opts out and draws its stripes in system colours', () => {
    const rules = [...media('forced-colors: active').cssRules].filter(
      (r): r is CSSStyleRule => r instanceof CSSStyleRule,
    );
    const bar = rules.find((r) => r.selectorText === 'progress')!;
    // WebKit has no forced-colours mode (and drops the property): nothing there to keep visible.
    if (CSS.supports('forced-color-adjust', 'none'))
      expect(bar.style.getPropertyValue('forced-color-adjust')).to.equal('none');
    const stripes = rules.find((r) => r.selectorText === 'progress:indeterminate')!;
    expect(stripes.style.backgroundImage.toLowerCase()).to.include('canvastext');
  });
});
