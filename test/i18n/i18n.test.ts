import { expect, fixture, html } from '@open-wc/testing';
import {
  OZ_LANGUAGES,
  OZ_LANGUAGE_NAMES,
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
import {
  KitErrorCode,
  OZ_CONTAINER_ERROR_CODES,
  WASM_ERRORS,
  messageKeyFor,
  titleKeyFor,
} from '../../src/core/errors.js';

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
    const needed = [
      'check.start',
      'check.retry',
      ...['idle', 'loading', 'ready', 'starting', 'capturing', 'uploading', 'analysing', 'done', 'error'].map(
        (s) => `check.state.${s}`,
      ),
      ...['accept', 'reject', 'failed'].map((d) => `check.outcome.${d}`),
    ];
    expect(needed.filter((k) => !isMessageKey(k))).to.deep.equal([]);
  });

  it('has a title for every kind of error, and a text for every environment problem preflight() names', () => {
    const codes = [...Object.values(KitErrorCode), ...Object.keys(WASM_ERRORS), 'some_plugin_code'];
    expect(codes.map(titleKeyFor).filter((k) => !isMessageKey(k))).to.deep.equal([]);
    const environment = ['insecure-context', 'camera-unsupported', 'camera-denied', 'wasm-unsupported'].map((c) =>
      messageKeyFor(c),
    );
    const precise = [
      'error.camera-unsupported.policy',
      ...['chrome', 'firefox', 'safari'].map((b) => `error.camera-denied.${b}`),
    ];
    expect([...environment, ...precise].filter((k) => !isMessageKey(k))).to.deep.equal([]);
  });

  it('names each language in that language', () => {
    expect(Object.keys(OZ_LANGUAGE_NAMES).sort()).to.deep.equal([...OZ_LANGUAGES].sort());
    expect(OZ_LANGUAGE_NAMES.hy).to.equal('Հայերեն');
    expect(OZ_LANGUAGE_NAMES.ky).to.equal('Кыргызча');
    // No name in English or with an English gloss, like "Armenian (hy)".
    for (const lang of OZ_LANGUAGES.filter((l) => l !== 'en'))
      expect(OZ_LANGUAGE_NAMES[lang], lang).to.not.match(/[A-Za-z]{3,} \(|ian\b/);
  });
});

/** Any of `words` as a whole word (letters of any script; JS's \b knows only ASCII). */
const words = (...list: string[]) => new RegExp(`(?<!\\p{L})(${list.join('|')})(?!\\p{L})`, 'iu');

// Copy review rules that a string check can hold: plain words, one register, typography.
describe('i18n copy', () => {
  const informal: Partial<Record<OzLang, RegExp>> = {
    // Spanish: usted, never tú (tu, te, -ate/-ete imperatives, vuelve/comprueba/inténtalo).
    es: words(
      'tu',
      'tus',
      'te',
      'contigo',
      'asegúrate',
      'vuelve',
      'comprueba',
      'inténtalo',
      'usa',
      'cierra',
      'contacta',
      'termínala',
      'ciérrala',
      'sigue',
    ),
    // Russian: вы, never ты.
    ru: words('ты', 'тебя', 'тебе', 'твой', 'твоя', 'твоё', 'твои', 'попробуй', 'проверь', 'открой', 'нажми'),
    // Portuguese (Brazil): você, never tu.
    'pt-BR': words('tu', 'teu', 'tua', 'contigo'),
    // Turkish: siz, never sen (imperatives in -in/-ın/-un/-ün in messages).
    tr: words('sen', 'senin', 'seni'),
    // Kazakh сіз, Kyrgyz сиз, Armenian դուք: never the familiar pronoun.
    kk: words('сен', 'сенің', 'саған'),
    ky: words('сен', 'сенин', 'сага'),
    hy: words('դու', 'քո', 'քեզ'),
  };
  for (const lang of OZ_LANGUAGES) {
    it(`${lang}: no engineer language, no informal address, no straight quotes or three dots`, () => {
      for (const [key, text] of Object.entries(catalogues[lang])) {
        expect(text, `${lang} ${key}`).to.not.match(
          /neither passed nor declined|no decision|container|WASM|plugin|session token/i,
        );
        if (informal[lang]) expect(text, `${lang} ${key}`).to.not.match(informal[lang]!);
        expect(text, `${lang} ${key}`).to.not.match(/\.\.\.|"/);
      }
    });
  }

  it('has no title that says only "Something went wrong" in the banner', () => {
    expect(
      Object.keys(en)
        .filter((k) => k.startsWith('banner.title.') || k.startsWith('error.title.'))
        .map((k) => en[k as keyof typeof en]),
    ).to.not.include('Something went wrong');
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

  /** Runs `body` with `<html lang>` set to `lang` (or removed for null), then puts it back. */
  function withHtmlLang(lang: string | null, body: () => void) {
    const saved = document.documentElement.getAttribute('lang');
    if (lang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', lang);
    try {
      body();
    } finally {
      if (saved !== null) document.documentElement.setAttribute('lang', saved);
      else document.documentElement.removeAttribute('lang');
    }
  }

  it("never uses the browser's language: a page with no lang in a Russian browser is English", async () => {
    browserLanguage('ru-RU');
    const el = await fixture(html`<div><span></span></div>`);
    withHtmlLang(null, () => expect(resolveLang(el.firstElementChild!)).to.equal('en'));
  });

  it('falls back to <html lang> for an element not in the page yet', () => {
    browserLanguage('ru-RU');
    const detached = document.createElement('div').appendChild(document.createElement('span'));
    withHtmlLang('kk', () => expect(resolveLang(detached)).to.equal('kk'));
    withHtmlLang(null, () => expect(resolveLang(detached)).to.equal('en'));
  });

  it('falls back to en when nothing fits', async () => {
    browserLanguage('es-ES');
    const el = await fixture(html`<div lang="de"><span></span></div>`);
    withHtmlLang('fr', () => expect(resolveLang(el.firstElementChild!)).to.equal('en'));
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
    expect(translate('en', 'banner.reference.request', null, { id: 'abc-1' })).to.equal('Request abc-1');
  });

  it('interpolates overrides too, and leaves unknown {names} as they are', () => {
    expect(
      translate('en', 'banner.reference.request', { 'banner.reference.request': '{id} / {other}' }, { id: 'x' }),
    ).to.equal('x / {other}');
  });

  it('inserts parameters as plain strings, once', () => {
    expect(interpolate('a {id} b', { id: '{id}<b>' })).to.equal('a {id}<b> b');
  });
});
