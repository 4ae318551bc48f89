/**
 * Text PostgreSQL will not store, though JavaScript strings and JSON.parse accept it:
 * `text` refuses the NUL character, and `jsonb` refuses the escape \u0000 and
 * UTF-16 surrogate escapes that are not a high-low pair. A signed delivery
 * holding either must still be stored (nothing is lost), so callers check first.
 */

/** `text` with each NUL replaced by U+FFFD (the replacement character), so a `text` column takes it. */
export function storableText(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

// Every backslash escape in JSON text: a \uXXXX with its code, or a two-character escape (so "\\u0000" is no escape).
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|[^u])/g;
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when PostgreSQL's jsonb accepts this (valid) JSON text; false when it holds \u0000 or an unpaired surrogate escape. */
export function jsonbAccepts(jsonText: string): boolean {
  if (!jsonText.includes('\\u')) return true;
  let pendingHighEnd = -1; // where a high surrogate escape ended; its low half must start exactly there
  for (const m of jsonText.matchAll(ESCAPE)) {
    const code = m[1] === undefined ? -1 : Number.parseInt(m[1], 16);
    const start = m.index;
    if (pendingHighEnd >= 0) {
      if (start !== pendingHighEnd || !isLow(code)) return false;
      pendingHighEnd = -1;
      continue;
    }
    if (code === 0 || isLow(code)) return false;
    if (isHigh(code)) pendingHighEnd = start + m[0].length;
  }
  return pendingHighEnd < 0;
}
