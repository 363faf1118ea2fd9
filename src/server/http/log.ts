/**
 * What goes into the operator's log: secrets redacted from every line, and a thrown value described
 * with its cause chain. Answers to the browser use fixed texts and need no redaction.
 */

/** Where a request's log lines go; the handler prefixes each with the request id. */
export type Log = (message: string) => void;

/**
 * Replaces every known secret in `text` with `[redacted]`, in every form an echo can take: raw,
 * JSON-escaped (once or twice: a JSON body quoted in another), URL-encoded and form-encoded. Used on
 * log lines, which may quote an upstream error message. Redact before cutting a text short: a
 * secret split by the cut no longer matches.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "secrets" would shred ordinary words; real tokens and passwords are longer.
    if (!secret || secret.length < 4) continue;
    // Longest first, so that a form containing another is replaced whole.
    const forms = [...encodings(secret)].sort((a, b) => b.length - a.length);
    for (const form of forms) out = out.split(form).join('[redacted]');
  }
  return out;
}

function encodings(secret: string): Set<string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  return new Set([
    secret,
    json,
    JSON.stringify(json).slice(1, -1),
    url,
    url.replace(/%20/g, '+'),
    url.toLowerCase(),
    // encodeURIComponent leaves these as they are; stricter encoders (forms) escape them.
    url.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  ]);
}

/**
 * Control characters (and Unicode line separators) written as `\xNN` / `\uNNNN`, so text from Oz
 * can neither start a forged log line nor drive the operator's terminal.
 */
export function escapeControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters escaped
  return text.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
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
