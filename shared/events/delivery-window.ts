/**
 * Which outbox ids the hub has already handled. Outbox ids come from a
 * sequence taken at insert time, but transactions commit in any order: id 10
 * can become visible after id 11. So the hub keeps a floor (every id at or
 * below it is settled) plus the ids above it it has already seen, and reads
 * `id > floor` each time. A hole below a seen id is either a transaction still
 * running or one that rolled back (or another topic's row we never see); it is
 * waited for `settleMs`, then given up, so the floor always moves on.
 */
export class DeliveryWindow {
  private low: bigint;
  private readonly seen = new Set<bigint>();
  private holeAt: bigint | null = null;
  private holeSince = 0;

  constructor(
    floor: string,
    private readonly settleMs: number,
  ) {
    this.low = BigInt(floor);
  }

  /** Every id at or below this has been handled (or given up on). */
  get floor(): string {
    return this.low.toString();
  }

  /** The largest id handled so far. */
  get head(): string {
    let max = this.low;
    for (const id of this.seen) if (id > max) max = id;
    return max.toString();
  }

  /** Marks `ids` (ascending, all > floor) as read; returns those not read before, then advances the floor. */
  accept(ids: readonly string[], nowMs: number): string[] {
    const fresh: string[] = [];
    for (const raw of ids) {
      const id = BigInt(raw);
      if (id <= this.low || this.seen.has(id)) continue;
      this.seen.add(id);
      fresh.push(raw);
    }
    this.advance(nowMs);
    return fresh;
  }

  private advance(nowMs: number): void {
    for (;;) {
      const next = this.low + 1n;
      if (this.seen.delete(next)) {
        this.low = next;
        continue;
      }
      if (this.seen.size === 0) {
        this.holeAt = null;
        return;
      }
      if (this.holeAt !== next) {
        this.holeAt = next;
        this.holeSince = nowMs;
        return;
      }
      if (nowMs - this.holeSince < this.settleMs) return;
      // Settled: jump the whole hole to just below the smallest seen id.
      let min: bigint | null = null;
      for (const id of this.seen) if (min === null || id < min) min = id;
      this.low = (min ?? next) - 1n;
      this.holeAt = null;
    }
  }
}
