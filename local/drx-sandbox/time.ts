// Millisecond arithmetic for generated dates; wire dates are ISO strings in UTC.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** ISO-8601 datetime (UTC) for an epoch-millisecond instant. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** YYYY-MM-DD (UTC) for an epoch-millisecond instant. */
export function dateOnly(ms: number): string {
  return isoAt(ms).slice(0, 10);
}
