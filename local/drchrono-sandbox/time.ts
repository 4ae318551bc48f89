// Wire timestamps: ISO-8601 UTC to the second (DrChrono sends no
// milliseconds), and the day-granular dates `since` compares by.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** ISO-8601 UTC to the second, e.g. 2024-05-01T09:30:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** YYYY-MM-DD (UTC) of an instant. */
export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The YYYY-MM-DD part of a wire timestamp or date. */
export function dayOf(wire: string): string {
  return wire.slice(0, 10);
}
