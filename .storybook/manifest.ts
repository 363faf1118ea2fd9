/// <reference types="vite/client" />
/**
 * Controls and docs come from custom-elements.json, which `npm run analyze` writes from the
 * elements' JSDoc. Nothing here restates the API: this module only reads the manifest, leaves out
 * what is not public, and turns the analyzer's TypeScript type texts into controls.
 */
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer, InputType, SBType } from 'storybook/internal/types';
import * as kit from '../src/index.js';

interface Item {
  name: string;
  kind?: string;
  description?: string;
  type?: { text?: string };
  default?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  fieldName?: string;
  parameters?: { name: string; type?: { text?: string }; optional?: boolean }[];
  return?: { type?: { text?: string } };
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  members?: Item[];
  attributes?: Item[];
  slots?: Item[];
}
interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: Declaration[] }[];
}

/** Storybook drops a slot without a name; the manifest's default slot is shown under this one. */
export const DEFAULT_SLOT = '(default)';

// import.meta.glob rather than an import: custom-elements.json is generated (and git-ignored), so a
// type check on a fresh clone must not need it. The scripts run `npm run analyze` first.
const found = Object.values(import.meta.glob<Manifest>('../custom-elements.json', { eager: true, import: 'default' }));
if (!found[0])
  throw new Error('custom-elements.json is missing: run `npm run analyze` (npm run storybook / build-storybook do).');

function prepare(raw: Manifest): Manifest {
  const manifest = structuredClone(raw);
  const classes = new Map(
    Object.entries(kit as Record<string, unknown>).filter(
      (e): e is [string, CustomElementConstructor] => typeof e[1] === 'function',
    ),
  );
  for (const d of manifest.modules.flatMap((m) => m.declarations ?? [])) {
    if (!d.customElement) continue;
    // The analyzer reads the tag from `@tagname` or a literal `customElements.define('x', X)`; the kit
    // defines its elements through a helper, so a class without `@tagname` arrives without a tag.
    // The registry knows it: ask the running code rather than write the name here.
    const ctor = classes.get(d.name);
    d.tagName ??= (ctor && customElements.getName(ctor)) || undefined;
    d.members = d.members?.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static);
    d.slots = d.slots?.map((s) => (s.name ? s : { ...s, name: DEFAULT_SLOT }));
  }
  return manifest;
}

export const manifest = prepare(found[0]);
setCustomElementsManifest(manifest);

/** The manifest's declaration of a tag. */
export function declarationOf(tagName: string | undefined): Declaration | undefined {
  return manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tagName);
}

const COLOR = /^(#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|oklch\()/i;

/** An analyzer type text (`'user' | 'environment' | undefined`) → the control's type. */
function controlType(text: string | undefined): SBType | undefined {
  const parts = (text ?? '')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'undefined' && p !== 'null');
  if (parts.length === 0) return undefined;
  if (parts.every((p) => /^'[^']*'$/.test(p))) return { name: 'enum', value: parts.map((p) => p.slice(1, -1)) };
  if (parts.length === 1 && (parts[0] === 'string' || parts[0] === 'number' || parts[0] === 'boolean'))
    return { name: parts[0] };
  if (parts.some((p) => /=>|Promise<|Blob\b/.test(p))) return { name: 'other', value: parts.join(' | ') };
  return { name: 'object', value: {} };
}

/**
 * Gives each manifest entry the control that fits it, keeping the manifest's own type text in the
 * docs table. Controls for what a person can set on the element: attributes, writable
 * properties without an attribute (objects), custom properties. Documentation only for the rest:
 * events, slots, parts, read-only members, and properties whose attribute carries the control.
 */
export const manifestControls: ArgTypesEnhancer = (context) => {
  const decl = declarationOf(typeof context.component === 'string' ? context.component : undefined);
  if (!decl) return context.argTypes;
  const members = new Map((decl.members ?? []).map((m) => [m.name, m]));
  const out: Record<string, InputType> = {};
  for (const [name, argType] of Object.entries(context.argTypes)) {
    const category = argType.table?.category;
    const summary = argType.table?.type?.summary;
    let type: SBType | undefined;
    let control: InputType['control'] = false;
    if (category === 'attributes') {
      const attr = decl.attributes?.find((a) => a.name === name);
      const member = members.get(attr?.fieldName ?? name);
      type = controlType(summary ?? member?.type?.text);
      if (!member?.readonly && type && type.name !== 'other') control = undefined; // inferred from `type`
    } else if (category === 'properties') {
      const member = members.get(name);
      type = controlType(summary);
      if (member && !member.readonly && !member.attribute && type && type.name !== 'other') control = undefined;
    } else if (category === 'css custom properties') {
      type = { name: 'string' };
      control = { type: COLOR.test(String(argType.table?.defaultValue?.summary ?? '')) ? 'color' : 'text' };
    }
    // An event's action arg: named after the DOM event, so the Actions panel says `oz-result`.
    const action: unknown = argType.action;
    const named = typeof action === 'object' && action && 'name' in action ? { action: String(action.name) } : {};
    out[name] = {
      ...argType,
      ...named,
      ...(type ? { type } : {}),
      ...(control === undefined ? {} : { control }),
    } as InputType;
  }
  // Storybook's table leaves methods out; the manifest has them, so they are listed too.
  for (const m of decl.members ?? []) {
    if (m.kind !== 'method' || out[m.name]) continue;
    const params = (m.parameters ?? [])
      .map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`)
      .join(', ');
    out[m.name] = {
      name: m.name,
      description: m.description,
      control: false,
      table: { category: 'methods', type: { summary: `(${params}) => ${m.return?.type?.text ?? 'void'}` } },
    };
  }
  return out as typeof context.argTypes;
};
