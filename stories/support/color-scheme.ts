/**
 * The banner's dark palette follows `prefers-color-scheme`, which a page cannot switch for one
 * element. For the "dark scheme" story this applies the element's own `@media
 * (prefers-color-scheme: dark)` rules to its shadow root unconditionally: the same rules the
 * browser would apply, read from the element's stylesheet, not copied here.
 */
const done = new WeakMap<HTMLElement, Promise<void>>();

/** Idempotent: the same promise for the same element. */
export function emulateDarkScheme(el: HTMLElement & { updateComplete?: Promise<unknown> }): Promise<void> {
  let p = done.get(el);
  if (!p) done.set(el, (p = apply(el)));
  return p;
}

async function apply(el: HTMLElement & { updateComplete?: Promise<unknown> }): Promise<void> {
  await el.updateComplete;
  const root = el.shadowRoot;
  if (!root) return;
  const rules: string[] = [];
  for (const sheet of root.adoptedStyleSheets) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText)) {
        rules.push(...Array.from(rule.cssRules, (r) => r.cssText));
      }
    }
  }
  const dark = new CSSStyleSheet();
  dark.replaceSync(rules.join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, dark];
}
