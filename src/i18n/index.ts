/**
 * Messages for people, in the languages Oz ships. English is bundled; the other languages are
 * separate modules loaded on first use (`loadMessages`), so the library entry does not carry eight
 * catalogues. Until a language has arrived, `translate` answers in English; `OzI18nController`
 * loads the host's language and re-renders it when it arrives.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en from './en.js';

export type MessageKey = keyof typeof en;
export type OzMessages = Record<MessageKey, string>;

/** Supported languages, as `lang` values. */
export const OZ_LANGUAGES = ['en', 'ru', 'kk', 'es', 'pt-BR', 'tr', 'hy', 'ky'] as const;
export type OzLang = (typeof OZ_LANGUAGES)[number];

const loaders: Record<Exclude<OzLang, 'en'>, () => Promise<{ default: OzMessages }>> = {
  ru: () => import('./ru.js'),
  kk: () => import('./kk.js'),
  es: () => import('./es.js'),
  'pt-BR': () => import('./pt-BR.js'),
  tr: () => import('./tr.js'),
  hy: () => import('./hy.js'),
  ky: () => import('./ky.js'),
};

const catalogues = new Map<OzLang, OzMessages>([['en', en]]);
const loading = new Map<OzLang, Promise<OzMessages>>();

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(en, key);
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

/**
 * The language to speak: `explicit`, then the element's own `lang`, then the closest ancestor's
 * `lang` (crossing shadow roots to their hosts), then `navigator.language`, then `en`. The first
 * of these that names a supported language wins.
 */
export function resolveLang(el: Element, explicit?: string | null): OzLang {
  let found = matchLang(explicit);
  for (let node: Element | null = el; node && !found; ) {
    found = matchLang(node.getAttribute('lang'));
    node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null;
  }
  return found ?? matchLang(globalThis.navigator?.language) ?? 'en';
}

/** Whether `lang`'s catalogue is here, so `translate` answers in it. */
export function hasMessages(lang: string): boolean {
  return catalogues.has(matchLang(lang) ?? 'en');
}

/** Loads a language's catalogue once; on failure resolves to English (and tries again next time). */
export function loadMessages(lang: string): Promise<OzMessages> {
  const l = matchLang(lang) ?? 'en';
  const have = catalogues.get(l);
  if (have) return Promise.resolve(have);
  let p = loading.get(l);
  if (!p) {
    loading.set(
      l,
      (p = loaders[l as Exclude<OzLang, 'en'>]()
        .then((m) => (catalogues.set(l, m.default), m.default))
        .catch(() => en)
        .finally(() => loading.delete(l))),
    );
  }
  return p;
}

/** Replaces each `{name}` with `params[name]`; unknown names stay as they are. */
export function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m));
}

/**
 * The text for `key` in `lang`: an override if it is a string, else the language's catalogue
 * (English until that language has loaded), else English; then `{param}` interpolation.
 */
export function translate(
  lang: string,
  key: MessageKey,
  overrides?: Partial<OzMessages> | null,
  params?: Record<string, string | number>,
): string {
  const own = overrides && Object.hasOwn(overrides, key) ? overrides[key] : undefined;
  const text =
    typeof own === 'string' ? own : (catalogues.get(matchLang(lang) ?? 'en')?.[key] ?? en[key] ?? String(key));
  return params ? interpolate(text, params) : text;
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
 */
export class OzI18nController implements ReactiveController {
  /** The language resolved at the last render. */
  lang: OzLang = 'en';
  #observer?: MutationObserver;
  #host: ReactiveControllerHost & HTMLElement;
  #options: OzI18nOptions;

  constructor(host: ReactiveControllerHost & HTMLElement, options: OzI18nOptions = {}) {
    (this.#host = host).addController(this);
    this.#options = options;
  }

  hostConnected(): void {
    (this.#observer = new MutationObserver(() => this.#host.requestUpdate())).observe(this.#host.ownerDocument.documentElement, {
      attributeFilter: ['lang'],
    });
    this.hostUpdate();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** Resolves the language (and loads it when needed). */
  hostUpdate(): void {
    const lang = (this.lang = resolveLang(this.#host, this.#options.lang?.()));
    if (!hasMessages(lang)) {
      void loadMessages(lang).then(() => {
        // Only on success: a failed load must not turn into a render → load → render loop.
        if (this.lang === lang && hasMessages(lang)) this.#host.requestUpdate();
      });
    }
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.lang, key, this.#options.messages?.(), params);
  }
}
