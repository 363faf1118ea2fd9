/**
 * One render for every story, driven by the manifest: each arg is applied the way its manifest
 * entry says it reaches the element — an attribute, a property, a CSS custom property — and each
 * event is logged to the Actions panel. No story lists the API again.
 */
import type { Args, StoryContext } from '@storybook/web-components-vite';

type Context = Pick<StoryContext, 'argTypes' | 'component' | 'loaded'>;

function attributeValue(value: unknown): string | null {
  if (value === undefined || value === null || value === false || value === '') return null;
  if (value === true) return '';
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Applies `args` to `el` by their manifest category (`argTypes[name].table.category`). */
export function applyArgs(el: HTMLElement, args: Args, argTypes: Context['argTypes']): void {
  for (const [name, value] of Object.entries(args)) {
    const argType = argTypes[name];
    const action: unknown = argType?.action;
    if (typeof value === 'function' && action) {
      // The manifest's events: `action` names the DOM event (see .storybook/manifest.ts).
      el.addEventListener(typeof action === 'string' ? action : name, value as EventListener);
      continue;
    }
    switch (argType?.table?.category) {
      case 'attributes': {
        const v = attributeValue(value);
        if (v === null) el.removeAttribute(name);
        else el.setAttribute(name, v);
        break;
      }
      case 'properties':
        if (value !== undefined) (el as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'css custom properties':
        if (value) el.style.setProperty(name, String(value));
        else el.style.removeProperty(name);
        break;
      default:
        break; // events, slots and parts are documentation; a story fills slots itself
    }
  }
}

/**
 * Creates the story's element (`component`) with any properties a loader produced (`loaded.props`,
 * e.g. a folder from the simulated backend for `result`), then its args.
 */
export function renderElement<T extends HTMLElement = HTMLElement>(args: Args, context: Context): T {
  if (typeof context.component !== 'string') throw new Error('stories need `component: "<tag-name>"`');
  const el = document.createElement(context.component) as T;
  Object.assign(el, (context.loaded as { props?: object } | undefined)?.props);
  applyArgs(el, args, context.argTypes); // a control the reviewer set wins over the loaded value
  return el;
}

/** A plain element tree from a tag, attributes and children (for the markup around the elements). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    const a = attributeValue(v);
    if (a !== null) el.setAttribute(k, a);
  }
  el.append(...children);
  return el;
}
