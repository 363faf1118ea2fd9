/**
 * Messages for people, in the languages Oz ships. Every language, English too, is a separate module
 * loaded on first use (`loadMessages`), so the library entry carries no catalogue and a page
 * downloads only the one it speaks. `OzI18nController` resolves an element's language (ONE rule for both elements, see
 * `resolveLang` and docs/languages.md), loads it, and shows no text until it has arrived: a Spanish
 * page never flashes English, and a live region never announces a text twice in two languages.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type en from './en.js';

export type MessageKey = keyof typeof en;
export type OzMessages = Record<MessageKey, string>;

/** Supported languages, as `lang` values. */
export const OZ_LANGUAGES = ['en', 'ru', 'kk', 'es', 'pt-BR', 'tr', 'hy', 'ky'] as const;
export type OzLang = (typeof OZ_LANGUAGES)[number];

/** Each language's name in that language, for a language picker. */
export const OZ_LANGUAGE_NAMES: Readonly<Record<OzLang, string>> = {
  en: 'English',
  ru: 'Русский',
  kk: 'Қазақша',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  tr: 'Türkçe',
  hy: 'Հայերեն',
  ky: 'Кыргызча',
};

/**
 * How each language's module arrives: a dynamic import, i.e. a network request. Exported so a test
 * can put a slow network in front of one (wrap an entry, restore it after); nothing else changes it.
 */
export const languageLoaders: Record<OzLang, () => Promise<{ default: OzMessages }>> = {
  en: () => import('./en.js'),
  ru: () => import('./ru.js'),
  kk: () => import('./kk.js'),
  es: () => import('./es.js'),
  'pt-BR': () => import('./pt-BR.js'),
  tr: () => import('./tr.js'),
  hy: () => import('./hy.js'),
  ky: () => import('./ky.js'),
};

const catalogues = new Map<OzLang, OzMessages>();
const loading = new Map<OzLang, Promise<OzMessages | undefined>>();

export function isMessageKey(key: unknown): key is MessageKey {
  // Every catalogue has the same keys (the type checker and test/i18n hold them to en's).
  return typeof key === 'string' && [...catalogues.values()].some((messages) => Object.hasOwn(messages, key));
}

/**
 * A language tag → a supported language: exact (case-insensitive, `_` read as `-`), then by base
 * language (`pt` and `pt-PT` → `pt-BR`, `ru-RU` → `ru`). `undefined` when none fits.
 */
export function matchLang(tag: string | null | undefined): OzLang | undefined {
  const t = typeof tag === 'string' ? tag.trim().replace(/_/g, '-').toLowerCase() : '';
  // Compares the whole tags, then only their base languages.
  const find = (part: (tag: string) => string) => OZ_LANGUAGES.find((l) => part(l.toLowerCase()) === part(t));
  return t ? (find((x) => x) ?? find((x) => x.split('-')[0])) : undefined;
}

/** The parent element, or the host of the shadow root `node` is the top of. */
export const composedParent = (node: Element): Element | undefined =>
  node.parentElement ?? (node.getRootNode() as ShadowRoot).host;

/**
 * The language to speak, the one rule for both elements: `explicit`, then the element's own `lang`,
 * then the closest ancestor's `lang` (crossing shadow roots to their hosts), then the document's
 * `<html lang>` (reached by the walk when the element is in the page; read directly when it is not
 * there yet), then `en`. The first that names a supported language wins. Never the browser's
 * language: the page decides its language, so both elements and the page around them agree.
 */
export function resolveLang(el: Element, explicit?: string | null): OzLang {
  let found = matchLang(explicit);
  for (let node: Element | undefined = el; node && !found; node = composedParent(node))
    found = matchLang(node.getAttribute('lang'));
  return found ?? matchLang(el.ownerDocument?.documentElement?.getAttribute('lang')) ?? 'en';
}

/**
 * The language of `el`'s content as the DOM declares it (what a screen reader reads it in): the first
 * `lang` attribute on `el` or an ancestor, crossing shadow roots to their hosts, else `<html lang>`;
 * `undefined` when nothing declares one (or `lang=""`, "unknown").
 */
export function declaredLang(el: Element): string | undefined {
  for (let node: Element | undefined = el; node; node = composedParent(node))
    if (node.hasAttribute('lang')) return node.getAttribute('lang')!.trim() || undefined;
  return el.ownerDocument?.documentElement?.getAttribute('lang')?.trim() || undefined;
}

const base = (tag: string) => tag.replace(/_/g, '-').split('-')[0]!.toLowerCase();

/**
 * The `lang` to put on an element's words, or `undefined` when they are already in the language
 * around them: words in `spoken` inside content declared `declared` need marking when the base
 * languages differ (English words on a German page; not Brazilian words on a `pt` page, not Russian on
 * `ru-RU`), and when nothing declares a language at all.
 */
export function markLang(spoken: OzLang, declared: string | undefined): OzLang | undefined {
  return declared && base(declared) === base(spoken) ? undefined : spoken;
}

/** Whether `lang`'s catalogue is here, so `translate` answers in it. */
export function hasMessages(lang: string): boolean {
  return catalogues.has(matchLang(lang) ?? 'en');
}

/**
 * Loads a language's catalogue once. On failure it tries English instead (and the language again
 * next time); `undefined` only when English cannot be loaded either.
 */
