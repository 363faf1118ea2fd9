/** A plain object read from outside (JSON, an event detail, a property): not `null`, not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
