// The person's words, held to the rules of issue 25 in every language: no codes, no vendor name, no
// "click", no web address to type, no jargon; one list of supported browsers; "contact us" with the
// page's own contact, inserted as text; per-browser camera steps as a numbered list.
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import {
  OZ_LANGUAGES,
  isMessageKey,
  loadMessages,
  translate,
  type OzLang,
  type OzMessages,
} from '../../src/i18n/index.js';
import { contactKey, renderMessage, renderSteps, splitSteps, stepsKeyFor } from '../../src/i18n/render.js';
import { cameraHelpKey } from '../../src/core/camera-help.js';
import { WASM_ERRORS, titleKeyFor } from '../../src/core/errors.js';
import en from '../../src/i18n/en.js';
import ru from '../../src/i18n/ru.js';
import kk from '../../src/i18n/kk.js';
import es from '../../src/i18n/es.js';
import ptBR from '../../src/i18n/pt-BR.js';
import tr from '../../src/i18n/tr.js';
import hy from '../../src/i18n/hy.js';
import ky from '../../src/i18n/ky.js';

const catalogues: Record<OzLang, OzMessages> = { en, ru, kk, es, 'pt-BR': ptBR, tr, hy, ky };
const entries = (lang: OzLang) => Object.entries(catalogues[lang]) as [keyof OzMessages, string][];

/** What a person must never read, in any language. */
const FORBIDDEN: readonly [string, RegExp][] = [
  ['a code', /error_|wasm|\b[a-z]+(?:-[a-z]+)+-(?:failed|timeout|rejected|invalid|config|context)\b/i],
  ['the vendor name', /(?<!\p{L})Oz(?!\p{L})/u],
  // Digits-only codes ("Oz code 14", "error 1000"); the placeholders carry ids, never the text.
  ['a number', /(?<![\p{L}\d{])\d{2,}(?![\p{L}\d}])/u],
  ['"click" (a touch screen has none)', /click|(?<!\p{L})clic|clique|tıkla|кликн|щёлкн|щелкн|шерт/iu],
  ['a web address to type', /https?:|:\/\/|www\./i],
  ['liveness jargon', /liveness|prueba de vida|prova de vida|живост|canlılık|тірілік|тирүүлүк|կենդանության/iu],
];

const BROWSERS = ['Chrome', 'Edge', 'Firefox', 'Safari', 'Samsung Internet'];

describe('copy rules, in every language', () => {
  before(() => Promise.all(OZ_LANGUAGES.map((l) => loadMessages(l))));

  for (const lang of OZ_LANGUAGES) {
    it(`${lang}: no code, no vendor name, no "click", no web address, no jargon`, () => {
      const found: string[] = [];
      for (const [key, text] of entries(lang))
        for (const [what, pattern] of FORBIDDEN) if (pattern.test(text)) found.push(`${key}: ${what}: ${text}`);
      expect(found).to.deep.equal([]);
    });

    it(`${lang}: one list of supported browsers ({browsers}), filled in by translate()`, () => {
      for (const [key, text] of entries(lang)) {
        const named = BROWSERS.filter((b) => text.includes(b));
        // Only the list itself names more than one browser (a per-browser text names its own).
        if (key !== 'browsers.supported') expect(named.length, `${lang} ${key}: ${text}`).to.be.at.most(1);
        expect(translate(lang, key), `${lang} ${key}`).to.not.include('{browsers}');
      }
      expect(translate(lang, 'error.wasm-unsupported')).to.include(catalogues[lang]['browsers.supported']);
    });

    it(`${lang}: every camera step list is numbered steps that end at this language's "Try again"`, () => {
      const steps = entries(lang).filter(([key]) => key.startsWith('steps.'));
      expect(steps.length).to.be.at.least(8);
      for (const [key, text] of steps) {
        const list = splitSteps(text);
        expect(list.length, `${lang} ${key}`).to.be.at.least(2);
        // The list numbers them; a step does not.
        for (const step of list) expect(step, `${lang} ${key}`).to.not.match(/^\d|^[-•*]/);
        expect(list.at(-1), `${lang} ${key}`).to.include(catalogues[lang]['check.retry']);
      }
    });

    it(`${lang}: "contact us" twins hold {contact}, their base does not`, () => {
      for (const [key, text] of entries(lang)) {
        if (!key.endsWith('.contact')) {
          expect(text, `${lang} ${key}`).to.not.include('{contact}');
          continue;
        }
        expect(text, `${lang} ${key}`).to.include('{contact}');
        expect(isMessageKey(key.slice(0, -'.contact'.length)), key).to.equal(true);
      }
    });
  }

  it('out of memory is not "browser or device not supported": it says to close other apps and tabs', () => {
    expect(titleKeyFor('error_wasm_internal_failure_2')).to.equal('error.title.device');
    expect(en['error.error_wasm_internal_failure_2']).to.match(/close other apps/i);
    expect(en['error.error_wasm_internal_failure_2']).to.not.match(/not supported|another device/i);
    expect(Object.keys(WASM_ERRORS)).to.include('error_wasm_internal_failure_2');
  });

  it('speaks of what the person does; no "check" noun that reads as a cheque', () => {
    for (const [key, text] of entries('en')) {
      // "Check your internet connection" is the verb; any other "check" is the noun.
      const rest = text.replace(/Check your internet connection/g, '');
      expect(rest, key).to.not.match(/\bchecks?\b/i);
    }
    expect(en['check.start']).to.equal('Verify it’s you');
  });
});

