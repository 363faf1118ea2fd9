/**
 * `oz-liveness-elements/vue` — types only, nothing at run time. Makes Vue's template type checker
 * (vue-tsc, the Vue language tools in the editor) know `<oz-liveness-check>` and `<oz-result-banner>`:
 * their attributes and properties, and each `@oz-…` event with its `detail` type.
 *
 * ```ts
 * // src/env.d.ts (any .d.ts in the project)
 * /// <reference types="oz-liveness-elements/vue" />
 * ```
 *
 * The elements themselves come from `import 'oz-liveness-elements'`; tell Vue's compiler they are
 * custom elements (`isCustomElement: (tag) => tag.startsWith('oz-')`). See docs/frameworks.md.
 */
import type { OzResultBanner } from '../index.js';
import type { OzLivenessCheckProperties } from '../liveness-check/liveness-check.js';
import type { OzEventDetails } from '../events.js';

/** `oz-result` → `onOzResult`: the name Vue gives a `@oz-result` listener. */
type HandlerName<K extends string> = K extends `oz-${infer Rest}` ? `onOz${Capitalize<CamelCase<Rest>>}` : never;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A handler for each kit event, e.g. `onOzResult(event: CustomEvent<OzResultDetail>)` for `@oz-result`. */
export type OzLivenessCheckVueEvents = {
  [K in keyof OzEventDetails as HandlerName<K>]?: (event: CustomEvent<OzEventDetails[K]>) => void;
};

/** What a template can set on `<oz-liveness-check>` (kebab-case attributes check against these too). */
export type OzLivenessCheckVueProps = OzLivenessCheckProperties & OzLivenessCheckVueEvents;

/** What a template can set on `<oz-result-banner>`; `for` is the attribute behind `htmlFor`. */
export type OzResultBannerVueProps = Partial<
  Pick<OzResultBanner, 'htmlFor' | 'result' | 'showDetails' | 'showBestShot' | 'lang' | 'messages'>
> & { for?: string };

/** Vue's own (`ref`, `key`, `class`, `style`) and the global HTML attributes. */
export interface OzVueCommonProps {
  key?: PropertyKey;
  ref?: unknown;
  ref_for?: boolean;
  ref_key?: string;
  class?: unknown;
  style?: unknown;
  id?: string;
  slot?: string;
  part?: string;
  title?: string;
  role?: string;
  dir?: string;
  hidden?: boolean | '' | 'hidden' | 'until-found';
  inert?: boolean;
  tabindex?: number | string;
  [attribute: `data-${string}`]: unknown;
  [attribute: `aria-${string}`]: unknown;
}

/**
 * A custom element as Vue's type checker sees a component: something whose instances have
 * `$props`. (Structural on purpose: this package does not depend on `vue`.)
 */
export interface OzVueElement<Props> {
  new (): { $props: Props & OzVueCommonProps; $el: HTMLElement };
}

/** The two elements, by tag, in the shape of Vue's `GlobalComponents`. */
export interface OzVueGlobalComponents {
  'oz-liveness-check': OzVueElement<OzLivenessCheckVueProps>;
  'oz-result-banner': OzVueElement<OzResultBannerVueProps>;
}

// The augmentation itself. `vue` is resolved in the consumer's project, where it is installed; this
// package does not depend on it, so its own type check cannot resolve the name (hence the ignore).
// @ts-expect-error TS2664 (module 'vue' not found here)
declare module 'vue' {
  interface GlobalComponents extends OzVueGlobalComponents {}
}
