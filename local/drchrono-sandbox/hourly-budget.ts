// DrChrono's request limit (contract "Rate limit"): a fixed window per API
// application that resets on the hour, by the sandbox clock.
import { HOUR_MS } from './time.js';

/** Counts requests in the current clock hour. */
export class HourlyBudget {
  private window = Number.NaN;
  private used = 0;

  /** Spends one request; false (nothing spent) when `limit` is already used up this hour. */
  tryTake(nowMs: number, limit: number): boolean {
    this.roll(nowMs);
    if (this.used >= limit) return false;
    this.used += 1;
    return true;
  }

  /** Requests spent in the hour containing `nowMs`. */
  usedAt(nowMs: number): number {
    this.roll(nowMs);
    return this.used;
  }

  private roll(nowMs: number): void {
    const window = Math.floor(nowMs / HOUR_MS);
    if (window !== this.window) {
      this.window = window;
      this.used = 0;
    }
  }
}
