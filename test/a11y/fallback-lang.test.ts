// Words in a fallback language carry that language (issue 23): the elements speak the closest
// language they have, and when it is not the page's, the parts that hold their words say which it is,
// so a screen reader reads English with an English voice on a German page.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { OzLivenessCheck } from '../../src/liveness-check/liveness-check.js';
import type { OzResultBanner } from '../../src/result-banner/result-banner.js';
import { languageLoaders } from '../../src/i18n/index.js';
import en from '../../src/i18n/en.js';
import ru from '../../src/i18n/ru.js';
import ptBR from '../../src/i18n/pt-BR.js';
import { spokenPieces } from './spoken.js';

const accepted = { folder_id: 'f-1', resolution_status: 'FINISHED', system_resolution: 'SUCCESS' };

/** A check alone (button and status line) and a banner showing an accept, on a page part in `lang`. */
async function page(lang: string) {
  const root = await fixture<HTMLElement>(html`<div lang=${lang}>
    <oz-liveness-check></oz-liveness-check>
    <oz-result-banner .result=${accepted}></oz-result-banner>
  </div>`);
  const check = root.querySelector<OzLivenessCheck>('oz-liveness-check')!;
  const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
  // A start() with no plugin-src fails at once (invalid-config): the status line then has words too.
  void check.start();
  await waitUntil(() => check.state === 'error', 'the check never showed its error', { timeout: 10_000 });
  await Promise.all([check.updateComplete, banner.updateComplete]);
  return { check, banner, pieces: [...spokenPieces(check.shadowRoot!), ...spokenPieces(banner.shadowRoot!)] };
}

/** The `lang` attributes inside the elements' shadow roots. */
const marks = (...els: Element[]) =>
  els.flatMap((el) => [...el.shadowRoot!.querySelectorAll('[lang]')].map((m) => m.getAttribute('lang')));

describe('fallback-language marking', () => {
  it('German page: the words are English and every piece of them is marked lang="en"', async () => {
    const { check, banner, pieces } = await page('de');
    const texts = pieces.map((p) => p.text);
    expect(texts).to.include(en['check.start']);
    expect(texts).to.include(en['banner.title.accept']);
    expect(pieces.length).to.be.at.least(4);
    for (const p of pieces) expect(p.lang, p.text).to.equal('en');
    expect(marks(check, banner).every((m) => m === 'en')).to.equal(true);
  });

  it('Russian page: the words are Russian, read in the page’s language, nothing marked foreign', async () => {
    const { check, banner, pieces } = await page('ru');
    const texts = pieces.map((p) => p.text);
    expect(texts).to.include(ru['check.start']);
    expect(texts).to.include(ru['banner.title.accept']);
    for (const p of pieces) expect(p.lang, p.text).to.equal('ru');
    expect(marks(check, banner)).to.deep.equal([]);
  });

  it('Portuguese page (lang="pt"): Brazilian words, same language, nothing marked', async () => {
    const { check, banner, pieces } = await page('pt');
    const texts = pieces.map((p) => p.text);
    expect(texts).to.include(ptBR['check.start']);
    expect(texts).to.include(ptBR['banner.title.accept']);
    for (const p of pieces) expect(p.lang, p.text).to.equal('pt');
    expect(marks(check, banner)).to.deep.equal([]);
  });

  it('a page language switch moves the marking: de → ru → de', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="de"><oz-result-banner .result=${accepted}></oz-result-banner></div>`,
    );
    const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
    await banner.updateComplete;
    expect(marks(banner)).to.include('en');
    // The banner resolves its language at each render; the page's switch reaches it through <html lang>
    // for a whole page, or through a new render for a part of it.
    root.setAttribute('lang', 'ru');
    banner.requestUpdate();
    await banner.updateComplete;
    expect(marks(banner)).to.deep.equal([]);
    expect(spokenPieces(banner.shadowRoot!).map((p) => p.text)).to.include(ru['banner.title.accept']);
  });

  it('a language that cannot be loaded: the English words it falls back to are marked English', async () => {
    const original = languageLoaders.ky;
    languageLoaders.ky = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module (simulated)'));
    try {
      const root = await fixture<HTMLElement>(
        html`<div lang="ky"><oz-result-banner .result=${accepted}></oz-result-banner></div>`,
      );
      const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
      await waitUntil(() => spokenPieces(banner.shadowRoot!).length > 0, 'the banner stayed silent');
      const pieces = spokenPieces(banner.shadowRoot!);
      expect(pieces.map((p) => p.text)).to.include(en['banner.title.accept']);
      for (const p of pieces) expect(p.lang, p.text).to.equal('en');
    } finally {
      languageLoaders.ky = original;
    }
  });

  it('the page’s own slotted content keeps the page’s language', async () => {
    const root = await fixture<HTMLElement>(html`<div lang="de">
      <oz-result-banner .result=${accepted}><a slot="actions" href="#weiter">Weiter</a></oz-result-banner>
    </div>`);
    const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
    await banner.updateComplete;
    const pieces = spokenPieces(banner);
    expect(pieces.find((p) => p.text === 'Weiter')?.lang).to.equal('de');
    expect(pieces.find((p) => p.text === en['banner.title.accept'])?.lang).to.equal('en');
  });
});

describe('the check declares no language of its own', () => {
  it('has no lang="" on its host, so its content and the page’s slotted content keep the page’s language', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="ru"><oz-liveness-check><p>Текст страницы</p></oz-liveness-check></div>`,
    );
    const check = root.querySelector<OzLivenessCheck>('oz-liveness-check')!;
    await check.updateComplete;
    expect(check.hasAttribute('lang')).to.equal(false);
    expect(spokenPieces(check).find((p) => p.text === 'Текст страницы')?.lang).to.equal('ru');
    check.lang = 'kk';
    await check.updateComplete;
    expect(check.getAttribute('lang')).to.equal('kk');
  });
});

describe('an element given its own language', () => {
  it('a Russian banner on a German page: Russian words, unmarked (its own lang says Russian)', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="de"><oz-result-banner .result=${accepted}></oz-result-banner></div>`,
    );
    const banner = root.querySelector<OzResultBanner>('oz-result-banner')!;
    await banner.updateComplete;
    expect(marks(banner)).to.include('en');
    banner.lang = 'ru';
    await banner.updateComplete;
    expect(banner.getAttribute('lang')).to.equal('ru');
    expect(marks(banner)).to.deep.equal([]);
    for (const p of spokenPieces(banner.shadowRoot!)) expect(p.lang, p.text).to.equal('ru');
  });

  it('a language the kit does not speak (lang="fr" on the check): the closest it has, marked as such', async () => {
    const root = await fixture<HTMLElement>(
      html`<div lang="ru"><oz-liveness-check lang="fr"></oz-liveness-check></div>`,
    );
    const check = root.querySelector<OzLivenessCheck>('oz-liveness-check')!;
    await check.updateComplete;
    // Russian is the closest language the kit has (it skips fr and goes on up): marked Russian inside French.
    const pieces = spokenPieces(check.shadowRoot!);
    expect(pieces.map((p) => p.text)).to.include(ru['check.start']);
    for (const p of pieces) expect(p.lang, p.text).to.equal('ru');
  });
});
