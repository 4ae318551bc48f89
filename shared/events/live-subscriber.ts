/** One subscriber of the hub: buffers live events until its replay is out, then passes them on without duplicates. */
import { matchesLiveFilter, type LiveEvent, type LiveFilter } from './live-event-reads.js';

/** Joins a subscriber's replay to the live stream with no gap and no duplicate at the seam. */
export class Subscriber {
  private buffer: LiveEvent[] | null = [];
  private readonly replayed = new Set<string>();

  constructor(
    private readonly onEvent: (e: LiveEvent) => void,
    private readonly filter: LiveFilter,
  ) {}

  /** Delivers the missed events, then whatever arrived live meanwhile that the replay did not hold. */
  replay(missed: readonly LiveEvent[]): void {
    for (const e of missed) {
      this.replayed.add(e.id);
      this.onEvent(e);
    }
    const buffered = this.buffer ?? [];
    this.buffer = null;
    for (const e of buffered) this.live(e);
  }

  /** Takes one live event; the hub never hands the same id twice, the replay set covers the seam. */
  live(e: LiveEvent): void {
    if (!matchesLiveFilter(e, this.filter)) return;
    if (this.buffer) {
      this.buffer.push(e);
      return;
    }
    if (this.replayed.delete(e.id)) return;
    this.onEvent(e);
  }
}
