/**
 * Small helpers shared by the server routes: JSON answers, the error shape, and redaction of
 * secrets from anything that leaves the process. Web-standard only (no `node:` imports): the
 * handler runs on edge runtimes too.
 */

/** Every answer is per-capture and some carry a session token: nothing may be cached. */
export function json(status: number, body: unknown, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set('Content-Type', 'application/json; charset=utf-8');
  h.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** The kit's own error shape: `{ error: '…' }`. Messages are fixed texts, never upstream text. */
export function errorResponse(status: number, message: string, headers?: HeadersInit): Response {
  return json(status, { error: message }, headers);
}

/**
 * Replaces every known secret in `text` with `[redacted]`. Used on log lines, which may quote an
 * upstream error message; answers to the browser use fixed texts and need no redaction.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary words; real tokens and passwords are longer.
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** A one-line description of a thrown value, including its `cause` chain (undici hides the why there). */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${current.name}: ${current.message}${typeof code === 'string' ? ` (${code})` : ''}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' ← ');
}

/** A non-empty string field of a JSON body, or `undefined` (not JSON, not an object, empty, not a string). */
export function stringField(text: string, key: string): string | undefined {
  let value: unknown;
  try {
    value = (JSON.parse(text) as Record<string, unknown> | null)?.[key];
  } catch {
    return undefined;
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}
