/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { OzErrorDetail, OzLivenessCheck, OzResultBanner, OzResultDetail } from 'oz-liveness-elements';
import type { HTMLAttributes } from 'svelte/elements';

// Types the two tags in Svelte templates (svelte-check, the editor): the element's own properties,
// HTML attributes, and typed `onoz-…` listeners.
type Props<E> = Partial<Omit<E, keyof HTMLElement | 'state' | 'result' | 'error' | 'container'>> &
  HTMLAttributes<HTMLElement> & { 'plugin-src'?: string; 'session-token-url'?: string; 'backend-url'?: string };
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'oz-liveness-check': Props<OzLivenessCheck> & {
      preload?: boolean;
      'onoz-result'?: (e: CustomEvent<OzResultDetail>) => void;
      'onoz-error'?: (e: CustomEvent<OzErrorDetail>) => void;
    };
    'oz-result-banner': Partial<Pick<OzResultBanner, 'lang' | 'showDetails'>> &
      HTMLAttributes<HTMLElement> & { for?: string; 'show-details'?: boolean };
  }
}
