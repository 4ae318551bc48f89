/** The window advance of pages handled but not yet stored (they had nothing to write). */

export interface Advance {
  /** Next offset to fetch. */
  offset: number;
  /** Largest filter date among the pages so far; null when none had one. */
  max: Date | null;
}

/** Accumulates deferred advances; pages are handled in offset order, so the latest offset wins. */
export class WindowAdvance {
  private advance: Advance | null = null;
  private deferred = 0;

  /** How many pages are waiting to be stored. */
  get pages(): number {
    return this.deferred;
  }

  /** The advance to store with a page ending at `offset` whose largest date is `max`. */
  including(offset: number, max: Date | null): Advance {
    const prev = this.advance?.max ?? null;
    return { offset, max: prev === null || (max !== null && max > prev) ? max : prev };
  }

  /** Defers `advance` (from `including`), which covers `pages` more pages. */
  set(advance: Advance, pages: number): void {
    this.advance = advance;
    this.deferred += pages;
  }

  /** What is waiting, or null. */
  current(): Advance | null {
    return this.advance;
  }

  /** Called once the waiting advance is stored. */
  clear(): void {
    this.advance = null;
    this.deferred = 0;
  }
}
