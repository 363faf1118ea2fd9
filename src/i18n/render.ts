/**
 * How the catalogue's two structured kinds of text reach the screen, for both elements' templates:
 * - a message with a `.contact` twin: the twin when the page set `support-contact`, the page's text put
 *   in as text (never markup), isolated (`<bdi>`: a phone number keeps its order in a right-to-left line);
 * - a numbered list of steps (`steps.*`, one step per line), e.g. how to allow the camera in this browser.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isMessageKey, type MessageKey } from './index.js';

type Translate = (key: MessageKey, params?: Record<string, string>) => string;

/** `key`'s `.contact` twin when the page set a contact and the twin exists, else `key`. */
export function contactKey(key: MessageKey, contact: string | null | undefined): MessageKey {
  const twin = `${key}.contact`;
  return contact?.trim() && isMessageKey(twin) ? twin : key;
}

/** The steps that go with a message: `error.camera-denied.chrome` → `steps.camera-denied.chrome`. */
export function stepsKeyFor(key: string): MessageKey | undefined {
  const steps = key.replace(/^error\./, 'steps.');
  return steps !== key && isMessageKey(steps) ? steps : undefined;
}

/** A `steps.*` text → its steps, in order. */
export const splitSteps = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The text for `key` (its `.contact` twin when `contact` is set), with `contact` in a `<bdi
 * part="contact">` where the text says `{contact}`.
 */
export function withContact(t: Translate, key: MessageKey, contact?: string | null) {
  const [before, ...after] = t(contactKey(key, contact)).split('{contact}');
  return html`${before}${after.length ? html`<bdi part=contact>${contact!.trim()}</bdi>${after.join('{contact}')}` : nothing}`;
}

/** The message for `key` with the page's contact (`withContact`) in `<p part=…>`; `lang` marks a fallback language (`OzI18nController.mark`). */
export function renderMessage(
  t: Translate,
  key: MessageKey,
  contact?: string | null,
  lang?: string,
  part = 'message',
): TemplateResult {
  return html`<p part=${part} dir=auto lang=${lang ?? nothing}>${withContact(t, key, contact)}</p>`;
}

/** The numbered steps that go with `key`, as `<ol part="steps">`, or nothing when it has none. */
export function renderSteps(t: Translate, key: string, lang?: string): TemplateResult | typeof nothing {
  const stepsKey = stepsKeyFor(key);
  const steps = stepsKey ? splitSteps(t(stepsKey)) : [];
  return steps.length
    ? html`<ol part=steps dir=auto lang=${lang ?? nothing}>${steps.map((s) => html`<li>${s}</li>`)}</ol>`
    : nothing;
}
