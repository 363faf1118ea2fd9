/**
 * The converters and readers the option table (options.ts) is made of: each reads one raw value
 * (an attribute's string or a property's anything) and returns it validated, or throws a
 * `Problem` naming the attribute, which `buildConfig` turns into a `ConfigProblem`.
 */
import type { PropertyDeclaration } from 'lit';
import { isRecord } from './is-record.js';

/** The longest delay a browser timer holds (2^31−1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Actions documented by Oz. */
export const OZ_ACTIONS = [
  'photo_id_front',
  'photo_id_back',
  'video_selfie_left',
  'video_selfie_right',
  'video_selfie_down',
  'video_selfie_high',
  'video_selfie_smile',
  'video_selfie_eyes',
  'video_selfie_scan',
  'video_selfie_blank',
  'video_selfie_best',
] as const;
export type OzAction = (typeof OZ_ACTIONS)[number];

export const DEFAULT_ACTIONS: readonly OzAction[] = ['video_selfie_blank'];

export interface ReadContext {
  base: string;
  forStart: boolean;
}

export class Problem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
export const fail = (field: string, message: string): never => {
  throw new Problem(field, message);
};
export const unset = (v: unknown) => v === undefined || v === null || v === '';

export type Converter = NonNullable<Exclude<PropertyDeclaration['converter'], (...a: never[]) => unknown>>;

/** Attribute converters: string ⇄ value. `fromAttribute` keeps what it can't parse as the raw string, for validation to name. */
export const actionsConverter = {
  fromAttribute: (value: string | null): string[] | undefined =>
    value === null ? undefined : value.split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: unknown): string | null =>
    Array.isArray(value) ? value.join(' ') : value == null ? null : String(value),
};
export const jsonConverter = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      return value; // validation reports it, naming the attribute
    }
  },
  toAttribute: (value: unknown): string | null =>
    value == null ? null : typeof value === 'string' ? value : JSON.stringify(value),
};
export const numberConverter = {
  fromAttribute: (value: string | null): unknown => {
    if (value === null) return undefined;
    const t = value.trim();
    return t !== '' && Number.isFinite(Number(t)) ? Number(t) : value;
  },
  toAttribute: (value: unknown): string | null => (value == null ? null : String(value)),
};
/** Milliseconds, or (for the promise timeout) a keyed JSON object. */
export const msOrJsonConverter = {
  fromAttribute: (value: string | null): unknown =>
    value !== null && value.trim().startsWith('{')
      ? jsonConverter.fromAttribute(value)
      : numberConverter.fromAttribute(value),
  toAttribute: jsonConverter.toAttribute,
};

export function url(
  value: unknown,
  field: string,
  { base, forStart }: ReadContext,
  required: boolean,
): string | undefined {
  if (unset(value)) return required && forStart ? fail(field, `${field} is required.`) : undefined;
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' ? new URL(value, base) : undefined;
  } catch {
    // reported below
  }
  if (!parsed) return fail(field, `${field} is not a valid URL: "${String(value)}".`);
  if (!/^https?:$/.test(parsed.protocol)) fail(field, `${field} must be an http(s) URL, not "${parsed.protocol}".`);
  return parsed.href;
}
export const required = (value: unknown, field: string, ctx: ReadContext) => url(value, field, ctx, true);
export const optionalUrl = (value: unknown, field: string, ctx: ReadContext) => url(value, field, ctx, false);

/** Whole milliseconds from `min` to what a timer can hold. */
export function ms(value: unknown, field: string, min = 0): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_TIMER_MS) {
    fail(
      field,
      `${field} must be a whole number of milliseconds ≥ ${min} and ≤ ${MAX_TIMER_MS}, got "${String(value)}".`,
    );
  }
  return value as number;
}

