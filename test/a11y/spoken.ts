/**
 * What a screen reader gets from the page, read across shadow roots in any engine: the text of an
 * element in the flat tree (shadow content and slotted nodes, as they are rendered), the language each
 * text is in (the `lang` the DOM declares around it), and the sequence of live-region announcements.
 *
 * Why not a screen-reader emulator: @guidepup/virtual-screen-reader's browser build reads the light
 * DOM but not into an open shadow root (docs/languages.md, "How it is tested"); Playwright's
 * ariaSnapshot and CDP's full AX tree see shadow content but only from outside the page, in Chromium.
 * A MutationObserver on the document and on every shadow root works in all three engines.
 */
import { declaredLang } from '../../src/i18n/index.js';

/** Every element matching `selector` in `root` and in every shadow root below it. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...deepQueryAll(el.shadowRoot, selector));
  return found;
}

/** Every open shadow root in `root`, deeply. */
export function shadowRoots(root: ParentNode): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) roots.push(el.shadowRoot, ...shadowRoots(el.shadowRoot));
  return roots;
}

const hidden = (el: Element) =>
  el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden') || getComputedStyle(el).display === 'none';

/** One piece of text as it would be read: the words and the language they are declared in. */
export interface Spoken {
  text: string;
  lang: string | undefined;
}

/**
 * The text pieces of `node` in flat-tree order (shadow content, slotted nodes), skipping hidden ones;
 * `announced`: also skipping a part marked `aria-live="off"` inside a live region (not read out when
 * the region changes).
 */
export function spokenPieces(node: Node, announced = false): Spoken[] {
  const recurse = (n: Node) => spokenPieces(n, announced);
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.textContent!.replace(/\s+/g, ' ').trim();
    return text ? [{ text, lang: declaredLang(node.parentElement!) }] : [];
  }
  if (node instanceof DocumentFragment) return [...node.childNodes].flatMap(recurse); // a shadow root
  if (!(node instanceof Element) || hidden(node)) return [];
  if (announced && node.getAttribute('aria-live') === 'off') return [];
  if (node instanceof HTMLImageElement && node.alt) return [{ text: node.alt, lang: declaredLang(node) }];
  const children: Node[] = node.shadowRoot
    ? [...node.shadowRoot.childNodes]
    : node instanceof HTMLSlotElement
      ? node.assignedNodes({ flatten: true }).length
        ? node.assignedNodes({ flatten: true })
        : [...node.childNodes]
      : [...node.childNodes];
  return children.flatMap(recurse);
}

/** The text of `node` as one string. */
export const spokenText = (node: Node) =>
  spokenPieces(node)
    .map((p) => p.text)
    .join(' ');

/** One announcement: the region's politeness, its text and the languages its pieces are in. */
export interface Announcement {
  politeness: 'polite' | 'assertive';
  text: string;
  langs: (string | undefined)[];
}

function politeness(el: Element): Announcement['politeness'] | undefined {
  const live = el.getAttribute('aria-live');
  if (live === 'off') return undefined;
  if (live === 'assertive' || live === 'polite') return live;
  const role = el.getAttribute('role');
  return role === 'alert' ? 'assertive' : role === 'status' || role === 'log' ? 'polite' : undefined;
}

/**
 * Records every change of a live region's text under `root` (shadow roots included, also ones that
 * appear later), as a screen reader would hear it: the new text of the region, once per change, when
 * it is not empty. A region that is removed forgets its text.
 */
export class LiveRegionLog {
  readonly announcements: Announcement[] = [];
  #last = new Map<Element, string>();
  #observed = new Set<Node>();
  #observer = new MutationObserver(() => this.#scan());

  constructor(private readonly root: Document | Element = document.body) {
    this.#scan(true);
  }

  /** The texts heard so far. */
  get texts(): string[] {
    return this.announcements.map((a) => a.text);
  }

  /** Reads the regions now (a MutationObserver callback may still be queued) and stops listening. */
  stop(): Announcement[] {
    this.#scan();
    this.#observer.disconnect();
    return this.announcements;
  }

  #observe(node: Node): void {
    if (this.#observed.has(node)) return;
    this.#observed.add(node);
    this.#observer.observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
  }

  #scan(initial = false): void {
    this.#observe(this.root);
    for (const r of shadowRoots(this.root)) this.#observe(r);
    const regions = new Set<Element>();
    for (const scope of [this.root, ...shadowRoots(this.root)])
      for (const el of scope.querySelectorAll('[role], [aria-live]')) if (politeness(el)) regions.add(el);
    for (const el of [...this.#last.keys()]) if (!regions.has(el)) this.#last.delete(el);
    for (const el of regions) {
      const pieces = spokenPieces(el, true);
      const text = pieces.map((p) => p.text).join(' ');
      if (this.#last.get(el) === text) continue;
      this.#last.set(el, text);
      // What is there when listening starts was not announced; an emptied region says nothing.
      if (!initial && text)
        this.announcements.push({ politeness: politeness(el)!, text, langs: pieces.map((p) => p.lang) });
    }
  }
}
