// A token bucket: `ratePerSecond` tokens refill continuously, holding at most
// `capacity`. Time comes in as a parameter so tests can drive it.

/** A rate limiter that admits a burst of `capacity`, then `ratePerSecond`. */
export class TokenBucket {
  private tokens: number;
  private lastMs: number | undefined;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes one token if there is one at `nowMs`; false means "rate limited". */
  tryTake(nowMs: number): boolean {
    if (this.lastMs !== undefined) {
      const refill = ((nowMs - this.lastMs) / 1000) * this.ratePerSecond;
      this.tokens = Math.min(this.capacity, this.tokens + refill);
    }
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