export function stringRecord(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) fail(field, `${field} must be a JSON object of strings, e.g. {"transaction_id":"42"}.`);
  for (const [k, v] of Object.entries(value as object)) {
    if (typeof v !== 'string') fail(field, `${field}: the value of "${k}" must be a string, got ${JSON.stringify(v)}.`);
  }
  return { ...(value as Record<string, string>) };
}

export const flag =
  (key: string, on: unknown = true) =>
  (open: Record<string, unknown>, value: boolean) => {
    if (value) open[key] = on;
  };
export const bool = (value: unknown) => value === true || value === '' || value === 'true';
export const set = (key: string) => (open: Record<string, unknown>, value: unknown) => {
  if (value !== undefined) open[key] = value;
};

/** The headers the kit sets itself on every upload, in any letter case: a page's `headers` never replace them. */
export const KIT_HEADERS = /^(content-type|idempotency-key)$/i;
/** `open()` keys the element owns: the callbacks, and what the attributes and the token give. */
const OWNED_OPEN_KEYS = /^(on_[a-z_]+|session_token|action|meta|lang)$/;

export function readActions(value: unknown, field: string): OzAction[] {
  if (value === undefined || value === null) return [...DEFAULT_ACTIONS];
  const list = typeof value === 'string' ? actionsConverter.fromAttribute(value)! : value;
  if (!Array.isArray(list) || list.length === 0)
    fail(field, `actions must list at least one of: ${OZ_ACTIONS.join(', ')}.`);
  for (const a of list as unknown[]) {
    if (!(OZ_ACTIONS as readonly unknown[]).includes(a))
      fail(field, `actions: unknown action "${String(a)}"; allowed: ${OZ_ACTIONS.join(', ')}.`);
  }
  return list as OzAction[];
}

/**
 * Milliseconds, or an object keyed `platform_browser`, `browser`, `platform`, `default` (first match
 * wins, in the plugin). Always the object, the only form Oz documents: milliseconds become `default`.
 */
export function readPromiseTimeout(value: unknown, field: string): Record<string, number> | undefined {
  if (!isRecord(value)) {
    const n = ms(value, field);
    return n === undefined ? n : { default: n };
  }
  const keys = ['platform_browser', 'browser', 'platform', 'default'];
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!keys.includes(k)) fail(field, `${field}: unknown key "${k}"; allowed keys: ${keys.join(', ')}.`);
    out[k] = ms(v, field)!;
  }
  return out;
}

/** Header names and single-line values; never the kit's own headers, whatever their letter case. */
export function readHeaders(value: unknown, field: string): Record<string, string> {
  const headers = stringRecord(value, field);
  for (const [name, v] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) fail(field, `headers: "${name}" is not a valid header name.`);
    if (KIT_HEADERS.test(name)) fail(field, `headers: "${name}" is set by the kit and cannot be replaced.`);
    if (/[\r\n\0]/.test(v)) fail(field, `headers: the value of "${name}" contains a line break.`);
  }
  return headers;
}

/** Plain data only (it is cloned into `oz-open`), and nothing the element sets itself. */
export function readOpenOptions(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) fail(field, 'openOptions must be an object of extra OzLiveness.open() options.');
  const options = value as Record<string, unknown>;
  if ('token' in options)
    fail(field, 'openOptions must not carry "token": the Oz access token belongs on the server, never in the browser.');
  const owned = Object.keys(options).find((k) => OWNED_OPEN_KEYS.test(k));
  if (owned) fail(field, `openOptions cannot set "${owned}": the element sets it (use the attribute).`);
  try {
    return structuredClone(options);
  } catch {
    return fail(
      field,
      'openOptions must be plain data (no functions or DOM nodes): it is copied into the oz-open event.',
    );
  }
}

/** One level of merge for the nested option groups, so extra keys don't drop the mapped ones. */
export function mergeOpenOptions(open: Record<string, unknown>, extra: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(extra ?? {}))
    open[k] = isRecord(v) && isRecord(open[k]) ? { ...(open[k] as object), ...v } : v;
}
