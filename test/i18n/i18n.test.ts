import { expect, fixture, html } from '@open-wc/testing';
import {
  OZ_LANGUAGES,
  interpolate,
  isMessageKey,
  loadMessages,
  matchLang,
  resolveLang,
  translate,
  type OzLang,
  type OzMessages,
} from '../../src/i18n/index.js';
import en from '../../src/i18n/en.js';
import ru from '../../src/i18n/ru.js';
import kk from '../../src/i18n/kk.js';
import es from '../../src/i18n/es.js';
import ptBR from '../../src/i18n/pt-BR.js';
import tr from '../../src/i18n/tr.js';
import hy from '../../src/i18n/hy.js';
import ky from '../../src/i18n/ky.js';
import { KitErrorCode, OZ_CONTAINER_ERROR_CODES, WASM_ERRORS, messageKeyFor } from '../../src/core/errors.js';

const catalogues: Record<OzLang, OzMessages> = { en, ru, kk, es, 'pt-BR': ptBR, tr, hy, ky };
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('i18n catalogues', () => {
  it('has a catalogue for exactly the supported languages', () => {
    expect(Object.keys(catalogues).sort()).to.deep.equal([...OZ_LANGUAGES].sort());
  });

  for (const lang of OZ_LANGUAGES) {
    it(`${lang} has every key of en and no other`, () => {
      expect(Object.keys(catalogues[lang]).sort()).to.deep.equal(Object.keys(en).sort());
    });

    it(`${lang} has no empty message and the same {placeholders} as en`, () => {
      for (const [key, text] of Object.entries(catalogues[lang])) {
        expect(text.trim(), `${lang} ${key}`).to.not.equal('');
        expect(placeholders(text), `${lang} ${key}`).to.deep.equal(placeholders(en[key as keyof typeof en]));
      }
    });

    it(`loadMessages('${lang}') loads that language's module`, async () => {
      expect(await loadMessages(lang)).to.deep.equal(catalogues[lang]);
    });
  }

  it('has a message for every key messageKeyFor() can return', () => {
    const keys = [
      ...Object.values(KitErrorCode).map((code) => messageKeyFor(code)),
      ...OZ_CONTAINER_ERROR_CODES.map((n) => messageKeyFor('container-rejected', n)),
      messageKeyFor('container-rejected', 99),
      ...Object.keys(WASM_ERRORS).map((code) => messageKeyFor(code)),
      messageKeyFor('some_undocumented_plugin_code'),
      messageKeyFor(''),
    ];
    const missing = keys.filter((k) => !isMessageKey(k));
    expect(missing).to.deep.equal([]);
  });

  it('has the labels <oz-liveness-check> needs', () => {
    const needed = ['check.start', 'check.retry', ...['idle', 'loading', 'ready', 'starting', 'capturing', 'uploading', 'done', 'error'].map((s) => `check.state.${s}`)];
    expect(needed.filter((k) => !isMessageKey(k))).to.deep.equal([]);
  });
});

describe('matchLang', () => {
  it('matches exactly, ignoring case and reading _ as -', () => {
    expect(matchLang('pt-br')).to.equal('pt-BR');
    expect(matchLang('PT_BR')).to.equal('pt-BR');
    expect(matchLang('kk')).to.equal('kk');
  });

  it('falls back to the base language', () => {
    expect(matchLang('pt')).to.equal('pt-BR');
    expect(matchLang('pt-PT')).to.equal('pt-BR');
    expect(matchLang('ru-RU')).to.equal('ru');
    expect(matchLang('en-GB')).to.equal('en');
    expect(matchLang('es-419')).to.equal('es');
  });

  it('gives undefined for an unsupported or empty tag', () => {
    expect(matchLang('fr')).to.equal(undefined);
    expect(matchLang('')).to.equal(undefined);
    expect(matchLang(null)).to.equal(undefined);
  });
});

describe('resolveLang', () => {
  const realLanguage = Object.getOwnPropertyDescriptor(navigator, 'language');
  function browserLanguage(value: string) {
    Object.defineProperty(navigator, 'language', { configurable: true, get: () => value });
  }
  afterEach(() => {
    if (realLanguage) Object.defineProperty(navigator, 'language', realLanguage);
    else delete (navigator as { language?: string }).language;
  });

  it('prefers the explicit value', async () => {
    const el = await fixture(html`<div lang="ru"><span lang="es"></span></div>`);
    expect(resolveLang(el.firstElementChild!, 'tr')).to.equal('tr');
  });

  it("uses the element's own lang", async () => {
    const el = await fixture(html`<div lang="ru"><span lang="hy-AM"></span></div>`);
    expect(resolveLang(el.firstElementChild!)).to.equal('hy');
  });

  it('uses the closest [lang] ancestor', async () => {
    const el = await fixture(html`<div lang="ky"><p><span></span></p></div>`);
    expect(resolveLang(el.querySelector('span')!)).to.equal('ky');
  });

  it('crosses shadow roots to their hosts', async () => {
    const host = await fixture(html`<div lang="kk"><section></section></div>`);
    const root = host.querySelector('section')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><span></span></p>';
    expect(resolveLang(root.querySelector('span')!)).to.equal('kk');
  });

  it('skips a language it does not speak and goes on up', async () => {
    const el = await fixture(html`<div lang="es"><span lang="fr"></span></div>`);
    expect(resolveLang(el.firstElementChild!)).to.equal('es');
  });

  it('falls back to navigator.language', async () => {
    browserLanguage('pt-PT');
    const el = await fixture(html`<div lang=""><span></span></div>`);
    const saved = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      expect(resolveLang(el.firstElementChild!)).to.equal('pt-BR');
    } finally {
      if (saved !== null) document.documentElement.setAttribute('lang', saved);
    }
  });

  it('falls back to en when nothing fits', async () => {
    browserLanguage('fr-FR');
    const el = await fixture(html`<div lang="de"><span></span></div>`);
    const saved = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      expect(resolveLang(el.firstElementChild!)).to.equal('en');
    } finally {
      if (saved !== null) document.documentElement.setAttribute('lang', saved);
    }
  });
});

describe('translate', () => {
  before(() => loadMessages('ru'));

  it('answers in a loaded language', () => {
    expect(translate('ru', 'check.retry')).to.equal(ru['check.retry']);
  });

  it('maps the language tag first', () => {
    expect(translate('ru-RU', 'check.retry')).to.equal(ru['check.retry']);
  });

  it('answers in English for an unsupported language', () => {
    expect(translate('fr', 'check.retry')).to.equal('Try again');
  });

  it('prefers an override', () => {
    expect(translate('ru', 'check.retry', { 'check.retry': 'Ещё раз' })).to.equal('Ещё раз');
  });

  it('interpolates {params}', () => {
    expect(translate('en', 'banner.reference', null, { id: 'abc-1' })).to.equal('Reference: abc-1');
  });

  it('interpolates overrides too, and leaves unknown {names} as they are', () => {
    expect(translate('en', 'banner.reference', { 'banner.reference': '{id} / {other}' }, { id: 'x' })).to.equal('x / {other}');
  });

  it('inserts parameters as plain strings, once', () => {
    expect(interpolate('a {id} b', { id: '{id}<b>' })).to.equal('a {id}<b> b');
  });
});
