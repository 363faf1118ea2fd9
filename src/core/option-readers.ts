/**
 * The converters and readers the option table (options.ts) is made of: each reads one raw value
 * (an attribute's string or a property's anything) and returns it validated, or throws a
 * `Problem` naming the attribute, which `buildConfig` turns into a `ConfigProblem`.
 */
import type { PropertyDeclaration } from 'lit';

/** The longest delay a browser timer holds (2^31−1 ms); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface ReadContext {
  base: string;
  forStart: boolean;
}

export class Problem extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}
export const fail = (field: string, message: string): never => {
  throw new Problem(field, message);
};
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const unset = (v: unknown) => v === undefined || v === null || v === '';

export type Converter = NonNullable<Exclude<PropertyDeclaration['converter'], (...a: never[]) => unknown>>;

/** Attribute converters: string ⇄ value. `fromAttribute` keeps what it can't parse as the raw string, for validation to name. */
export const actionsConverter = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : value.split(/[\s,]+/).filter(Boolean)),
  toAttribute: (value: unknown): string | null => (Array.isArray(value) ? value.join(' ') : value == null ? null : String(value)),
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
  toAttribute: (value: unknown): string | null => (value == null ? null : typeof value === 'string' ? value : JSON.stringify(value)),
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
    value !== null && value.trim().startsWith('{') ? jsonConverter.fromAttribute(value) : numberConverter.fromAttribute(value),
  toAttribute: jsonConverter.toAttribute,
};

export function url(value: unknown, field: string, { base, forStart }: ReadContext, required: boolean): string | undefined {
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
    fail(field, `${field} must be a whole number of milliseconds ≥ ${min} and ≤ ${MAX_TIMER_MS}, got "${String(value)}".`);
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

export const flag = (key: string, on: unknown = true) => (open: Record<string, unknown>, value: boolean) => {
  if (value) open[key] = on;
};
export const bool = (value: unknown) => value === true || value === '' || value === 'true';
export const set = (key: string) => (open: Record<string, unknown>, value: unknown) => {
  if (value !== undefined) open[key] = value;
};

