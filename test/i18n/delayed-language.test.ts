import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { languageLoaders, type OzMessages } from '../../src/i18n/index.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import en from '../../src/i18n/en.js';
import es from '../../src/i18n/es.js';
import kk from '../../src/i18n/kk.js';

// A language module that arrives late, as on a slow network: its import waits for `release()`.
// Each test delays a language no earlier test in this file has loaded (a page loads each only once).
function delay(lang: 'es' | 'kk') {
  const original = languageLoaders[lang];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const state = { requested: false };
  languageLoaders[lang] = () => ((state.requested = true), gate.then(original));
  return { release, state, restore: () => (languageLoaders[lang] = original) };
}

/** Every text the elements' shadow roots ever held, recorded as it changes. */
function recordTexts(...roots: ShadowRoot[]) {
  const seen: string[] = [];
  const note = () => roots.forEach((r) => seen.push(r.textContent ?? ''));
  const observer = new MutationObserver(note);
  for (const r of roots) observer.observe(r, { subtree: true, childList: true, characterData: true, attributes: true });
  note();
  return { seen, stop: () => (note(), observer.disconnect()) };
}

/** Whether any English text of the catalogue (other than words every language shares) shows. */
const englishIn = (texts: string[], local: OzMessages) =>
  Object.entries(en)
    .filter(([key, value]) => value !== local[key as keyof OzMessages] && texts.some((t) => t.includes(value)))
    .map(([, v]) => v);

const accepted = { folder_id: 'f-1', resolution_status: 'FINISHED', system_resolution: 'SUCCESS' };

describe('a language that arrives late', () => {
  it('a Spanish banner shows and announces nothing until Spanish is here; updateComplete waits for it', async () => {
    const slow = delay('es');
    try {
      const el = document.createElement('oz-result-banner') as OzResultBanner;
      el.lang = 'es';
      el.result = accepted;
      let completed = false;
      const container = await fixture<HTMLElement>(html`<div></div>`);
      container.append(el);
      const record = recordTexts(el.shadowRoot!);
      void el.updateComplete.then(() => (completed = true));
      await waitUntil(() => slow.state.requested, 'the Spanish module was never asked for');
      await nextFrame();
      await nextFrame();
      expect(el.shadowRoot!.querySelector('[part=base]')!.textContent).to.equal(''); // the live region is silent
      expect(completed, 'updateComplete resolved before Spanish arrived').to.equal(false);

      slow.release();
      await el.updateComplete;
      // No waiting here: updateComplete itself must mean "rendered in Spanish".
      expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal(es['banner.title.accept']);
      record.stop();
      expect(englishIn(record.seen, es)).to.deep.equal([]);
    } finally {
      slow.restore();
    }
  });

  it('on a Kazakh page, neither the check nor its banner shows English while Kazakh is on its way', async () => {
    const slow = delay('kk');
    try {
      const root = await fixture<HTMLElement>(html`<div lang="kk"></div>`);
      root.innerHTML = '<oz-liveness-check id="c"></oz-liveness-check><oz-result-banner for="c"></oz-result-banner>';
      const check = root.querySelector('oz-liveness-check')!;
      const el = root.querySelector<OzResultBanner>('oz-result-banner')!;
      await waitUntil(() => check.shadowRoot && el.shadowRoot, 'the elements never rendered');
      const record = recordTexts(check.shadowRoot!, el.shadowRoot!);
      await waitUntil(() => slow.state.requested, 'the Kazakh module was never asked for');
      // A start() without plugin-src fails at once (invalid-config): an error to show, before Kazakh is here.
      void check.start();
      await waitUntil(() => el.status === 'error', 'the banner never took the error');
      await nextFrame();
      expect(el.shadowRoot!.querySelector('[part=base]')!.textContent).to.equal('');

      slow.release();
      await waitUntil(
        () => el.shadowRoot!.querySelector('[part=message]')?.textContent === kk['error.invalid-config'],
        'never spoke Kazakh',
      );
      record.stop();
      expect(englishIn(record.seen, kk)).to.deep.equal([]);
    } finally {
      slow.restore();
    }
  });
});

describe('a language that cannot be loaded', () => {
  it('falls back to English rather than staying silent', async () => {
    const original = languageLoaders.hy;
    languageLoaders.hy = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module (simulated)'));
    try {
      const el = await fixture<OzResultBanner>(
        html`<oz-result-banner lang="hy" .result=${accepted}></oz-result-banner>`,
      );
      // fixture() awaited updateComplete: settled, in English.
      expect(el.shadowRoot!.querySelector('[part=title]')!.textContent).to.equal(en['banner.title.accept']);
    } finally {
      languageLoaders.hy = original;
    }
  });
});