export function loadMessages(lang: string): Promise<OzMessages | undefined> {
  const l = matchLang(lang) ?? 'en';
  const have = catalogues.get(l);
  if (have) return Promise.resolve(have);
  let p = loading.get(l);
  if (!p) {
    loading.set(
      l,
      (p = languageLoaders[l]()
        .then((m) => (catalogues.set(l, m.default), m.default))
        .catch(() => (l === 'en' ? undefined : loadMessages('en')))
        .finally(() => loading.delete(l))),
    );
  }
  return p;
}

// A server render (Lit SSR) cannot wait for a chunk: where there is no document (a server), English is
// fetched as this module loads, so a page rendered a moment later has its words in the first paint
// (demo/ssr, test:ssr). In a browser this is one `typeof` test.
if (typeof document === 'undefined') void loadMessages('en');

/** Replaces each `{name}` with `params[name]`; unknown names stay as they are. */
export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m));
}

/**
 * The text for `key` in `lang`: an override if it is a string, else the language's catalogue, else
 * English, else `''` (neither has loaded); then `{param}` interpolation, where `{browsers}` is always
 * the language's own `browsers.supported` (one list of supported browsers in every text).
 */
export function translate(
  lang: string,
  key: MessageKey,
  overrides?: Partial<OzMessages> | null,
  params?: Record<string, string | number>,
): string {
  const pick = (k: MessageKey) => {
    const own = overrides && Object.hasOwn(overrides, k) ? overrides[k] : undefined;
    return typeof own === 'string'
      ? own
      : (catalogues.get(matchLang(lang) ?? 'en')?.[k] ?? catalogues.get('en')?.[k] ?? '');
  };
  const text = pick(key);
  return text.includes('{') ? interpolate(text, { browsers: pick('browsers.supported'), ...params }) : text;
}

export interface OzI18nOptions {
  /** The host's explicit language (e.g. its `lang` property), tried before the DOM. */
  lang?: () => string | null | undefined;
  /** The host's message overrides. */
  messages?: () => Partial<OzMessages> | null | undefined;
}

/**
 * Resolves the host's language before every render, loads it when needed and re-renders the host
 * when it arrives; also re-renders when `<html lang>` changes (a page's language switch).
 *
 * Until the language has arrived, `ready` is false and `t()` answers `''`: the host shows and
 * announces nothing rather than English that turns into Spanish a moment later. (A language that
 * fails to load is settled too: then English, rather than nothing forever.)
 *
 * For the host's `updateComplete` to resolve only once its text is in its language, override:
 *
 *     protected override getUpdateComplete(): Promise<boolean> {
 *       return this.#i18n.updateComplete(() => super.getUpdateComplete());
 *     }
 */
export class OzI18nController implements ReactiveController {
  /** The language resolved at the last render. */
  lang: OzLang = 'en';
  /**
   * The `lang` to put on every part that holds the element's words, or `undefined` when the words
   * are in the language around them (`markLang`): English words on a German page carry `lang="en"`,
   * so a screen reader reads them with an English voice.
   */
  mark?: OzLang;
  private settled?: OzLang; // a language whose load has ended, even in failure
  private loading?: Promise<unknown>;
  // TypeScript-private, not `#`: the build targets browsers where `#` fields cost a WeakMap each.
  private observer?: MutationObserver;
  private host: ReactiveControllerHost & HTMLElement;
  private options: OzI18nOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: OzI18nOptions = {}) {
    (this.host = host).addController(this);
    this.options = options;
  }

  /** Whether the language of the last render has arrived (or failed, then English is used). */
  get ready(): boolean {
    return hasMessages(this.lang) || this.settled === this.lang;
  }

  hostConnected(): void {
    (this.observer = new MutationObserver(() => this.host.requestUpdate())).observe(
      this.host.ownerDocument.documentElement,
      {
        attributeFilter: ['lang'],
      },
    );
    // Resolved and loading from the moment the element is in the page, not from its first result.
    this.hostUpdate();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** The language the words are in: the resolved one, or English when it could not be loaded. */
  get spoken(): OzLang {
    return hasMessages(this.lang) ? this.lang : 'en';
  }

  /** Resolves the language (and loads it when needed) and whether its words need marking. */
  hostUpdate(): void {
    const own = this.options.lang?.();
    const lang = (this.lang = resolveLang(this.host, own));
    // The host's own `lang` reflects to its attribute, but only after this: read it from the property.
    this.mark = markLang(this.spoken, own?.trim() || declaredLang(this.host));
    if (!this.ready) {
      this.loading = loadMessages(lang).then(() => {
        // A failed load settles too, and re-renders only once: no render → load → render loop.
        if (this.settled === lang) return;
        this.settled = lang;
        if (this.lang === lang) this.host.requestUpdate();
      });
    }
  }

  /**
   * The host's `updateComplete`, held until its language has arrived and it has rendered in it.
   * `hostUpdateComplete` is the host's own (`() => super.getUpdateComplete()`).
   */
  async updateComplete(hostUpdateComplete: () => Promise<boolean>): Promise<boolean> {
    let done = await hostUpdateComplete();
    while (!this.ready) {
      await this.loading;
      done = await hostUpdateComplete();
    }
    return done;
  }

  /** The text for `key` in the host's language; `''` while that language has not arrived. */
  t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.ready ? translate(this.lang, key, this.options.messages?.(), params) : '';
  }
}
