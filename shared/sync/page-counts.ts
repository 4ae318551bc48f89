/** Splits a batch's write counts back into its pages, so progress still reports what each page did. */
import type { AnyPage } from './write-stream-page.js';

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * `written` maps each written row's external id to created (true) or updated
 * (false). A row on two pages of the batch was written once, from its last
 * occurrence (dedupeByKey), so it counts there and as unchanged on the earlier
 * page. One page gets `total` as is (doctors are never batched: their writes
 * report no ids).
 */
export function countsByPage(pages: readonly AnyPage[], total: PageCounts, written: ReadonlyMap<string, boolean>): PageCounts[] {
  if (pages.length === 1) return [total];
  const counted = new Set<string>();
  const result: PageCounts[] = [];
  for (let i = pages.length - 1; i >= 0; i--) {
    const rows = (pages[i] as AnyPage).rows;
    const c: PageCounts = { created: 0, updated: 0, unchanged: 0 };
    for (let r = rows.length - 1; r >= 0; r--) {
      const id = (rows[r] as { externalId: string }).externalId;
      const inserted = counted.has(id) ? undefined : written.get(id);
      counted.add(id);
      if (inserted === true) c.created++;
      else if (inserted === false) c.updated++;
      else c.unchanged++;
    }
    result[i] = c;
  }
  return result;
}
