// Records kept in (date, id) order so a date window is two binary searches
// and a page is a slice: a 100k-record store answers in O(log n + limit).

/** One indexed record and its sort key. */
export interface IndexedRow<T> {
  ms: number;
  id: number;
  record: T;
}

/** A date window over the index: how many match, and a way to slice a page. */
export interface DateWindow<T> {
  total: number;
  /** Index (in sorted order) of the first record in the window. */
  start: number;
  page(offset: number, limit: number): T[];
  /** The sort key of the window's first record, if any. */
  firstMs: number | undefined;
}

/** A list sorted by (ms asc, id asc), re-sorted lazily after mutations. */
export class SortedIndex<T> {
  private rows: IndexedRow<T>[] = [];
  private dirty = false;

  /** Adds a record; the order is restored on the next read. */
  add(ms: number, id: number, record: T): IndexedRow<T> {
    const row = { ms, id, record };
    this.rows.push(row);
    this.dirty = true;
    return row;
  }

  /** Moves a row to a new date; the order is restored on the next read. */
  rekey(row: IndexedRow<T>, ms: number): void {
    if (row.ms === ms) return;
    row.ms = ms;
    this.dirty = true;
  }

  /** Restores the order now, so the first request after a bulk load does not pay for it. */
  settle(): void {
    this.sorted();
  }

  /** Every record in order. */
  all(): T[] {
    return this.sorted().map((r) => r.record);
  }

  /** Records with afterMs < ms < beforeMs (either bound optional). */
  window(afterMs: number | undefined, beforeMs: number | undefined): DateWindow<T> {
    const rows = this.sorted();
    const start = afterMs === undefined ? 0 : firstIndexWhere(rows, (r) => r.ms > afterMs);
    const end = beforeMs === undefined ? rows.length : firstIndexWhere(rows, (r) => r.ms >= beforeMs);
    const total = Math.max(0, end - start);
    return {
      total,
      start,
      firstMs: total > 0 ? rows[start]?.ms : undefined,
      page: (offset, limit) =>
        rows.slice(Math.min(end, start + offset), Math.min(end, start + offset + limit)).map((r) => r.record),
    };
  }

  private sorted(): IndexedRow<T>[] {
    if (this.dirty) {
      this.rows.sort((a, b) => a.ms - b.ms || a.id - b.id);
      this.dirty = false;
    }
    return this.rows;
  }
}

// Binary search for the first row where a monotone predicate turns true.
function firstIndexWhere<T>(rows: readonly IndexedRow<T>[], pred: (row: IndexedRow<T>) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const row = rows[mid];
    if (row !== undefined && pred(row)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
