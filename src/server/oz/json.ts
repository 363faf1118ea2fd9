/**
 * Reading Oz's JSON answers without trusting them: anything may come back (HTML from a proxy, an
 * array, nothing), so every read says "not there" instead of throwing.
 */

/** `text` parsed, or `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A plain JSON object (not `null`, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string field of a JSON body, or `undefined` (not JSON, not an object, empty, not a string). */
export function stringField(text: string, key: string): string | undefined {
  const parsed = parseJson(text);
  const value = isRecord(parsed) ? parsed[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
