/** Masking for values that must be shown but never revealed. */

/** `DRX0123…cdef` style hint: only the last 4 characters survive. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}

/** Removes every occurrence of the given secrets from a message before it is stored or logged. */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(maskSecret(s));
  return out;
}

/** A short, storable error text: secrets scrubbed and length capped. */
export function maskedErrorText(err: unknown, secrets: readonly string[] = [], max = 500): string {
  const raw = err instanceof Error ? err.message : String(err);
  return scrubSecrets(raw, secrets).slice(0, max);
}
