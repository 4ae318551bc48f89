/** When a failed inbound delivery is tried again, and when it is given up (dead-lettered). */

/** Waits after the 1st, 2nd, … failure: 1 m, 5 m, 15 m, 1 h, 6 h — about 7 h 21 m in all, then dead-letter. */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 300_000, 900_000, 3_600_000, 21_600_000];

/** The next attempt time after `attempts` failures so far, or null when the item should be dead-lettered. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