describe('camera help per browser', () => {
  const UA: [string, string, string][] = [
    [
      'Chrome',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      'chrome',
    ],
    [
      'Edge',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      'edge',
    ],
    ['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'firefox'],
    [
      'Safari on iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 Safari/604.1',
      'safari-ios',
    ],
    [
      'Chrome on iPad',
      'Mozilla/5.0 (iPad; CPU OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1',
      'safari-ios',
    ],
    [
      'Safari on a Mac',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Safari/605.1.15',
      'safari-mac',
    ],
    [
      'Samsung Internet',
      'Mozilla/5.0 (Linux; Android 15; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36',
      'samsung',
    ],
    ['an unknown browser', 'SomeBrowser/1.0', ''],
  ];
  for (const [name, ua, family] of UA) {
    it(`${name}: its own text and its own numbered steps`, () => {
      const key = cameraHelpKey(ua);
      expect(key).to.equal(family ? `error.camera-denied.${family}` : 'error.camera-denied');
      expect(isMessageKey(key)).to.equal(true);
      expect(stepsKeyFor(key)).to.equal(key.replace('error.', 'steps.'));
    });
  }

  it('renders the steps as an ordered list, one item per step', async () => {
    const el = await fixture<HTMLElement>(html`<div></div>`);
    render(
      renderSteps((k) => translate('en', k), 'error.camera-denied.safari-ios'),
      el,
    );
    const items = [...el.querySelectorAll('ol[part=steps] > li')].map((li) => li.textContent);
    expect(items).to.deep.equal(splitSteps(en['steps.camera-denied.safari-ios']));
    render(
      renderSteps((k) => translate('en', k), 'error.upload-failed'),
      el,
    );
    expect(el.querySelector('ol')).to.equal(null);
  });
});

describe('"contact us" with the page’s support-contact', () => {
  it('uses the twin only when the page set a contact', () => {
    expect(contactKey('error.invalid-config', 'call 0800 123 456')).to.equal('error.invalid-config.contact');
    expect(contactKey('error.invalid-config', '  ')).to.equal('error.invalid-config');
    expect(contactKey('error.invalid-config', undefined)).to.equal('error.invalid-config');
    expect(contactKey('error.upload-failed', 'call 0800 123 456')).to.equal('error.upload-failed');
  });

  it('inserts the contact as text, isolated, never as markup', async () => {
    const el = await fixture<HTMLElement>(html`<div></div>`);
    const contact = 'call <img src=x onerror="window.__pwned=1"> \u202Eevil';
    render(
      renderMessage((k) => translate('en', k), 'error.invalid-config', contact),
      el,
    );
    const p = el.querySelector('p[part=message]')!;
    expect(p.querySelector('img')).to.equal(null);
    expect(p.querySelector('bdi[part=contact]')!.textContent).to.equal(contact.trim());
    expect(p.textContent).to.equal(en['error.invalid-config.contact'].replace('{contact}', contact.trim()));
  });
});
